#include "validate/ocr_rules.h"

#include "validate/findings.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>

namespace xxgk {
namespace {

bool same_cell(const CellAddress& c, std::string_view row, std::string_view col) { return c.row == row && c.col == col; }

// The value the cell (row, col) must hold for the failing identity `f` to hold, the other
// operands as printed. The identity's computed side is `expected`, its printed side `actual`;
// which side the cell is on follows from the rule.
std::optional<double> implied_by(const Finding& f, const Figure& cell) {
  if (!f.expected || !f.actual || !cell.value) return std::nullopt;
  const double gap = *f.actual - *f.expected;  // printed side minus computed side
  const double v = *cell.value;
  if (f.rule == "requests.row_total") return cell.col == "total" ? v - gap : v + gap;
  if (f.rule == "requests.results_total") return cell.row == "processed_total" ? v - gap : v + gap;
  if (f.rule == "requests.balance")
    return cell.row == "new_received" || cell.row == "carried_over" ? v + gap : v - gap;
  return std::nullopt;
}

}  // namespace

void check_ocr_low_confidence(const Report& r, std::vector<Finding>& out) {
  for (const auto& f : r.figures) {
    if (!f.confidence || *f.confidence >= kOcrLowConfidence) continue;
    Finding x = make_finding("ocr.low_confidence", f.table);
    x.row = f.row;
    x.col = f.col;
    x.actual = f.value;
    x.cells.push_back(CellAddress{f.table, f.row, f.col, f.page});
    const long conf = std::lround(*f.confidence);
    if (f.raw.empty()) {
      x.message_zh = fmt::format("{}有字迹，但文字识别未能读出", cell_name(f));
      x.message_en = fmt::format("{} holds print that OCR could not read", cell_name_en(f));
    } else {
      x.message_zh = fmt::format("{}文字识别读作“{}”，置信度仅{}，可能读错", cell_name(f), f.raw, conf);
      x.message_en = fmt::format("{} was read by OCR as \"{}\" with confidence {} only: it may be misread",
                                 cell_name_en(f), f.raw, conf);
    }
    out.push_back(std::move(x));
  }
}

void check_ocr_implied_value(const Report& r, std::vector<Finding>& out) {
  const Finding* row_failure = nullptr;
  std::vector<const Finding*> col_failures;
  int row_failures = 0;
  for (const auto& f : out) {
    if (f.status != "fail" || f.table != "requests") continue;
    if (f.rule == "requests.row_total") {
      ++row_failures;
      row_failure = &f;
    } else if (f.rule == "requests.balance" || f.rule == "requests.results_total") {
      col_failures.push_back(&f);
    }
  }
  if (row_failures != 1 || col_failures.empty() || !row_failure->row) return;
  const std::string& col = *col_failures.front()->col;
  for (const Finding* f : col_failures)
    if (!f->col || *f->col != col) return;  // failures in two columns: no single cell
  const Figure* cell = r.find("requests", *row_failure->row, col);
  if (!cell || !cell->confidence || !cell->value) return;  // only figures OCR read
  // The cell must be an operand of every failing identity, and all must agree on its value.
  std::optional<double> implied;
  std::vector<const Finding*> all = col_failures;
  all.push_back(row_failure);
  for (const Finding* f : all) {
    bool operand = false;
    for (const auto& c : f->cells) operand |= same_cell(c, cell->row, cell->col);
    const auto v = operand ? implied_by(*f, *cell) : std::nullopt;
    if (!v || (implied && std::fabs(*v - *implied) > 1e-9)) return;
    implied = v;
  }
  if (!implied || *implied < 0 || *implied == *cell->value) return;
  Finding x = make_finding("ocr.implied_value", cell->table);
  x.row = cell->row;
  x.col = cell->col;
  x.expected = *implied;
  x.actual = *cell->value;
  x.cells.push_back(CellAddress{cell->table, cell->row, cell->col, cell->page});
  x.message_zh = fmt::format("{}文字识别读作{}，该行总计与该列勾稽关系均据此不平；按表内勾稽关系此格应为{}（数值仍按识别结果保留）",
                             cell_name(*cell), num(*cell->value), num(*implied));
  x.message_en = fmt::format(
      "{} was read by OCR as {}, and both its row total and its column's identities fail by it: the table's "
      "identities imply {} (the value is kept as read)",
      cell_name_en(*cell), num(*cell->value), num(*implied));
  out.push_back(std::move(x));
}

}  // namespace xxgk
