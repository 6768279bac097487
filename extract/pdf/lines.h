// Words into lines: boxes that share a baseline band form a line, read left to right; a wide gap
// inside a line splits it into segments (table cells side by side). Page numbers and running
// headers/footers are recognised here and taken out of the flow.
#pragma once

#include "extract/pdf/text_layer.h"

#include <string>
#include <vector>

namespace xxgk::pdf {

struct Segment {
  size_t first = 0, last = 0;  // word indices into Line::words, inclusive
  Box box;
};

struct Line {
  int page = 0;
  std::vector<const Word*> words;  // left to right
  std::vector<Segment> segments;   // runs of words without a wide gap
  Box box;
  double size = 0;  // the largest font size on the line
  std::string text() const;  // the words joined (see join_text)
  std::string segment_text(const Segment& s) const;
};

// Appends `next` to `text`: no space between Chinese characters, nor between Chinese and Latin or
// digits (word processors widen that gap themselves: "申请 3119 件" is "申请3119件"); one space
// where two Latin words or numbers meet across a gap.
void join_text(std::string& text, std::string_view next, bool gap);

// A word that is two header cells of the templates run together by the text layer
// ("信息内容本年制发件数") becomes the two words, its box split in proportion to their characters.
void split_joined_header_words(PageText& page);

// The lines of a page, top to bottom.
std::vector<Line> group_lines(const PageText& page);

// Page numbers (-3-, 第3页, 3, 3/6 …) and lines repeated at the same place on most pages (running
// headers and footers) in the top and bottom margins: removed from `pages` (one vector per page).
void drop_page_furniture(std::vector<std::vector<Line>>& pages, const std::vector<PageText>& texts);

// Lines of a web site's chrome around a report printed from its page (当前位置：首页>…, menu links,
// 分享到 / 网站地图 / ICP备 footers): removed from `pages`.
void drop_web_chrome(std::vector<std::vector<Line>>& pages);

// True for the text of a page-number line (spaces already ignored): -3-, — 3 —, 第3页, 3, 3/6.
bool is_page_number(std::string_view text);

}  // namespace xxgk::pdf
