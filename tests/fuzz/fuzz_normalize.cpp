// Fuzz harness. The normalizer (and the validator after it) on arbitrary grids, without any
// extractor in front: the input is text that describes a document. Each line is a paragraph,
// except inside a table: a line "#" starts a table (and ends the one before), "#" again or an
// empty line ends it; in a table each line is a row and '\t' separates its cells. A cell "^" is
// covered by the merge anchored above it, "<" by the one to its left (the anchor's span grows);
// rows may have different lengths. Seeds: the text corpus, whose tables are tab-separated.
#include "tests/fuzz/fuzz_pipeline.h"

#include <string>
#include <vector>

namespace {

using xxgk::Block;
using xxgk::Cell;
using xxgk::Table;

// Marks slot (r, c) covered by the anchor of slot (ar, ac), growing the anchor's span to reach it.
void cover(Table& t, size_t r, size_t c, size_t ar, size_t ac) {
  const Cell& from = t.rows[ar][ac];
  const int anchor_row = from.covered ? from.anchor_row : static_cast<int>(ar);
  const int anchor_col = from.covered ? from.anchor_col : static_cast<int>(ac);
  Cell& anchor = t.rows[static_cast<size_t>(anchor_row)][static_cast<size_t>(anchor_col)];
  anchor.row_span = std::max(anchor.row_span, static_cast<int>(r) - anchor_row + 1);
  anchor.col_span = std::max(anchor.col_span, static_cast<int>(c) - anchor_col + 1);
  Cell& slot = t.rows[r][c];
  slot.text = anchor.text;
  slot.covered = true;
  slot.anchor_row = anchor_row;
  slot.anchor_col = anchor_col;
}

xxgk::Document parse(std::string_view in) {
  xxgk::Document doc;
  doc.format = "txt";
  Table table;
  bool in_table = false;
  auto end_table = [&] {
    if (in_table && !table.rows.empty()) doc.blocks.push_back(Block{std::move(table)});
    table = Table{};
    in_table = false;
  };
  size_t start = 0;
  while (start <= in.size()) {
    size_t nl = in.find('\n', start);
    if (nl == std::string_view::npos) nl = in.size();
    const std::string_view line = in.substr(start, nl - start);
    start = nl + 1;
    if (line == "#") {
      const bool was = in_table;
      end_table();
      in_table = !was;
      continue;
    }
    if (!in_table) {
      if (!line.empty()) doc.blocks.push_back(Block{xxgk::Paragraph{std::string(line), 1}});
      continue;
    }
    if (line.empty()) {
      end_table();
      continue;
    }
    std::vector<Cell>& row = table.rows.emplace_back();
    size_t cs = 0;
    while (cs <= line.size()) {
      size_t tab = line.find('\t', cs);
      if (tab == std::string_view::npos) tab = line.size();
      Cell& cell = row.emplace_back();
      cell.text = std::string(line.substr(cs, tab - cs));
      cell.page = 1;
      cs = tab + 1;
    }
    const size_t r = table.rows.size() - 1;
    for (size_t c = 0; c < row.size(); ++c) {
      if (row[c].text == "^" && r > 0 && c < table.rows[r - 1].size()) cover(table, r, c, r - 1, c);
      else if (row[c].text == "<" && c > 0) cover(table, r, c, r, c - 1);
    }
    if (table.rows.size() > 1 && row.size() != table.rows.front().size()) table.ragged = true;
  }
  end_table();
  return doc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  xxgk::fuzz::quiet();
  const xxgk::Document doc = parse(xxgk::fuzz::as_bytes(data, size));
  xxgk::Report r;
  r.source.path = "fuzz-grid.txt";
  r.source.format = doc.format;
  const xxgk::Normalized n = xxgk::normalize_document(doc, r);
  xxgk::validate(r);
  xxgk::settle_status(r, n.problems_zh, n.problems_en, "en");
  if (xxgk::record_line(r, "en").empty()) __builtin_trap();
  return 0;
}
