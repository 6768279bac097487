#include "publish/site/indicator_panels.h"

#include "indicators/compute.h"
#include "publish/report_tables.h"
#include "publish/site/site_html.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <tuple>

namespace xxgk::site {

namespace {

constexpr std::pair<std::string_view, std::string_view> kRoles[] = {
    {"government", "政府 governments"}, {"department", "部门 departments"}, {"unplaced", "未定位 not placed"}};

int role_order(const std::string& role) {
  for (int i = 0; i < 3; ++i)
    if (role == kRoles[i].first) return i;
  return 3;
}

std::string_view role_label(const std::string& role) {
  for (const auto& [k, v] : kRoles)
    if (k == role) return v;
  return role;
}

std::string value_text(const IndicatorDef& def, std::optional<double> v) {
  if (!v) return "—";
  return def.is_rate() ? fmt::format("{:.2f}%", *v) : number(v);
}

std::string sums_text(const IndicatorDef& def, std::optional<double> numerator, std::optional<double> denominator) {
  if (!def.is_rate()) return number(numerator);
  return fmt::format("{} / {}", number(numerator), number(denominator));
}

std::string indicator_head(const IndicatorDef& def) {
  return fmt::format("<th>{} <small class=\"rule\">{}</small></th><td class=\"formula\">{}</td>", html_escape(def.name_zh),
                     html_escape(def.id), html_escape(formula_text(def)));
}

// (year, role order, role) → the indicators in contract order.
using IndicatorGroups = std::map<std::tuple<int, int, std::string>, std::vector<IndicatorGroupResult>>;

std::string aggregates_panel(const IndicatorGroups& groups) {
  if (groups.empty()) return {};
  // Years newest first, each a table with the roles side by side.
  std::map<int, std::vector<const std::pair<const std::tuple<int, int, std::string>, std::vector<IndicatorGroupResult>>*>,
           std::greater<int>>
      by_year;
  for (const auto& g : groups) by_year[std::get<0>(g.first)].push_back(&g);
  std::string out =
      "<section class=\"panel indicators\"><h2>指标 indicators <small class=\"note\">每项 = Σ分子 / Σ分母：分子、分母齐全的报告之和的比，"
      "不是各报告比率的平均；每个机关每年一份报告；政府与部门分列。ratio of the sums over the reports whose figures are all there, "
      "never the mean of rates; one report per agency and year; governments and departments apart. "
      "⚠ 其中数字有规则不符的报告数 reports whose figures a failing rule reads</small></h2>\n";
  for (const auto& [year, list] : by_year) {
    out += fmt::format("<table class=\"data indicators\" data-year=\"{0}\"><caption>{0}</caption><thead><tr><th>指标 indicator</th>"
                       "<th>公式 formula</th>",
                       year);
    for (const auto* g : list)
      out += fmt::format("<th class=\"n\" data-role=\"{0}\">{1}</th><th class=\"n\">Σ分子 / Σ分母</th><th class=\"n\" title=\"分子分母齐全的报告 / "
                         "全部报告 reports summed / reports\">报告 reports</th>",
                         std::get<2>(g->first), role_label(std::get<2>(g->first)));
    out += "</tr></thead><tbody>\n";
    const size_t n = list.front()->second.size();
    for (size_t k = 0; k < n; ++k) {
      const IndicatorDef& def = *list.front()->second[k].def;
      out += fmt::format("<tr data-indicator=\"{}\">{}", html_escape(def.id), indicator_head(def));
      for (const auto* g : list) {
        const IndicatorGroupResult& r = g->second[k];
        out += fmt::format("<td class=\"n value\" data-role=\"{}\">{}</td><td class=\"n sums\">{}</td><td class=\"n reports\">{} / {}{}</td>",
                           std::get<2>(g->first), value_text(def, r.value),
                           r.reports ? sums_text(def, r.numerator, def.is_rate() ? std::optional<double>(r.denominator) : std::nullopt) : "—",
                           r.reports, r.reports_in_group,
                           r.marked ? fmt::format(" <small class=\"marked\" title=\"数字有规则不符的报告 reports a failing rule marks\">⚠{}</small>", r.marked)
                                    : "");
      }
      out += "</tr>\n";
    }
    out += "</tbody></table>\n";
  }
  return out + "</section>\n";
}

std::string reasons_text(const std::map<std::string, size_t>& by_reason) {
  std::string out;
  for (const auto& [reason, n] : by_reason) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", html_escape(reason), n);
  return out;
}

// One ranked agency: rank, name linked to its page (its report's page when it names no agency),
// value, numerator / denominator.
std::string ranked_row(const IndicatorRows& rows, const std::string& self, const IndicatorDef& def, const AgencyValue& a) {
  const std::string key = rows.agency_key(a.document_id);
  return fmt::format("<tr data-agency=\"{}\"><td class=\"n\">{}</td><td><a href=\"{}\">{}</a>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                     html_escape(a.agency_id), a.rank,
                     rel(self, key.empty() ? report_path(a.document_id) : agency_path(agency_page_key(key))),
                     html_escape(a.agency.empty() ? a.agency_id : a.agency),
                     a.marked ? " <small class=\"marked\" title=\"其数字有规则不符 a failing rule reads its figures\">⚠</small>" : "",
                     value_text(def, a.value), sums_text(def, a.numerator, a.denominator));
}

// One year and role of an indicator's ranking: a <tbody> of the ranked agencies (all, or the
// first and last kRankingEnds and how many lie between), then who was left out and why.
std::string ranking_body(const IndicatorRows& rows, const std::string& self, const std::string& region, int year,
                         const std::string& role, const IndicatorGroupResult& r) {
  if (r.ranked.empty() && r.under_minimum.empty() && r.null_by_reason.empty()) return {};
  const IndicatorDef& def = *r.def;
  std::string out = fmt::format(
      "<tbody data-year=\"{0}\" data-role=\"{1}\" data-ranked=\"{3}\"><tr class=\"group\"><th colspan=\"4\">{0} · {2} · 排名 {3} ranked</th></tr>\n", year,
      role, role_label(role), r.ranked.size());
  const size_t n = r.ranked.size();
  const bool whole = n <= kRankingShownWhole;
  for (size_t i = 0; i < n; ++i) {
    if (!whole && i == kRankingEnds) {
      out += fmt::format("<tr class=\"gap\" data-n=\"{0}\"><td colspan=\"4\">… 另有 {0} 个未列出 {0} more, ranks {1}–{2}: 各机关页面载其名次 each agency's "
                         "page shows its rank; <code>xxgk indicators{3} --year {4} --csv</code> 列出全部 lists them all</td></tr>\n",
                         n - 2 * kRankingEnds, r.ranked[i].rank, r.ranked[n - kRankingEnds - 1].rank,
                         region.empty() ? "" : " --region " + region, year);
      i = n - kRankingEnds - 1;
      continue;
    }
    out += ranked_row(rows, self, def, r.ranked[i]);
  }
  size_t no_value = 0;
  for (const auto& [reason, k] : r.null_by_reason) no_value += k;
  if (!r.under_minimum.empty() || no_value) {
    std::string why;
    if (!r.under_minimum.empty()) {
      std::string names;
      for (size_t i = 0; i < r.under_minimum.size() && i < kRankingEnds; ++i) {
        const AgencyValue& a = r.under_minimum[i];
        names += fmt::format("{}{}（{}）", i ? "、" : "", html_escape(a.agency.empty() ? a.agency_id : a.agency), number(a.denominator));
      }
      if (r.under_minimum.size() > kRankingEnds) names += fmt::format(" … 等 and {} more", r.under_minimum.size() - kRankingEnds);
      why += fmt::format("<span class=\"under-minimum\" data-n=\"{0}\">{0} 个分母不足 {1} denominator under {1}: {2}</span>", r.under_minimum.size(),
                         number(def.min_denominator), names);
    }
    if (no_value)
      why += fmt::format("{}<span class=\"no-value\" data-n=\"{}\">{} 个无数值 with no value ({})</span>", why.empty() ? "" : " · ", no_value, no_value,
                         reasons_text(r.null_by_reason));
    out += fmt::format("<tr class=\"left-out\"><td colspan=\"4\">未排名 left out: {}</td></tr>\n", why);
  }
  return out + "</tbody>\n";
}

}  // namespace

RegionIndicatorPanels region_indicator_panels(const IndicatorRows& rows, const std::string& region, const std::string& self) {
  const auto& defs = indicator_defs();
  IndicatorGroups sums;
  // Per indicator, each (year, role)'s ranking body, newest year first.
  std::vector<std::vector<std::pair<std::tuple<int, int>, std::string>>> bodies(defs.size());
  bool several = false;  // some year and role with more than one agency: something to rank
  rows.for_each_result(region, [&](int year, const std::string& role, IndicatorGroupResult& r) {
    const int order = role_order(role);
    const auto k = static_cast<size_t>(r.def - defs.data());
    several = several || r.reports_in_group > 1;
    std::string body = ranking_body(rows, self, region, year, role, r);
    if (!body.empty()) bodies[k].emplace_back(std::tuple<int, int>{-year, order}, std::move(body));
    // The aggregates panel needs the sums only: the ranking is let go here, one at a time.
    std::vector<AgencyValue>().swap(r.ranked);
    std::vector<AgencyValue>().swap(r.under_minimum);
    auto& results = sums[{year, order, role}];
    if (results.empty()) results.resize(defs.size());
    results[k] = std::move(r);
  });
  RegionIndicatorPanels out;
  out.aggregates = aggregates_panel(sums);
  std::string tables;
  for (size_t k = 0; k < defs.size(); ++k) {
    if (bodies[k].empty()) continue;
    std::stable_sort(bodies[k].begin(), bodies[k].end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const IndicatorDef& def = defs[k];
    tables += fmt::format("<details class=\"ranking\" data-indicator=\"{0}\"><summary>{1} <small class=\"rule\">{0}</small> <span class=\"formula\">{2}</span>{3}"
                          "</summary>\n<table class=\"data ranking\"><thead><tr><th class=\"n\">名次 rank</th><th>机关 agency</th><th class=\"n\">数值 "
                          "value</th><th class=\"n\">{4}</th></tr></thead>\n",
                          html_escape(def.id), html_escape(def.name_zh), html_escape(formula_text(def)),
                          def.min_denominator ? fmt::format(" <small class=\"note\">分母至少 {0} denominator at least {0}</small>", number(def.min_denominator))
                                              : std::string(),
                          def.is_rate() ? "分子 / 分母" : "分子 numerator");
    for (const auto& [key, body] : bodies[k]) tables += body;
    tables += "</table></details>\n";
  }
  if (!tables.empty() && !several)
    // A township's page, mostly: its own government alone each year. A ranking of one says nothing
    // (its values are in the panel above, its rank on the page of the region above).
    out.rankings = "<section class=\"panel rankings\"><h2>排名 rankings</h2><p class=\"note\" id=\"ranking-of-one\">本地区每年每类只有一个机关，"
                   "不排名；其名次见上级地区页面 one agency a year and role here: nothing to rank; its rank is on the page of the region above</p></section>\n";
  else if (!tables.empty())
    out.rankings = fmt::format(
        "<section class=\"panel rankings\"><h2>排名 rankings <small class=\"note\">同年度、同类机关（政府与部门分列）中，分母达到该指标最低值的机关，"
        "数值从高到低；数值相同者名次相同，按机关标识排列；每个机关每年一份报告。与 <code>xxgk indicators{0} --year Y</code> 相同。超过 {1} 个时列出前 {2} 与后 {2} 个。"
        "highest first among the agencies of a role whose denominator reaches the indicator's minimum; equal values share a "
        "rank, listed by agency identity; as <code>xxgk indicators{0} --year Y</code>; over {1}, the first and last {2} shown</small></h2>\n{3}</section>\n",
        region.empty() ? "" : " --region " + region, kRankingShownWhole, kRankingEnds, tables);
  return out;
}

namespace {

std::string rank_text(const IndicatorDef& def, const RankPosition& p) {
  switch (p.why) {
    case RankPosition::Why::ranked:
      return fmt::format(" <small class=\"rank\" data-rank=\"{0}\" data-of=\"{1}\">第 {0}/{1} 名</small>", p.rank, p.of);
    case RankPosition::Why::under_minimum:
      return fmt::format(" <small class=\"rank\" data-why=\"under_minimum\">分母不足 {} 未排名</small>", number(def.min_denominator));
    case RankPosition::Why::no_value:
      return " <small class=\"rank\" data-why=\"no_value\">未排名</small>";
    case RankPosition::Why::unplaced:
      return " <small class=\"rank\" data-why=\"unplaced\">未定位 未排名</small>";
  }
  return {};
}

}  // namespace

std::string agency_indicators(const std::vector<AgencyIndicatorYear>& years, const std::string& self, const std::string& region_page,
                              const std::string& region_name) {
  std::vector<std::vector<IndicatorValue>> values;
  bool any = false;
  for (const auto& y : years) {
    values.push_back(compute_indicators(*y.report));
    any = any || !values.back().empty();
  }
  if (!any) return {};
  std::string out =
      "<h2>指标 indicators <small class=\"note\">各年度报告的数值（分子 / 分母）；— 为无法计算及其原因；⚠ 其数字有规则不符 a failing rule reads "
      "its figures. 名次：在 " +
      (region_page.empty() ? std::string("所在地区 its region") : fmt::format("<a href=\"{}\">{}</a>", rel(self, region_page), html_escape(region_name))) +
      "（含下级）同年度同类机关中的位置，即该页排名 rank among the agencies of its role there and below, as that page ranks them "
      "(a department in its own region, a government in the region above)</small></h2>\n"
      "<table class=\"data indicators agency\"><thead><tr><th>指标 indicator</th><th>公式 formula</th>";
  for (const auto& y : years) out += fmt::format("<th class=\"n\" data-year=\"{0}\">{0}</th>", y.year);
  out += "</tr></thead><tbody>\n";
  const auto& defs = indicator_defs();
  for (size_t k = 0; k < defs.size(); ++k) {
    const IndicatorDef& def = defs[k];
    out += fmt::format("<tr data-indicator=\"{}\">{}", html_escape(def.id), indicator_head(def));
    for (size_t y = 0; y < values.size(); ++y) {
      const auto& v = values[y];
      const IndicatorValue* iv = nullptr;
      for (const auto& x : v)
        if (x.def && x.def->id == def.id) iv = &x;
      if (!iv) {
        out += "<td class=\"n na\"></td>";
        continue;
      }
      const bool marked = !iv->failing_rules.empty();
      out += fmt::format("<td class=\"n{}\"{}><span class=\"value\">{}</span>{} <small class=\"sums\">{}</small>{}</td>", marked ? " marked" : "",
                         marked ? fmt::format(" title=\"{}\"", html_escape(fmt::format("{}", fmt::join(iv->failing_rules, ", ")))) : "",
                         value_text(def, iv->value), marked ? "⚠" : "",
                         iv->value ? sums_text(def, iv->numerator, iv->denominator) : html_escape(iv->null_reason.value_or("")),
                         years[y].ranks ? rank_text(def, years[y].ranks[k]) : "");
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

}  // namespace xxgk::site
