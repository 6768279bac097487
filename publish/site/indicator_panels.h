// Indicators on the site (contract/indicators.tsv through indicators/definitions): on the overview
// and every region page, each indicator over the region's subtree as the ratio of the sums (with
// the sums, the number of reports summed and the formula beside it) and the rankings of agencies,
// by year, governments and departments apart, as `xxgk indicators` computes them; on an agency page,
// its own values by year and its rank in its region.
#pragma once

#include "model/report.h"
#include "publish/indicator_aggregates.h"
#include "publish/site/indicator_rows.h"

#include <map>
#include <string>
#include <vector>

namespace xxgk::site {

// A region's indicators (region "": every report, as on the overview), both panels made from the
// same results as `xxgk indicators --region CODE` (IndicatorRows::for_each_result):
// - aggregates: each indicator as the ratio of the sums, newest year first, the roles side by side;
// - rankings: per indicator (its formula once), per year and role, the agencies whose denominator
//   reaches the indicator's minimum, highest first, each with its numerator / denominator and a link
//   to its page; every agency when a ranking holds at most kRankingShownWhole, else the first and the
//   last kRankingEnds and how many lie between; then how many were left out and why. A region with
//   one agency a year and role (a township and its government) gets a line saying so, not rankings of one.
// `self`: the page's path (links are relative to it). "" when the region has no chosen report.
inline constexpr size_t kRankingShownWhole = 50, kRankingEnds = 10;
struct RegionIndicatorPanels {
  std::string aggregates, rankings;
};
RegionIndicatorPanels region_indicator_panels(const IndicatorRows& rows, const std::string& region, const std::string& self);

// An agency's indicators, one column per year (current reports): value, numerator / denominator,
// why a value is null, a mark where a failing rule reads one of its figures, and its rank in its
// ranking region (IndicatorRows::positions) or why it is not ranked. `region_page`, `region_name`:
// that region's page and name, "" none.
struct AgencyIndicatorYear {
  int year = 0;
  const Report* report = nullptr;
  const RankPosition* ranks = nullptr;  // one per indicator; null: not in any ranking
};
std::string agency_indicators(const std::vector<AgencyIndicatorYear>& years, const std::string& self, const std::string& region_page,
                              const std::string& region_name);

}  // namespace xxgk::site
