// The table blocks of a document as logical rows the table reader can walk: merge copies
// resolved, cells parsed once, each row split into its label cells and its trailing value cells,
// and each block placed under the part of the report whose heading stands above it.
#pragma once

#include "model/document.h"
#include "model/report.h"
#include "text/numbers.h"

#include <optional>
#include <string>
#include <vector>

namespace xxgk {

struct GridCell {
  const Cell* cell = nullptr;  // the slot: page, confidence
  CellRef ref;                 // block, row and column of the slot
  std::string text;            // as printed, trimmed; a covered copy holds its anchor's text
  CellValue parsed;
  bool covered = false;  // a copy of a merge anchored in an earlier row (a tall label)
  // A 2019 本年增/减 figure (增3 / 减4): text to parse_cell, a number in the change column it stands
  // in, so it belongs to the row's values (its value is read when its column is known).
  bool change_figure = false;
  bool value_like() const { return is_value_like(parsed) || change_figure; }
};

struct GridRow {
  // `labels` and `values` point into `cells`: a copy would point into the original, so rows only move
  // (a moved vector keeps its buffer).
  GridRow() = default;
  GridRow(const GridRow&) = delete;
  GridRow& operator=(const GridRow&) = delete;
  GridRow(GridRow&&) noexcept = default;
  GridRow& operator=(GridRow&&) noexcept = default;

  int block = -1;
  int row = -1;
  // The row's cells stand on the table's column grid (a rectangular grid, or a ragged table whose
  // rows all have the same width, as tab-separated rows have): cell k of two rows is one column.
  bool aligned = false;
  std::vector<GridCell> cells;          // horizontal merge copies dropped: a value printed once counts once
  std::vector<const GridCell*> labels;  // non-empty cells before the values, left to right, repeats merged
  std::vector<const GridCell*> values;  // the trailing run of value-like cells (numbers, blanks, marks)
  int numbers = 0;                      // how many of `values` hold a number
  int marks = 0;                        // how many hold a not-applicable mark (/ — 无 …)

  std::optional<int> page() const;
  std::vector<std::string> label_texts() const;
  bool has_values() const { return numbers + marks > 0; }
  // A note under a table ("注：行政复议数量含上年度结转数量", "说明：…"): never a label.
  bool is_note() const;
};

struct GridBlock {
  int block = -1;
  int part = -1;  // index of the part (0..5, see kSectionKeys) whose heading stands above; -1 none
  size_t first_row = 0, end_row = 0;  // range in Grid::rows
};

struct Grid {
  std::vector<GridRow> rows;
  std::vector<GridBlock> blocks;  // table blocks only, in document order
};

// The grid points into the document's cells: the document must outlive it.
Grid build_grid(const Document& doc);
Grid build_grid(Document&&) = delete;

}  // namespace xxgk
