#include "publish/indicator_aggregates.h"

#include "publish/csv_export.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace xxgk {
namespace {

constexpr const char* kRoles[] = {"government", "department", "unplaced"};

int role_order(const std::string& role) {
  for (int i = 0; i < 3; ++i)
    if (role == kRoles[i]) return i;
  return 3;
}

std::string number(std::optional<double> v) {
  if (!v) return {};
  if (std::floor(*v) == *v && std::fabs(*v) < 9e15) return std::to_string(static_cast<std::int64_t>(*v));
  return fmt::format("{}", *v);
}

std::string shown(const IndicatorDef& def, std::optional<double> v) {
  if (!v) return "—";
  return def.is_rate() ? fmt::format("{:.2f}%", *v) : number(v);
}

std::string reasons_text(const std::map<std::string, size_t>& by_reason) {
  std::string out;
  for (const auto& [reason, n] : by_reason) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", reason, n);
  return out;
}

std::optional<double> column(const sql::Statement& s, int c) {
  if (s.is_null(c)) return std::nullopt;
  return s.is_integer(c) ? static_cast<double>(s.int64(c)) : s.real(c);
}

}  // namespace

void for_each_indicator_row(Store& store, const IndicatorScope& scope, const std::function<void(const IndicatorReportRow&)>& fn) {
  if (scope.region && (scope.region->empty() || scope.region->find_first_not_of("0123456789") != std::string::npos))
    throw std::invalid_argument(fmt::format("region '{}' is not a division code (2, 4, 6 or 9 digits)", *scope.region));
  std::string where;
  if (scope.region) where += " AND r.region_code LIKE ?1 || '%'";
  if (scope.year) where += " AND r.year = ?2";
  auto q = store.db().prepare(fmt::format(
      "WITH chosen AS ("
      " SELECT d.id, r.agency_id, r.agency, r.year, coalesce(r.region_role, 'unplaced') AS role, r.region_code,"
      "  row_number() OVER (PARTITION BY coalesce(r.agency_id, 'document/' || d.id), r.year ORDER BY"
      "   CASE r.status WHEN 'failed' THEN 2 WHEN 'partial' THEN 1 ELSE 0 END,"
      "   (SELECT count(*) FROM figures f WHERE f.document_id = d.id AND f.value IS NOT NULL) DESC, d.path, d.id) AS n"
      " FROM documents d JOIN reports r ON r.document_id = d.id"
      " WHERE d.is_current = 1 AND r.status <> 'failed' AND r.year IS NOT NULL{})"
      "SELECT c.year, c.role, c.id, coalesce(c.agency_id, 'document/' || c.id), coalesce(c.agency, ''), i.indicator,"
      " i.value, i.numerator, i.denominator, i.null_reason, i.marked, c.region_code "
      "FROM chosen c JOIN indicators i ON i.document_id = c.id WHERE c.n = 1 "
      "ORDER BY c.year, c.role, i.seq, 4",
      where));
  if (scope.region) q.bind(1, *scope.region);
  if (scope.year) q.bind(2, *scope.year);
  const auto& defs = indicator_defs();
  while (q.step()) {
    const auto d = std::find_if(defs.begin(), defs.end(), [&](const IndicatorDef& x) { return x.id == q.text(5); });
    if (d == defs.end()) continue;  // an indicator this xxgk no longer defines
    IndicatorReportRow row{static_cast<int>(q.int64(0)), q.text(1), q.opt_text(11).value_or(""), &*d,
                           AgencyValue{q.text(3), q.text(4), q.int64(2), column(q, 6), column(q, 7), column(q, 8), q.opt_text(9),
                                       q.int64(10) == 1, 0}};
    fn(row);
  }
}

void add_to_sums(IndicatorGroupResult& res, const AgencyValue& a) {
  ++res.reports_in_group;
  const bool present = a.numerator && (!res.def->is_rate() || a.denominator);
  if (present) {
    ++res.reports;
    res.numerator += *a.numerator;
    if (a.denominator) res.denominator += *a.denominator;
    if (a.marked) ++res.marked;
  }
  if (!a.value) ++res.null_by_reason[a.null_reason.value_or("unread")];
}

void finish_sums(IndicatorGroupResult& res) {
  res.value.reset();
  if (res.reports > 0) {
    if (!res.def->is_rate()) res.value = res.numerator;
    else if (res.denominator != 0) res.value = 100 * res.numerator / res.denominator;
  }
}

void add_to_ranking(IndicatorGroupResult& res, AgencyValue a) {
  if (!a.value) return;
  if (res.def->min_denominator && (!a.denominator || *a.denominator < *res.def->min_denominator))
    res.under_minimum.push_back(std::move(a));
  else
    res.ranked.push_back(std::move(a));
}

void finish_ranking(IndicatorGroupResult& res) {
  // Highest first; equal values share a rank and are listed by agency identity (stable).
  std::sort(res.ranked.begin(), res.ranked.end(), [](const AgencyValue& a, const AgencyValue& b) {
    return *a.value != *b.value ? *a.value > *b.value : a.agency_id < b.agency_id;
  });
  for (size_t i = 0; i < res.ranked.size(); ++i)
    res.ranked[i].rank = i > 0 && *res.ranked[i].value == *res.ranked[i - 1].value ? res.ranked[i - 1].rank
                                                                                  : static_cast<int>(i + 1);
  std::sort(res.under_minimum.begin(), res.under_minimum.end(),
            [](const AgencyValue& a, const AgencyValue& b) { return a.agency_id < b.agency_id; });
}

std::string formula_text(const IndicatorDef& def) {
  return def.is_rate() ? fmt::format("100 × ({}) / ({})", def.numerator.text, def.denominator->text) : def.numerator.text;
}

std::vector<IndicatorGroup> aggregate_indicators(Store& store, const IndicatorScope& scope) {
  std::string region_name;
  if (scope.region) {
    auto n = store.db().prepare("SELECT name FROM regions WHERE code = ?");
    n.bind(1, *scope.region);
    if (n.step()) region_name = n.text(0);
  }
  const auto& defs = indicator_defs();
  std::map<std::tuple<int, int, std::string>, IndicatorGroup> groups;
  for_each_indicator_row(store, scope, [&](const IndicatorReportRow& row) {
    auto [it, fresh] = groups.try_emplace({row.year, role_order(row.role), row.role});
    IndicatorGroup& g = it->second;
    if (fresh) {
      g.region = scope.region;
      g.region_name = region_name;
      g.year = row.year;
      g.role = row.role;
      for (const auto& d : defs) g.indicators.emplace_back().def = &d;
    }
    IndicatorGroupResult& res = g.indicators[static_cast<size_t>(row.def - defs.data())];
    add_to_sums(res, row.value);
    add_to_ranking(res, row.value);
  });
  std::vector<IndicatorGroup> out;
  for (auto& [key, g] : groups) {
    for (auto& res : g.indicators) {
      finish_sums(res);
      finish_ranking(res);
    }
    out.push_back(std::move(g));
  }
  return out;
}

std::string indicators_text(const std::vector<IndicatorGroup>& groups) {
  std::string out;
  if (groups.empty()) return "no current report in this region and year\n";
  for (const auto& g : groups) {
    out += fmt::format("{}, {}, {}s\n",
                       g.region ? fmt::format("region {} {} (and everything under it)", *g.region, g.region_name)
                                : std::string("every region"),
                       g.year, g.role);
    for (const auto& r : g.indicators) {
      const std::string formula = formula_text(*r.def);
      out += fmt::format("  {} {}: {}", r.def->id, r.def->name_zh, shown(*r.def, r.value));
      out += r.def->is_rate() ? fmt::format(" = 100 × {} / {}", number(r.numerator), number(r.denominator))
                              : std::string();
      out += fmt::format(" over {} of {} reports{}{}\n", r.reports, r.reports_in_group,
                         r.def->is_rate() ? " (ratio of the sums, not the mean of rates)" : " (the sum)", r.marked ? fmt::format("; {} computed from figures a rule marks", r.marked) : "");
      out += fmt::format("    formula: {}\n", formula);
      if (r.ranked.empty() && r.under_minimum.empty() && r.null_by_reason.empty()) continue;
      out += fmt::format("    ranking{}, highest first:\n",
                         r.def->min_denominator ? fmt::format(" (denominator at least {})", number(r.def->min_denominator)) : "");
      for (const auto& a : r.ranked)
        out += fmt::format("      {:>3}. {} {} {}{}{}\n", a.rank, a.agency, a.agency_id, shown(*r.def, a.value),
                           a.denominator ? fmt::format(" ({} / {})", number(a.numerator), number(a.denominator)) : "",
                           a.marked ? " [marked: a failing rule reads its figures]" : "");
      if (!r.under_minimum.empty()) {
        std::string names;
        for (const auto& a : r.under_minimum)
          names += fmt::format("{}{} (denominator {})", names.empty() ? "" : ", ", a.agency, number(a.denominator));
        out += fmt::format("      left out: {} with a denominator under {}: {}\n", r.under_minimum.size(),
                           number(r.def->min_denominator), names);
      }
      if (!r.null_by_reason.empty()) {
        size_t n = 0;
        for (const auto& [reason, k] : r.null_by_reason) n += k;
        out += fmt::format("      left out: {} with no value ({})\n", n, reasons_text(r.null_by_reason));
      }
    }
  }
  return out;
}

std::string indicators_csv(const std::vector<IndicatorGroup>& groups) {
  std::string out = "\xEF\xBB\xBF";
  out += "kind,region_code,region_name,year,role,indicator,agency_id,agency,value,numerator,denominator,reports,"
         "reports_in_group,rank,note\r\n";
  auto row = [&](const IndicatorGroup& g, std::string_view kind, const IndicatorGroupResult& r, const AgencyValue* a,
                 const std::string& note) {
    const std::vector<std::string> fields = {
        std::string(kind),
        g.region.value_or(""),
        g.region_name,
        std::to_string(g.year),
        g.role,
        r.def->id,
        a ? a->agency_id : "",
        a ? spreadsheet_safe(a->agency) : "",
        number(a ? a->value : r.value),
        number(a ? a->numerator : std::optional<double>(r.numerator)),
        number(a ? a->denominator : r.def->is_rate() ? std::optional<double>(r.denominator) : std::nullopt),
        a ? "" : std::to_string(r.reports),
        a ? "" : std::to_string(r.reports_in_group),
        a && a->rank ? std::to_string(a->rank) : "",
        note};
    for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
    out += "\r\n";
  };
  for (const auto& g : groups)
    for (const auto& r : g.indicators) {
      row(g, "aggregate", r, nullptr,
          r.null_by_reason.empty() ? "" : "no value: " + reasons_text(r.null_by_reason));
      for (const auto& a : r.ranked) row(g, "ranked", r, &a, a.marked ? "marked" : "");
      for (const auto& a : r.under_minimum)
        row(g, "under_minimum", r, &a, fmt::format("denominator under {}", number(r.def->min_denominator)));
    }
  return out;
}

}  // namespace xxgk
