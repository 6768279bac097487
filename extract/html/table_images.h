// Statistical tables published only as screenshots (<img>): nothing to read, so the record must
// say so rather than look merely incomplete.
#pragma once

#include <vector>

#include "extract/html/flow.h"
#include "model/document.h"

namespace xxgk::html {

// One "table_image" problem per table part (二、主动公开… / 三、收到和处理… / 四、…行政复议、行政诉讼…)
// whose section shows a picture and no table; or, when the page has no table at all and no such
// heading, one problem when it shows pictures.
std::vector<ExtractionProblem> table_image_problems(const Document& doc, const std::vector<Picture>& pictures);

}  // namespace xxgk::html
