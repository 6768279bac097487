#include "extract/ocr/page_image.h"

#include "model/errors.h"

#include <fmt/format.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <vector>

namespace xxgk::ocr {
namespace {

// How much redder than green and blue a pixel must be to be a seal's ink (scanned seals measure
// R - max(G,B) of 80-150; black print and grey paper ~0).
constexpr int kSealRedness = 50;
constexpr int kSealLightness = 150;  // a seal's ink on paper is light in its red channel
constexpr double kColourCheckDpi = 24;  // the small rendering a seal's red is looked for in
constexpr int kMinSealPixels = 12;      // red pixels there that make a seal (a 4 cm seal has ~500)

}  // namespace

void quiet_leptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

int count_on(Pix* binary, const Rect& r) {
  int w = 0, h = 0;
  pixGetDimensions(binary, &w, &h, nullptr);
  const int x0 = std::max(r.x0, 0), y0 = std::max(r.y0, 0), x1 = std::min(r.x1, w), y1 = std::min(r.y1, h);
  if (x1 <= x0 || y1 <= y0) return 0;
  BoxPtr box(boxCreate(x0, y0, x1 - x0, y1 - y0));
  l_int32 n = 0;
  pixCountPixelsInRect(binary, box.get(), &n, nullptr);
  return n;
}

namespace {

poppler::image render(const poppler::page& page, double dpi, poppler::image::format_enum format) {
  poppler::page_renderer renderer;
  renderer.set_image_format(format);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_paper_color(0xffffffff);
  return renderer.render_page(&page, dpi, dpi);
}

// Whether the page carries a seal's red, looked for in a small rendering (~0.02 s, mostly
// decoding the scan once more, against ~0.08 s saved by rendering the full page in grey).
bool has_seal_red(const poppler::page& page) {
  const poppler::image img = render(page, kColourCheckDpi, poppler::image::format_rgb24);
  if (!img.is_valid()) return true;
  int red = 0;
  for (int y = 0; y < img.height(); ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(img.const_data() + static_cast<size_t>(y) * img.bytes_per_row());
    for (int x = 0; x < img.width(); ++x)
      if (print_grey(row[3 * x], row[3 * x + 1], row[3 * x + 2]) == 255 && row[3 * x] != 255) ++red;
  }
  return red >= kMinSealPixels;
}

}  // namespace

PixPtr render_page(const poppler::page& page, int dpi) {
  quiet_leptonica();
  // A page without red is rendered in grey directly (a third faster than RGB); a page with a
  // seal in RGB, its red dropped out pixel by pixel.
  const bool colour = has_seal_red(page);
  const poppler::image img = render(page, dpi, colour ? poppler::image::format_rgb24 : poppler::image::format_gray8);
  if (!img.is_valid() || img.width() <= 0 || img.height() <= 0)
    throw DocumentError("unreadable_page", "Poppler could not render the page for OCR", "无法渲染该页以进行文字识别");
  const int w = img.width(), h = img.height();
  PixPtr grey(pixCreate(w, h, 8));
  if (!grey) throw std::bad_alloc();
  l_uint32* data = pixGetData(grey.get());
  const int wpl = pixGetWpl(grey.get());
  const char* src = img.const_data();
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(src + static_cast<size_t>(y) * img.bytes_per_row());
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    if (colour) {  // rgb24 stores R, G, B
      for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, print_grey(row[3 * x], row[3 * x + 1], row[3 * x + 2]));
    } else {
      for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, row[x]);
    }
  }
  pixSetResolution(grey.get(), dpi, dpi);
  return grey;
}

unsigned char print_grey(unsigned char r, unsigned char g, unsigned char b) {
  // A dark red pixel is print the seal's ink lies over (or an edge of it): it keeps its red.
  if (r >= kSealLightness && r - std::max(g, b) > kSealRedness) return 255;
  return r;
}

PixPtr drop_out_red(Pix* pix) {
  quiet_leptonica();
  if (pixGetDepth(pix) != 32) return PixPtr(pixConvertTo8(pix, 0));
  const int w = static_cast<int>(pixGetWidth(pix)), h = static_cast<int>(pixGetHeight(pix));
  PixPtr grey(pixCreate(w, h, 8));
  if (!grey) return grey;
  const l_uint32* src = pixGetData(pix);
  const int swpl = pixGetWpl(pix), dwpl = pixGetWpl(grey.get());
  l_uint32* dst = pixGetData(grey.get());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      l_int32 r, g, b;
      extractRGBValues(src[static_cast<size_t>(y) * swpl + x], &r, &g, &b);
      SET_DATA_BYTE(dst + static_cast<size_t>(y) * dwpl, x,
                    print_grey(static_cast<unsigned char>(r), static_cast<unsigned char>(g), static_cast<unsigned char>(b)));
    }
  pixCopyResolution(grey.get(), pix);
  return grey;
}

namespace {

// The paper's grey: the most common level in the upper half of the histogram.
int paper_level(Pix* grey) {
  int paper = 255;
  if (NumaPtr hist{pixGetGrayHistogram(grey, 4)}) {
    l_int32 best = -1, best_count = -1;
    for (int v = 128; v < numaGetCount(hist.get()) && v < 256; ++v) {
      l_int32 c = 0;
      numaGetIValue(hist.get(), v, &c);
      if (c > best_count) best = v, best_count = c;
    }
    if (best >= 0) paper = best;
  }
  return paper;
}

}  // namespace

// Print is well below the paper; shading (light grey header rows, ~210) stays above, so that it
// is not taken for print or rules.
int print_threshold(Pix* grey) { return std::min(160, paper_level(grey) * 2 / 3); }

int rule_threshold(Pix* grey) { return std::min(195, paper_level(grey) - 45); }

PixPtr whiten_background(Pix* grey, int ramp) {
  const int threshold = print_threshold(grey);
  unsigned char lut[256];
  for (int v = 0; v < 256; ++v) {
    if (v <= threshold) lut[v] = static_cast<unsigned char>(v);
    else if (v >= threshold + ramp) lut[v] = 255;
    else lut[v] = static_cast<unsigned char>(threshold + (v - threshold) * (255 - threshold) / ramp);
  }
  PixPtr out(pixCopy(nullptr, grey));
  if (!out) return out;
  const int w = static_cast<int>(pixGetWidth(out.get())), h = static_cast<int>(pixGetHeight(out.get()));
  const int wpl = pixGetWpl(out.get());
  l_uint32* data = pixGetData(out.get());
  for (int y = 0; y < h; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, lut[GET_DATA_BYTE(line, x)]);
  }
  return out;
}

namespace {

// One axis of an area-mapped shrink: output pixel i covers source pixels lo[i] .. hi[i], the
// first by weight[i][0] = 16 - (its uncovered sixteenths), the last by the sixteenths covered,
// those between by 16 (Leptonica's quantization of the area, so that results are its own).
struct AxisCover {
  std::vector<int> lo, hi, first_weight, last_weight, total;
};

AxisCover axis_cover(int from, int to) {
  AxisCover c;
  // The same arithmetic, in the same types, as Leptonica's area mapping.
  const auto step = static_cast<l_float32>(16. * static_cast<l_float32>(from) / static_cast<l_float32>(to));
  for (int i = 0; i < to; ++i) {
    const auto u = static_cast<l_int32>(step * static_cast<l_float32>(i));
    const auto l = static_cast<l_int32>(step * (i + 1.0));
    c.lo.push_back(u >> 4);
    c.hi.push_back(l >> 4);
    c.first_weight.push_back(16 - (u & 0x0f));
    c.last_weight.push_back(l & 0x0f);
    c.total.push_back((16 - (u & 0x0f)) + 16 * ((l >> 4) - (u >> 4) - 1) + (l & 0x0f));
  }
  return c;
}

}  // namespace

PixPtr shrink_grey(Pix* grey, l_float32 scale) {
  if (!grey || pixGetDepth(grey) != 8 || pixGetColormap(grey) || !(scale > 0 && scale < 0.7f)) return nullptr;
  // At a half, a quarter, ... Leptonica halves the image instead of mapping areas.
  if (scale == 0.5f || scale == 0.25f || scale == 0.125f || scale == 0.0625f) return nullptr;
  const int ws = static_cast<int>(pixGetWidth(grey)), hs = static_cast<int>(pixGetHeight(grey));
  const auto wd = static_cast<l_int32>(scale * static_cast<l_float32>(ws) + 0.5);
  const auto hd = static_cast<l_int32>(scale * static_cast<l_float32>(hs) + 0.5);
  if (wd < 1 || hd < 1 || ws < 2 || hs < 2) return nullptr;
  PixPtr out(pixCreate(wd, hd, 8));
  if (!out) return out;
  const AxisCover across = axis_cover(ws, wd), down = axis_cover(hs, hd);
  const l_uint32* src = pixGetData(grey);
  const int swpl = pixGetWpl(grey), dwpl = pixGetWpl(out.get());
  l_uint32* dst = pixGetData(out.get());
  auto at = [&](int y, int x) { return static_cast<int>(GET_DATA_BYTE(src + static_cast<size_t>(y) * swpl, x)); };
  // Each output row: the source rows it covers summed down into one row of column sums (their
  // weights applied), then each output pixel sums its columns of that row. Integer sums, the
  // same terms as Leptonica's, so the same result to the bit.
  std::vector<std::int32_t> column(static_cast<size_t>(swpl) * 4);  // the row's padding too
  for (int i = 0; i < hd; ++i) {
    l_uint32* line = dst + static_cast<size_t>(i) * dwpl;
    const int y0 = down.lo[i], y1 = down.hi[i];
    if (y1 > hs - 2) {  // at the bottom edge a source pixel is taken as it is
      for (int j = 0; j < wd; ++j) SET_DATA_BYTE(line, j, static_cast<l_uint8>(at(y0, across.lo[j])));
      continue;
    }
    std::fill(column.begin(), column.end(), 0);
    for (int y = y0; y <= y1; ++y) {
      const std::int32_t wy = y == y0 ? down.first_weight[i] : y == y1 ? down.last_weight[i] : 16;
      if (wy == 0) continue;
      // A word holds four pixels, the leftmost in its high byte (Leptonica's layout).
      const l_uint32* row = src + static_cast<size_t>(y) * swpl;
      std::int32_t* sums = column.data();
      for (int k = 0; k < swpl; ++k, sums += 4) {
        const l_uint32 word = row[k];
        sums[0] += wy * static_cast<std::int32_t>(word >> 24);
        sums[1] += wy * static_cast<std::int32_t>((word >> 16) & 0xff);
        sums[2] += wy * static_cast<std::int32_t>((word >> 8) & 0xff);
        sums[3] += wy * static_cast<std::int32_t>(word & 0xff);
      }
    }
    for (int j = 0; j < wd; ++j) {
      const int x0 = across.lo[j], x1 = across.hi[j];
      if (x1 > ws - 2) {  // at the right edge, likewise
        SET_DATA_BYTE(line, j, static_cast<l_uint8>(at(y0, x0)));
        continue;
      }
      std::int32_t sum = across.first_weight[j] * column[x0] + across.last_weight[j] * column[x1];
      for (int x = x0 + 1; x < x1; ++x) sum += 16 * column[x];
      const std::int32_t val = (sum + 128) / (across.total[j] * down.total[i]);
      SET_DATA_BYTE(line, j, static_cast<l_uint8>(std::min(255, val)));
    }
  }
  pixCopyResolution(out.get(), grey);
  pixScaleResolution(out.get(), scale, scale);
  return out;
}

PixPtr binarize(Pix* grey) { return PixPtr(pixThresholdToBinary(grey, print_threshold(grey))); }

std::optional<double> find_skew(Pix* binary) {
  l_float32 angle = 0, conf = 0;
  // Search ±3° (scans are fed by hand; more is a rotated page, not skew).
  if (pixFindSkewSweepAndSearch(binary, &angle, &conf, 2, 1, 3.0f, 0.1f, 0.01f) != 0) return std::nullopt;
  // Leptonica's own threshold (3) rejects every dense page of Chinese text (its score peak is
  // flat: 1.1-1.2 on pages whose skew it finds exactly); specks alone score 0.
  if (conf < 1.05f) return std::nullopt;
  return static_cast<double>(angle);
}

int sideways_turns(Pix* binary, int dpi) {
  // Work at about 75 dpi: characters are ~10 px there.
  int levels[4] = {0, 0, 0, 0};
  int n = 0;
  for (int d = dpi; d >= 140 && n < 4; d /= 2) levels[n++] = 1;
  PixPtr small(n ? pixReduceRankBinaryCascade(binary, levels[0], levels[1], levels[2], levels[3]) : pixClone(binary));
  if (!small) return 0;
  auto runs = [&](bool horizontal) {
    // Smear along the direction (joins characters of a line, not lines), then keep only runs
    // several characters long.
    PixPtr closed(horizontal ? pixCloseSafeBrick(nullptr, small.get(), 5, 1) : pixCloseSafeBrick(nullptr, small.get(), 1, 5));
    PixPtr open(horizontal ? pixOpenBrick(nullptr, closed.get(), 40, 1) : pixOpenBrick(nullptr, closed.get(), 1, 40));
    l_int32 count = 0;
    if (open) pixCountPixels(open.get(), &count, nullptr);
    return count;
  };
  const int h = runs(true), v = runs(false);
  return v > 2 * h + 200 ? 1 : 0;
}

PixPtr rotate_page(Pix* grey, int quarter_turns, double degrees) {
  PixPtr turned(quarter_turns % 4 ? pixRotateOrth(grey, quarter_turns % 4) : pixClone(grey));
  if (std::fabs(degrees) < 0.05) return turned;
  const auto radians = static_cast<l_float32>(degrees * M_PI / 180.0);
  return PixPtr(pixRotate(turned.get(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
}

}  // namespace xxgk::ocr
