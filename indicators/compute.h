// Every indicator of contract/indicators.tsv for one report: its numerator, denominator and value,
// null with the reason when an operand cannot be used or the denominator is 0, and the failing
// rules that read a cell one of its operands sits in (a rate computed from figures that do not
// reconcile says so). A pure function of the report's figures and findings, so the record, the
// store and every reader compute the same.
#pragma once

#include "indicators/definitions.h"
#include "model/report.h"

#include <optional>
#include <string>
#include <vector>

namespace xxgk {

// Why an operand cannot be used, and so why an indicator is null (docs/indicators.md):
//   blank           the cell is printed blank (raw "")
//   not_applicable  the cell prints a non-number: "/", "—", "无", text
//   unread          the figure is not in the record (table or row not found), or OCR could not read
//                   the cell (raw "", confidence 0)
//   zero_denominator  every operand is there, the denominator is 0
inline constexpr const char* kNullReasons[] = {"blank", "not_applicable", "unread", "zero_denominator"};

struct IndicatorValue {
  const IndicatorDef* def = nullptr;
  std::optional<double> value;        // 100 × numerator / denominator for a rate, the numerator for a count
  std::optional<double> numerator;    // null when one of its operands cannot be used
  std::optional<double> denominator;  // null likewise, and for a count
  std::optional<std::string> null_reason;  // set exactly when value is null
  std::vector<std::string> null_operands;  // the operands that cannot be used (figure ids, formula order)
  std::vector<std::string> failing_rules;  // rules of failing findings that read an operand's cell
};

// The indicators of contract/indicators.tsv, in its order; none for a failed record (nothing read).
std::vector<IndicatorValue> compute_indicators(const Report& report);

// The rules, in the findings' order, of findings that fail (status fail, severity error or warning:
// an info finding claims nothing is wrong) on a cell the indicator reads and the report holds a number
// in (a blank or unreadable operand already makes the indicator null, and says so).
std::vector<std::string> failing_rules_on(const IndicatorDef& def, const std::vector<Finding>& findings,
                                          const Report& report);

// Whether a finding makes the indicators it touches marked.
bool marks_indicators(const Finding& finding);

}  // namespace xxgk
