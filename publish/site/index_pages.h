// The reports index: data/idx/<shard>.js (one per city and year, columnar, loaded on demand),
// data/summary.js (totals, the region tree, the shard list with counts by status, and the first
// page in the default order, so the first view loads no shard) and reports.html.
#pragma once

#include "publish/site/aggregate.h"
#include "publish/site/site_data.h"
#include "publish/site/site_output.h"

namespace xxgk::site {

inline constexpr int kPageSize = 50;

// Writes the index (each file only when its content changed), adding every row to `agg` on the way
// (which writes the region pages of each city as its rows end; agg.finish() is the caller's).
void write_index(SiteData& data, SiteOutput& out, Aggregates& agg);

}  // namespace xxgk::site
