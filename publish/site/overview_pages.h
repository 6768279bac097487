// The overview (index.html), the regions (g/index.html and g/<code>.html) and what changed in the
// last runs (changes.html): pages of totals, each chart with its numbers in a table beside it.
#pragma once

#include "publish/site/aggregate.h"
#include "publish/site/coverage_page.h"
#include "publish/site/indicator_panels.h"
#include "publish/site/site_data.h"
#include "publish/site/site_output.h"

namespace xxgk::site {

// `roster`: the roster's coverage (xxgk site --roster), shown as a panel on each page; null: none.
// `indicators`: the chosen reports' indicator values, each region's (and the store's) aggregates and
// rankings made from them (region_indicator_panels); null: none shown.
void write_overview(SiteData& data, const Aggregates& agg, SiteOutput& out, const RosterCoverage* roster = nullptr,
                    const IndicatorRows* indicators = nullptr);
// g/index.html: the provinces, each with its cities' coverage.
void write_regions_index(const Aggregates& agg, SiteOutput& out);
// g/<code>.html, one region's page, as Aggregates hands it over (write_region).
void write_region_page(const RegionPageData& region, SiteOutput& out, const RosterCoverage* roster = nullptr,
                       const IndicatorRows* indicators = nullptr);
// The last `nights` distinct days documents were stored on: new reports, new revisions with the
// figures that changed, new error findings, documents that failed.
void write_changes(SiteData& data, SiteOutput& out, int nights = 7);

}  // namespace xxgk::site
