// The identities the format prints in its own tables, and the checks on single values.
#include "validate/table_rules.h"

#include "model/categories.h"
#include "validate/findings.h"
#include "validate/interval.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace xxgk {
namespace {

struct Term {
  std::string_view row, col;
};

// One side of an identity as read from the report: the figures of its terms (null where the cell
// is not printed), their sum as an interval, and what keeps them from being summed.
struct Side {
  std::vector<const Figure*> figures;
  Interval sum;
  double value = 0;  // the sum of the printed values
  bool any_present = false;
};

// The words of one identity's messages, given both sides once they are known to be readable.
using Describe = std::function<std::pair<std::string, std::string>(const Side& computed, const Side& printed)>;

// One identity on one line of a table: sum(computed terms) must equal sum(printed terms).
struct Identity {
  std::string_view rule;
  std::string_view table;
  std::string_view line_axis;  // "row" or "col": the kind of line the rule runs along
  std::string line_id;
  std::vector<Term> computed;  // the side the rule computes (expected)
  std::vector<Term> printed;   // the side the report prints as its result (actual)
  std::string_view check_zh;   // what is checked, for the not-assessable message
  std::string_view check_en;
  Describe describe;
};

// A report's figures by address, for the identities: each looks up all its terms, and scanning every
// figure for each term (Report::find) was 7% of a text report's instructions. A sorted vector of the
// addresses' hashes (a hash map's node per figure cost as much as the scans it saved); an address's
// first figure is kept, the one Report::find gives.
class Figures {
 public:
  explicit Figures(const Report& r) : all_(r.figures) {
    cells_.reserve(r.figures.size());
    rows_.reserve(r.figures.size());
    for (const auto& f : r.figures) {
      cells_.push_back({hash(f.table, f.row, f.col), &f});
      rows_.push_back(hash(f.table, f.row, {}));
    }
    // Stable: of two figures at one address the first stays first.
    std::stable_sort(cells_.begin(), cells_.end(), [](const Entry& a, const Entry& b) { return a.hash < b.hash; });
    std::sort(rows_.begin(), rows_.end());
  }
  const Figure* find(std::string_view table, std::string_view row, std::string_view col) const {
    const size_t h = hash(table, row, col);
    auto it = std::lower_bound(cells_.begin(), cells_.end(), h, [](const Entry& e, size_t x) { return e.hash < x; });
    for (; it != cells_.end() && it->hash == h; ++it)
      if (it->figure->col == col && it->figure->row == row && it->figure->table == table) return it->figure;
    return nullptr;
  }
  // Whether a figure of `row` is printed; a hash seen is checked against the figures themselves.
  bool has_row(std::string_view table, std::string_view row) const {
    if (!std::binary_search(rows_.begin(), rows_.end(), hash(table, row, {}))) return false;
    return std::any_of(all_.begin(), all_.end(), [&](const Figure& f) { return f.table == table && f.row == row; });
  }

 private:
  struct Entry {
    size_t hash;
    const Figure* figure;
  };
  static size_t hash(std::string_view table, std::string_view row, std::string_view col) {
    const std::hash<std::string_view> h;
    return h(row) ^ (h(col) * 0x9E3779B97F4A7C15ull) ^ table.size();
  }
  const std::vector<Figure>& all_;
  std::vector<Entry> cells_;
  std::vector<size_t> rows_;
};

Side read_side(const Figures& figures, std::string_view table, const std::vector<Term>& terms, std::vector<CellAddress>& cells,
               Unassessable& why) {
  Side s;
  for (const auto& t : terms) {
    const Figure* f = figures.find(table, t.row, t.col);
    CellAddress a{std::string(table), std::string(t.row), std::string(t.col), f ? f->page : std::nullopt};
    cells.push_back(a);
    s.figures.push_back(f);
    if (!f) {
      why.missing.push_back(std::move(a));
      continue;
    }
    s.any_present = true;
    if (!f->value) {
      why.unreadable.push_back(f);
      continue;
    }
    s.sum = s.sum + printed_interval(*f);
    s.value += *f->value;
  }
  return s;
}

void check_identity(const Figures& figures, const Identity& id, std::vector<Finding>& out) {
  std::vector<CellAddress> cells;
  Unassessable why_computed, why_printed;
  Side e = read_side(figures, id.table, id.computed, cells, why_computed);
  Side a = read_side(figures, id.table, id.printed, cells, why_printed);
  if (!e.any_present && !a.any_present) return;  // the line is not in the report at all
  const bool assessable = why_computed.empty() && why_printed.empty();
  // Most lines add up: their finding and its words are made only when there is one to report.
  if (assessable && agree(e.sum, a.sum)) return;
  Finding f = make_finding(id.rule, std::string(id.table));
  if (id.line_axis == "row") f.row = id.line_id;
  else f.col = id.line_id;
  f.cells = std::move(cells);
  const std::string where_zh = line_name(id.table, id.line_axis, id.line_id) + pages_zh(f.cells);
  const std::string where_en = line_name_en(id.table, id.line_axis, id.line_id) + pages_en(f.cells);
  if (!assessable) {
    Unassessable why = why_computed;
    why.unreadable.insert(why.unreadable.end(), why_printed.unreadable.begin(), why_printed.unreadable.end());
    why.missing.insert(why.missing.end(), why_printed.missing.begin(), why_printed.missing.end());
    mark_not_assessable(f, where_zh, where_en, id.check_zh, id.check_en, why, id.line_axis);
    if (why_computed.empty()) f.expected = e.value;
    if (why_printed.empty()) f.actual = a.value;
    out.push_back(std::move(f));
    return;
  }
  f.expected = e.value;
  f.actual = a.value;
  auto [zh, en] = id.describe(e, a);
  f.message_zh = where_zh + "：" + zh;
  f.message_en = where_en + ": " + en;
  out.push_back(std::move(f));
}

std::vector<Term> terms_for_col(std::string_view col, std::initializer_list<std::string_view> rows) {
  std::vector<Term> t;
  for (auto r : rows) t.push_back({r, col});
  return t;
}

// The last word of a column label: "法人或其他组织 商业企业" → "商业企业".
std::string short_col(std::string_view table, std::string_view col) {
  std::string s = label_zh(table, "col", col);
  if (auto p = s.rfind(' '); p != std::string::npos) s = s.substr(p + 1);
  return s;
}

// "自然人3001、商业企业53、科研机构0" / "natural_person 3001 + commercial 53 + research 0" for the
// figures of one side, all of which have values.
std::pair<std::string, std::string> list_terms(const Side& s, std::string_view line_axis) {
  std::vector<std::string> zh, en;
  for (const Figure* f : s.figures) {
    const std::string v = num(*f->value);
    if (line_axis == "row") {
      zh.push_back(short_col(f->table, f->col) + v);
      en.push_back(f->col + " " + v);
    } else {
      zh.push_back(label_zh(f->table, "row", f->row) + v);
      en.push_back(f->row + " " + v);
    }
  }
  return {fmt::format("{}", fmt::join(zh, "、")), fmt::format("{}", fmt::join(en, " + "))};
}

}  // namespace

void check_requests_balance(const Report& r, std::vector<Finding>& out) {
  const Figures figures(r);
  for (auto col : category_ids("requests", "col")) {
    Identity id{"requests.balance",
                "requests",
                "col",
                std::string(col),
                terms_for_col(col, {"new_received", "carried_over"}),
                terms_for_col(col, {"processed_total", "carried_forward"}),
                "“第一项加第二项之和，等于第三项加第四项之和”",
                "new_received + carried_over = processed_total + carried_forward",
                [](const Side& e, const Side& a) {
                  auto v = [](const Side& s, size_t i) { return num(*s.figures[i]->value); };
                  return std::pair{
                      fmt::format("本年新收{}加上年结转{}为{}，而（七）总计{}加结转下年度继续办理{}为{}，两者应相等", v(e, 0),
                                  v(e, 1), num(e.value), v(a, 0), v(a, 1), num(a.value)),
                      fmt::format("new_received {} + carried_over {} = {}, but processed_total {} + carried_forward {} = {}; "
                                  "the two must be equal",
                                  v(e, 0), v(e, 1), num(e.value), v(a, 0), v(a, 1), num(a.value))};
                }};
    check_identity(figures, id, out);
  }
}

void check_requests_results_total(const Report& r, std::vector<Finding>& out) {
  const Figures figures(r);
  // Parts of （七）总计: the 2019 single （六） row or the three 2021 rows, whichever is printed.
  const bool has_single = figures.has_row("requests", "other_processing");
  std::vector<std::string_view> parts;
  for (auto row : category_ids("requests", "row")) {
    if (row == "new_received" || row == "carried_over" || row == "processed_total" || row == "carried_forward") continue;
    const bool single = row == "other_processing";
    const bool triple = row == "other_overdue_correction" || row == "other_unpaid_fee" || row == "other_other";
    if ((single && !has_single) || (triple && has_single)) continue;
    parts.push_back(row);
  }
  for (auto col : category_ids("requests", "col")) {
    std::vector<Term> e;
    for (auto p : parts) e.push_back({p, col});
    Identity id{"requests.results_total", "requests", "col", std::string(col), e, {{"processed_total", col}},
                "“（七）总计”", "processed_total",
                [](const Side& ev, const Side& av) {
                  return std::pair{
                      fmt::format("办理结果（一）至（六）各项之和为{}，而“（七）总计”印为{}", num(ev.value), num(av.value)),
                      fmt::format("the results (一) to (六) add up to {}, but processed_total prints {}", num(ev.value),
                                  num(av.value))};
                }};
    check_identity(figures, id, out);
  }
}

void check_requests_row_total(const Report& r, std::vector<Finding>& out) {
  const Figures figures(r);
  for (auto row : category_ids("requests", "row")) {
    if (!figures.has_row("requests", row)) continue;
    std::vector<Term> e;
    for (auto col : category_ids("requests", "col"))
      if (col != "total") e.push_back({row, col});
    Identity id{"requests.row_total", "requests", "row", std::string(row), e, {{row, "total"}}, "横向总计",
                "the row total",
                [](const Side& ev, const Side& av) {
                  auto [zh, en] = list_terms(ev, "row");
                  return std::pair{fmt::format("{}之和为{}，而“总计”印为{}", zh, num(ev.value), num(av.value)),
                                   fmt::format("{} = {}, but total prints {}", en, num(ev.value), num(av.value))};
                }};
    check_identity(figures, id, out);
  }
}

void check_review_litigation_total(const Report& r, std::vector<Finding>& out) {
  const Figures figures(r);
  for (auto row : category_ids("review_litigation", "row")) {
    if (!figures.has_row("review_litigation", row)) continue;
    Identity id{"review_litigation.total", "review_litigation", "row", std::string(row),
                {{row, "upheld"}, {row, "corrected"}, {row, "other"}, {row, "pending"}}, {{row, "total"}},
                "“总计”", "the total",
                [](const Side& ev, const Side& av) {
                  auto [zh, en] = list_terms(ev, "row");
                  return std::pair{fmt::format("{}之和为{}，而“总计”印为{}", zh, num(ev.value), num(av.value)),
                                   fmt::format("{} = {}, but total prints {}", en, num(ev.value), num(av.value))};
                }};
    check_identity(figures, id, out);
  }
}

// values.*: judged on printed numbers. A cell that prints no number has nothing to judge; it is
// reported, not passed, by structure.blank_cells (docs/rules.md).
void check_values_negative(const Report& r, std::vector<Finding>& out) {
  for (const auto& f : r.figures) {
    if (!f.value || *f.value >= 0 || (f.table == "proactive" && f.col == "change")) continue;
    Finding x = make_finding("values.negative", f.table);
    x.row = f.row;
    x.col = f.col;
    x.actual = *f.value;
    x.cells.push_back(address_of(f));
    // "-26" needs no reading; "-26件" or "－２６" is read as -26 and says so.
    const bool plain = f.raw == num(*f.value);
    x.message_zh = fmt::format("{}印为“{}”{}，该项不应为负数", cell_name(f), f.raw,
                               plain ? "" : fmt::format("（即{}）", num(*f.value)));
    x.message_en = fmt::format("{} prints \"{}\"{}; this figure cannot be negative", cell_name_en(f), f.raw,
                               plain ? "" : fmt::format(" ({})", num(*f.value)));
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
    x.cells.push_back(address_of(f));
    x.message_zh = fmt::format("{}印为“{}”，而件数应为整数", cell_name(f), f.raw);
    x.message_en = fmt::format("{} prints \"{}\"; a count must be a whole number", cell_name_en(f), f.raw);
    out.push_back(std::move(x));
  }
}

}  // namespace xxgk
