// The site's page kinds, one renderer each (one place per kind: a new section of a page, e.g.
// indicators or reviews, goes into its renderer). Renderers only format what they are given;
// reading the store is site_data's, writing files site_output's.
#pragma once

#include "model/report.h"
#include "publish/site/indicator_rows.h"
#include "publish/site/site_data.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace xxgk::site {

// A figure that differs between two revisions of a report (printed text; "" where absent).
struct FigureChange {
  std::string table, row, col, before, after;
  bool before_present = true, after_present = true;
};
std::vector<FigureChange> figure_changes(const Report& before, const Report& after);

struct RevisionEntry {
  DocumentMeta meta;
  std::string path;                    // the document's file
  std::vector<FigureChange> changes;  // against the revision before it (empty for the first)
};

// A report's page: metadata and where it came from, its findings and three tables with the
// failing cells highlighted, its six sections, its revisions.
struct ReportPage {
  const Report* report = nullptr;
  DocumentMeta meta;
  std::vector<std::pair<std::string, std::string>> provenance;  // the stored document's columns
  std::vector<RevisionEntry> history;                           // oldest first, this one included
  std::vector<FindingReview> reviews;                           // report->findings' keys and verdicts, same order
};
std::string render_report_page(const ReportPage& page);

// An agency's page: every year side by side (current revisions), a small chart per key figure,
// the cross-year findings, and every figure by year.
struct AgencyYear {
  DocumentMeta meta;
  const Report* report = nullptr;
  std::vector<FindingReview> reviews;  // report->findings' keys and verdicts, same order
  std::vector<RankPosition> ranks;  // its rank in its region per indicator (IndicatorRows::positions); empty: none
};
struct AgencyPage {
  std::string key;   // agency_key
  std::string name;  // as the latest report prints it
  std::optional<Region> region;
  std::vector<AgencyYear> years;  // current reports, by year
  int earlier_revisions = 0;
};
std::string render_agency_page(const AgencyPage& page);

}  // namespace xxgk::site
