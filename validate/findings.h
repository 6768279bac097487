// Building findings: names of tables, lines and cells in Chinese and English, number formatting,
// and the not-assessable form every rule shares.
#pragma once

#include "model/report.h"

#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// A finding of `rule` with the rule's severity and status "fail".
Finding make_finding(std::string_view rule, std::optional<std::string> table);

// Numbers as a person writes them: 12, 96171.6 (no trailing zeros, no exponent).
std::string num(double v);

// Amount columns may carry decimals; every other figure is a count.
bool is_amount(std::string_view table, std::string_view col);

std::string table_name_zh(std::string_view table);
// The contract's label of a row or column, without its "(2019: …)" remarks; x_ ids print their label.
std::string label_zh(std::string_view table, std::string_view axis, std::string_view id);

// "依申请公开情况表“总计”列" / "requests table, column total".
std::string line_name(std::string_view table, std::string_view axis, std::string_view id);
std::string line_name_en(std::string_view table, std::string_view axis, std::string_view id);

// A whole cell: "依申请公开情况表“（七）总计”行“自然人”列（第4页）" / "requests.processed_total.natural_person (page 4)".
std::string cell_name(const Figure& f);
std::string cell_name_en(const Figure& f);
std::string cell_name(const CellAddress& c);
std::string cell_name_en(const CellAddress& c);

// A cell on a line already named: on a row, its column ("“总计”列（第4页）" / "total (page 4)");
// on a column, its row; with an empty axis, both.
std::string cell_on_line(const CellAddress& c, std::string_view line_axis);
std::string cell_on_line_en(const CellAddress& c, std::string_view line_axis);

// The pages the cells stand on: "（第4页）", "（第4–5页）" or "" / " (page 4)", " (pages 4–5)" or "".
std::string pages_zh(const std::vector<CellAddress>& cells);
std::string pages_en(const std::vector<CellAddress>& cells);

CellAddress address_of(const Figure& f);

// The operands that keep a rule from being assessed.
struct Unassessable {
  std::vector<const Figure*> unreadable;  // printed blank, or not a number ("/", "—", "无", text)
  std::vector<CellAddress> missing;       // not printed at all
  bool empty() const { return unreadable.empty() && missing.empty(); }
};

// "“总计”列为空" / "total is blank"; "“总计”列印为“/”" / "total prints "/""; "…未印出" / "is not printed".
std::string unreadable_zh(const Figure& f, std::string_view line_axis);
std::string unreadable_en(const Figure& f, std::string_view line_axis);

// Turns f into a not_assessable finding (severity kNotAssessableSeverity) with the message
// "<where>：<operands>，无法核对<check>" / "<where>: <operands>, so <check> cannot be checked".
void mark_not_assessable(Finding& f, const std::string& where_zh, const std::string& where_en, std::string_view check_zh,
                         std::string_view check_en, const Unassessable& why, std::string_view line_axis);

}  // namespace xxgk
