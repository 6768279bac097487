// text.vs_table: the narrative's statements of figures against the table cells they name.
#pragma once

#include "model/report.h"

#include <vector>

namespace xxgk {

void check_text_vs_table(const Report& r, std::vector<Finding>& out);

}  // namespace xxgk
