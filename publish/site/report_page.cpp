// The page of one stored document (a current report or an earlier revision).
#include "model/categories.h"
#include "publish/report_tables.h"
#include "publish/site/pages.h"
#include "publish/site/review_marks.h"
#include "publish/site/site_html.h"
#include "validate/findings.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <tuple>

namespace xxgk::site {

namespace {

constexpr std::pair<std::string_view, std::string_view> kSectionTitles[] = {
    {"overview", "一、总体情况"},
    {"proactive", "二、主动公开政府信息情况"},
    {"requests", "三、收到和处理政府信息公开申请情况"},
    {"review_litigation", "四、政府信息公开行政复议、行政诉讼情况"},
    {"problems", "五、存在的主要问题及改进情况"},
    {"other", "六、其他需要报告的事项"},
};

// Chinese names of the stored document's columns shown under "where it came from"; a column
// without one (a later schema's) is shown under its own name.
constexpr std::pair<std::string_view, std::string_view> kProvenanceLabels[] = {
    {"path", "文件 file"},          {"format", "格式 format"},          {"size", "字节 bytes"},
    {"pages", "页数 pages"},        {"sha256", "SHA-256"},             {"processed_at", "入库时间 stored"},
    {"url", "文件地址 URL"},        {"page_url", "发布页面 page"},      {"published", "发布日期 published"},
    {"fetched_at", "下载时间 fetched"}, {"error_code", "错误 error"}, {"error_message", "说明 message"},
};

std::string label_of(const std::string& column) {
  for (const auto& [k, v] : kProvenanceLabels)
    if (k == column) return std::string(v);
  return column;
}

std::string cell_label(const FigureChange& c) {
  return label_zh(c.table, "row", c.row) + " · " + label_zh(c.table, "col", c.col);
}

}  // namespace

std::vector<FigureChange> figure_changes(const Report& before, const Report& after) {
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<const Figure*, const Figure*>> cells;
  for (const auto& f : before.figures) cells[{f.table, f.row, f.col}].first = &f;
  for (const auto& f : after.figures) cells[{f.table, f.row, f.col}].second = &f;
  std::vector<FigureChange> out;
  for (const auto& [k, v] : cells) {
    const auto& [a, b] = v;
    if (a && b && a->raw == b->raw) continue;
    out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), a ? a->raw : "", b ? b->raw : "", a != nullptr, b != nullptr});
  }
  std::stable_sort(out.begin(), out.end(), [](const FigureChange& x, const FigureChange& y) {
    auto key = [](const FigureChange& c) {
      return std::tuple(table_rank(c.table), category_rank(c.table, "row", c.row), category_rank(c.table, "col", c.col));
    };
    return key(x) < key(y);
  });
  return out;
}

std::string render_report_page(const ReportPage& p) {
  const Report& r = *p.report;
  const std::string self = report_path(p.meta.id);
  const std::string title = r.report.title.value_or(r.source.path);
  std::string out = page_head(self, title, "report");
  ReviewMarks marks(self);
  if (p.meta.region) out += breadcrumbs(self, region_crumbs(p.meta.region->code, p.meta.region->names));
  out += fmt::format("<p class=\"verdict\" data-status=\"{}\">{}", html_escape(p.meta.status), badge(p.meta.status));
  if (!p.meta.is_current) out += " <span class=\"badge superseded\">已被新版本取代 superseded</span>";
  if (p.meta.agency_key)
    out += fmt::format(" <a class=\"agency-link\" href=\"{}\">{} 的全部年度 ▸</a>", rel(self, agency_path(agency_page_key(*p.meta.agency_key))),
                       html_escape(r.report.agency.value_or("")));
  out += "</p>\n<dl class=\"meta\">";
  auto item = [&](std::string_view k, const std::string& v) { out += fmt::format("<dt>{}</dt><dd>{}</dd>", k, html_escape(v)); };
  std::string agency = r.report.agency.value_or("—");
  // Read from around the report (a page's meta, its <title>, the link that led to it): said so.
  if (r.report.agency_source) agency += fmt::format("（取自 from {}）", *r.report.agency_source);
  item("机关 agency", agency);
  item("年度 year", r.report.year ? std::to_string(*r.report.year) : "—");
  if (p.meta.region) item("地区 region", fmt::format("{} ({}, {})", fmt::join(p.meta.region->names, " "), p.meta.region->code,
                                                   p.meta.region->role == "government" ? "政府 government" : "部门 department"));
  item("模板 template", r.report.template_version);
  item("版本 revision", fmt::format("{}{}", p.meta.revision, p.meta.is_current ? "" : "（已被取代）"));
  out += "</dl>\n";
  if (r.error) out += fmt::format("<p class=\"error\"><b>{}</b>: {}</p>\n", html_escape(r.error->code), html_escape(r.error->message));

  if (r.status != "failed") {
    std::vector<int> numbers(r.findings.size());
    for (size_t k = 0; k < numbers.size(); ++k) numbers[k] = static_cast<int>(k + 1);
    // Each failing finding of a current report carries its key, for the review control (review.js);
    // the verdict the store holds is shown on every revision's page.
    FindingExtras extras;
    if (p.reviews.size() == r.findings.size())
      for (size_t k = 0; k < r.findings.size(); ++k) {
        extras.attributes.push_back(p.meta.is_current ? marks.attributes(p.reviews[k], r.findings[k].rule, p.meta.review_agency,
                                                                         p.meta.year, r.report.agency.value_or(title))
                                                      : std::string());
        extras.after.push_back(ReviewMarks::stored_verdict(p.reviews[k]));
      }
    auto extra = [&](const std::vector<std::string>& v, size_t k) { return k < v.size() ? v[k] : std::string(); };
    std::string level;
    for (size_t k = 0; k < r.findings.size(); ++k)
      if (finding_cells(r.findings[k]).empty()) {
        const Finding& f = r.findings[k];
        level += fmt::format("<li value=\"{}\" class=\"{}\" data-rule=\"{}\"{}><span class=\"rule\">{}</span> {}{}</li>\n", numbers[k],
                             html_escape(f.severity), html_escape(f.rule), extra(extras.attributes, k), html_escape(f.rule),
                             html_escape(f.message_zh), extra(extras.after, k));
      }
    out += fmt::format("<h2>问题 findings <small class=\"note\">{} 项{}</small></h2>\n", r.findings.size(),
                       p.meta.is_current || r.findings.empty() ? "" : "；复核请在现行版本的页面上进行 review them on the current revision's page");
    if (!level.empty()) out += "<ol class=\"findings report-level\">\n" + level + "</ol>\n";
    std::ostringstream tables;
    for (const auto& [table, heading] : kTableHeadings) write_report_table(tables, r, table, heading, numbers, "zh", &extras);
    out += "<section class=\"tables\">\n" + tables.str() + "</section>\n";
    out += "<h2>正文 sections</h2>\n<section class=\"sections\">\n";
    for (const auto& [key, heading] : kSectionTitles) {
      const std::string* text = r.section(key);
      out += fmt::format("<h3 data-section=\"{}\">{}</h3>\n", key, heading);
      if (!text) {
        out += "<p class=\"note\">（报告中没有这一部分 part missing）</p>\n";
        continue;
      }
      size_t at = 0;
      while (at <= text->size()) {
        const size_t nl = std::min(text->find('\n', at), text->size());
        if (nl > at) out += "<p>" + html_escape(std::string_view(*text).substr(at, nl - at)) + "</p>\n";
        at = nl + 1;
      }
    }
    out += "</section>\n";
  }

  out += "<h2>来源 where it came from</h2>\n<dl class=\"meta provenance\">";
  for (const auto& [k, v] : p.provenance) item(label_of(k), v);
  out += "</dl>\n";

  if (p.history.size() > 1) {
    out += "<h2>版本 revisions</h2>\n<ol class=\"revisions\">\n";
    for (const auto& h : p.history) {
      const bool self_entry = h.meta.id == p.meta.id;
      out += fmt::format("<li value=\"{}\" data-id=\"{}\">{}{} · {} · {} {}", h.meta.revision, h.meta.id,
                         self_entry ? "<b>" : fmt::format("<a href=\"{}\">", rel(self, report_path(h.meta.id))), html_escape(h.path),
                         self_entry ? "</b>" : "</a>", html_escape(h.meta.processed_at), badge(h.meta.status),
                         h.meta.is_current ? "<span class=\"note\">现行 current</span>" : "");
      if (!h.changes.empty()) {
        out += "<table class=\"data changes\"><thead><tr><th>单元格 cell</th><th>上一版 before</th><th>本版 after</th></tr></thead><tbody>";
        for (const auto& c : h.changes)
          out += fmt::format("<tr data-cell=\"{}.{}.{}\"><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>", c.table, c.row,
                             c.col, html_escape(cell_label(c)), c.before_present ? html_escape(c.before) : "（无）",
                             c.after_present ? html_escape(c.after) : "（无）");
        out += "</tbody></table>";
      } else if (h.meta.revision > 1) {
        out += " <span class=\"note\">数字未变 figures unchanged</span>";
      }
      out += "</li>\n";
    }
    out += "</ol>\n";
  }
  return out + marks.block() + page_tail(self);
}

}  // namespace xxgk::site
