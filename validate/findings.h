// Building findings: names of tables, lines and cells in Chinese and English, number formatting.
#pragma once

#include "model/report.h"

#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// A finding of `rule` with the rule's severity and status "fail".
Finding make_finding(std::string_view rule, std::optional<std::string> table);

// Turns f into a not_assessable finding naming the blank or unreadable operands.
void not_assessable(Finding& f, const std::string& where, const std::vector<const Figure*>& unreadable, int missing);

// Numbers as a person writes them: 12, 96171.6 (no trailing zeros, no exponent).
std::string num(double v);

std::string table_name_zh(std::string_view table);
std::string label_zh(std::string_view table, std::string_view axis, std::string_view id);

// "依申请公开情况表“总计”列" / "requests table, column total".
std::string line_name(std::string_view table, std::string_view axis, std::string_view id);
std::string line_name_en(std::string_view table, std::string_view axis, std::string_view id);

// "依申请公开情况表“（三）不予公开 1.属于国家秘密”行“自然人”列（第4页）".
std::string cell_name(const Figure& f);
std::string cell_name_en(const Figure& f);

// Amount columns may carry decimals; every other figure is a count.
bool is_amount(std::string_view table, std::string_view col);

}  // namespace xxgk
