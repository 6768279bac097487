// Single-report rule checks; each appends the findings of one rule of validate/rules.cpp.
#pragma once

#include "model/report.h"

#include <vector>

namespace xxgk {

void check_requests_balance(const Report& r, std::vector<Finding>& out);
void check_requests_results_total(const Report& r, std::vector<Finding>& out);
void check_requests_row_total(const Report& r, std::vector<Finding>& out);
void check_review_litigation_total(const Report& r, std::vector<Finding>& out);
void check_values_negative(const Report& r, std::vector<Finding>& out);
void check_values_non_integer(const Report& r, std::vector<Finding>& out);
void check_missing_table(const Report& r, std::vector<Finding>& out);
void check_missing_section(const Report& r, std::vector<Finding>& out);
void check_blank_cells(const Report& r, std::vector<Finding>& out);

}  // namespace xxgk
