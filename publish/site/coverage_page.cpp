#include "publish/site/coverage_page.h"

#include "publish/site/site_html.h"
#include "publish/report_tables.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <map>

namespace xxgk::site {
namespace {

struct StateLabel {
  std::string_view state, zh;
};
constexpr StateLabel kStates[] = {
    {"missing", "未发布"}, {"failed", "未能读取"}, {"partial", "部分读出"}, {"late", "逾期发布"}, {"ok", "已发布"}};

bool within(const CoverageRow& r, const std::string& region_code) {
  return region_code.empty() || r.region_code.compare(0, region_code.size(), region_code) == 0;
}

std::string anchor(int year, const std::string& region_code) {
  return fmt::format("y{}-{}", year, region_code.empty() ? "_" : region_code);
}

}  // namespace

std::string roster_panel(const RosterCoverage& roster, const std::string& self, const std::string& region_code) {
  std::string out = fmt::format(
      "<section class=\"panel\" id=\"roster-coverage\"><h2>名册覆盖 roster coverage <small class=\"note\">名册 {} 中的机关</small></h2>"
      "<table class=\"data roster\"><thead><tr><th>年度 year</th><th class=\"n\">机关 agencies</th>",
      html_escape(roster.roster));
  for (const auto& s : kStates) out += fmt::format("<th class=\"n\">{} {}</th>", s.zh, s.state);
  out += "</tr></thead><tbody>";
  bool any = false;
  for (const auto& c : roster.years) {
    std::map<std::string_view, long> n;
    long total = 0;
    for (const auto& r : c.rows)
      if (within(r, region_code)) {
        ++n[r.state];
        ++total;
      }
    if (!total) continue;
    any = true;
    out += fmt::format("<tr data-year=\"{0}\"><th><a href=\"{1}#{2}\">{0}</a></th><td class=\"n\">{3}</td>", c.year,
                       rel(self, "coverage.html"), anchor(c.year, region_code), total);
    for (const auto& s : kStates) out += fmt::format("<td class=\"n\" data-state=\"{}\">{}</td>", s.state, n[s.state]);
    out += "</tr>";
  }
  out += "</tbody></table>";
  if (!any) out += "<p class=\"note\">名册中没有该地区的机关。The roster names no agency in this region.</p>";
  return out + "</section>\n";
}

void write_coverage_page(const RosterCoverage& roster, SiteOutput& out) {
  const std::string self = "coverage.html";
  std::string page = page_head(self, "名册覆盖 roster coverage", "overview");
  page += fmt::format(
      "<p>名册 roster <code>{}</code>：每个年度中没有报告、只有未能读取或部分读出的文件、或在法定期限后发布的机关"
      "（条例第五十条：1月31日；县级以上人民政府3月31日），按地区列出。Agencies of the roster with no report for the "
      "year, only failed or partial documents, or a report published after the legal deadline, by region.</p>\n",
      html_escape(roster.roster));
  for (const auto& c : roster.years) {
    std::map<std::string_view, long> n;
    for (const auto& r : c.rows) ++n[r.state];
    page += fmt::format("<section class=\"panel\" id=\"{}\"><h2>{} 年度 <small class=\"note\">{} 个机关", anchor(c.year, ""), c.year,
                        c.rows.size());
    for (const auto& s : kStates) page += fmt::format(" · {} <b data-count=\"{}\">{}</b>", s.zh, s.state, n[s.state]);
    if (c.dates_unknown) page += fmt::format(" · 发布日期不详 {}", c.dates_unknown);
    page += "</small></h2>";
    // Rows come grouped by region code (unplaced last); one table per region, anchored by its code
    // and by each of its ancestors' codes the first time they appear, so a region page links here.
    std::string group = "\x01";
    std::map<std::string, bool> anchored;
    bool open = false;
    for (const auto& r : c.rows) {
      if (r.state == "ok") continue;
      if (r.region_code != group) {
        if (open) page += "</tbody></table>";
        group = r.region_code;
        std::string ids;
        for (size_t len : {size_t{2}, size_t{4}, size_t{6}, size_t{9}}) {
          if (r.region_code.size() < len) break;
          const std::string code = r.region_code.substr(0, len);
          if (!anchored[code]) {
            anchored[code] = true;
            ids += fmt::format("<span id=\"{}\"></span>", anchor(c.year, code));
          }
        }
        page += fmt::format("<h3>{}{}{}</h3><table class=\"data roster-missing\" data-region=\"{}\"><thead><tr><th>机关 agency</th>"
                            "<th>情况 state</th><th>说明 detail</th></tr></thead><tbody>",
                            ids,
                            r.region_names.empty() ? std::string("未定位地区 not placed in a region")
                                                   : html_escape(fmt::format("{}", fmt::join(r.region_names, " · "))),
                            r.region_code.empty() ? "" : fmt::format(" <small class=\"note\">{}</small>", r.region_code),
                            html_escape(r.region_code));
        open = true;
      }
      std::string_view zh = r.state;
      for (const auto& s : kStates)
        if (s.state == r.state) zh = s.zh;
      page += fmt::format("<tr data-state=\"{}\"><th>{}</th><td>{} {}</td><td>{}</td></tr>", html_escape(r.state),
                          html_escape(r.agency), zh, html_escape(r.state), html_escape(r.detail));
    }
    if (open) page += "</tbody></table>";
    else page += "<p class=\"note\">名册中的机关都已按时发布。Every agency of the roster published in time.</p>";
    page += "</section>\n";
  }
  page += page_tail(self);
  out.write_if_changed(self, page);
}

}  // namespace xxgk::site
