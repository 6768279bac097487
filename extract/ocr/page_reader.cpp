#include "extract/ocr/page_reader.h"

#include "extract/ocr/cell_reader.h"
#include "extract/ocr/page_image.h"
#include "extract/ocr/paragraphs.h"
#include "extract/ocr/ruling.h"
#include "text/text.h"

#include <poppler/cpp/poppler-page.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

namespace xxgk::ocr {
namespace {

constexpr double kMinSkew = 0.05;            // degrees: less is not worth resampling the page
constexpr double kRuleClearance = 1.0 / 150;  // inch of white painted around each rule (print may touch it)
constexpr double kCellInset = 1.0 / 150;      // inch of a cell's edge left out (rule remnants)
constexpr int kBackgroundRamp = 40;         // grey levels over which paler than print fades to white
constexpr int kOrientationSamples = 3;       // text lines read both ways up
constexpr double kOrientationMargin = 15;    // mean confidence a turned reading must win by
constexpr double kUprightConfidence = 50;    // a page reading below this is checked for upside down
constexpr int kTextDpi = 200;                // running text is read at no more than this
constexpr int kMinNumberLine = 3;            // numbers that make a grid row or column one of numbers
constexpr int kStrayLength = 2;              // characters of a stray reading in such a line
constexpr double kStrayConfidence = 60;      // and its confidence below this

BoxPtr make_box(const Rect& r) { return BoxPtr(boxCreate(r.x0, r.y0, r.width(), r.height())); }

xxgk::Box to_points(const Rect& r, int dpi) {
  const double k = 72.0 / dpi;
  return xxgk::Box{r.x0 * k, r.y0 * k, r.x1 * k, r.y1 * k};
}

// Up to `n` of the widest line-shaped runs of print: where text lines are.
std::vector<Rect> sample_lines(Pix* binary, int dpi, int n) {
  std::vector<Rect> out;
  PixPtr smeared(pixCloseSafeCompBrick(nullptr, binary, std::max(3, dpi / 20), 1));
  if (!smeared) return out;
  BoxaPtr boxes(pixConnComp(smeared.get(), nullptr, 8));
  if (!boxes) return out;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h);
    if (h < dpi / 12 || h > dpi / 2 || w < 4 * h) continue;
    out.push_back(Rect{x, y, x + w, y + h});
  }
  std::sort(out.begin(), out.end(), [](const Rect& a, const Rect& b) { return a.width() > b.width(); });
  if (static_cast<int>(out.size()) > n) out.resize(n);
  return out;
}

// How well a few text lines of the page read as they stand and turned by 180°: Chinese has no
// ascenders to tell up from down, nor (in narrow table columns of stacked characters) always a
// clear line direction, so Tesseract's confidence decides.
struct Readability {
  double upright = 0;  // mean word confidence of the sample lines
  double turned = 0;   // the same lines turned by 180°
  double best() const { return std::max(upright, turned); }
};

Readability readability(Pix* grey, Pix* binary, int dpi, OcrEngine& engine) {
  Readability out;
  const auto lines = sample_lines(binary, dpi, kOrientationSamples);
  if (lines.empty()) return out;
  for (const Rect& r : lines) {
    const int pad = dpi / 30;
    BoxPtr box = make_box(Rect{r.x0 - pad, r.y0 - pad, r.x1 + pad, r.y1 + pad});
    PixPtr crop(pixClipRectangle(grey, box.get(), nullptr));
    if (!crop) continue;
    PixPtr flipped(pixRotate180(nullptr, crop.get()));
    const Rect all{0, 0, static_cast<int>(pixGetWidth(crop.get())), static_cast<int>(pixGetHeight(crop.get()))};
    engine.set_image(crop.get(), dpi);
    out.upright += engine.read(all, Layout::Line).mean_confidence();
    engine.set_image(flipped.get(), dpi);
    out.turned += engine.read(all, Layout::Line).mean_confidence();
  }
  engine.set_image(nullptr, dpi);
  out.upright /= static_cast<double>(lines.size());
  out.turned /= static_cast<double>(lines.size());
  return out;
}

// The page as running text is read: made smaller by `scale` as Leptonica's pixScale() does
// (below 0.7 an area map and a light unsharp mask), with the area map by shrink_grey() where it
// can.
PixPtr shrink_text(Pix* page, double scale) {
  if (scale >= 1) return PixPtr(pixClone(page));
  const auto s = static_cast<l_float32>(scale);
  PixPtr small = shrink_grey(page, s);
  if (!small) return PixPtr(pixScale(page, s, s));
  if (s <= 0.2f) return small;
  return PixPtr(pixUnsharpMasking(small.get(), 1, 0.2f));
}

Rect unscale(const Rect& r, double scale) {
  auto back = [scale](int v) { return static_cast<int>(std::lround(v / scale)); };
  return Rect{back(r.x0), back(r.y0), back(r.x1), back(r.y1)};
}

struct Positioned {
  int y = 0;
  Block block;
};

// In a column or a row of numbers, a short unsure reading that is no number (二, 全 for a 4
// under a seal) is print OCR could not read: reported as such, not passed on as text that breaks
// the row.
void distrust_strays(const RuledTable& grid, std::vector<CellReading>& readings) {
  std::vector<int> col_numbers(grid.cols()), col_filled(grid.cols()), row_numbers(grid.rows()), row_filled(grid.rows());
  for (size_t i = 0; i < grid.cells.size(); ++i) {
    const GridCell& g = grid.cells[i];
    if (readings[i].text.empty()) continue;
    const bool number = looks_numeric(readings[i].text);
    if (g.col_span == 1) col_filled[g.col] += 1, col_numbers[g.col] += number;
    if (g.row_span == 1) row_filled[g.row] += 1, row_numbers[g.row] += number;
  }
  auto mostly_numbers = [](int numbers, int filled) { return numbers >= kMinNumberLine && 2 * numbers > filled; };
  for (size_t i = 0; i < grid.cells.size(); ++i) {
    const GridCell& g = grid.cells[i];
    CellReading& r = readings[i];
    const bool among_numbers = (g.col_span == 1 && mostly_numbers(col_numbers[g.col], col_filled[g.col])) ||
                               (g.row_span == 1 && mostly_numbers(row_numbers[g.row], row_filled[g.row]));
    if (!among_numbers || r.text.empty() || looks_numeric(r.text)) continue;
    if (u8_length(r.text) <= kStrayLength && r.confidence.value_or(0) < kStrayConfidence) {
      spdlog::debug("ocr: \"{}\" ({:.0f}) among numbers is taken as unreadable", r.text, r.confidence.value_or(0));
      r.text.clear();
      r.confidence = 0;
    }
  }
}

Table read_table(const RuledTable& grid, OcrEngine& engine, const InkMap& ink, const CellImages& images, int page,
                 OcrPage& stats) {
  const int dpi = images.dpi;
  const int inset = std::max(1, static_cast<int>(kCellInset * dpi));
  std::vector<CellReading> readings;
  for (const GridCell& g : grid.cells) readings.push_back(read_cell(engine, ink, images, grid.interior(g, inset)));
  distrust_strays(grid, readings);
  Table table;
  table.page = page;
  table.rows.assign(grid.rows(), std::vector<Cell>(grid.cols()));
  for (size_t i = 0; i < grid.cells.size(); ++i) {
    const GridCell& g = grid.cells[i];
    const CellReading& reading = readings[i];
    if (reading.ink) ++stats.cells;
    if (reading.confidence) stats.confidence_sum += *reading.confidence, ++stats.confidence_count;
    if (reading.ink && reading.text.empty()) ++stats.unreadable_cells;
    if (!reading.text.empty()) stats.any_text = true;
    Cell cell;
    cell.text = reading.text;
    cell.row_span = g.row_span;
    cell.col_span = g.col_span;
    cell.page = page;
    cell.box = to_points(grid.interior(g, 0), dpi);
    cell.confidence = reading.confidence;
    for (int r = g.row; r < g.row + g.row_span; ++r)
      for (int c = g.col; c < g.col + g.col_span; ++c) {
        Cell& slot = table.rows[r][c];
        slot = cell;
        if (r != g.row || c != g.col) {
          slot.covered = true;
          slot.anchor_row = g.row;
          slot.anchor_col = g.col;
        }
      }
  }
  return table;
}

// Reads a page already upright and deskewed into `out`: its ruled tables cell by cell, the rest
// of its print as paragraphs, in reading order.
void read_upright(Pix* grey, Pix* binary, int dpi, OcrEngine& engine, OcrPage& out) {
  const int page_number = out.page;
  // Rules are painted white so that Tesseract sees only the print inside each cell. Only rules
  // inside a table count: outside, long strokes of a bold heading look the same.
  const Rulings rulings = find_ruled_tables(grey, dpi);
  PixPtr rules(pixOr(nullptr, rulings.horizontal.get(), rulings.vertical.get()));
  const int clearance = std::max(1, static_cast<int>(kRuleClearance * dpi));
  if (rules) {
    PixPtr tables(pixCreateTemplate(rules.get()));
    for (const RuledTable& grid : rulings.tables) pixSetInRect(tables.get(), make_box(grid.bounds).get());
    pixAnd(rules.get(), rules.get(), tables.get());
    rules.reset(pixDilateBrick(nullptr, rules.get(), 2 * clearance + 1, 2 * clearance + 1));
  }
  PixPtr clean(pixCopy(nullptr, grey));
  if (rules) pixSetMasked(clean.get(), rules.get(), 255);
  const InkMap ink(binary, rules.get(), dpi);
  // Isolated scanner specks are painted white too: Tesseract reads them as punctuation.
  if (PixPtr specks{pixSubtract(nullptr, binary, ink.pix())}) {
    if (rules) pixSubtract(specks.get(), specks.get(), rules.get());
    PixPtr around(pixDilateBrick(nullptr, specks.get(), 3, 3));
    if (around) pixSetMasked(clean.get(), around.get(), 255);
  }

  std::vector<Positioned> blocks;
  // Number cells are read from the page with its paler-than-print background faded out.
  PixPtr digits = rulings.tables.empty() ? nullptr : whiten_background(clean.get(), kBackgroundRamp);
  const CellImages images{clean.get(), digits.get(), dpi};
  for (const RuledTable& grid : rulings.tables)
    blocks.push_back({grid.bounds.y0, Block{read_table(grid, engine, ink, images, page_number, out)}});

  // The print outside the tables, read as free text.
  for (const RuledTable& grid : rulings.tables) pixSetInRectArbitrary(clean.get(), make_box(grid.bounds).get(), 255);
  const Rect page{0, 0, static_cast<int>(pixGetWidth(clean.get())), static_cast<int>(pixGetHeight(clean.get()))};
  PixPtr text_ink(pixCopy(nullptr, ink.pix()));
  for (const RuledTable& grid : rulings.tables) pixClearInRect(text_ink.get(), make_box(grid.bounds).get());
  l_int32 empty = 1;
  pixZero(text_ink.get(), &empty);
  if (!empty) {
    // Running text is read at no more than kTextDpi: body text (12-16 pt) is then 35-45 px
    // tall, where chi_sim reads best (at 300 dpi it misread 报告, 思, 围绕 that it reads right
    // at 200) and a fifth faster.
    const double scale = std::min(1.0, static_cast<double>(kTextDpi) / dpi);
    PixPtr text_image = shrink_text(clean.get(), scale);
    if (!text_image) text_image.reset(pixClone(clean.get()));
    const int text_dpi = static_cast<int>(std::lround(dpi * scale));
    engine.set_image(text_image.get(), text_dpi);
    OcrReading text = engine.read(Rect{0, 0, static_cast<int>(pixGetWidth(text_image.get())),
                                       static_cast<int>(pixGetHeight(text_image.get()))},
                                  Layout::Page);
    for (auto& line : text.lines) {
      line.box = unscale(line.box, scale);
      for (auto& w : line.words) {
        w.box = unscale(w.box, scale);
        out.confidence_sum += w.confidence, ++out.confidence_count;
      }
    }
    for (auto& p : build_paragraphs(text.lines, page.height())) {
      out.any_text = true;
      blocks.push_back({p.box.y0, Block{Paragraph{std::move(p.text), page_number}}});
    }
  }
  engine.set_image(nullptr, dpi);
  std::stable_sort(blocks.begin(), blocks.end(), [](const Positioned& a, const Positioned& b) { return a.y < b.y; });
  for (auto& b : blocks) out.blocks.push_back(std::move(b.block));
  if (!out.any_text && (!empty || out.cells > 0))
    out.problems.push_back(ExtractionProblem{"ocr_unreadable", "文字识别未能从该页读出任何文字",
                                             "OCR read no text on this page", page_number});
}

}  // namespace

OcrPage read_page_image(Pix* image, int dpi, int page_number, OcrEngine& engine) {
  quiet_leptonica();
  OcrPage out;
  out.page = page_number;
  PixPtr grey = drop_out_red(image);
  if (!grey) return out;
  PixPtr binary = binarize(grey.get());
  // A page the print's direction calls sideways is turned if its lines then read better.
  if (sideways_turns(binary.get(), dpi)) {
    const Readability as_is = readability(grey.get(), binary.get(), dpi, engine);
    PixPtr turned = rotate_page(grey.get(), 1, 0);
    PixPtr turned_binary = binarize(turned.get());
    const Readability r = readability(turned.get(), turned_binary.get(), dpi, engine);
    spdlog::debug("ocr: page {} looks sideways: reads {:.1f} as it stands, {:.1f} turned", page_number, as_is.best(),
                  r.best());
    if (r.best() > as_is.best() + kOrientationMargin) {
      out.quarter_turns = r.turned > r.upright + kOrientationMargin ? 3 : 1;
      grey = rotate_page(grey.get(), out.quarter_turns, 0);
      binary = binarize(grey.get());
    }
  }
  if (auto skew = find_skew(binary.get()); skew && std::fabs(*skew) >= kMinSkew) {
    out.skew_degrees = *skew;
    grey = rotate_page(grey.get(), 0, *skew);
    binary = binarize(grey.get());
  }
  read_upright(grey.get(), binary.get(), dpi, engine, out);
  // A page that reads badly may be upside down (Chinese has no ascenders to tell by): a few
  // of its lines are read both ways up, and if turned they read better, the page is read again.
  if (out.confidence_count == 0 || out.mean_confidence() < kUprightConfidence) {
    const Readability r = readability(grey.get(), binary.get(), dpi, engine);
    spdlog::debug("ocr: page {} reads {:.1f} on the whole; lines {:.1f} upright, {:.1f} upside down", page_number,
                  out.mean_confidence(), r.upright, r.turned);
    if (r.turned > r.upright + kOrientationMargin) {
      OcrPage again;
      again.page = page_number;
      again.quarter_turns = (out.quarter_turns + 2) % 4;
      again.skew_degrees = out.skew_degrees;
      grey.reset(pixRotate180(nullptr, grey.get()));
      binary.reset(pixRotate180(nullptr, binary.get()));
      read_upright(grey.get(), binary.get(), dpi, engine, again);
      out = std::move(again);
    }
  }
  spdlog::debug("ocr: page {}: {} quarter turns, skew {:.2f}°, mean confidence {:.1f}", page_number, out.quarter_turns,
                out.skew_degrees, out.mean_confidence());
  return out;
}

std::vector<Block> ocr_page(const poppler::page& page, int page_number, const ExtractOptions& options,
                            OcrEngine& engine) {
  PixPtr image = render_page(page, options.ocr_dpi);
  return read_page_image(image.get(), options.ocr_dpi, page_number, engine).blocks;
}

}  // namespace xxgk::ocr
