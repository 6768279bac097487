#include "normalize/grid.h"

#include "model/deadline.h"
#include "normalize/metadata.h"
#include "text/text.h"

namespace xxgk {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

const Cell* anchor_of(const Table& t, const Cell& c) {
  if (c.anchor_row < 0 || c.anchor_col < 0 || static_cast<size_t>(c.anchor_row) >= t.rows.size()) return nullptr;
  const auto& row = t.rows[static_cast<size_t>(c.anchor_row)];
  if (static_cast<size_t>(c.anchor_col) >= row.size()) return nullptr;
  return &row[static_cast<size_t>(c.anchor_col)];
}

void split_row(GridRow& r) {
  size_t first_value = r.cells.size();
  while (first_value > 0 && r.cells[first_value - 1].value_like()) --first_value;
  for (size_t i = 0; i < first_value; ++i) {
    const GridCell& c = r.cells[i];
    if (c.text.empty()) continue;
    if (!r.labels.empty() && r.labels.back()->text == c.text) continue;
    r.labels.push_back(&c);
  }
  for (size_t i = first_value; i < r.cells.size(); ++i) {
    r.values.push_back(&r.cells[i]);
    if (r.cells[i].parsed.kind == CellKind::Number || r.cells[i].change_figure) ++r.numbers;
    if (r.cells[i].parsed.kind == CellKind::NotApplicable) ++r.marks;
  }
}

bool same_widths(const Table& t) {
  for (const auto& row : t.rows)
    if (row.size() != t.rows.front().size()) return false;
  return !t.rows.empty();
}

}  // namespace

std::optional<int> GridRow::page() const {
  for (const auto& c : cells)
    if (c.cell->page) return c.cell->page;
  return std::nullopt;
}

std::vector<std::string> GridRow::label_texts() const {
  std::vector<std::string> out;
  for (const GridCell* l : labels) out.push_back(l->text);
  return out;
}

bool GridRow::is_note() const {
  if (labels.empty() || numbers > 0) return false;
  const std::string t = normalize_text(labels.front()->text);
  for (std::string_view p : {"注:", "注：", "说明:", "说明：", "备注:", "备注：", "注1", "注 :"})
    if (starts_with(t, p)) return true;
  return t == "注" || t == "备注" || t == "说明";
}

Grid build_grid(const Document& doc) {
  Grid g;
  int part = -1;
  for (size_t b = 0; b < doc.blocks.size(); ++b) {
    if (!doc.blocks[b].is_table()) {
      // Parts are taken in increasing order, as read_metadata() does: a "（二）依申请公开情况" in
      // the overview does not move the context back.
      const int p = part_heading_index(doc.blocks[b].paragraph().text);
      if (p > part) part = p;
      continue;
    }
    const Table& t = doc.blocks[b].table();
    const bool aligned = !t.ragged || same_widths(t);
    GridBlock gb{static_cast<int>(b), part, g.rows.size(), 0};
    for (size_t r = 0; r < t.rows.size(); ++r) {
      check_document_deadline();  // every cell is parsed here: 100,000 rows take seconds
      GridRow row;
      row.block = static_cast<int>(b);
      row.row = static_cast<int>(r);
      row.aligned = aligned;
      for (size_t c = 0; c < t.rows[r].size(); ++c) {
        const Cell& cell = t.rows[r][c];
        if (cell.covered && cell.anchor_row == static_cast<int>(r)) continue;  // horizontal copy
        GridCell gc;
        gc.cell = &cell;
        gc.ref = CellRef{static_cast<int>(b), static_cast<int>(r), static_cast<int>(c)};
        gc.covered = cell.covered;
        const Cell* anchor = cell.covered ? anchor_of(t, cell) : nullptr;
        gc.text = trim(anchor && cell.text.empty() ? anchor->text : cell.text);
        gc.parsed = parse_cell(gc.text);
        gc.change_figure = gc.parsed.kind == CellKind::Text && parse_cell(gc.text, true).kind == CellKind::Number;
        row.cells.push_back(std::move(gc));
      }
      g.rows.push_back(std::move(row));
    }
    gb.end_row = g.rows.size();
    g.blocks.push_back(gb);
  }
  // labels/values point into each row's cells: taken once the rows stopped moving.
  for (auto& row : g.rows) split_row(row);
  return g;
}

}  // namespace xxgk
