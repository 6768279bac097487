// Totals the overview and the region pages show, gathered in the one pass over the index rows
// (current reports) that writes the index: by year, by region (every region counts the reports of
// its whole subtree) and the agencies placed directly in each region.
//
// The rows come by shard, and a shard holds one city (its first four digits: division codes nest, so
// a city's whole subtree) and one year; a city's shards come one after the other. So a city's
// counties and townships, with their totals and their agencies, are held only while its shards are
// read: when the next city begins, each of their pages is handed over (write_region) and they are let
// go. Kept to the end are the provinces and the cities with their totals (the overview, g/index.html
// and a province's page need them), the agencies placed in a province itself, and one short entry per
// placed region (the index's region tree). So the memory grows with the number of cities, not with the
// reports or the agencies of the store. Each node's totals are added up in the order of the rows, the
// order the whole pass has always had: the sums of the key figures come out the same to the last bit.
#pragma once

#include "publish/site/site_data.h"
#include "publish/site/site_html.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace xxgk::site {

inline constexpr size_t kKeyFigureCount = 4;  // key_figures().size(), checked where a row is added

struct Totals {
  long reports = 0;
  std::array<long, std::size(kStatuses)> by_status{};  // kStatuses order (another status is shown nowhere)
  std::array<double, kKeyFigureCount> key_sum{};       // key_figures() order: sum over the reports that print the figure
  std::array<long, kKeyFigureCount> key_n{};           // how many reports print it (the others leave it blank or lack it)
  long open_findings = 0, dismissed_findings = 0;      // failing findings not dismissed on review / dismissed
  void add(const IndexRow& row);
  long status(std::string_view s) const;
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

// What a region's page is made of, valid during the write_region call only.
struct RegionPageData {
  const RegionNode* node = nullptr;
  std::vector<RegionCrumb> crumbs;              // from the province down to the region itself
  std::vector<const RegionNode*> children;      // in code order
  const std::map<std::string, AgencyEntry>* agencies = nullptr;  // placed directly in it, by page key; null: none
};

// A placed region in the index's region tree (summary.js).
struct RegionBrief {
  std::string name, parent;
  std::uint8_t level = 0;  // 0 province … 3 township
  long reports = 0;
};

class Aggregates {
 public:
  using RegionWriter = std::function<void(const RegionPageData&)>;
  // Every region's page is handed to `write_region` once: a city's and those below it when the
  // city's rows end, the provinces' at finish().
  explicit Aggregates(RegionWriter write_region) : write_region_(std::move(write_region)) {}

  // A region with no current report that still gets a page and a place among its parent's children
  // (a roster names agencies there): its node and its ancestors', `names` from the province down to
  // the region itself. Before the rows: a region a report is placed in keeps the name its reports
  // give it; else the first name given for a code is kept.
  void add_empty_region(const std::string& code, const std::vector<std::string>& names);
  // Rows in the index's order (for_each_index_row: by shard, then id).
  void add(const IndexRow& row);
  // Hands over the pages still held: the cities' (and those below) with no report, then the provinces'.
  void finish();

  long total = 0, unplaced = 0;
  std::map<int, Totals> by_year;  // year 0: reports without a year
  std::map<std::string, long> formats;
  // Every region a current report is placed in, and its ancestors (not the empty regions): codes sort
  // parents before children.
  const std::map<std::string, RegionBrief>& placed() const { return placed_; }
  // Provinces and cities, the empty ones too once finish() has run.
  const std::map<std::string, RegionNode>& upper() const { return upper_; }
  std::vector<const RegionNode*> upper_children(const std::string& code) const;  // "" the provinces

 private:
  RegionNode& node(std::map<std::string, RegionNode>& in, const std::string& code, const std::string& name, size_t level,
                   const std::string& parent);
  void open_group(const std::string& group);
  void close_group();
  std::string crumb_name(const std::string& code) const;
  void write(const RegionNode& n, const std::vector<const RegionNode*>& children, const std::map<std::string, AgencyEntry>* agencies);

  RegionWriter write_region_;
  std::map<std::string, std::string> empty_;  // code → name, every level of every empty region; consumed as they are placed
  std::map<std::string, RegionBrief> placed_;
  std::map<std::string, RegionNode> upper_;    // levels 0 and 1
  std::map<std::string, std::map<std::string, AgencyEntry>> upper_agencies_;  // placed in a province itself
  // The open city (its first four digits; a shorter code is a group of its own): its counties and
  // townships, and the agencies placed in it and below.
  std::string group_;
  std::map<std::string, RegionNode> lower_;
  std::map<std::string, std::map<std::string, AgencyEntry>> group_agencies_;
  std::set<std::string> closed_;  // groups whose pages are written
};

// The group of a region's code: its city (first four digits), or the code itself when shorter; a
// province's code (two digits or fewer) belongs to none ("").
std::string region_group(const std::string& code);

}  // namespace xxgk::site
