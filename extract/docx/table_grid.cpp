#include "extract/docx/table_grid.h"

#include "model/errors.h"

#include <fmt/format.h>

#include <algorithm>

namespace xxgk {
namespace {

int clamp_span(int v) { return std::clamp(v, 1, kMaxGridColumns); }
int clamp_skip(int v) { return std::clamp(v, 0, kMaxGridColumns); }

// Legacy horizontal merges become grid spans: a continuation joins the cell before it.
void fold_hmerges(WordRow& row) {
  std::vector<WordCell> out;
  for (auto& c : row.cells) {
    if (c.hmerge == Merge::Continue && !out.empty()) {
      out.back().grid_span = clamp_span(out.back().grid_span + c.grid_span);
      if (!c.text.empty()) out.back().text += out.back().text.empty() ? c.text : "\n" + c.text;
      continue;
    }
    out.push_back(std::move(c));
  }
  row.cells = std::move(out);
}

Cell covered_copy(const Cell& anchor, int anchor_row, int anchor_col) {
  Cell c;
  c.text = anchor.text;
  c.covered = true;
  c.anchor_row = anchor_row;
  c.anchor_col = anchor_col;
  return c;
}

}  // namespace

Table build_grid(std::vector<WordRow> rows, std::size_t& slot_budget) {
  int width = 0;
  for (auto& r : rows) {
    fold_hmerges(r);
    long w = clamp_skip(r.grid_before) + clamp_skip(r.grid_after);
    for (const auto& c : r.cells) w += clamp_span(c.grid_span);
    width = std::max(width, static_cast<int>(std::min<long>(w, kMaxGridColumns)));
  }
  const std::size_t slots = rows.size() * static_cast<std::size_t>(width);
  if (slots > slot_budget)
    throw DocumentError("too_large",
                        fmt::format("a table of {} rows by {} columns is larger than xxgk reads", rows.size(), width),
                        fmt::format("表格有 {} 行 {} 列，超出可读取的规模", rows.size(), width));
  slot_budget -= slots;

  Table t;
  t.rows.reserve(rows.size());
  std::vector<bool> taken_above;  // which slots of the previous row a cell took (not padding)
  for (size_t r = 0; r < rows.size(); ++r) {
    const WordRow& in = rows[r];
    std::vector<Cell> row(static_cast<size_t>(width));
    std::vector<bool> taken(static_cast<size_t>(width), false);
    int col = clamp_skip(in.grid_before);
    for (const auto& wc : in.cells) {
      if (col >= width) break;
      const int span = std::min(clamp_span(wc.grid_span), width - col);
      const auto c0 = static_cast<size_t>(col);
      // A vertical continuation joins the merge of the cell above it, if a cell is there.
      int ar = -1, ac = -1;
      if (wc.vmerge == Merge::Continue && r > 0 && taken_above[c0]) {
        const Cell& above = t.rows[r - 1][c0];
        ar = above.covered ? above.anchor_row : static_cast<int>(r) - 1;
        ac = above.covered ? above.anchor_col : col;
      }
      if (ar >= 0) {
        Cell& anchor = t.rows[static_cast<size_t>(ar)][static_cast<size_t>(ac)];
        anchor.row_span = static_cast<int>(r) - ar + 1;
        for (size_t k = c0; k < c0 + static_cast<size_t>(span); ++k) row[k] = covered_copy(anchor, ar, ac);
      } else {
        Cell& a = row[c0];
        a.text = wc.text;
        a.col_span = span;
        for (size_t k = c0 + 1; k < c0 + static_cast<size_t>(span); ++k) row[k] = covered_copy(a, static_cast<int>(r), col);
      }
      std::fill(taken.begin() + col, taken.begin() + col + span, true);
      col += span;
    }
    t.rows.push_back(std::move(row));
    taken_above = std::move(taken);
  }
  return t;
}

}  // namespace xxgk
