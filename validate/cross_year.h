// Rules across years (cross_year.*): the same agency's reports for consecutive years.
#pragma once

#include "model/report.h"

#include <string>
#include <vector>

namespace xxgk {

// The agency name reports are matched by: normalized (NFKC, simplified, no spaces or
// punctuation) with a leading province/city prefix kept, so 淮安市人民政府 and 淮安市人民政府 (繁体
// or full-width copies) match while 淮安市 and 淮安区 do not.
std::string agency_key(const std::string& agency);

// Findings of cross_year.carry and cross_year.in_force for `current` (year Y) against `previous`
// (the same agency, year Y-1). Each finding's cells name the current report's cells; the message
// names the previous report's source path and printed values.
std::vector<Finding> check_cross_year(const Report& previous, const Report& current);

}  // namespace xxgk
