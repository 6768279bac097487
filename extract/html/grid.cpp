#include "extract/html/grid.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include "extract/html/dom.h"
#include "extract/html/text_lines.h"
#include "text/numbers.h"
#include "text/text.h"

namespace xxgk::html {
namespace {

bool is_cell(const xmlNode* n) { return is_element(n, "td") || is_element(n, "th"); }

// HTML's rules for parsing a non-negative integer: leading spaces, digits, anything after
// ignored ("3px" is 3). nullopt when there are no digits; values past `cap` come back as cap + 1.
std::optional<long> parse_span(const std::string& s, long cap) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f')) ++i;
  if (i < s.size() && s[i] == '+') ++i;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
  long v = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    v = v * 10 + (s[i] - '0');
    if (v > cap) return cap + 1;
  }
  return v;
}

// Text of a cell, or of any subtree read as cell text.
std::string subtree_text(const xmlNode* root) {
  TextLines lines;
  int pre = 0;
  walk(
      root,
      [&](const xmlNode* n) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
          lines.append(text_of(n), pre > 0);
          return false;
        }
        if (n->type != XML_ELEMENT_NODE || is_ignored_element(n) || is_hidden(n)) return false;
        if (is_element(n, "br")) {
          lines.line_break();
          return false;
        }
        if (is_block_element(n) || is_cell(n)) lines.line_break();
        if (is_element(n, "pre")) ++pre;
        return true;
      },
      [&](const xmlNode* n) {
        if (is_element(n, "pre")) --pre;
        if (is_block_element(n) || is_cell(n)) lines.line_break();
      });
  return lines.joined();
}

bool has_nested_table(const xmlNode* cell) { return find_first(cell, "table") != nullptr; }

}  // namespace

std::vector<const xmlNode*> table_rows(const xmlNode* table) {
  std::vector<const xmlNode*> rows;
  walk(
      table,
      [&](const xmlNode* n) {
        if (n->type != XML_ELEMENT_NODE || is_hidden(n)) return false;
        if (is_element(n, "tr")) {
          // Word's spacer row (<tr height=0> of empty cells fixing column widths) is not shown.
          if (attr(n, "height") != "0") rows.push_back(n);
          return false;
        }
        // Nested tables keep their rows; a caption is not a row; cells outside a row are dropped.
        return !is_element(n, "table") && !is_element(n, "caption") && !is_cell(n) && !is_ignored_element(n);
      },
      [](const xmlNode*) {});
  return rows;
}

std::vector<const xmlNode*> row_cells(const xmlNode* row) {
  std::vector<const xmlNode*> cells;
  walk(
      row,
      [&](const xmlNode* n) {
        if (n->type != XML_ELEMENT_NODE || is_hidden(n)) return false;
        if (is_cell(n)) {
          cells.push_back(n);
          return false;
        }
        return !is_element(n, "table") && !is_element(n, "tr") && !is_ignored_element(n);
      },
      [](const xmlNode*) {});
  return cells;
}

std::string cell_text(const xmlNode* cell) { return subtree_text(cell); }

// The bytes of the text nodes under `n`: cell_text(n) has at most twice as many code points (each
// line it joins holds one byte of them at least, and it adds no space where the source had none).
size_t text_bytes(const xmlNode* n) {
  size_t count = 0;
  walk(
      n,
      [&](const xmlNode* x) {
        if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
          count += text_of(x).size();
          return false;
        }
        return true;
      },
      [](const xmlNode*) {});
  return count;
}

bool is_layout_table(const xmlNode* table) {
  constexpr size_t kProse = 300;  // code points of a cell of running text
  const auto rows = table_rows(table);
  bool nested = false;
  bool prose = false;  // a cell of running text
  size_t widest = 0;
  std::vector<const xmlNode*> cells;  // outside nested tables, for the figures below
  for (const xmlNode* r : rows) {
    const auto row = row_cells(r);
    widest = std::max(widest, row.size());
    for (const xmlNode* c : row) {
      if (has_nested_table(c)) {
        nested = true;
        continue;
      }
      cells.push_back(c);
      // A cell's text is made only where it could be prose: most cells are far shorter.
      if (!prose && text_bytes(c) * 2 > kProse && static_cast<size_t>(u8_length(cell_text(c))) > kProse) prose = true;
    }
  }
  // One column (or one cell) lays out text; a statistical table has labels beside figures.
  if (widest <= 1) return true;
  // A table nested in a cell, or running prose (a report's paragraphs) in one, marks a layout
  // table, unless the table prints figures of its own: a statistical table may carry a long note
  // or a small table nested in a header cell. The figures are counted only when it matters, and
  // only up to the six that decide: parse_cell is most of this function's cost on a data table.
  if (!nested && !prose) return false;
  int own_figures = 0;  // cells outside nested tables that print a number
  for (const xmlNode* c : cells)
    if (parse_cell(cell_text(c)).kind == CellKind::Number && ++own_figures >= 6) return false;
  return true;
}

Table build_grid(const xmlNode* table, const GridLimits& limits) {
  const auto rows = table_rows(table);
  const int nrows = static_cast<int>(rows.size());
  Table out;
  out.rows.resize(rows.size());
  std::vector<std::vector<char>> taken(rows.size());
  size_t slots = 0, text_bytes = 0;
  int kept_rows = nrows;
  int clamped = 0;        // cells whose spans were clamped
  int dropped_cells = 0;  // rows whose cells beyond the last column were dropped
  for (int r = 0; r < kept_rows; ++r) {
    int c = 0;
    for (const xmlNode* td : row_cells(rows[static_cast<size_t>(r)])) {
      auto& occupied = taken[static_cast<size_t>(r)];
      while (c < static_cast<int>(occupied.size()) && occupied[static_cast<size_t>(c)]) ++c;
      if (c >= limits.max_cols) {
        ++dropped_cells;
        break;
      }
      const std::string cs_attr = attr(td, "colspan"), rs_attr = attr(td, "rowspan");
      long cs = parse_span(cs_attr, limits.max_span).value_or(1);
      long rs = parse_span(rs_attr, limits.max_span).value_or(1);
      if (cs < 1) cs = 1;           // colspan=0 means 1
      if (rs == 0) rs = nrows - r;  // rowspan=0: to the end of the table
      if ((cs > limits.max_span || rs > limits.max_span) && clamped++ == 0)
        spdlog::warn("an HTML table cell has colspan=\"{}\" rowspan=\"{}\"; spans are clamped to {}", cs_attr, rs_attr,
                     limits.max_span);
      cs = std::min<long>({cs, limits.max_span, limits.max_cols - c});
      rs = std::min<long>({rs, limits.max_span, nrows - r});  // a rowspan ends with the table
      std::string text = cell_text(td);
      const size_t area = static_cast<size_t>(cs) * static_cast<size_t>(rs);
      if (slots + area > limits.max_slots || text_bytes + text.size() * area > limits.max_text_bytes) {
        spdlog::warn("an HTML table holds more than {} cells or {} bytes of text; it is cut before row {}",
                     limits.max_slots, limits.max_text_bytes, r + 1);
        kept_rows = r;
        break;
      }
      slots += area;
      text_bytes += text.size() * area;
      for (long dr = 0; dr < rs; ++dr) {
        const size_t rr = static_cast<size_t>(r + dr);
        auto& row = out.rows[rr];
        auto& occ = taken[rr];
        for (long dc = 0; dc < cs; ++dc) {
          const size_t cc = static_cast<size_t>(c + dc);
          if (cc >= occ.size()) {
            occ.resize(cc + 1, 0);
            row.resize(cc + 1);
          }
          if (occ[cc]) continue;  // overlapping spans (a table model error): the first cell keeps the slot
          occ[cc] = 1;
          Cell& cell = row[cc];
          cell.text = text;
          if (dr == 0 && dc == 0) {
            cell.row_span = static_cast<int>(rs);
            cell.col_span = static_cast<int>(cs);
          } else {
            cell.covered = true;
            cell.anchor_row = r;
            cell.anchor_col = c;
          }
        }
      }
      c += static_cast<int>(cs);
    }
  }
  if (clamped > 1) spdlog::warn("{} cells of the same HTML table had their spans clamped", clamped);
  if (dropped_cells > 0)
    spdlog::warn("{} row(s) of an HTML table run past {} columns; their cells beyond are dropped", dropped_cells,
                 limits.max_cols);
  out.rows.resize(static_cast<size_t>(kept_rows));
  taken.resize(static_cast<size_t>(kept_rows));

  // Rows with no slot at all (an empty <tr>) are dropped; anchors are renumbered.
  std::vector<int> new_index(out.rows.size(), -1);
  size_t width = 0;
  int next = 0;
  for (size_t r = 0; r < out.rows.size(); ++r) {
    width = std::max(width, out.rows[r].size());
    if (!out.rows[r].empty()) new_index[r] = next++;
  }
  std::vector<std::vector<Cell>> kept;
  kept.reserve(static_cast<size_t>(next));
  for (size_t r = 0; r < out.rows.size(); ++r) {
    if (new_index[r] < 0) continue;
    auto& row = out.rows[r];
    for (size_t c = 0; c < row.size(); ++c) {
      Cell& cell = row[c];
      if (cell.covered) {
        cell.anchor_row = new_index[static_cast<size_t>(cell.anchor_row)];
      } else if (taken[r][c]) {
        cell.row_span = std::min(cell.row_span, static_cast<int>(out.rows.size() - r));  // the table may have been cut
      }
    }
    row.resize(width);  // shorter rows padded with empty cells, as a browser leaves the space blank
    kept.push_back(std::move(row));
  }
  out.rows = std::move(kept);
  return out;
}

}  // namespace xxgk::html
