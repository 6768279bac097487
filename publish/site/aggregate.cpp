#include "publish/site/aggregate.h"

#include "publish/site/site_html.h"

#include <algorithm>

namespace xxgk::site {

void Totals::add(const IndexRow& row) {
  ++reports;
  ++by_status[row.status];
  open_findings += row.open_findings;
  dismissed_findings += row.dismissed_findings;
  key_sum.resize(row.keys.size());
  key_n.resize(row.keys.size());
  for (size_t k = 0; k < row.keys.size(); ++k)
    if (row.keys[k]) {
      key_sum[k] += *row.keys[k];
      ++key_n[k];
    }
}

RegionNode& Aggregates::node(const std::string& code, const std::string& name, size_t level, const std::string& parent) {
  RegionNode& n = regions[code];
  if (n.code.empty()) {
    static const char* const levels[] = {"province", "city", "county", "township"};
    n = RegionNode{code, name, levels[level], parent, 0, {}};
  }
  return n;
}

void Aggregates::add_empty_region(const std::string& code, const std::vector<std::string>& names) {
  std::string parent;
  for (size_t i = 0; i < names.size() && i < 4; ++i) {
    const std::string at = region_prefix(code, i);
    node(at, names[i], i, parent);
    parent = at;
    if (at == code) break;
  }
}

void Aggregates::add(const IndexRow& row) {
  ++total;
  by_year[row.year.value_or(0)].add(row);
  ++formats[row.format];
  if (!row.region) {
    ++unplaced;
    return;
  }
  const Region& r = *row.region;
  // The region and each of its ancestors.
  std::string parent;
  for (size_t i = 0; i < r.names.size() && i < 4; ++i) {
    const std::string code = region_prefix(r.code, i);
    RegionNode& n = node(code, r.names[i], i, parent);
    ++n.reports;
    n.by_year[row.year.value_or(0)].add(row);
    parent = code;
    if (code == r.code) break;
  }
  if (!row.agency_page.empty()) {
    AgencyEntry& a = agencies_at[r.code][row.agency_page];
    if (a.name.empty() || row.year >= std::optional<int>(a.years.empty() ? 0 : a.years.rbegin()->first)) a.name = row.name;
    a.page_key = row.agency_page;
    a.role = r.role;
    a.years[row.year.value_or(0)] = {row.id, row.status};
  }
}

}  // namespace xxgk::site
