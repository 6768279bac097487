// The six parts of a report found by their headings (see part_heading() in metadata.h).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace xxgk {

struct Sections {
  std::vector<std::pair<std::string, std::string>> texts;  // kSectionKeys order, present parts only
  size_t first_heading = 0;  // index of the first part heading in the paragraphs (size() if none)
};

// Parts are taken in increasing order (a "（二）依申请公开情况" inside the overview does not start
// part three); each part's text is its paragraphs in display form, one per line.
Sections read_sections(const std::vector<std::string>& paragraphs);

}  // namespace xxgk
