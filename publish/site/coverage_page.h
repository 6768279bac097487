// The roster's coverage in the site (`xxgk site --roster FILE`): coverage.html lists, for every
// reporting year the store holds, the roster's agencies with no report, only a failed or partial
// one, or one published after the legal deadline, grouped by region (the same rows as
// `xxgk coverage`), and each region page counts its own.
#pragma once

#include "publish/coverage.h"
#include "publish/site/site_output.h"

#include <string>
#include <vector>

namespace xxgk::site {

struct RosterCoverage {
  std::string roster;            // the roster file, as given
  std::vector<Coverage> years;   // newest year first
};

// coverage.html.
void write_coverage_page(const RosterCoverage& roster, SiteOutput& out);

// A panel for the overview (`region_code` empty) or a region page: per year, how many roster
// agencies in the region are ok, missing, failed, partial or late, linked to coverage.html.
std::string roster_panel(const RosterCoverage& roster, const std::string& self, const std::string& region_code);

}  // namespace xxgk::site
