// Number semantics of table cells: what a printed cell means as a figure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace xxgk {

enum class CellKind {
  Number,         // a figure: 12, １２, 1,234, 4068.208, 0件, 减4 (in a change column)
  Blank,          // nothing printed
  NotApplicable,  // / — - 无 不适用 …: printed, but not a number
  Text,           // anything else (a label, a note)
};

struct CellValue {
  CellKind kind = CellKind::Blank;
  std::optional<double> value;  // only for Number
  int decimals = 0;             // printed decimals (0 = integer)
};

// Reads one cell. `signed_change` allows the 2019 本年增/减 forms 增3 / 减4 / +3.
// A plain leading minus ("-4") is read in every column (values.negative judges it).
CellValue parse_cell(std::string_view raw, bool signed_change = false);

// True for cells that can stand in a value column: numbers, blanks and not-applicable marks.
inline bool is_value_like(const CellValue& v) { return v.kind != CellKind::Text; }

// Reads a number as narrative text writes it: Arabic digits (with separators) or Chinese numerals.
std::optional<long long> parse_count_text(std::string_view s);

}  // namespace xxgk
