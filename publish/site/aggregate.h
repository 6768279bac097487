// Totals the overview and the region pages show, gathered in one pass over the index rows
// (current reports): by year, by region (every region counts the reports of its whole subtree)
// and the agencies placed directly in each region. Small: it grows with years and regions and
// agencies, never with figures.
#pragma once

#include "publish/site/site_data.h"

#include <map>
#include <string>
#include <vector>

namespace xxgk::site {

struct Totals {
  long reports = 0;
  std::map<std::string, long> by_status;
  std::vector<double> key_sum;  // key_figures() order: sum over the reports that print the figure
  std::vector<long> key_n;      // how many reports print it (the others leave it blank or lack it)
  long open_findings = 0, dismissed_findings = 0;  // failing findings not dismissed on review / dismissed
  void add(const IndexRow& row);
};

struct RegionNode {
  std::string code, name, level;
  std::string parent;  // "" for a top node
  long reports = 0;    // current reports in its subtree
  std::map<int, Totals> by_year;
};

struct AgencyEntry {
  std::string name, page_key, role;
  std::map<int, std::pair<std::int64_t, std::string>> years;  // year → document id, status
};

struct Aggregates {
  long total = 0, unplaced = 0;
  std::map<int, Totals> by_year;  // year 0: reports without a year
  std::map<std::string, RegionNode> regions;
  std::map<std::string, std::map<std::string, AgencyEntry>> agencies_at;  // region code → agency key → entry
  std::map<std::string, long> formats;
  void add(const IndexRow& row);
  // A region with no current report (a roster names agencies there): its node and its ancestors',
  // so that it has a page (its roster coverage) and a place in the tree. `names` from the province
  // down to the region itself.
  void add_empty_region(const std::string& code, const std::vector<std::string>& names);

 private:
  RegionNode& node(const std::string& code, const std::string& name, size_t level, const std::string& parent);
};

}  // namespace xxgk::site
