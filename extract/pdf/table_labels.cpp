// Label cells of a table from geometry: label lines chained into cells (a line continues the cell
// above it in the same column unless it starts with an enumerator such as 1. （三） 四、, or both
// print figures beside them), a cell with others to its right is a group label (（三）不予公开,
// 三、本年度办理结果 printed one character per line), the rest are row labels, one per row.
#include "extract/pdf/chars.h"
#include "extract/pdf/table_geometry.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace xxgk::pdf {
namespace {

double overlap(double a0, double a1, double b0, double b1) { return std::min(a1, b1) - std::max(a0, b0); }

class LabelFinder {
 public:
  explicit LabelFinder(const TableSection& s) : s_(s) {}

  LabelCells run() {
    segment_labels();
    chain_blocks();
    classify_blocks();
    label_columns();
    if (spdlog::should_log(spdlog::level::trace)) trace_blocks();
    return LabelCells{std::move(segs_), std::move(blocks_), std::move(col_x_)};
  }

 private:
  void segment_labels() {
    for (size_t i = 0; i < s_.lines.size(); ++i) {
      LabelSeg* cur = nullptr;
      for (const auto& w : s_.lines[i]) {
        if (w.xc() >= s_.value_left) continue;
        // Inside the label columns most of a character's width separates two cells, and so does
        // any gap between two Chinese runs or before an enumerator: a label's own text runs on
        // without one (narrow cell padding: 三、本 （一）予以公开).
        const double gap = cur ? w.x0() - cur->x1 : 0;
        const bool apart =
            cur && (gap > 0.8 * w.word->size ||
                    (gap > 0.25 * w.word->size &&
                     ((is_cjk(last_code_point(cur->words.back()->word->text)) && is_cjk(first_code_point(w.word->text))) ||
                      starts_with_enumerator(w.word->text))));
        if (!cur || apart) {
          segs_.push_back(LabelSeg{static_cast<int>(i), {}, w.x0(), w.x1(), w.y0, w.y1, {}});
          cur = &segs_.back();
        }
        cur->words.push_back(&w);
        cur->x1 = std::max(cur->x1, w.x1());
        cur->y0 = std::min(cur->y0, w.y0);
        cur->y1 = std::max(cur->y1, w.y1);
      }
    }
    for (auto& seg : segs_) seg.text = join_words(seg.words);
  }

  // The segment's text with up to two segments below it in the same column: an enumerator broken
  // over lines ("（三" / "）不", "三" / "、") is still an enumerator.
  std::string text_ahead(size_t k) const {
    std::string t = segs_[k].text;
    const LabelSeg* at = &segs_[k];
    for (int more = 0; more < 2; ++more) {
      const LabelSeg* next = nullptr;
      for (size_t j = k + 1; j < segs_.size() && segs_[j].line <= at->line + 2; ++j)
        if (segs_[j].line > at->line && overlap(at->x0, at->x1, segs_[j].x0, segs_[j].x1) > 0) {
          next = &segs_[j];
          break;
        }
      if (!next) break;
      t += next->text;
      at = next;
    }
    return t;
  }

  bool line_has_figures(int line) const {
    if (line < s_.first_body) return false;
    const auto& words = s_.lines[static_cast<size_t>(line)];
    return std::any_of(words.begin(), words.end(), [&](const TWord& w) { return w.xc() >= s_.value_left; });
  }

  void chain_blocks() {
    for (size_t k = 0; k < segs_.size(); ++k) {
      const LabelSeg& seg = segs_[k];
      const bool enumerated = starts_with_enumerator(text_ahead(k));
      LabelBlock* into = nullptr;
      if (!enumerated) {
        for (auto& b : blocks_) {
          if (b.last_line >= seg.line || overlap(b.segs.back()->x0, b.segs.back()->x1, seg.x0, seg.x1) <= 0) continue;
          if (is_caption(b.text)) continue;  // a caption is one line, whatever follows it
          if (!into || b.last_line > into->last_line) into = &b;
        }
        if (into) {
          const double h = std::min(seg.y1 - seg.y0, into->segs.back()->y1 - into->segs.back()->y0);
          const bool across_header = into->last_line < s_.first_body && seg.line >= s_.first_body && !into->enumerated;
          // A row prints its figures on one line: a label line beside figures of its own does not
          // continue a cell that already has figures beside it (规章 / 行政规范性文件).
          const bool second_figures = into->has_figures && line_has_figures(seg.line);
          if (seg.y0 - into->y1 > 1.3 * h || across_header || second_figures) into = nullptr;
        }
      }
      if (!into) {
        blocks_.push_back(LabelBlock{{}, seg.x0, seg.x1, seg.y0, seg.y1, seg.line, enumerated, false, false, false, 0, {}});
        into = &blocks_.back();
      }
      into->segs.push_back(&seg);
      into->x0 = std::min(into->x0, seg.x0);
      into->x1 = std::max(into->x1, seg.x1);
      into->y1 = std::max(into->y1, seg.y1);
      into->last_line = seg.line;
      into->has_figures = into->has_figures || line_has_figures(seg.line);
      join_text(into->text, seg.text, true);
    }
  }

  void trace_blocks() const {
    for (const auto& b : blocks_)
      spdlog::trace("pdf label cell [{:.1f},{:.1f}]x[{:.1f},{:.1f}] lines..{} body {} leaf {} col {}: {}", b.x0, b.x1, b.y0,
                    b.y1, b.last_line, b.body, b.leaf, b.col, b.text);
  }

  void classify_blocks() {
    for (auto& b : blocks_) b.body = b.last_line >= s_.first_body;
    for (auto& b : blocks_) {
      if (!b.body) continue;
      // Group labels have labels to their right beside them: one by more than the sliver by which
      // the boxes of two adjacent rows may touch, or two.
      int touching = 0;
      bool beside = false;
      for (const auto& o : blocks_) {
        if (&o == &b || !o.body || o.x0 < b.x1 - 1) continue;
        const double h = std::min(b.segs.front()->y1 - b.segs.front()->y0, o.segs.front()->y1 - o.segs.front()->y0);
        const double v = overlap(b.y0, b.y1, o.y0, o.y1);
        if (v > 0) ++touching;
        if (v > 0.5 * h) beside = true;
      }
      b.leaf = !beside && touching < 2;
    }
  }

  void label_columns() {
    std::vector<double> starts;
    for (const auto& b : blocks_)
      if (b.body) starts.push_back(b.x0);
    std::sort(starts.begin(), starts.end());
    for (double x : starts)
      if (col_x_.empty() || x - col_x_.back() > 4) col_x_.push_back(x);
    for (auto& b : blocks_) {
      if (!b.body) continue;
      for (size_t c = 0; c < col_x_.size(); ++c)
        if (b.x0 >= col_x_[c] - 0.01) b.col = static_cast<int>(c);
    }
  }

  // Which rows each group label spans: those beside it, extended up and down over rows whose own
  // label stands to its right, up to the next label in its column; under a （三）-style group a
  // leaf numbered 1 starts the next group.
  const TableSection& s_;
  std::vector<LabelSeg> segs_;
  std::vector<LabelBlock> blocks_;
  std::vector<double> col_x_;
};

}  // namespace

// Digits only, ASCII or full-width: a figure or a piece of one.
bool is_digits(std::string_view text) {
  if (text.empty()) return false;
  for (size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (!((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || c == ',' || c == 0xFF0C)) return false;
  }
  return true;
}

std::string join_words(const std::vector<const TWord*>& words) {
  std::string out;
  const TWord* prev = nullptr;
  for (const TWord* w : words) {
    bool gap = prev != nullptr;
    if (prev && prev->line == w->line)
      gap = prev->word->space_after || w->x0() - prev->x1() > 0.2 * std::min(prev->word->size, w->word->size);
    // A figure wrapped in its cell (digits right under digits) is one figure; other pieces of text
    // on two lines of one cell are kept apart by a line break, never glued into one number.
    const bool wrapped = prev && prev->line != w->line && prev->page == w->page && is_digits(prev->word->text) &&
                         is_digits(w->word->text) && w->y0 - prev->y1 <= 0.3 * (w->y1 - w->y0);
    if (wrapped) {
      out += w->word->text;
      prev = w;
      continue;
    }
    if (prev && prev->line != w->line && !out.empty() && !is_cjk(last_code_point(out)) &&
        !is_cjk(first_code_point(w->word->text))) {
      out += '\n';
      out += w->word->text;
      prev = w;
      continue;
    }
    join_text(out, w->word->text, gap);
    prev = w;
  }
  return out;
}

LabelCells find_label_cells(const TableSection& section) { return LabelFinder(section).run(); }

}  // namespace xxgk::pdf
