// A Word table as its XML says it (rows of cells, each with a grid span and merge marks) laid out
// on the rectangular grid of the document model: merged cells expanded, every slot filled.
#pragma once

#include "model/document.h"

#include <cstddef>
#include <string>
#include <vector>

namespace xxgk {

enum class Merge { None, Restart, Continue };

struct WordCell {
  std::string text;
  int grid_span = 1;              // w:gridSpan
  Merge vmerge = Merge::None;     // w:vMerge: restart starts a vertical merge, continue extends it
  Merge hmerge = Merge::None;     // w:hMerge (legacy horizontal merge, Word 95 files and converters)
};

struct WordRow {
  int grid_before = 0;  // w:gridBefore: grid columns skipped before the first cell
  int grid_after = 0;   // w:gridAfter: grid columns left after the last cell
  std::vector<WordCell> cells;
};

// Word allows 63 columns; anything wider is clamped here so a hostile span cannot allocate wildly.
inline constexpr int kMaxGridColumns = 256;

// Lays the rows out. The grid is as wide as the widest row; shorter rows are padded with empty
// slots, as are gridBefore/gridAfter columns. A merge's anchor slot holds the text and the spans;
// every slot the merge covers copies the text, with covered = true and the anchor's position.
// A vertical continuation's own text is not shown (Word shows only the merge's first cell); one
// with no cell above it to continue stands as an ordinary cell. `slot_budget` is decreased by the
// slots laid out; when it runs out, DocumentError("too_large") is thrown (a few KB of XML can
// claim millions of slots).
Table build_grid(std::vector<WordRow> rows, std::size_t& slot_budget);

}  // namespace xxgk
