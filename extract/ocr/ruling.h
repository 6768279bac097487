// Ruled tables found in a page image: the ruling lines are extracted by morphology (long thin
// runs), grouped into tables, and turned into a grid whose merged cells are the places where an
// inner rule is missing.
#pragma once

#include "extract/ocr/leptonica.h"

#include <vector>

namespace xxgk::ocr {

struct GridCell {
  int row = 0, col = 0;  // top-left slot
  int row_span = 1, col_span = 1;
};

struct RuledTable {
  Rect bounds;
  std::vector<int> row_lines;  // y of each horizontal boundary, top to bottom (rows + 1 values)
  std::vector<int> col_lines;  // x of each vertical boundary, left to right (cols + 1 values)
  std::vector<GridCell> cells; // every slot covered exactly once, anchors in row-major order
  int rows() const { return static_cast<int>(row_lines.size()) - 1; }
  int cols() const { return static_cast<int>(col_lines.size()) - 1; }
  // The inside of a cell in pixels, the rules around it left out.
  Rect interior(const GridCell& c, int inset) const;
};

struct Rulings {
  PixPtr horizontal;  // 1 bpp: ON where a horizontal rule is
  PixPtr vertical;    // 1 bpp: ON where a vertical rule is
  std::vector<RuledTable> tables;
};

// Finds the ruled tables of an upright 8-bit grey page at `dpi`.
Rulings find_ruled_tables(Pix* grey, int dpi);

}  // namespace xxgk::ocr
