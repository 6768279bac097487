#include "publish/site/indicator_rows.h"

#include "indicators/definitions.h"
#include "regions/divisions.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

namespace xxgk::site {

namespace {

int role_order(const std::string& role) {
  constexpr std::string_view kOrder[] = {"government", "department", "unplaced"};
  for (int i = 0; i < 3; ++i)
    if (role == kOrder[i]) return i;
  return 3;
}

std::uint8_t intern(std::vector<std::string>& list, const std::string& s) {
  auto it = std::find(list.begin(), list.end(), s);
  if (it != list.end()) return static_cast<std::uint8_t>(it - list.begin());
  list.push_back(s);
  return static_cast<std::uint8_t>(list.size() - 1);
}

bool in_subtree(const std::string& code, const std::string& region) { return code.compare(0, region.size(), region) == 0; }

}  // namespace

std::string ranking_region(const std::string& region_code, const std::string& role) {
  return role == "government" ? std::string(regions::parent_code(region_code)) : region_code;
}

IndicatorRows::IndicatorRows(Store& store) : reasons_{""} {
  const auto& defs = indicator_defs();
  std::vector<ReportRef> reports;
  std::unordered_map<std::int64_t, std::uint32_t> first;  // document id → index in the order read
  for_each_indicator_row(store, {}, [&](const IndicatorReportRow& row) {
    auto [it, fresh] = first.try_emplace(row.value.document_id, static_cast<std::uint32_t>(reports.size()));
    if (fresh)
      reports.push_back({row.value.document_id, row.value.agency_id, row.value.agency, row.region_code, {},
                         ranking_region(row.region_code, row.role), row.year, intern(roles_, row.role)});
    ValueRow v;
    v.report = it->second;
    v.indicator = static_cast<std::uint8_t>(row.def - defs.data());
    const AgencyValue& a = row.value;
    if (a.value) v.flags |= kValue, v.value = *a.value;
    if (a.numerator) v.flags |= kNumerator, v.numerator = *a.numerator;
    if (a.denominator) v.flags |= kDenominator, v.denominator = *a.denominator;
    if (a.marked) v.flags |= kMarked;
    if (a.null_reason) v.null_reason = intern(reasons_, *a.null_reason);
    values_.push_back(v);
  });
  {
    auto s = store.db().prepare("SELECT document_id, agency_key FROM reports WHERE agency_key IS NOT NULL");
    while (s.step())
      if (auto it = first.find(s.int64(0)); it != first.end()) reports[it->second].agency_key = s.text(1);
  }
  // Reports by region code, so that a subtree is one run; values follow their reports.
  std::vector<std::uint32_t> order(reports.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(reports[a].region_code, reports[a].document_id) < std::tie(reports[b].region_code, reports[b].document_id);
  });
  std::vector<std::uint32_t> place(reports.size());
  reports_.reserve(reports.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    place[order[i]] = i;
    reports_.push_back(std::move(reports[order[i]]));
    report_of_.emplace(reports_.back().document_id, i);
  }
  for (auto& v : values_) v.report = place[v.report];
  std::sort(values_.begin(), values_.end(),
            [](const ValueRow& a, const ValueRow& b) { return std::tie(a.report, a.indicator) < std::tie(b.report, b.indicator); });
  values_.shrink_to_fit();
  rank_in_regions();
}

AgencyValue IndicatorRows::agency_value(const ValueRow& v) const {
  const ReportRef& r = reports_[v.report];
  AgencyValue a;
  a.agency_id = r.agency_id;
  a.agency = r.agency;
  a.document_id = r.document_id;
  if (v.flags & kValue) a.value = v.value;
  if (v.flags & kNumerator) a.numerator = v.numerator;
  if (v.flags & kDenominator) a.denominator = v.denominator;
  if (v.null_reason) a.null_reason = reasons_[v.null_reason];
  a.marked = (v.flags & kMarked) != 0;
  return a;
}

void IndicatorRows::for_each_group(const std::string& region, const GroupFn& fn) const {
  // The subtree's run of reports, and of their values.
  const auto lo = std::lower_bound(reports_.begin(), reports_.end(), region,
                                   [](const ReportRef& r, const std::string& code) { return r.region_code < code; });
  const auto hi = std::partition_point(lo, reports_.end(), [&](const ReportRef& r) { return in_subtree(r.region_code, region); });
  const auto first = static_cast<std::uint32_t>(lo - reports_.begin()), last = static_cast<std::uint32_t>(hi - reports_.begin());
  const auto vlo = std::lower_bound(values_.begin(), values_.end(), first, [](const ValueRow& v, std::uint32_t r) { return v.report < r; });
  const auto vhi = std::lower_bound(vlo, values_.end(), last, [](const ValueRow& v, std::uint32_t r) { return v.report < r; });
  std::map<std::tuple<int, int, std::uint8_t>, std::vector<const ValueRow*>> groups;
  for (auto v = vlo; v != vhi; ++v) {
    const ReportRef& r = reports_[v->report];
    groups[{r.year, role_order(roles_[r.role]), r.role}].push_back(&*v);
  }
  const auto& defs = indicator_defs();
  for (auto& [key, rows] : groups) {
    std::vector<IndicatorGroupResult> results(defs.size());
    for (size_t k = 0; k < defs.size(); ++k) results[k].def = &defs[k];
    for (const ValueRow* v : rows) {
      IndicatorGroupResult& res = results[v->indicator];
      AgencyValue a = agency_value(*v);
      add_to_sums(res, a);
      add_to_ranking(res, std::move(a));
    }
    std::vector<const ValueRow*>().swap(rows);
    for (auto& res : results) {
      finish_sums(res);
      finish_ranking(res);
    }
    fn(std::get<0>(key), roles_[std::get<2>(key)], results);
  }
}

void IndicatorRows::rank_in_regions() {
  const size_t k_count = indicator_defs().size();
  positions_.assign(reports_.size() * k_count, RankPosition{});
  // Each ranking region once: its subtree ranked, the positions of the reports ranked in it kept.
  std::map<std::string, std::vector<std::uint32_t>> ranked_in;
  for (std::uint32_t i = 0; i < reports_.size(); ++i) {
    if (reports_[i].region_code.empty())
      for (size_t k = 0; k < k_count; ++k) positions_[i * k_count + k].why = RankPosition::Why::unplaced;
    else
      ranked_in[reports_[i].ranked_in].push_back(i);
  }
  for (const auto& [code, members] : ranked_in)
    for_each_group(code, [&](int year, const std::string& role, std::vector<IndicatorGroupResult>& results) {
      for (size_t k = 0; k < results.size(); ++k) {
        const int of = static_cast<int>(results[k].ranked.size());
        auto place = [&](const AgencyValue& a, RankPosition::Why why, int rank) {
          const std::uint32_t at = report_of_.at(a.document_id);
          if (reports_[at].ranked_in == code) positions_[at * k_count + k] = {why, rank, of};
        };
        for (const auto& a : results[k].ranked) place(a, RankPosition::Why::ranked, a.rank);
        for (const auto& a : results[k].under_minimum) place(a, RankPosition::Why::under_minimum, 0);
        // Reports of this group with no value keep Why::no_value; they learn how many were ranked.
        for (std::uint32_t at : members)
          if (reports_[at].year == year && roles_[reports_[at].role] == role && positions_[at * k_count + k].why == RankPosition::Why::no_value)
            positions_[at * k_count + k].of = of;
      }
    });
}

const std::string& IndicatorRows::agency_key(std::int64_t document_id) const {
  static const std::string none;
  auto it = report_of_.find(document_id);
  return it == report_of_.end() ? none : reports_[it->second].agency_key;
}

const RankPosition* IndicatorRows::positions(std::int64_t document_id) const {
  auto it = report_of_.find(document_id);
  return it == report_of_.end() ? nullptr : &positions_[it->second * indicator_defs().size()];
}

std::string IndicatorRows::positions_key(std::int64_t document_id) const {
  const RankPosition* p = positions(document_id);
  if (!p) return "-";
  std::string out;
  for (size_t k = 0; k < indicator_defs().size(); ++k)
    out += fmt::format("{}:{}/{};", static_cast<int>(p[k].why), p[k].rank, p[k].of);
  return out;
}

}  // namespace xxgk::site
