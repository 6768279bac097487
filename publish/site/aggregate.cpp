#include "publish/site/aggregate.h"

#include <fmt/format.h>

#include <stdexcept>

namespace xxgk::site {

namespace {

constexpr const char* kLevels[] = {"province", "city", "county", "township"};

// The depth of a region node's code (0 province … 3 township): the first whose width (2, 4, 6, 9)
// reaches its length, as region_prefix cuts them.
size_t level_of(const std::string& code) {
  constexpr size_t kWidths[] = {2, 4, 6, 9};
  for (size_t i = 0; i < 3; ++i)
    if (code.size() <= kWidths[i]) return i;
  return 3;
}

std::string parent_of(const std::string& code) {
  const size_t level = level_of(code);
  return level ? region_prefix(code, level - 1) : std::string();
}

}  // namespace

std::string region_group(const std::string& code) { return code.size() <= 2 ? std::string() : region_prefix(code, 1); }

void Totals::add(const IndexRow& row) {
  ++reports;
  for (size_t i = 0; i < std::size(kStatuses); ++i)
    if (row.status == kStatuses[i].status) ++by_status[i];
  open_findings += row.open_findings;
  dismissed_findings += row.dismissed_findings;
  if (row.keys.size() > kKeyFigureCount) throw std::logic_error("more key figures than kKeyFigureCount");
  for (size_t k = 0; k < row.keys.size(); ++k)
    if (row.keys[k]) {
      key_sum[k] += *row.keys[k];
      ++key_n[k];
    }
}

long Totals::status(std::string_view s) const {
  for (size_t i = 0; i < std::size(kStatuses); ++i)
    if (kStatuses[i].status == s) return by_status[i];
  return 0;
}

void Aggregates::add_empty_region(const std::string& code, const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size() && i < 4; ++i) {
    const std::string at = region_prefix(code, i);
    empty_.emplace(at, names[i]);
    if (at == code) break;
  }
}

RegionNode& Aggregates::node(std::map<std::string, RegionNode>& in, const std::string& code, const std::string& name, size_t level,
                             const std::string& parent) {
  RegionNode& n = in[code];
  if (n.code.empty()) n = RegionNode{code, name, kLevels[level], parent, 0, {}};
  return n;
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
  const std::string group = region_group(r.code);
  if (!group.empty() && group != group_) open_group(group);
  // The region and each of its ancestors.
  std::string parent;
  for (size_t i = 0; i < r.names.size() && i < 4; ++i) {
    const std::string code = region_prefix(r.code, i);
    RegionNode& n = node(i <= 1 ? upper_ : lower_, code, r.names[i], i, parent);
    ++n.reports;
    n.by_year[row.year.value_or(0)].add(row);
    auto [brief, fresh] = placed_.try_emplace(code);
    if (fresh) brief->second = RegionBrief{n.name, n.parent, static_cast<std::uint8_t>(i), 0};
    ++brief->second.reports;
    parent = code;
    if (code == r.code) break;
  }
  if (!row.agency_page.empty()) {
    AgencyEntry& a = (group.empty() ? upper_agencies_ : group_agencies_)[r.code][row.agency_page];
    if (a.name.empty() || row.year >= std::optional<int>(a.years.empty() ? 0 : a.years.rbegin()->first)) a.name = row.name;
    a.page_key = row.agency_page;
    a.role = r.role;
    a.years[row.year.value_or(0)] = {row.id, row.status};
  }
}

void Aggregates::open_group(const std::string& group) {
  if (!group_.empty()) close_group();
  // A city's rows are one run of the index's order (its shards' names begin with its code, then "-"):
  // a city met again would have its pages written twice, the first time short. Only a region code
  // holding a "-" could do it.
  if (closed_.count(group)) throw std::runtime_error(fmt::format("site: the rows of region {} are not together in the index order", group));
  group_ = group;
}

void Aggregates::close_group() {
  // The empty regions of the city, placed after its rows (a region a report is placed in keeps its name).
  for (auto it = empty_.lower_bound(group_); it != empty_.end() && it->first.compare(0, group_.size(), group_) == 0;) {
    if (region_group(it->first) != group_) {
      ++it;
      continue;
    }
    const size_t level = level_of(it->first);
    node(level <= 1 ? upper_ : lower_, it->first, it->second, level, parent_of(it->first));
    it = empty_.erase(it);
  }
  std::map<std::string, std::vector<const RegionNode*>> children;
  for (const auto& [code, n] : lower_) children[n.parent].push_back(&n);
  auto agencies = [&](const std::string& code) {
    auto it = group_agencies_.find(code);
    return it == group_agencies_.end() ? nullptr : &it->second;
  };
  if (auto city = upper_.find(group_); city != upper_.end()) write(city->second, children[group_], agencies(group_));
  for (const auto& [code, n] : lower_) write(n, children[code], agencies(code));
  lower_.clear();
  group_agencies_.clear();
  closed_.insert(group_);
  group_.clear();
}

void Aggregates::finish() {
  if (!group_.empty()) close_group();
  for (auto it = empty_.begin(); it != empty_.end();)
    if (level_of(it->first) == 0) {
      node(upper_, it->first, it->second, 0, "");
      it = empty_.erase(it);
    } else {
      ++it;
    }
  // Cities with no report at all (only empty regions).
  std::set<std::string> rest;
  for (const auto& [code, name] : empty_) rest.insert(region_group(code));
  for (const auto& g : rest) {
    group_ = g;
    close_group();
  }
  for (const auto& [code, n] : upper_)
    if (n.level == kLevels[0]) {
      auto it = upper_agencies_.find(code);
      write(n, upper_children(code), it == upper_agencies_.end() ? nullptr : &it->second);
    }
}

std::vector<const RegionNode*> Aggregates::upper_children(const std::string& code) const {
  std::vector<const RegionNode*> out;
  for (const auto& [c, n] : upper_)
    if (n.parent == code) out.push_back(&n);
  return out;
}

std::string Aggregates::crumb_name(const std::string& code) const {
  if (auto it = lower_.find(code); it != lower_.end()) return it->second.name;
  if (auto it = upper_.find(code); it != upper_.end()) return it->second.name;
  // A province only an empty region names, while a city is written before finish() places it.
  if (auto it = empty_.find(code); it != empty_.end()) return it->second;
  return {};
}

void Aggregates::write(const RegionNode& n, const std::vector<const RegionNode*>& children,
                       const std::map<std::string, AgencyEntry>* agencies) {
  RegionPageData page;
  page.node = &n;
  page.children = children;
  page.agencies = agencies;
  page.crumbs.push_back({n.code, n.name});
  for (std::string at = n.parent; !at.empty(); at = parent_of(at)) page.crumbs.insert(page.crumbs.begin(), {at, crumb_name(at)});
  write_region_(page);
}

}  // namespace xxgk::site
