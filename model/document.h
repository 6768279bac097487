// The document model every extractor produces: ordered blocks of paragraphs and tables.
// Extractors say what is on the page; they do not interpret it (that is normalize/'s job).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace xxgk {

// A rectangle in PDF points, origin at the top-left of the page.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
};

// One slot of a table grid. Merged cells are expanded: the anchor slot holds the text and the
// span; every other slot the merge covers is a copy marked `covered` that points at its anchor,
// so a grid row always has one slot per column and a reader can ask "what is printed here".
struct Cell {
  std::string text;  // UTF-8 as printed, outer whitespace trimmed, inner line breaks kept as '\n'
  int row_span = 1;
  int col_span = 1;
  bool covered = false;  // true: this slot is covered by a merge anchored at (anchor_row, anchor_col)
  int anchor_row = -1;
  int anchor_col = -1;
  std::optional<int> page;           // 1-based page, where the format has pages
  std::optional<Box> box;            // position, where the format has one
  std::optional<double> confidence;  // OCR confidence 0..100, where the text came from OCR
};

struct Table {
  // rows[r][c]. Formats with real grids (HTML, DOCX) give rectangular rows; text copied from a web
  // page gives each row the cells it printed (ragged), so readers must not assume equal lengths.
  std::vector<std::vector<Cell>> rows;
  std::optional<int> page;  // page of the first row
  bool ragged = false;      // true when rows were not laid out on a common column grid
};

struct Paragraph {
  std::string text;  // one paragraph (or line, for formats without paragraph structure)
  std::optional<int> page;
};

struct Block {
  std::variant<Paragraph, Table> content;
  bool is_table() const { return std::holds_alternative<Table>(content); }
  const Table& table() const { return std::get<Table>(content); }
  const Paragraph& paragraph() const { return std::get<Paragraph>(content); }
};

// Something the extractor could not read, kept so the record can say so (page-level problems
// such as a page whose text layer is unusable).
struct ExtractionProblem {
  std::string code;     // e.g. "needs_ocr", "unreadable_page"
  std::string message;     // plain words, in Chinese
  std::string message_en;  // the same in English; empty: `message` serves both languages
  std::optional<int> page;
};

// What a web page prints about the article around the report: the extractor reports it as found,
// the normalizer decides what it means (normalize/page_metadata.h). Empty for other formats.
struct PageInfo {
  std::vector<std::pair<std::string, std::string>> meta;  // <meta name|property=… content=…>, in page order
  std::string title;                      // <title>, white space collapsed
  std::vector<std::string> title_blocks;  // texts of the article's title elements (h1, class="…title…") outside the report
  std::vector<std::string> lines_before;  // short text lines outside the report, before it (info bars: 发布时间：…)
  std::vector<std::string> lines_after;   // and after it
};

struct Document {
  std::string format;         // contract's source.format: pdf, pdf-scanned, html, docx, txt, ...
  std::optional<int> pages;   // page count where the format has pages
  std::string title_hint;     // e.g. <title> of an HTML page or PDF metadata; may be empty
  PageInfo page;              // HTML only
  std::vector<Block> blocks;  // in reading order
  std::vector<ExtractionProblem> problems;
};

}  // namespace xxgk
