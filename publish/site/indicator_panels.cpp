#include "publish/site/indicator_panels.h"

#include "indicators/compute.h"
#include "publish/report_tables.h"
#include "publish/site/site_html.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

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

}  // namespace

RegionIndicators sum_indicators(Store& store, const Aggregates& agg) {
  RegionIndicators out;
  const auto& defs = indicator_defs();
  auto results = [&](const std::string& region, const IndicatorReportRow& row) -> IndicatorGroupResult& {
    auto& group = out.by_region[region][{row.year, role_order(row.role), row.role}];
    if (group.empty())
      for (const auto& d : defs) group.emplace_back().def = &d;
    return group[static_cast<size_t>(row.def - defs.data())];
  };
  for_each_indicator_row(store, {}, [&](const IndicatorReportRow& row) {
    add_to_sums(results("", row), row.value);
    // The region and each of its ancestors that has a page (division codes nest).
    std::string last;
    for (size_t level = 0; level < 4 && !row.region_code.empty(); ++level) {
      const std::string at = region_prefix(row.region_code, level);
      if (at == last) break;
      last = at;
      if (agg.regions.count(at)) add_to_sums(results(at, row), row.value);
    }
  });
  for (auto& [region, groups] : out.by_region)
    for (auto& [key, results_of] : groups)
      for (auto& r : results_of) finish_sums(r);
  return out;
}

std::string indicators_panel(const IndicatorGroups& groups) {
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

std::string agency_indicators(const std::vector<AgencyIndicatorYear>& years) {
  std::vector<std::vector<IndicatorValue>> values;
  bool any = false;
  for (const auto& y : years) {
    values.push_back(compute_indicators(*y.report));
    any = any || !values.back().empty();
  }
  if (!any) return {};
  std::string out =
      "<h2>指标 indicators <small class=\"note\">各年度报告的数值（分子 / 分母）；— 为无法计算及其原因；⚠ 其数字有规则不符 a failing rule reads "
      "its figures</small></h2>\n<table class=\"data indicators agency\"><thead><tr><th>指标 indicator</th><th>公式 formula</th>";
  for (const auto& y : years) out += fmt::format("<th class=\"n\" data-year=\"{0}\">{0}</th>", y.year);
  out += "</tr></thead><tbody>\n";
  for (const auto& def : indicator_defs()) {
    out += fmt::format("<tr data-indicator=\"{}\">{}", html_escape(def.id), indicator_head(def));
    for (const auto& v : values) {
      const IndicatorValue* iv = nullptr;
      for (const auto& x : v)
        if (x.def && x.def->id == def.id) iv = &x;
      if (!iv) {
        out += "<td class=\"n na\"></td>";
        continue;
      }
      const bool marked = !iv->failing_rules.empty();
      out += fmt::format("<td class=\"n{}\"{}><span class=\"value\">{}</span>{} <small class=\"sums\">{}</small></td>", marked ? " marked" : "",
                         marked ? fmt::format(" title=\"{}\"", html_escape(fmt::format("{}", fmt::join(iv->failing_rules, ", ")))) : "",
                         value_text(def, iv->value), marked ? "⚠" : "",
                         iv->value ? sums_text(def, iv->numerator, iv->denominator) : html_escape(iv->null_reason.value_or("")));
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

}  // namespace xxgk::site
