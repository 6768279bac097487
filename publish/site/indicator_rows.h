// The indicator values the site's indicator panels and rankings are made of: every report
// `xxgk indicators` would choose (for_each_indicator_row over the whole store: one report per agency
// and year, current revisions, not failed), read once and kept compact (about 32 bytes a value), the
// reports in region-code order, so that a region's subtree (codes nest: 2201 holds 220102 …) is one
// run of them. A region's results are made from them exactly as aggregate_indicators makes them
// (add_to_sums and add_to_ranking, then finish_sums and finish_ranking), one (year, role) group at a
// time, so the site shows the CLI's figures and rankings without holding every ranking at once.
#pragma once

#include "audit/store.h"
#include "publish/indicator_aggregates.h"

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace xxgk::site {

// The region whose ranking an agency's page shows its rank in: a department's own region (a county's
// departments are ranked in the county), a government's parent (a township government among the
// county's governments; a province's among every report's, "", as on the overview).
std::string ranking_region(const std::string& region_code, const std::string& role);

// A report's place in the ranking of its ranking_region (with everything under it) among the
// agencies of its role, that year, for one indicator.
struct RankPosition {
  enum class Why : std::uint8_t { ranked, under_minimum, no_value, unplaced } why = Why::no_value;
  std::int32_t rank = 0;  // ranked: its rank (ties share one)
  std::int32_t of = 0;    // how many agencies that ranking ranks
};

class IndicatorRows {
 public:
  explicit IndicatorRows(Store& store);
  IndicatorRows(const IndicatorRows&) = delete;
  IndicatorRows& operator=(const IndicatorRows&) = delete;

  // Every (year, role) group of the region's subtree ("" every report, those not placed included,
  // as `xxgk indicators` without --region), in year then role order (governments, departments,
  // not placed), each indicator's result in contract order with its sums and its ranking.
  using GroupFn = std::function<void(int year, const std::string& role, std::vector<IndicatorGroupResult>& results)>;
  void for_each_group(const std::string& region, const GroupFn& fn) const;

  // The agency_key of a ranked report ("" when it names no agency): what its link points at.
  const std::string& agency_key(std::int64_t document_id) const;
  // The report's positions, one per indicator in contract order; null when the report is not one
  // `xxgk indicators` reads (failed, superseded, no year, or not the agency's chosen report).
  const RankPosition* positions(std::int64_t document_id) const;
  // The report's positions as text, for the fingerprint of a page that shows them.
  std::string positions_key(std::int64_t document_id) const;

 private:
  struct ReportRef {
    std::int64_t document_id = 0;
    std::string agency_id, agency, region_code, agency_key;
    std::string ranked_in;  // ranking_region
    int year = 0;
    std::uint8_t role = 0;  // index into roles_
  };
  struct ValueRow {
    std::uint32_t report = 0;  // index into reports_
    std::uint8_t indicator = 0;
    std::uint8_t null_reason = 0;  // index into reasons_ (0: none)
    std::uint8_t flags = 0;        // kValue, kNumerator, kDenominator, kMarked
    double value = 0, numerator = 0, denominator = 0;
  };
  static constexpr std::uint8_t kValue = 1, kNumerator = 2, kDenominator = 4, kMarked = 8;

  AgencyValue agency_value(const ValueRow& v) const;
  void rank_in_regions();

  std::vector<ReportRef> reports_;  // by region code, then document id
  std::vector<ValueRow> values_;    // by report, then indicator
  std::vector<std::string> roles_, reasons_;
  std::unordered_map<std::int64_t, std::uint32_t> report_of_;  // document id → index into reports_
  std::vector<RankPosition> positions_;                        // reports_.size() × the number of indicators
};

}  // namespace xxgk::site
