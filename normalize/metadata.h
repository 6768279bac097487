// Report metadata (title, agency, reporting year) and the six parts' text, from the paragraphs.
#pragma once

#include "model/document.h"
#include "model/report.h"

#include <string>
#include <utility>
#include <vector>

namespace xxgk {

// Which of the six parts a paragraph is the heading of ("一、总体情况", "（三）收到和处理政府信息公开申请
// 情况", "收到和处理政府信息公开申请情况" without its number …); -1 if it is not a part heading.
int part_heading_index(std::string_view paragraph);

struct Metadata {
  ReportMeta meta;  // template_version is left for the table reader to decide
  std::vector<std::pair<std::string, std::string>> sections;  // kSectionKeys order, present parts only
  std::string intro;  // the paragraphs before the first part, title excluded, in display form, '\n'-separated
};

Metadata read_metadata(const Document& doc);

}  // namespace xxgk
