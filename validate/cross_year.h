// Rules across years (cross_year.*): the same agency's reports for consecutive years.
#pragma once

#include "model/report.h"

#include <string>
#include <vector>

namespace xxgk {

// The name reports are matched by across years: NFKC, simplified, without spaces, punctuation or
// parenthesised asides, and with the words that only say "the government of" dropped after a
// place name (淮安市人民政府 = 淮安市政府 = 淮安市; 新春街道办事处 = 新春街道). The place itself is kept
// whole, so 淮安市 and 淮安区, or 南京市教育局 and 苏州市教育局, stay apart; an office of a government
// (淮安市人民政府办公室) is an agency of its own. Empty when there is no agency.
std::string agency_key(const std::string& agency);

// True when `previous` and `current` are the same agency (agency_key) for years Y-1 and Y.
bool consecutive_years(const Report& previous, const Report& current);

// Findings of cross_year.carry and cross_year.in_force for `current` (year Y) against `previous`
// (the same agency, year Y-1; the caller pairs them, see consecutive_years). Each finding's cells
// name the current report's cells; the message names the previous report's source path, printed
// values and pages. The reports need only their source, report metadata and the figures the rules
// read (requests carried_over/carried_forward, proactive issued/repealed/in_force).
std::vector<Finding> check_cross_year(const Report& previous, const Report& current);

}  // namespace xxgk
