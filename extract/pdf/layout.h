// Reading order over pages: each page's lines are either running text or part of a table, and a
// table that runs to the foot of one page and goes on at the head of the next is one table.
#pragma once

#include "extract/pdf/lines.h"
#include "model/document.h"

#include <variant>
#include <vector>

namespace xxgk::pdf {

struct PageLines {
  int page = 0;
  double width = 0, height = 0;
  std::vector<Line> lines;  // top to bottom, page furniture removed
};

// What running text looks like in this document: the font size most characters are set in and the
// left and right edges of its lines (for indentation and short last lines).
struct BodyMetrics {
  double size = 12;
  double left = 0, right = 0;
};

BodyMetrics body_metrics(const std::vector<PageLines>& pages);

struct TextRun {
  std::vector<const Line*> lines;
};

// Lines of one table, in reading order, over one or more pages.
struct TableRegion {
  std::vector<const Line*> lines;
};

using LayoutItem = std::variant<TextRun, TableRegion>;

// Splits the pages into text runs and table regions, in reading order; a table broken across
// pages comes out as one region.
std::vector<LayoutItem> find_regions(const std::vector<PageLines>& pages, const BodyMetrics& body);

// Running text into paragraphs: Chinese wrapped over lines is joined without spaces; a paragraph
// ends at an indented line, a heading, a short last line or a change of font size.
std::vector<Paragraph> make_paragraphs(const TextRun& run, const BodyMetrics& body);

// A table region into tables (a region may hold several tables one under the other, such as the
// four small tables of part 二); lines without figures come back as paragraphs. A table whose
// header names a template table but whose rebuilt grid has another number of value columns is
// reported in `problems` (its figures may stand in the wrong columns).
void build_tables(const TableRegion& region, std::vector<Block>& out, std::vector<ExtractionProblem>& problems);

// True for a line that starts with an enumerator: 一、 （一） 1. 1、 1． （1） (1).
bool starts_with_enumerator(std::string_view text);

// True for a line that opens one of the report's parts or sub-parts ("三、收到和处理…情况").
bool looks_like_heading(std::string_view text);

}  // namespace xxgk::pdf
