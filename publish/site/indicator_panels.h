// Indicators on the site (contract/indicators.tsv through indicators/definitions): on the overview
// and every region page, each indicator over the region's subtree as the ratio of the sums (with
// the sums, the number of reports summed and the formula beside it), by year, governments and
// departments apart, as `xxgk indicators` computes them; on an agency page, its own values by year.
// Read in one pass over the store's indicators table, summed into every region at once.
#pragma once

#include "model/report.h"
#include "publish/indicator_aggregates.h"
#include "publish/site/aggregate.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace xxgk::site {

// (year, role order, role) → the indicators in contract order.
using IndicatorGroups = std::map<std::tuple<int, int, std::string>, std::vector<IndicatorGroupResult>>;

struct RegionIndicators {
  std::map<std::string, IndicatorGroups> by_region;  // "" : every report
};

// Every region node of `agg` (and "" for the whole store) with its subtree's sums.
RegionIndicators sum_indicators(Store& store, const Aggregates& agg);

// The panel of a region's (or the store's) indicators, newest year first; "" when there is none.
std::string indicators_panel(const IndicatorGroups& groups);

// An agency's indicators, one column per year (current reports): value, numerator / denominator,
// why a value is null, and a mark where a failing rule reads one of its figures.
struct AgencyIndicatorYear {
  int year = 0;
  const Report* report = nullptr;
};
std::string agency_indicators(const std::vector<AgencyIndicatorYear>& years);

}  // namespace xxgk::site
