// An agency's page: its years side by side.
#include "model/categories.h"
#include "publish/report_tables.h"
#include "publish/site/indicator_panels.h"
#include "publish/site/pages.h"
#include "publish/site/review_marks.h"
#include "publish/site/site_html.h"
#include "validate/findings.h"

#include <fmt/format.h>

#include <map>
#include <set>
#include <unordered_map>

namespace xxgk::site {

namespace {

int count_severity(const Report& r, std::string_view severity) {
  int n = 0;
  for (const auto& f : r.findings) n += f.severity == severity;
  return n;
}

// The worst severity of the findings that read a cell, or "".
std::string cell_hit(const Report& r, const Figure& fig) {
  std::string worst;
  auto rank = [](const std::string& s) { return s == "error" ? 3 : s == "warning" ? 2 : s == "info" ? 1 : 0; };
  for (const auto& f : r.findings)
    for (const auto& c : finding_cells(f))
      if (c.table == fig.table && (c.row.empty() || c.row == fig.row) && (c.col.empty() || c.col == fig.col) && rank(f.severity) > rank(worst))
        worst = f.severity;
  return worst;
}

}  // namespace

std::string render_agency_page(const AgencyPage& p) {
  const std::string self = agency_path(agency_page_key(p.key));
  std::string out = page_head(self, p.name, "agency");
  if (p.region) out += breadcrumbs(self, region_crumbs(p.region->code, p.region->names));
  out += fmt::format("<p class=\"note\">{} 个年度的报告{}</p>\n", p.years.size(),
                     p.earlier_revisions ? fmt::format("，另有 {} 个旧版本（见各报告页）", p.earlier_revisions) : "");

  // The years side by side.
  out += "<h2>逐年概况 years side by side</h2>\n<table class=\"data years\"><thead><tr><th></th>";
  for (const auto& y : p.years) out += fmt::format("<th class=\"n\" data-year=\"{}\">{}</th>", y.meta.year.value_or(0), y.meta.year.value_or(0));
  out += "</tr></thead><tbody>\n<tr><th>报告 report</th>";
  for (const auto& y : p.years)
    out += fmt::format("<td><a href=\"{}\">{}</a></td>", rel(self, report_path(y.meta.id)), badge(y.meta.status));
  out += "</tr>\n<tr><th>问题 errors / warnings</th>";
  for (const auto& y : p.years)
    out += fmt::format("<td class=\"n\">{} / {}</td>", count_severity(*y.report, "error"), count_severity(*y.report, "warning"));
  out += "</tr>\n<tr class=\"open-findings\"><th title=\"不符的问题，不计经复核排除的 failing findings, those dismissed on review not counted\">"
         "未结问题 open findings <small class=\"note\">不计已排除 dismissed not counted</small></th>";
  for (const auto& y : p.years) {
    long open = 0, dismissed = 0;
    for (const auto& rv : y.reviews)
      if (reviewable(rv)) ++(rv.verdict == "dismissed" ? dismissed : open);
    out += fmt::format("<td class=\"n\">{}{}</td>", open, dismissed ? fmt::format(" <small class=\"note dismissed\">（已排除 {}）</small>", dismissed) : "");
  }
  out += "</tr>\n";
  for (size_t k = 0; k < key_figures().size(); ++k) {
    const auto& kf = key_figures()[k];
    out += fmt::format("<tr data-key=\"{}\"><th>{} {}</th>", kf.id, kf.zh, kf.en);
    for (const auto& y : p.years) out += fmt::format("<td class=\"n\">{}</td>", number(key_value(*y.report, kf)));
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";

  out += "<div class=\"panel sparks\">";
  for (const auto& kf : key_figures()) {
    std::vector<std::pair<int, std::optional<double>>> by_year;
    for (const auto& y : p.years) by_year.emplace_back(y.meta.year.value_or(0), key_value(*y.report, kf));
    out += fmt::format("<figure><figcaption>{}</figcaption>{}</figure>", kf.zh, sparkbars_svg(by_year, std::string(kf.en)));
  }
  out += "</div>\n";

  {
    std::vector<AgencyIndicatorYear> years;
    for (const auto& y : p.years) years.push_back({y.meta.year.value_or(0), y.report, y.ranks.empty() ? nullptr : y.ranks.data()});
    // The region whose ranking the ranks are of (ranking_region): its page and name.
    std::string ranked_page, ranked_name;
    if (p.region) {
      const std::string code = ranking_region(p.region->code, p.region->role);
      for (const auto& c : region_crumbs(p.region->code, p.region->names))
        if (c.code == code) ranked_page = region_path(code), ranked_name = c.name;
      if (code.empty()) ranked_page = "index.html", ranked_name = "全部报告 every report";
    }
    out += agency_indicators(years, self, ranked_page, ranked_name);
  }

  // Findings across the years.
  out += "<h2>跨年度问题 cross-year findings</h2>\n";
  std::string cross;
  ReviewMarks marks(self);
  for (const auto& y : p.years)
    for (size_t k = 0; k < y.report->findings.size(); ++k) {
      const Finding& f = y.report->findings[k];
      if (f.rule.rfind("cross_year.", 0) != 0) continue;
      const FindingReview* rv = k < y.reviews.size() && y.reviews.size() == y.report->findings.size() ? &y.reviews[k] : nullptr;
      cross += fmt::format("<li class=\"{}\" data-rule=\"{}\" data-year=\"{}\"{}><b>{}</b> <span class=\"rule\">{}</span> {}{}</li>\n",
                           html_escape(f.severity), html_escape(f.rule), y.meta.year.value_or(0),
                           rv ? marks.attributes(*rv, f.rule, y.meta.review_agency, y.meta.year, p.name) : "", y.meta.year.value_or(0),
                           html_escape(f.rule), html_escape(f.message_zh), rv ? ReviewMarks::stored_verdict(*rv) : "");
    }
  out += cross.empty() ? "<p class=\"note\">无 none: 相邻年度的结转与现行有效件数衔接一致，或只有一个年度。</p>\n"
                       : "<ol class=\"findings cross-year\">\n" + cross + "</ol>\n";

  // Every figure, year by year, the cells of failing rules marked.
  std::set<std::tuple<int, int, int, std::string, std::string, std::string>> cells;
  std::vector<std::unordered_map<std::string, const Figure*>> at(p.years.size());  // per year, by table/row/col
  for (size_t i = 0; i < p.years.size(); ++i)
    for (const auto& f : p.years[i].report->figures) at[i].emplace(f.table + '\x1f' + f.row + '\x1f' + f.col, &f);
  for (size_t i = 0; i < p.years.size(); ++i)
    for (const auto& f : p.years[i].report->figures) {
      bool seen = false;  // ranked once per cell, not once per year
      for (size_t j = 0; j < i && !seen; ++j) seen = at[j].count(f.table + '\x1f' + f.row + '\x1f' + f.col) > 0;
      if (!seen)
        cells.emplace(table_rank(f.table), category_rank(f.table, "row", f.row), category_rank(f.table, "col", f.col), f.table, f.row, f.col);
    }
  out += "<details class=\"all-figures\"><summary>全部数字逐年对照 every figure by year</summary>\n"
         "<table class=\"data grid-years\"><thead><tr><th>表 table</th><th>单元格 cell</th>";
  for (const auto& y : p.years) out += fmt::format("<th class=\"n\">{}</th>", y.meta.year.value_or(0));
  out += "</tr></thead><tbody>\n";
  for (const auto& [tr, rr, cr, table, row, col] : cells) {
    out += fmt::format("<tr data-cell=\"{}.{}.{}\"><td>{}</td><td>{} · {}</td>", table, row, col, html_escape(table_name_zh(table)),
                       html_escape(label_zh(table, "row", row)), html_escape(label_zh(table, "col", col)));
    for (size_t i = 0; i < p.years.size(); ++i) {
      const auto& y = p.years[i];
      const auto found = at[i].find(table + '\x1f' + row + '\x1f' + col);
      const Figure* f = found == at[i].end() ? nullptr : found->second;
      if (!f) {
        out += "<td class=\"n na\"></td>";
        continue;
      }
      const std::string hit = cell_hit(*y.report, *f);
      out += fmt::format("<td class=\"n{}\">{}</td>", hit.empty() ? "" : " hit " + hit, html_escape(f->raw));
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></details>\n";
  return out + marks.block() + page_tail(self);
}

}  // namespace xxgk::site
