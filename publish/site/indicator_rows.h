// The indicator values the site's indicator panels and rankings are made of: every report
// `xxgk indicators` would choose (for_each_indicator_row over the whole store: one report per agency
// and year, current revisions, not failed), copied once into a scratch SQLite database (a private
// temporary file, deleted when the build ends) keyed so that one (year, role, indicator) of a
// region's subtree (codes nest: 2201 holds 220102 …) is one ordered range of it. A region's results
// are made from it exactly as aggregate_indicators makes them (add_to_sums and add_to_ranking, then
// finish_sums and finish_ranking), one indicator of one (year, role) group at a time; every report's
// rank in its ranking region is made once and kept in the scratch database too. So the build holds
// one ranking at a time, never every report's values: its memory does not grow with the store.
#pragma once

#include "audit/sqlite.h"
#include "audit/store.h"
#include "publish/indicator_aggregates.h"

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
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

// Thread-safe: the agency pages' workers ask for positions at once (one connection, a lock).
class IndicatorRows {
 public:
  explicit IndicatorRows(Store& store);
  IndicatorRows(const IndicatorRows&) = delete;
  IndicatorRows& operator=(const IndicatorRows&) = delete;

  // Every (year, role) group of the region's subtree ("" every report, those not placed included,
  // as `xxgk indicators` without --region), in year then role order (governments, departments,
  // not placed), and in each every indicator in contract order: its result with its sums and its
  // ranking, one at a time (the result is the callee's to keep or let go).
  using ResultFn = std::function<void(int year, const std::string& role, IndicatorGroupResult& result)>;
  void for_each_result(const std::string& region, const ResultFn& fn) const;

  // The agency_key of a ranked report ("" when it names no agency): what its link points at.
  std::string agency_key(std::int64_t document_id) const;
  // The report's positions, one per indicator in contract order; empty when the report is not one
  // `xxgk indicators` reads (failed, superseded, no year, or not the agency's chosen report).
  std::vector<RankPosition> positions(std::int64_t document_id) const;
  // The report's positions as text, for the fingerprint of a page that shows them.
  std::string positions_key(std::int64_t document_id) const;

 private:
  void rank_in_regions();

  mutable std::recursive_mutex mu_;  // for_each_result's callee may ask for agency keys
  mutable sql::Connection db_;
};

}  // namespace xxgk::site
