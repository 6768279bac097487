// The six parts of a report found by their headings (see part_heading() in metadata.h).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace xxgk {

// A paragraph numbered as a part (四、…, 第四部分…) whose words are none of that part's headings, nor
// close to one: the part it may be, kept so that a missing part's finding can quote it.
struct UnplacedHeading {
  int part = -1;     // index into kSectionKeys the number names
  std::string text;  // as printed (display form)
};

struct Sections {
  std::vector<std::pair<std::string, std::string>> texts;  // kSectionKeys order, present parts only
  size_t first_heading = 0;  // index of the first part heading in the paragraphs (size() if none)
  std::vector<UnplacedHeading> unplaced;  // in document order
};

// Parts are taken in increasing order (a "（二）依申请公开情况" inside the overview does not start
// part three); each part's text is its paragraphs in display form, one per line.
Sections read_sections(const std::vector<std::string>& paragraphs);

}  // namespace xxgk
