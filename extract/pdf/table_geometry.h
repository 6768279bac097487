// Internals of table reconstruction, shared by its two halves: table_sections.cpp (a region into
// tables, the header and the value columns) and table_rows.cpp (label cells, rows, the grid).
#pragma once

#include "extract/pdf/layout.h"

#include <string>
#include <vector>

namespace xxgk::pdf {

// A word of a table in the table's continuous coordinates: the pages of a table broken across
// pages are laid one under the other, so a label wrapped over the break is one cell.
struct TWord {
  const Word* word = nullptr;
  int page = 0;
  int line = 0;        // index into TableSection::lines
  double y0 = 0, y1 = 0;  // continuous coordinates
  bool value_like = false;  // a figure or a not-applicable mark (12, 1,234, 4068.2, 减4, /, —, 无)
  double x0() const { return word->box.x0; }
  double x1() const { return word->box.x1; }
  double xc() const { return (word->box.x0 + word->box.x1) / 2; }
  double yc() const { return (y0 + y1) / 2; }
};

// One table: its lines, which of them are header, and where its value columns stand.
struct TableSection {
  std::vector<std::vector<TWord>> lines;  // words of each line, left to right
  int first_body = -1;                    // first line holding figures; lines before it are header
  double value_left = 0;                  // words whose centre is left of this are labels
};

struct ValueColumn {
  double x0 = 0, x1 = 0;
  std::vector<const TWord*> header;  // leaf header words (商业企 / 业), top to bottom
};

struct HeaderGroup {  // a header cell over several columns (申请人情况, 法人或其他组织, 行政复议)
  const TWord* word = nullptr;
  int level = 0;  // 0 = topmost header line holding groups
  int first_col = 0, last_col = 0;  // value-column indices
};

struct ColumnLayout {
  std::vector<ValueColumn> columns;  // left to right
  std::vector<HeaderGroup> groups;
  std::vector<const TWord*> header_labels;  // header words left of the value columns (信息内容)
};

// A run of label words on one line, and a label cell: such runs chained over lines.
struct LabelSeg {
  int line = 0;
  std::vector<const TWord*> words;
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  std::string text;
};

struct LabelBlock {
  std::vector<const LabelSeg*> segs;
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  int last_line = 0;
  bool enumerated = false;
  bool has_figures = false;  // one of its lines holds figures
  bool body = false;
  bool leaf = false;
  int col = 0;  // label column
  std::string text;
};

struct LabelCells {
  std::vector<LabelSeg> segs;
  std::vector<LabelBlock> blocks;  // point into segs
  std::vector<double> col_x;       // left edges of the label columns
};

// The label cells of a section: chained, told apart as header, group or row labels, each given
// its label column.
LabelCells find_label_cells(const TableSection& section);

// The words of one cell as text: Chinese joined without spaces, a figure wrapped in its cell
// (digits right under digits) joined, other pieces on two lines kept apart by a line break.
std::string join_words(const std::vector<const TWord*>& words);

// Digits only (ASCII or full-width, with separators): a figure or a piece of one.
bool is_digits(std::string_view text);

// Splits a region into table sections (a header-like line after figures starts a new table; a
// header repeated at the head of a continuation page is dropped).
std::vector<TableSection> split_sections(const TableRegion& region);

// The value columns of a section from its figures and its header's x-positions.
ColumnLayout find_columns(const TableSection& section);

// The section as a grid (rows from the label cells and the figures' vertical positions).
Table assemble_table(const TableSection& section, const ColumnLayout& columns);

// The caption of a small table of part 二 ("第二十条第（一）项"): a header row of its own.
bool is_caption(std::string_view text);

// Figures, blanks-as-printed marks, signed changes: what can stand in a value column.
bool is_value_text(std::string_view text);

}  // namespace xxgk::pdf
