// `xxgk site`: the audit site, a folder of static files (HTML, CSS, vanilla JavaScript, data as
// <script> files) that works opened from file:// and from any web server: an overview, the
// reports index, a page per report, per agency and per region, and what changed in the last
// runs. Rebuilt incrementally: a page is rewritten only when what it shows changed in the store.
#pragma once

#include <string>

namespace xxgk::site {

struct SiteOptions {
  std::string db;   // the audit store (read only)
  std::string out;  // the site's folder (created when missing)
  int jobs = 2;     // threads writing report and agency pages
  bool full = false;  // rewrite every page, whatever the manifest says
  std::string roster;  // a roster (sources file or TSV with an agency column): coverage.html and per-region counts
};

struct SiteStats {
  long reports = 0;          // current reports in the index
  long documents = 0;        // stored documents (every revision has a page)
  long agencies = 0;
  long report_pages = 0, agency_pages = 0;  // pages written this build
  long other_pages = 0;      // index shards, summary, overview, regions, changes, assets written
  long unchanged = 0;        // pages kept as they were
  long removed = 0;          // pages of earlier builds that no longer belong to the site
  long bytes_written = 0;
  double seconds = 0;
};

SiteStats build_site(const SiteOptions& options);

}  // namespace xxgk::site
