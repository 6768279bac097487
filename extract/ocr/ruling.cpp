#include "extract/ocr/ruling.h"

#include "extract/ocr/page_image.h"

#include <algorithm>
#include <numeric>
#include <optional>

namespace xxgk::ocr {
namespace {

// Lengths in inches, turned into pixels at the page's resolution. A rule must be longer than any
// stroke of body text (a 10.5 pt character is ~0.15 in; a title stroke ~0.25 in).
constexpr double kMinHorizontalRule = 0.35;
constexpr double kMinVerticalRule = 0.20;
constexpr double kMaxRuleThickness = 0.05;
constexpr double kRuleBridge = 0.05;       // gaps in a scanned rule bridged before measuring
constexpr double kSameLine = 0.04;         // segments this close in y (x) are one rule
constexpr double kMinTableWidth = 1.0;
constexpr double kMinTableHeight = 0.25;
constexpr double kOpenSide = 0.15;         // rules reaching this far past the outer line: open side
constexpr double kEdgePresent = 0.6;       // share of an edge a rule must cover to separate cells

int px(double inches, int dpi) { return std::max(1, static_cast<int>(inches * dpi + 0.5)); }

struct Segment {
  int pos;       // y of a horizontal segment, x of a vertical one
  int from, to;  // extent along the rule
};

std::vector<Segment> segments(Pix* mask, const Rect& within, bool horizontal) {
  std::vector<Segment> out;
  BoxPtr clip(boxCreate(within.x0, within.y0, within.width(), within.height()));
  PixPtr part(pixClipRectangle(mask, clip.get(), nullptr));
  if (!part) return out;
  BoxaPtr boxes(pixConnComp(part.get(), nullptr, 8));
  if (!boxes) return out;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h);
    x += within.x0;
    y += within.y0;
    if (horizontal) out.push_back({y + h / 2, x, x + w});
    else out.push_back({x + w / 2, y, y + h});
  }
  return out;
}

// Positions of the rules: segments whose positions lie within `tol` of each other are one rule.
struct Rule {
  int pos;
  int from, to;
};

std::vector<Rule> cluster(std::vector<Segment> segs, int tol) {
  std::sort(segs.begin(), segs.end(), [](const Segment& a, const Segment& b) { return a.pos < b.pos; });
  std::vector<Rule> out;
  std::vector<int> members;
  auto flush = [&](int from, int to) {
    if (members.empty()) return;
    std::sort(members.begin(), members.end());
    out.push_back({members[members.size() / 2], from, to});
    members.clear();
  };
  int from = 0, to = 0;
  for (const auto& s : segs) {
    if (!members.empty() && s.pos - members.back() > tol) flush(from, to);
    if (members.empty()) {
      from = s.from;
      to = s.to;
    }
    members.push_back(s.pos);
    from = std::min(from, s.from);
    to = std::max(to, s.to);
  }
  flush(from, to);
  return out;
}

// Share of the stretch [from, to) along position `pos` (± tol) that the rule mask covers.
double coverage(Pix* mask, bool horizontal, int pos, int from, int to, int tol) {
  if (to <= from) return 0;
  int w = 0, h = 0;
  pixGetDimensions(mask, &w, &h, nullptr);
  const l_uint32* data = pixGetData(mask);
  const int wpl = pixGetWpl(mask);
  int covered = 0;
  for (int t = from; t < to; ++t) {
    bool on = false;
    for (int d = -tol; d <= tol && !on; ++d) {
      const int x = horizontal ? t : pos + d;
      const int y = horizontal ? pos + d : t;
      if (x < 0 || y < 0 || x >= w || y >= h) continue;
      on = GET_DATA_BIT(data + static_cast<size_t>(y) * wpl, x) != 0;
    }
    covered += on;
  }
  return static_cast<double>(covered) / (to - from);
}

// The vertical runs that reach a horizontal rule at both ends (or at one end and are long): a
// table's vertical rules run from rule to rule, while the long strokes of a bold heading above a
// table stop in the air.
PixPtr rules_between(Pix* vertical, Pix* horizontal, int reach, int long_run) {
  PixPtr out(pixCreateTemplate(vertical));
  PixaPtr parts;
  Pixa* pixa = nullptr;
  BoxaPtr boxes(pixConnComp(vertical, &pixa, 8));
  parts.reset(pixa);
  if (!out || !boxes || !parts) return out;
  auto touches = [&](int x, int w, int y) {
    return count_on(horizontal, Rect{x - reach, y - reach, x + w + reach, y + reach + 1}) > 0;
  };
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h);
    const int ends = touches(x, w, y) + touches(x, w, y + h - 1);
    // One end in the air is a table cut off by the page (or the scan): then the run is long.
    if (ends == 0 || (ends == 1 && h < long_run)) continue;
    PixPtr part(pixaGetPix(parts.get(), i, L_CLONE));
    pixRasterop(out.get(), x, y, w, h, PIX_SRC | PIX_DST, part.get(), 0, 0);
  }
  return out;
}

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(int n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int i) { return parent[i] == i ? i : parent[i] = find(parent[i]); }
  void join(int a, int b) { parent[find(a)] = find(b); }
};

// Builds the grid of one table from its rules: boundaries from the rules, merges where an inner
// stretch of rule is missing.
RuledTable build_grid(Pix* hmask, Pix* vmask, const Rect& bounds, int dpi) {
  RuledTable t;
  t.bounds = bounds;
  const int tol = px(kSameLine, dpi);
  auto hrules = cluster(segments(hmask, bounds, true), tol);
  auto vrules = cluster(segments(vmask, bounds, false), tol);
  if (hrules.size() < 2 || vrules.empty()) return t;
  // A side without an outer rule (an open table): the rules across run on past the last rule
  // along, so the region up to their ends is a row or column of its own. Most of them must run
  // on (a heading's stroke that touches one rule does not open a side).
  const int open = px(kOpenSide, dpi);
  for (const auto& r : hrules) t.row_lines.push_back(r.pos);
  for (const auto& r : vrules) t.col_lines.push_back(r.pos);
  auto open_end = [&](const std::vector<Rule>& across, bool before, int edge) -> std::optional<int> {
    std::vector<int> past;
    for (const auto& r : across) {
      const int end = before ? r.from : r.to;
      if (before ? edge - end > open : end - edge > open) past.push_back(end);
    }
    if (past.size() < 2 || 2 * past.size() < across.size()) return std::nullopt;
    std::sort(past.begin(), past.end());
    return past[past.size() / 2];
  };
  if (auto x = open_end(hrules, true, t.col_lines.front())) t.col_lines.insert(t.col_lines.begin(), *x);
  if (auto x = open_end(hrules, false, t.col_lines.back())) t.col_lines.push_back(*x);
  if (auto y = open_end(vrules, true, t.row_lines.front())) t.row_lines.insert(t.row_lines.begin(), *y);
  if (auto y = open_end(vrules, false, t.row_lines.back())) t.row_lines.push_back(*y);
  t.bounds = Rect{t.col_lines.front(), t.row_lines.front(), t.col_lines.back(), t.row_lines.back()};
  if (t.rows() < 1 || t.cols() < 1) return t;

  const int rows = t.rows(), cols = t.cols();
  UnionFind uf(rows * cols);
  const int margin = tol;  // corners are left out of the measure: rules cross there
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      if (c + 1 < cols &&
          coverage(vmask, false, t.col_lines[c + 1], t.row_lines[r] + margin, t.row_lines[r + 1] - margin, tol) <
              kEdgePresent)
        uf.join(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows &&
          coverage(hmask, true, t.row_lines[r + 1], t.col_lines[c] + margin, t.col_lines[c + 1] - margin, tol) <
              kEdgePresent)
        uf.join(r * cols + c, (r + 1) * cols + c);
    }
  // Each group of joined slots becomes one cell spanning the group's bounding rectangle; a slot
  // already taken by an earlier (row-major) cell stays with it.
  std::vector<int> r0(rows * cols, rows), c0(rows * cols, cols), r1(rows * cols, -1), c1(rows * cols, -1);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const int g = uf.find(r * cols + c);
      r0[g] = std::min(r0[g], r), c0[g] = std::min(c0[g], c);
      r1[g] = std::max(r1[g], r), c1[g] = std::max(c1[g], c);
    }
  std::vector<char> taken(rows * cols, 0);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      if (taken[r * cols + c]) continue;
      const int g = uf.find(r * cols + c);
      GridCell cell{r, c, 1, 1};
      if (r0[g] == r && c0[g] == c) {
        cell.row_span = r1[g] - r + 1;
        cell.col_span = c1[g] - c + 1;
      }
      // Shrink the span where it would cover a slot another cell holds already.
      for (int rr = r; rr < r + cell.row_span; ++rr)
        for (int cc = c; cc < c + cell.col_span; ++cc)
          if (taken[rr * cols + cc]) {
            cell.row_span = std::max(1, rr - r);
            if (rr == r) cell.col_span = std::max(1, cc - c);
          }
      for (int rr = r; rr < r + cell.row_span; ++rr)
        for (int cc = c; cc < c + cell.col_span; ++cc) taken[rr * cols + cc] = 1;
      t.cells.push_back(cell);
    }
  return t;
}

}  // namespace

Rect RuledTable::interior(const GridCell& c, int inset) const {
  return Rect{col_lines[c.col] + inset, row_lines[c.row] + inset, col_lines[c.col + c.col_span] - inset,
              row_lines[c.row + c.row_span] - inset};
}

Rulings find_ruled_tables(Pix* grey, int dpi) {
  // Rules are often printed thinner and paler than text (a 0.5 pt hairline scanned at 150 dpi is
  // a grey trace), so they are looked for in a lighter threshold than the print.
  PixPtr lines(pixThresholdToBinary(grey, rule_threshold(grey)));
  if (!lines) return {};
  Pix* binary = lines.get();
  Rulings out;
  const int bridge = px(kRuleBridge, dpi);
  PixPtr h(pixOpenCompBrick(nullptr, binary, px(kMinHorizontalRule, dpi), 1));
  PixPtr v(pixOpenCompBrick(nullptr, binary, 1, px(kMinVerticalRule, dpi)));
  if (!h || !v) return out;
  // A rule is thin: what survives a brick thicker than any rule is a filled area (a dark
  // shaded row, a seal), not a line.
  const int thick = px(kMaxRuleThickness, dpi);
  PixPtr solid_h(pixOpenCompBrick(nullptr, h.get(), 1, thick));
  PixPtr solid_v(pixOpenCompBrick(nullptr, v.get(), thick, 1));
  if (!solid_h || !solid_v) return out;
  pixSubtract(h.get(), h.get(), solid_h.get());
  pixSubtract(v.get(), v.get(), solid_v.get());
  out.horizontal.reset(pixCloseSafeCompBrick(nullptr, h.get(), bridge, 1));
  PixPtr vclosed(pixCloseSafeCompBrick(nullptr, v.get(), 1, bridge));
  if (!out.horizontal || !vclosed) return out;
  out.vertical = rules_between(vclosed.get(), out.horizontal.get(), bridge, 2 * px(kMinVerticalRule, dpi));
  if (!out.vertical) return out;
  // Rules that touch (or nearly touch) are one table; a filled area among them (a shaded row,
  // whose own rules vanish in it) still holds the table together.
  PixPtr both(pixOr(nullptr, out.horizontal.get(), out.vertical.get()));
  pixOr(both.get(), both.get(), solid_h.get());
  PixPtr joined(pixDilateCompBrick(nullptr, both.get(), bridge, bridge));
  BoxaPtr boxes(pixConnComp(joined.get(), nullptr, 8));
  if (!boxes) return out;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x, y, w, hh;
    boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &hh);
    if (w < px(kMinTableWidth, dpi) || hh < px(kMinTableHeight, dpi)) continue;
    RuledTable t = build_grid(out.horizontal.get(), out.vertical.get(), Rect{x, y, x + w, y + hh}, dpi);
    if (t.rows() >= 1 && t.cols() >= 2 && !t.cells.empty()) out.tables.push_back(std::move(t));
  }
  std::sort(out.tables.begin(), out.tables.end(),
            [](const RuledTable& a, const RuledTable& b) { return a.bounds.y0 < b.bounds.y0; });
  return out;
}

}  // namespace xxgk::ocr
