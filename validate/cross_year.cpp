#include "validate/cross_year.h"

#include "model/categories.h"
#include "text/text.h"
#include "validate/findings.h"

#include <fmt/format.h>

#include <cmath>

namespace xxgk {

std::string agency_key(const std::string& agency) { return label_key(agency); }

namespace {

std::optional<double> value_of(const Report& r, std::string_view table, std::string_view row, std::string_view col) {
  const Figure* f = r.find(table, row, col);
  if (!f) return std::nullopt;
  return f->value;
}

}  // namespace

std::vector<Finding> check_cross_year(const Report& prev, const Report& cur) {
  std::vector<Finding> out;
  const int y = cur.report.year.value_or(0);
  // cross_year.carry: carried_forward(Y-1) = carried_over(Y), per column.
  for (auto col : category_ids("requests", "col")) {
    const Figure* now = cur.find("requests", "carried_over", col);
    const Figure* before = prev.find("requests", "carried_forward", col);
    if (!now || !before) continue;
    Finding f = make_finding("cross_year.carry", std::string("requests"));
    f.row = "carried_over";
    f.col = std::string(col);
    f.cells.push_back(CellAddress{"requests", "carried_over", std::string(col), now->page});
    if (!now->value || !before->value) {
      not_assessable(f, line_name("requests", "col", col), {!now->value ? now : before}, 0);
      out.push_back(std::move(f));
      continue;
    }
    if (*now->value == *before->value) continue;
    f.expected = *before->value;
    f.actual = *now->value;
    f.message_zh = fmt::format("{}：本年“上年结转”印为{}，而{}年报告（{}）“结转下年度继续办理”为{}", line_name("requests", "col", col),
                               num(*now->value), y - 1, prev.source.path, num(*before->value));
    f.message_en = fmt::format("{}: carried_over prints {} but the {} report ({}) carried forward {}",
                               line_name_en("requests", "col", col), num(*now->value), y - 1, prev.source.path,
                               num(*before->value));
    out.push_back(std::move(f));
  }
  // cross_year.in_force: in_force(Y) = in_force(Y-1) + issued(Y) - repealed(Y).
  for (std::string_view row : {"regulations", "normative_documents"}) {
    const Figure* now = cur.find("proactive", row, "in_force");
    if (!now) continue;
    auto before = value_of(prev, "proactive", row, "in_force");
    auto issued = value_of(cur, "proactive", row, "issued");
    auto repealed = value_of(cur, "proactive", row, "repealed");
    if (!prev.find("proactive", row, "in_force")) continue;
    Finding f = make_finding("cross_year.in_force", std::string("proactive"));
    f.row = std::string(row);
    f.col = "in_force";
    for (auto c : {"in_force", "issued", "repealed"}) {
      const Figure* x = cur.find("proactive", row, c);
      f.cells.push_back(CellAddress{"proactive", std::string(row), c, x ? x->page : std::nullopt});
    }
    if (!now->value || !before || !issued || !repealed) {
      std::vector<const Figure*> bad;
      for (auto c : {"in_force", "issued", "repealed"})
        if (const Figure* x = cur.find("proactive", row, c); x && !x->value) bad.push_back(x);
      if (const Figure* x = prev.find("proactive", row, "in_force"); x && !x->value) bad.push_back(x);
      not_assessable(f, line_name("proactive", "row", row), bad,
                     (!cur.find("proactive", row, "issued") ? 1 : 0) + (!cur.find("proactive", row, "repealed") ? 1 : 0));
      out.push_back(std::move(f));
      continue;
    }
    const double expected = *before + *issued - *repealed;
    if (std::fabs(expected - *now->value) < 1e-9) continue;
    f.expected = expected;
    f.actual = *now->value;
    f.message_zh = fmt::format("{}：上年现行有效{}件（{}）加本年制发{}件减本年废止{}件应为{}件，本年现行有效印为{}件",
                               line_name("proactive", "row", row), num(*before), prev.source.path, num(*issued),
                               num(*repealed), num(expected), num(*now->value));
    f.message_en = fmt::format("{}: last year's in_force {} ({}) + issued {} - repealed {} = {}, but in_force prints {}",
                               line_name_en("proactive", "row", row), num(*before), prev.source.path, num(*issued),
                               num(*repealed), num(expected), num(*now->value));
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace xxgk
