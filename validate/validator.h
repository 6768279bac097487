// The validator: applies every single-report rule and orders the findings stably.
#pragma once

#include "model/report.h"

namespace xxgk {

// Appends the findings of every rule to report.findings (the reader's own findings are kept) and
// sorts them: by rule (in rules-table order), then table, row and column in contract order.
void validate(Report& report);

void sort_findings(std::vector<Finding>& findings);

}  // namespace xxgk
