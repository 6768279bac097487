// Rows of a table from geometry: one row per row label (table_labels.cpp), figures joined to the
// row whose label stands beside them (figures beside no label make a row of their own: the 15
// figures of review_litigation), group labels spanning their rows, then the grid with its header.
#include "extract/pdf/chars.h"
#include "extract/pdf/table_geometry.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace xxgk::pdf {
namespace {

double overlap(double a0, double a1, double b0, double b1) { return std::min(a1, b1) - std::max(a0, b0); }

struct Row {
  double y0 = 0, y1 = 0;
  int leaf = -1;                                 // label block, -1 for a row of figures only
  std::vector<std::vector<const TWord*>> cells;  // per value column
  std::vector<int> lines;                        // body lines whose figures it holds
};

// The number of a leaf label's enumerator (1. 2、 （3）); 0 when it has none.
int leaf_number(std::string_view text) {
  std::string t;
  for (char c : text)
    if (c != ' ') t += c;
  std::string_view s = t;
  bool paren = false;
  for (std::string_view p : {"（", "("})
    if (s.substr(0, p.size()) == p) {
      s.remove_prefix(p.size());
      paren = true;
    }
  int n = 0;
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i < 3) n = n * 10 + (s[i++] - '0');
  if (i == 0) return 0;
  s.remove_prefix(i);
  static constexpr std::string_view kClose[] = {"）", ")"};
  static constexpr std::string_view kAfter[] = {".", "、", "．"};
  if (paren) {
    for (std::string_view p : kClose)
      if (s.substr(0, p.size()) == p) return n;
  } else {
    for (std::string_view p : kAfter)
      if (s.substr(0, p.size()) == p) return n;
  }
  return 0;
}

class RowBuilder {
 public:
  RowBuilder(const TableSection& s, const ColumnLayout& c)
      : s_(s), c_(c), labels_(find_label_cells(s)), blocks_(labels_.blocks), col_x_(labels_.col_x) {}

  Table build() {
    make_rows();
    place_figures();
    std::sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) { return a.y0 < b.y0; });
    span_groups();
    return grid();
  }

 private:
  void make_rows() {
    for (size_t k = 0; k < blocks_.size(); ++k)
      if (blocks_[k].leaf) {
        Row r;
        r.y0 = blocks_[k].y0;
        r.y1 = blocks_[k].y1;
        r.leaf = static_cast<int>(k);
        r.cells.resize(c_.columns.size());
        rows_.push_back(std::move(r));
      }
    std::sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) { return a.y0 < b.y0; });
  }

  int column_of(const TWord& w) const {
    int best = -1;
    double best_overlap = 0, best_distance = 1e9;
    for (size_t c = 0; c < c_.columns.size(); ++c) {
      const auto& col = c_.columns[c];
      const double o = overlap(w.x0(), w.x1(), col.x0, col.x1);
      const double d = std::abs((col.x0 + col.x1) / 2 - w.xc());
      if (o > best_overlap || (best_overlap <= 0 && o <= 0 && d < best_distance)) {
        best = static_cast<int>(c);
        best_overlap = std::max(o, 0.0);
        best_distance = d;
      }
    }
    return best;
  }

  bool columns_free(const Row& row, const std::vector<const TWord*>& words) const {
    for (const TWord* w : words) {
      const int c = column_of(*w);
      if (c >= 0 && !row.cells[static_cast<size_t>(c)].empty()) return false;
    }
    return true;
  }

  // A figure too wide for its narrow cell wraps (３００ / １): the row whose figures stand right
  // above these, filling their columns' width, with these digits directly under them.
  std::optional<size_t> wrapped_row(const std::vector<const TWord*>& words) const {
    double y0 = 1e9, y1 = -1e9;
    for (const TWord* w : words) {
      y0 = std::min(y0, w->y0);
      y1 = std::max(y1, w->y1);
    }
    const double yc = (y0 + y1) / 2;
    for (size_t r = 0; r < rows_.size(); ++r) {
      // Beside the label of another row these digits are that row's figures.
      bool other_label = false;
      for (size_t o = 0; o < rows_.size(); ++o)
        if (o != r && rows_[o].leaf >= 0 && rows_[o].y0 <= yc && yc <= rows_[o].y1) other_label = true;
      bool all = !other_label;
      for (const TWord* w : words) {
        if (!all) break;
        const int c = column_of(*w);
        const auto& cell = rows_[r].cells[static_cast<size_t>(std::max(c, 0))];
        if (c < 0 || cell.empty() || !is_digits(w->word->text)) {
          all = false;
          break;
        }
        const TWord* above = cell.back();
        const auto& col = c_.columns[static_cast<size_t>(c)];
        const double gap = w->y0 - above->y1, height = w->y1 - w->y0;
        if (!is_digits(above->word->text) || above->page != w->page || gap < -0.2 * height || gap > 0.3 * height ||
            above->x1() - above->x0() < 0.7 * (col.x1 - col.x0)) {
          all = false;
          break;
        }
      }
      if (all) return r;
    }
    return std::nullopt;
  }

  void place_figures() {
    const size_t labelled = rows_.size();
    for (size_t i = static_cast<size_t>(s_.first_body); i < s_.lines.size(); ++i) {
      std::vector<const TWord*> words;
      for (const auto& w : s_.lines[i])
        if (w.xc() >= s_.value_left) words.push_back(&w);
      if (words.empty()) continue;
      double y0 = 1e9, y1 = -1e9;
      for (const TWord* w : words) {
        y0 = std::min(y0, w->y0);
        y1 = std::max(y1, w->y1);
      }
      const double yc = (y0 + y1) / 2, h = y1 - y0;
      if (auto wrapped = wrapped_row(words)) {
        for (const TWord* w : words) rows_[*wrapped].cells[static_cast<size_t>(column_of(*w))].push_back(w);
        continue;
      }
      // The labelled row beside these figures: the one whose label spans their middle, else the
      // nearest within a line's height.
      // A row prints its figures once: a row whose columns are taken by other figures is not it.
      std::optional<size_t> at;
      double best = 1e9;
      for (size_t r = 0; r < labelled; ++r) {
        const double d = yc < rows_[r].y0 ? rows_[r].y0 - yc : (yc > rows_[r].y1 ? yc - rows_[r].y1 : 0);
        const double centre = std::abs((rows_[r].y0 + rows_[r].y1) / 2 - yc);
        const double score = d * 1000 + centre;
        if (d <= h && score < best && columns_free(rows_[r], words)) {
          best = score;
          at = r;
        }
      }
      if (!at) {
        // Figures beside no label: a row of their own, or the rest of the row just above when it
        // wrapped (their columns are free there).
        if (!rows_.empty() && rows_.back().leaf < 0 && rows_.size() > labelled && yc - rows_.back().y1 <= 1.5 * h &&
            columns_free(rows_.back(), words))
          at = rows_.size() - 1;
        if (!at) {
          Row r;
          r.y0 = y0;
          r.y1 = y1;
          r.cells.resize(c_.columns.size());
          rows_.push_back(std::move(r));
          at = rows_.size() - 1;
        }
      }
      Row& row = rows_[*at];
      row.lines.push_back(static_cast<int>(i));
      for (const TWord* w : words) {
        const int c = column_of(*w);
        if (c >= 0) row.cells[static_cast<size_t>(c)].push_back(w);
      }
      if (row.leaf < 0) {
        row.y0 = std::min(row.y0, y0);
        row.y1 = std::max(row.y1, y1);
      }
    }
  }

  void span_groups() {
    group_rows_.assign(blocks_.size(), {-1, -1});
    std::vector<std::vector<bool>> claimed(rows_.size(), std::vector<bool>(col_x_.size() + 1, false));
    for (size_t r = 0; r < rows_.size(); ++r)
      if (rows_[r].leaf >= 0) claimed[r][static_cast<size_t>(blocks_[static_cast<size_t>(rows_[r].leaf)].col)] = true;
    std::vector<size_t> order;
    for (size_t k = 0; k < blocks_.size(); ++k)
      if (blocks_[k].body && !blocks_[k].leaf) order.push_back(k);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return blocks_[a].y0 < blocks_[b].y0; });
    for (size_t k : order) {
      const LabelBlock& g = blocks_[k];
      const auto gc = static_cast<size_t>(g.col);
      auto beside = [&](size_t r) {
        const Row& row = rows_[r];
        return row.leaf >= 0 && blocks_[static_cast<size_t>(row.leaf)].x0 >= g.x1 - 1 && !claimed[r][gc];
      };
      int first = -1, last = -1;
      double best = 1e9;
      for (size_t r = 0; r < rows_.size(); ++r) {
        if (!beside(r)) continue;
        if (overlap(g.y0, g.y1, rows_[r].y0, rows_[r].y1) > 0) {
          if (first < 0) first = static_cast<int>(r);
          last = static_cast<int>(r);
        }
      }
      if (first < 0) {
        for (size_t r = 0; r < rows_.size(); ++r) {
          const double d = std::abs((rows_[r].y0 + rows_[r].y1) / 2 - (g.y0 + g.y1) / 2);
          if (beside(r) && d < best) {
            best = d;
            first = last = static_cast<int>(r);
          }
        }
      }
      if (first < 0) continue;
      const bool numbered_group = leaf_number(g.text) == 0 && g.enumerated && g.text.find("（") == 0;
      auto number = [&](int r) {
        const Row& row = rows_[static_cast<size_t>(r)];
        return row.leaf < 0 ? 0 : leaf_number(blocks_[static_cast<size_t>(row.leaf)].text);
      };
      while (first > 0 && beside(static_cast<size_t>(first - 1)) && !(numbered_group && number(first) == 1)) --first;
      while (last + 1 < static_cast<int>(rows_.size()) && beside(static_cast<size_t>(last + 1)) &&
             !(numbered_group && number(last + 1) == 1))
        ++last;
      for (int r = first; r <= last; ++r) claimed[static_cast<size_t>(r)][gc] = true;
      group_rows_[k] = {first, last};
    }
  }

  Cell label_cell(const LabelBlock& b) const {
    Cell c;
    c.text = b.text;
    const LabelSeg* s = b.segs.front();
    c.page = s->words.front()->page;
    Box box{s->x0, s->words.front()->word->box.y0, s->x1, s->words.front()->word->box.y1};
    for (const LabelSeg* o : b.segs)
      for (const TWord* w : o->words)
        if (w->page == *c.page) {
          box.x0 = std::min(box.x0, w->word->box.x0);
          box.y0 = std::min(box.y0, w->word->box.y0);
          box.x1 = std::max(box.x1, w->word->box.x1);
          box.y1 = std::max(box.y1, w->word->box.y1);
        }
    c.box = box;
    return c;
  }

  static Cell word_cell(std::vector<const TWord*> words) {
    Cell c;
    if (words.empty()) return c;
    std::sort(words.begin(), words.end(), [](const TWord* a, const TWord* b) {
      return a->line != b->line ? a->line < b->line : a->x0() < b->x0();
    });
    c.text = join_words(words);
    c.page = words.front()->page;
    Box box = words.front()->word->box;
    for (const TWord* w : words)
      if (w->page == *c.page) {
        box.x0 = std::min(box.x0, w->word->box.x0);
        box.y0 = std::min(box.y0, w->word->box.y0);
        box.x1 = std::max(box.x1, w->word->box.x1);
        box.y1 = std::max(box.y1, w->word->box.y1);
      }
    c.box = box;
    return c;
  }

  static void place(std::vector<std::vector<Cell>>& grid, size_t r, size_t c, Cell anchor, int row_span, int col_span) {
    if (grid[r][c].covered || !grid[r][c].text.empty()) return;
    anchor.row_span = row_span;
    anchor.col_span = col_span;
    for (int dr = 0; dr < row_span; ++dr)
      for (int dc = 0; dc < col_span; ++dc) {
        Cell& slot = grid[r + static_cast<size_t>(dr)][c + static_cast<size_t>(dc)];
        if (dr == 0 && dc == 0) continue;
        if (slot.covered || !slot.text.empty()) continue;
        slot = anchor;
        slot.row_span = slot.col_span = 1;
        slot.covered = true;
        slot.anchor_row = static_cast<int>(r);
        slot.anchor_col = static_cast<int>(c);
      }
    grid[r][c] = std::move(anchor);
  }

  Table grid() const {
    const size_t n_label = col_x_.size();
    const size_t width = n_label + c_.columns.size();
    std::vector<std::vector<Cell>> g;
    // Header: captions, one row per level of group labels, then the row of column names.
    std::vector<const LabelBlock*> header_labels;
    for (const auto& b : blocks_) {
      if (b.body) continue;
      if (is_caption(b.text)) {
        g.emplace_back(width);
        place(g, g.size() - 1, 0, label_cell(b), 1, static_cast<int>(width));
      } else {
        header_labels.push_back(&b);
      }
    }
    // Group labels, one header row per level, over the columns they stand over (a lone group at
    // the top, 申请人情况, over all of them); each column's name under its deepest group, spanning
    // down to the last header row; the label columns' header cell (信息内容, 本列数据的勾稽关系…)
    // spanning every header row, as the printed merged cells do.
    int levels = 0;
    std::vector<int> level_count;
    for (const auto& h : c_.groups) {
      levels = std::max(levels, h.level + 1);
      level_count.resize(static_cast<size_t>(levels), 0);
      ++level_count[static_cast<size_t>(h.level)];
    }
    std::vector<int> deepest(c_.columns.size(), -1);
    std::vector<HeaderGroup> groups = c_.groups;
    for (auto& h : groups) {
      if (h.level == 0 && level_count[0] == 1) {
        h.first_col = 0;
        h.last_col = static_cast<int>(c_.columns.size()) - 1;
      }
      for (int c = h.first_col; c <= h.last_col; ++c)
        deepest[static_cast<size_t>(c)] = std::max(deepest[static_cast<size_t>(c)], h.level);
    }
    bool any_name = !header_labels.empty() && n_label > 0;
    for (const auto& col : c_.columns) any_name = any_name || !col.header.empty();
    const size_t head0 = g.size();
    const int header_rows = levels + (any_name ? 1 : 0);
    for (int k = 0; k < header_rows; ++k) g.emplace_back(width);
    for (const auto& h : groups)
      place(g, head0 + static_cast<size_t>(h.level), n_label + static_cast<size_t>(h.first_col), word_cell({h.word}), 1,
            h.last_col - h.first_col + 1);
    if (any_name) {
      if (!header_labels.empty() && n_label > 0) {
        Cell c = label_cell(*header_labels.front());
        for (size_t k = 1; k < header_labels.size(); ++k) join_text(c.text, header_labels[k]->text, true);
        place(g, head0, 0, c, header_rows, static_cast<int>(n_label));
      }
      for (size_t c = 0; c < c_.columns.size(); ++c) {
        if (c_.columns[c].header.empty()) continue;
        const int from = deepest[c] + 1;
        place(g, head0 + static_cast<size_t>(from), n_label + c, word_cell(c_.columns[c].header), header_rows - from, 1);
      }
    }
    // Body.
    const size_t body0 = g.size();
    for (size_t r = 0; r < rows_.size(); ++r) {
      g.emplace_back(width);
      for (size_t c = 0; c < c_.columns.size(); ++c) g.back()[n_label + c] = word_cell(rows_[r].cells[c]);
      // A blank cell stands on its row's page (where its label, or its row's first figure, is).
      std::optional<int> page;
      if (rows_[r].leaf >= 0) page = blocks_[static_cast<size_t>(rows_[r].leaf)].segs.front()->words.front()->page;
      for (size_t c = 0; c < c_.columns.size() && !page; ++c) page = g.back()[n_label + c].page;
      for (size_t c = 0; c < c_.columns.size(); ++c)
        if (!g.back()[n_label + c].page) g.back()[n_label + c].page = page;
    }
    for (size_t r = 0; r < rows_.size(); ++r)
      if (rows_[r].leaf >= 0) {
        const LabelBlock& b = blocks_[static_cast<size_t>(rows_[r].leaf)];
        const auto col = static_cast<size_t>(b.col);
        place(g, body0 + r, col, label_cell(b), 1, static_cast<int>(n_label - col));
      }
    for (size_t k = 0; k < blocks_.size(); ++k) {
      const auto [first, last] = group_rows_[k];
      if (first < 0) continue;
      place(g, body0 + static_cast<size_t>(first), static_cast<size_t>(blocks_[k].col), label_cell(blocks_[k]),
            last - first + 1, 1);
    }
    Table t;
    t.rows = std::move(g);
    if (!s_.lines.empty() && !s_.lines.front().empty()) t.page = s_.lines.front().front().page;
    return t;
  }

  const TableSection& s_;
  const ColumnLayout& c_;
  LabelCells labels_;
  const std::vector<LabelBlock>& blocks_;
  const std::vector<double>& col_x_;
  std::vector<Row> rows_;
  std::vector<std::pair<int, int>> group_rows_;
};

}  // namespace

Table assemble_table(const TableSection& section, const ColumnLayout& columns) {
  return RowBuilder(section, columns).build();
}

}  // namespace xxgk::pdf
