// HTML tables as the document model's grids: rowspan/colspan expanded into rectangular rows, as
// a browser lays them out, with hostile spans clamped.
#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <string>
#include <vector>

#include "model/document.h"

namespace xxgk::html {

struct GridLimits {
  int max_span = 1000;                       // a colspan/rowspan beyond this is clamped (HTML caps colspan at 1000)
  int max_cols = 1000;                       // columns beyond this are dropped
  size_t max_slots = 200000;                 // slots per grid; rows beyond are dropped
  size_t max_text_bytes = size_t{32} << 20;  // text per grid, copies in covered slots included
};

// The rows of a table (through thead/tbody/tfoot and stray wrappers), not those of tables nested
// in its cells; hidden rows and zero-height rows left out.
std::vector<const xmlNode*> table_rows(const xmlNode* table);

// The td/th cells of a row, hidden ones left out.
std::vector<const xmlNode*> row_cells(const xmlNode* row);

// A cell's text: whitespace collapsed, one line per <br>, block child or cell of a table nested in
// it, lines joined by '\n'.
std::string cell_text(const xmlNode* cell);

// True when a table lays out the page rather than holding data, so its cells are read as running
// content: it has one column, or it has a table nested in a cell or a cell of running prose and
// few figures of its own (a page wrapped in a layout table, each statistical table in a frame).
bool is_layout_table(const xmlNode* table);

// The grid of a data table. The anchor slot of a merged cell holds the text and the spans; every
// slot it covers holds a copy of the text with covered=true and anchor_row/anchor_col set. Rows
// shorter than the widest are padded with empty cells. Spans and sizes beyond `limits` are
// clamped (and logged).
Table build_grid(const xmlNode* table, const GridLimits& limits = {});

}  // namespace xxgk::html
