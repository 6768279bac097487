#include "validate/cross_year_index.h"

#include "model/categories.h"
#include "validate/cross_year.h"
#include "validate/validator.h"

#include <algorithm>

namespace xxgk {
namespace {

struct Address {
  std::string_view table, row, col;
};

// Every cell cross_year.* read (validate/cross_year.cpp).
const std::vector<Address>& addresses() {
  static const std::vector<Address> a = [] {
    std::vector<Address> v;
    for (auto row : {"carried_over", "carried_forward"})
      for (auto col : category_ids("requests", "col")) v.push_back({"requests", row, col});
    for (auto row : {"regulations", "normative_documents"})
      for (auto col : {"issued", "repealed", "in_force"}) v.push_back({"proactive", row, col});
    return v;
  }();
  return a;
}

}  // namespace

void CrossYearIndex::add(std::size_t index, const Report& r) {
  if (r.status == "failed" || !r.report.agency || !r.report.year) return;
  Kept k{index, r.source.path, agency_key(*r.report.agency), *r.report.year, {}, {}};
  if (k.agency.empty()) return;
  bool any = false;
  for (const auto& a : addresses()) {
    Cell c;
    if (const Figure* f = r.find(a.table, a.row, a.col)) {
      any = true;
      c.page = f->page.value_or(0);
      c.decimals = static_cast<signed char>(std::clamp(f->decimals, 0, 127));
      if (f->value) {
        c.state = 1;
        c.value = *f->value;
      } else {
        c.state = 2;
        k.raws.emplace_back(static_cast<int>(k.cells.size()), f->raw);
      }
    }
    k.cells.push_back(c);
  }
  if (any) kept_.push_back(std::move(k));
}

Report CrossYearIndex::rebuild(const Kept& k) const {
  Report r;
  r.source.path = k.path;
  r.report.agency = k.agency;
  r.report.year = k.year;
  const auto& addr = addresses();
  for (size_t i = 0; i < addr.size(); ++i) {
    const Cell& c = k.cells[i];
    if (c.state == 0) continue;
    Figure f;
    f.table = std::string(addr[i].table);
    f.row = std::string(addr[i].row);
    f.col = std::string(addr[i].col);
    if (c.page) f.page = c.page;
    f.decimals = c.decimals;
    if (c.state == 1) f.value = c.value;
    for (const auto& [at, raw] : k.raws)
      if (at == static_cast<int>(i)) f.raw = raw;
    r.figures.push_back(std::move(f));
  }
  return r;
}

bool CrossYearIndex::same_figures(const Kept& a, const Kept& b) {
  if (a.raws != b.raws) return false;
  for (size_t i = 0; i < a.cells.size(); ++i)
    if (a.cells[i].state != b.cells[i].state || a.cells[i].value != b.cells[i].value) return false;
  return true;
}

void CrossYearIndex::finish() {
  by_agency_.clear();
  for (std::size_t i = 0; i < kept_.size(); ++i) by_agency_[kept_[i].agency][kept_[i].year].push_back(i);
}

std::vector<Finding> CrossYearIndex::findings_for(std::size_t index) const {
  // kept_ is in batch order: find the report by binary search.
  auto it = std::lower_bound(kept_.begin(), kept_.end(), index, [](const Kept& k, std::size_t i) { return k.index < i; });
  if (it == kept_.end() || it->index != index) return {};
  auto agency = by_agency_.find(it->agency);
  if (agency == by_agency_.end()) return {};
  auto before = agency->second.find(it->year - 1);
  if (before == agency->second.end()) return {};
  std::vector<const Kept*> previous;  // copies with the same figures compared once, as the first
  for (std::size_t p : before->second) {
    bool duplicate = false;
    for (const Kept* q : previous) duplicate = duplicate || same_figures(kept_[p], *q);
    if (!duplicate) previous.push_back(&kept_[p]);
  }
  const Report now = rebuild(*it);
  std::vector<Finding> found;
  for (const Kept* p : previous)
    for (auto& f : check_cross_year(rebuild(*p), now)) found.push_back(std::move(f));
  sort_findings(found);
  return found;
}

std::map<std::size_t, std::vector<Finding>> CrossYearIndex::findings() {
  finish();
  std::map<std::size_t, std::vector<Finding>> out;
  for (const auto& k : kept_)
    if (auto f = findings_for(k.index); !f.empty()) out[k.index] = std::move(f);
  return out;
}

}  // namespace xxgk
