#include "validate/cross_year_index.h"

#include "model/categories.h"
#include "validate/cross_year.h"
#include "validate/validator.h"

#include <unordered_map>

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
      c.decimals = f->decimals;
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

std::map<std::size_t, std::vector<Finding>> CrossYearIndex::findings() const {
  std::unordered_map<std::string, std::vector<const Kept*>> by_agency;
  for (const auto& k : kept_) by_agency[k.agency].push_back(&k);
  std::map<std::size_t, std::vector<Finding>> out;
  for (const auto& [agency, reports] : by_agency) {
    if (reports.size() < 2) continue;
    for (const Kept* cur : reports) {
      std::vector<const Kept*> previous;  // in batch order (kept_ is)
      for (const Kept* p : reports) {
        if (p->year + 1 != cur->year) continue;
        bool duplicate = false;
        for (const Kept* q : previous) duplicate = duplicate || same_figures(*p, *q);
        if (!duplicate) previous.push_back(p);
      }
      if (previous.empty()) continue;
      const Report now = rebuild(*cur);
      std::vector<Finding> found;
      for (const Kept* p : previous)
        for (auto& f : check_cross_year(rebuild(*p), now)) found.push_back(std::move(f));
      if (found.empty()) continue;
      sort_findings(found);
      out[cur->index] = std::move(found);
    }
  }
  return out;
}

}  // namespace xxgk
