#include "publish/site/review_marks.h"

#include "publish/report_tables.h"
#include "publish/site/site_html.h"

#include <fmt/format.h>

namespace xxgk::site {

bool reviewable(const FindingReview& r) { return r.status == "fail" && !r.key.empty(); }

namespace {

std::string_view verdict_zh(std::string_view v) {
  for (const auto& l : kVerdictLabels)
    if (l.verdict == v) return l.zh;
  return v;
}

}  // namespace

std::string ReviewMarks::attributes(const FindingReview& r, const std::string& rule, const std::optional<std::string>& agency_id,
                                    std::optional<int> year, const std::string& agency) {
  if (!reviewable(r)) return {};
  // [rule, figures, agency_id, year, agency]: the TSV's columns the markup does not carry.
  findings_[r.key] = {rule, r.figures, agency_id.value_or(""), year ? nlohmann::json(*year) : nlohmann::json(nullptr), agency};
  return fmt::format(" data-key=\"{}\" data-verdict=\"{}\"", html_escape(r.key), html_escape(r.verdict));
}

std::string ReviewMarks::stored_verdict(const FindingReview& r) {
  if (!reviewable(r) || !r.reviewed_verdict) return {};
  const std::string who = fmt::format("{} · {}", html_escape(r.reviewer.value_or("")), html_escape(r.reviewed_at.value_or("")));
  const std::string note = r.note && !r.note->empty() ? " · " + html_escape(*r.note) : "";
  if (r.verdict == "changed")
    return fmt::format(" <span class=\"rv-store changed\">复核后数字有变，需重看 changed since reviewed (曾 was {} {}: {}{})</span>",
                       verdict_zh(*r.reviewed_verdict), *r.reviewed_verdict, who, note);
  return fmt::format(" <span class=\"rv-store {0}\">已复核 reviewed: {1} {0} · {2}{3}</span>", html_escape(r.verdict), verdict_zh(r.verdict), who,
                     note);
}

std::string ReviewMarks::block() const {
  if (findings_.empty()) return {};
  nlohmann::json data = {{"root", rel(self_, "")}, {"page", self_}, {"f", findings_}};
  std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // A note or a printed cell holding "</script>" must not end the block.
  for (size_t at = 0; (at = text.find("</", at)) != std::string::npos; at += 3) text.replace(at, 2, "<\\/");
  return fmt::format("<script type=\"application/json\" id=\"review-data\">{}</script>\n<script src=\"{}\"></script>\n", text,
                     rel(self_, "assets/review.js"));
}

std::string reviews_page() {
  const std::string self = "reviews.html";
  return page_head(self, "复核标记 review marks", "reviews") +
         "<p>在报告页和机关页上，每个问题旁的“复核 review”可记下结论：确认有误 confirmed、排除 dismissed（不再计入未结问题）、"
         "待查 open，并附说明。标记只保存在本浏览器中（localStorage），不上传任何地方。下载的 TSV 与 <code>xxgk review export</code> "
         "的格式相同，用 <code>xxgk review --db FILE import xxgk-reviews.tsv</code> 导入审计数据库；重新生成网站后，结论显示在各问题旁，"
         "未结问题数不再计入已排除的问题。</p>\n"
         "<p class=\"note\">On the report and agency pages, each finding's “复核 review” records a verdict (confirmed, dismissed, open) "
         "with a note, kept in this browser only. The download is the TSV <code>xxgk review export</code> writes; import it with "
         "<code>xxgk review --db FILE import xxgk-reviews.tsv</code>, then rebuild the site.</p>\n"
         "<script src=\"assets/review.js\"></script>\n" + page_tail(self);
}

}  // namespace xxgk::site
