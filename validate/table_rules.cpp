// The identities the format prints in its own tables, and the checks on single values.
#include "validate/table_rules.h"

#include "model/categories.h"
#include "validate/findings.h"

#include <fmt/format.h>

#include <cmath>
#include <functional>

namespace xxgk {
namespace {

struct Term {
  std::string_view row, col;
};

// One identity on one line of a table: sum(expected_terms) must equal sum(actual_terms).
struct Identity {
  std::string_view rule;
  std::string_view table;
  std::string_view line_axis;  // "row" or "col": which kind of line the rule runs along
  std::string line_id;
  std::vector<Term> expected_terms;  // computed side
  std::vector<Term> actual_terms;    // printed side
};

struct Sum {
  double value = 0;
  double tolerance = 0;  // half a unit of the last printed decimal, per term (amounts only)
  bool any_present = false;
  std::vector<const Figure*> unreadable;  // blank or not a number
  int missing = 0;                        // not printed at all
};

Sum add_terms(const Report& r, std::string_view table, const std::vector<Term>& terms,
              std::vector<CellAddress>& cells) {
  Sum s;
  for (const auto& t : terms) {
    const Figure* f = r.find(table, t.row, t.col);
    cells.push_back(CellAddress{std::string(table), std::string(t.row), std::string(t.col),
                                f ? f->page : std::nullopt});
    if (!f) {
      ++s.missing;
      continue;
    }
    s.any_present = true;
    if (!f->value) {
      s.unreadable.push_back(f);
      continue;
    }
    s.value += *f->value;
    if (f->decimals > 0) s.tolerance += 0.5 * std::pow(10.0, -f->decimals);
  }
  return s;
}

void check_identity(const Report& r, const Identity& id, std::vector<Finding>& out,
                    const std::function<std::pair<std::string, std::string>(double, double)>& describe) {
  std::vector<CellAddress> cells;
  Sum e = add_terms(r, id.table, id.expected_terms, cells);
  Sum a = add_terms(r, id.table, id.actual_terms, cells);
  if (!e.any_present && !a.any_present) return;  // the line is not in the report at all
  Finding f = make_finding(id.rule, std::string(id.table));
  if (id.line_axis == "row") f.row = id.line_id;
  else f.col = id.line_id;
  f.cells = std::move(cells);
  const std::string where = line_name(id.table, id.line_axis, id.line_id);
  if (e.missing || a.missing || !e.unreadable.empty() || !a.unreadable.empty()) {
    std::vector<const Figure*> bad = e.unreadable;
    bad.insert(bad.end(), a.unreadable.begin(), a.unreadable.end());
    not_assessable(f, where, bad, e.missing + a.missing);
    if (e.unreadable.empty() && !e.missing) f.expected = e.value;
    if (a.unreadable.empty() && !a.missing) f.actual = a.value;
    out.push_back(std::move(f));
    return;
  }
  if (std::fabs(e.value - a.value) <= e.tolerance + a.tolerance + 1e-9) return;
  f.status = "fail";
  f.expected = e.value;
  f.actual = a.value;
  auto [zh, en] = describe(e.value, a.value);
  f.message_zh = where + "：" + zh;
  f.message_en = line_name_en(id.table, id.line_axis, id.line_id) + ": " + en;
  out.push_back(std::move(f));
}

std::vector<Term> terms_for_col(std::string_view col, std::initializer_list<std::string_view> rows) {
  std::vector<Term> t;
  for (auto r : rows) t.push_back({r, col});
  return t;
}

bool has_row(const Report& r, std::string_view table, std::string_view row) {
  for (const auto& f : r.figures)
    if (f.table == table && f.row == row) return true;
  return false;
}

}  // namespace

void check_requests_balance(const Report& r, std::vector<Finding>& out) {
  for (auto col : category_ids("requests", "col")) {
    Identity id{"requests.balance", "requests", "col", std::string(col),
                terms_for_col(col, {"new_received", "carried_over"}),
                terms_for_col(col, {"processed_total", "carried_forward"})};
    check_identity(r, id, out, [](double e, double a) {
      return std::pair{fmt::format("第一项加第二项之和为{}，第三项加第四项之和为{}，两者不等", num(e), num(a)),
                       fmt::format("new_received + carried_over = {} but processed_total + carried_forward = {}",
                                   num(e), num(a))};
    });
  }
}

void check_requests_results_total(const Report& r, std::vector<Finding>& out) {
  // Parts of （七）总计: the 2019 single （六） row or the three 2021 rows, whichever is printed.
  std::vector<std::string_view> parts;
  for (auto row : category_ids("requests", "row")) {
    if (row == "new_received" || row == "carried_over" || row == "processed_total" || row == "carried_forward") continue;
    const bool single = row == "other_processing";
    const bool triple = row == "other_overdue_correction" || row == "other_unpaid_fee" || row == "other_other";
    const bool has_single = has_row(r, "requests", "other_processing");
    if ((single && !has_single) || (triple && has_single)) continue;
    parts.push_back(row);
  }
  for (auto col : category_ids("requests", "col")) {
    std::vector<Term> e;
    for (auto p : parts) e.push_back({p, col});
    Identity id{"requests.results_total", "requests", "col", std::string(col), e, {{"processed_total", col}}};
    check_identity(r, id, out, [](double ev, double av) {
      return std::pair{fmt::format("各项办理结果之和为{}，（七）总计印为{}", num(ev), num(av)),
                       fmt::format("the results add up to {} but processed_total prints {}", num(ev), num(av))};
    });
  }
}

void check_requests_row_total(const Report& r, std::vector<Finding>& out) {
  for (auto row : category_ids("requests", "row")) {
    if (!has_row(r, "requests", row)) continue;
    std::vector<Term> e;
    for (auto col : category_ids("requests", "col"))
      if (col != "total") e.push_back({row, col});
    Identity id{"requests.row_total", "requests", "row", std::string(row), e, {{row, "total"}}};
    check_identity(r, id, out, [](double ev, double av) {
      return std::pair{fmt::format("自然人与各类法人或其他组织之和为{}，总计印为{}", num(ev), num(av)),
                       fmt::format("the applicant columns add up to {} but total prints {}", num(ev), num(av))};
    });
  }
}

void check_review_litigation_total(const Report& r, std::vector<Finding>& out) {
  for (auto row : category_ids("review_litigation", "row")) {
    if (!has_row(r, "review_litigation", row)) continue;
    Identity id{"review_litigation.total", "review_litigation", "row", std::string(row),
                {{row, "upheld"}, {row, "corrected"}, {row, "other"}, {row, "pending"}}, {{row, "total"}}};
    check_identity(r, id, out, [](double ev, double av) {
      return std::pair{fmt::format("结果维持、结果纠正、其他结果、尚未审结之和为{}，总计印为{}", num(ev), num(av)),
                       fmt::format("upheld + corrected + other + pending = {} but total prints {}", num(ev), num(av))};
    });
  }
}

void check_values_negative(const Report& r, std::vector<Finding>& out) {
  for (const auto& f : r.figures) {
    if (!f.value || *f.value >= 0 || (f.table == "proactive" && f.col == "change")) continue;
    Finding x = make_finding("values.negative", f.table);
    x.row = f.row;
    x.col = f.col;
    x.actual = *f.value;
    x.cells.push_back(CellAddress{f.table, f.row, f.col, f.page});
    x.message_zh = fmt::format("{}印为负数{}（原文“{}”）", cell_name(f), num(*f.value), f.raw);
    x.message_en = fmt::format("{} is negative: {} (printed \"{}\")", cell_name_en(f), num(*f.value), f.raw);
    out.push_back(std::move(x));
  }
}

void check_values_non_integer(const Report& r, std::vector<Finding>& out) {
  for (const auto& f : r.figures) {
    if (!f.value || is_amount(f.table, f.col)) continue;
    if (std::floor(*f.value) == *f.value) continue;
    Finding x = make_finding("values.non_integer", f.table);
    x.row = f.row;
    x.col = f.col;
    x.actual = *f.value;
    x.cells.push_back(CellAddress{f.table, f.row, f.col, f.page});
    x.message_zh = fmt::format("{}是件数，却印为小数{}", cell_name(f), f.raw);
    x.message_en = fmt::format("{} is a count but prints a fraction: {}", cell_name_en(f), f.raw);
    out.push_back(std::move(x));
  }
}

}  // namespace xxgk
