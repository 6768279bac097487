// Indicators over many reports (`xxgk indicators`): for a region (with everything under it) and a
// year, each indicator of contract/indicators.tsv as the ratio of the sums of its numerator and
// denominator over the reports whose operands are all present — never the mean of the reports'
// rates, which would weigh an office of 2 requests as much as one of 2,000 — and rankings of the
// agencies whose denominator reaches the indicator's minimum. Governments and departments apart
// (reports.region_role). A reader of the store: nothing is written.
#pragma once

#include "audit/store.h"
#include "indicators/definitions.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xxgk {

struct IndicatorScope {
  std::optional<std::string> region;  // a division code: that region and its subtree; none: every report
  std::optional<int> year;            // none: every year, each apart
};

struct AgencyValue {
  std::string agency_id, agency;
  std::int64_t document_id = 0;
  std::optional<double> value, numerator, denominator;
  std::optional<std::string> null_reason;
  bool marked = false;
  int rank = 0;  // 1 + the number of ranked agencies with a higher value (ties share a rank)
};

struct IndicatorGroupResult {
  const IndicatorDef* def = nullptr;
  size_t reports = 0;          // reports whose operands are all present: the sums are over these
  size_t reports_in_group = 0; // every report of the group
  double numerator = 0, denominator = 0;
  std::optional<double> value;  // 100 × Σ numerator / Σ denominator (the Σ numerator for a count); null: no report, or Σ 0
  size_t marked = 0;            // of the summed reports, those whose value a failing rule marks
  std::vector<AgencyValue> ranked;         // highest first, ties by agency_id
  std::vector<AgencyValue> under_minimum;  // a value, but a denominator under the minimum
  std::map<std::string, size_t> null_by_reason;  // reports with no value, by why
};

struct IndicatorGroup {
  std::optional<std::string> region;  // as asked
  std::string region_name;            // its name (empty for every report)
  int year = 0;
  std::string role;  // government, department, unplaced (no region role: not placed)
  std::vector<IndicatorGroupResult> indicators;  // in contract order
};

// One report per agency and year (the panel's choice: read in full first, then the most figures,
// then by path), current revisions, not failed.
std::vector<IndicatorGroup> aggregate_indicators(Store& store, const IndicatorScope& scope);

// The pieces aggregate_indicators is made of, for a reader that sums many regions in one pass (the
// site): each chosen report's value of one indicator, in year, role, indicator order …
struct IndicatorReportRow {
  int year = 0;
  std::string role;         // government, department, unplaced
  std::string region_code;  // "" when not placed
  const IndicatorDef* def = nullptr;
  AgencyValue value;
};
void for_each_indicator_row(Store& store, const IndicatorScope& scope, const std::function<void(const IndicatorReportRow&)>& fn);
// … added to a result's sums (only a report whose operands are all present is summed) …
void add_to_sums(IndicatorGroupResult& result, const AgencyValue& value);
// … and the ratio of the sums once every report is in.
void finish_sums(IndicatorGroupResult& result);
// The ranking, for `xxgk indicators` and the site alike: a report with a value is ranked when the
// indicator has no minimum or its denominator reaches it, else kept apart as under the minimum (a
// report with no value is only counted, by why, in add_to_sums) …
void add_to_ranking(IndicatorGroupResult& result, AgencyValue value);
// … and, once every report is in, ordered: highest first; equal values share a rank (1 + the number
// of higher values) and are listed by agency_id, so ties break the same way on every run;
// under_minimum by agency_id.
void finish_ranking(IndicatorGroupResult& result);
// "100 × (numerator) / (denominator)" for a rate, the numerator for a count: the definition's words.
std::string formula_text(const IndicatorDef& def);

std::string indicators_text(const std::vector<IndicatorGroup>& groups);
// Tidy CSV (UTF-8 with a byte-order mark): kind (aggregate, ranked, under_minimum), region_code,
// region_name, year, role, indicator, agency_id, agency, value, numerator, denominator, reports,
// reports_in_group, rank, note.
std::string indicators_csv(const std::vector<IndicatorGroup>& groups);

}  // namespace xxgk
