// Number semantics of table cells: what a printed cell means as a figure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace xxgk {

enum class CellKind {
  Number,         // a figure: 12, １２, 1,234, 4068.208, 0件, 251000元, 减4 (in a change column)
  Blank,          // nothing printed
  NotApplicable,  // / — - 无 不适用 …: printed, but not a number (value null, never 0)
  Text,           // anything else (a label, a note, a garbled cell)
};

struct CellValue {
  CellKind kind = CellKind::Blank;
  std::optional<double> value;  // only for Number
  int decimals = 0;             // printed decimals (0 = integer)
  std::string unit;             // the unit printed after the number (件, 万元, 元 …), if any
};

// Reads one cell. `signed_change` is for the 2019 本年增/减 column: 增3 / 增加3 / +3 / 3 are +3,
// 减4 / 减少4 / -4 / —4 are -4. Elsewhere a plain leading minus ("-4") is still read (and
// values.negative judges it), but 增/减 words make the cell text.
CellValue parse_cell(std::string_view raw, bool signed_change = false);

// True for cells that can stand in a value column: numbers, blanks and not-applicable marks.
inline bool is_value_like(const CellValue& v) { return v.kind != CellKind::Text; }

// Reads a number as narrative text writes it: Arabic digits (with separators, full-width) or
// Chinese numerals (二十五, 一百零三), with an optional measure word after it (25件).
std::optional<long long> parse_count_text(std::string_view s);

}  // namespace xxgk
