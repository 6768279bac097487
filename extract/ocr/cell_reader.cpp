#include "extract/ocr/cell_reader.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <regex>

namespace xxgk::ocr {
namespace {

// A reading with this many ideographs at this confidence is a label: no number to re-read.
constexpr int kLabelIdeographs = 3;
constexpr double kLabelConfidence = 60;
// A single ideograph (无, or a digit misread as 二) gives way to a digits-only reading unless it is
// this much more confident; two or more make a label.
constexpr double kDigitsMargin = 5;
constexpr double kChineseNumberMargin = 10;
// A one-line cell the digits recognizer reads at this confidence is that number.
constexpr double kSureNumber = 90;
// A block reading of several lines this sure is not read again line by line.
constexpr double kSureLines = 85;
// A few unsure ideographs give way to a far surer number (人六 at 15 for a 37 read at 97).
constexpr double kDigitsOverWords = 30;
// Print wider than this many times its height is more than the few digits the eng model can read
// as nothing at all (a lone serif 1, 11).
constexpr int kRetryWidth = 2;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string tidy_enumerators(std::string_view text) {
  static const std::regex enumerator(
      R"((〈|《|\(|（|<|\{|\[|〔|【)\s*(一|二|三|四|五|六|七|八|九|十)\s*(\)|）|〉|》|>|\}|\]|〕|】))");
  return std::regex_replace(std::string(text), enumerator, "（$2）");
}

bool looks_numeric(std::string_view text) {
  bool digit = false;
  for (char c : text) {
    if (is_digit(c)) digit = true;
    else if (c != '.' && c != ',' && c != '-' && c != '/' && c != ' ') return false;
  }
  return digit;
}

int count_cjk(std::string_view text) {
  int n = 0;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (len == 3 && i + 2 < text.size()) {
      const unsigned cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                          (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
      if (cp >= 0x4E00 && cp <= 0x9FFF) ++n;
    }
    i += static_cast<size_t>(len);
  }
  return n;
}

std::string tidy_number(std::string_view digits) {
  std::string s;
  for (char c : digits)
    if (c != ' ' && c != '\n') s += c;
  // A lone sign or slash is printed on purpose (not applicable); around digits, a separator at
  // either end is a speck read as punctuation.
  if (std::none_of(s.begin(), s.end(), is_digit)) return s;
  while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == '/' || s.back() == '-')) s.pop_back();
  size_t start = 0;
  while (start < s.size() && (s[start] == '.' || s[start] == ',' || s[start] == '/')) ++start;
  return s.substr(start);
}

InkMap::InkMap(Pix* binary, Pix* rules, int dpi) : dpi_(dpi) {
  PixPtr without(rules ? pixSubtract(nullptr, binary, rules) : pixClone(binary));
  // Scanner specks are as small as the dots of 氵, 讠 or 方 in small print; only specks with no
  // print near them are dropped.
  const int speck = std::max(2, dpi / 75);
  PixPtr print(pixSelectBySize(without.get(), speck, speck, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GT, nullptr));
  if (!print) {
    ink_ = std::move(without);
    return;
  }
  const int reach = 2 * std::max(2, dpi / 25) + 1;
  PixPtr near(pixDilateCompBrick(nullptr, print.get(), reach, reach));
  PixPtr small(pixSubtract(nullptr, without.get(), print.get()));
  if (near && small) {
    pixAnd(small.get(), small.get(), near.get());
    pixOr(print.get(), print.get(), small.get());
  }
  ink_ = std::move(print);
}

std::optional<Rect> InkMap::ink_box(const Rect& region) const {
  if (region.empty()) return std::nullopt;
  BoxPtr in(boxCreate(region.x0, region.y0, region.width(), region.height()));
  ::Box* found = nullptr;
  pixClipBoxToForeground(ink_.get(), in.get(), nullptr, &found);
  if (!found) return std::nullopt;
  BoxPtr owned(found);
  l_int32 x, y, w, h;
  boxGetGeometry(found, &x, &y, &w, &h);
  // One pixel more each way: anti-aliased edges are paler than the print threshold.
  return Rect{std::max(region.x0, x - 1), std::max(region.y0, y - 1), std::min(region.x1, x + w + 1),
              std::min(region.y1, y + h + 1)};
}

PixPtr on_canvas(Pix* src, const Rect& r, int pad) {
  PixPtr canvas(pixCreate(r.width() + 2 * pad, r.height() + 2 * pad, 8));
  if (!canvas) return canvas;
  pixSetAllArbitrary(canvas.get(), 255);
  pixRasterop(canvas.get(), pad, pad, r.width(), r.height(), PIX_SRC, src, r.x0, r.y0);
  pixCopyResolution(canvas.get(), src);
  return canvas;
}

std::vector<std::pair<int, int>> text_bands(Pix* ink, const Rect& box) {
  std::vector<std::pair<int, int>> bands;
  const l_uint32* data = pixGetData(ink);
  const int wpl = pixGetWpl(ink);
  int start = -1;
  for (int y = box.y0; y <= box.y1; ++y) {
    bool any = false;
    if (y < box.y1) {
      const l_uint32* line = data + static_cast<size_t>(y) * wpl;
      for (int x = box.x0; x < box.x1 && !any; ++x) any = GET_DATA_BIT(line, x) != 0;
    }
    if (any && start < 0) start = y;
    if (!any && start >= 0) {
      bands.emplace_back(start, y);
      start = -1;
    }
  }
  if (bands.size() < 2) return bands;
  // A band much lower than the others is part of a line (the strokes of 三, a quote mark):
  // it joins the nearer neighbour.
  std::vector<int> heights;
  for (auto [a, b] : bands) heights.push_back(b - a);
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  const int median = heights[heights.size() / 2];
  for (size_t i = 0; i < bands.size() && bands.size() > 1;) {
    if ((bands[i].second - bands[i].first) * 5 >= median * 2) {
      ++i;
      continue;
    }
    const bool up = i > 0 && (i + 1 == bands.size() || bands[i].first - bands[i - 1].second <=
                                                         bands[i + 1].first - bands[i].second);
    const size_t into = up ? i - 1 : i + 1;
    bands[into] = {std::min(bands[into].first, bands[i].first), std::max(bands[into].second, bands[i].second)};
    bands.erase(bands.begin() + static_cast<std::ptrdiff_t>(i));
    i = 0;
  }
  return bands;
}

OcrReading read_lines(OcrEngine& engine, const InkMap& ink, const CellImages& images, const Rect& box, Model model) {
  OcrReading out;
  const auto bands = text_bands(ink.pix(), box);
  std::vector<int> heights;
  for (auto [a, b] : bands) heights.push_back(b - a);
  std::sort(heights.begin(), heights.end());
  const int line_height = heights.empty() ? box.height() : heights[heights.size() / 2];
  for (auto [a, b] : bands) {
    const Rect band{box.x0, std::max(box.y0, a - 1), box.x1, std::min(box.y1, b + 1)};
    const int pad = std::max(images.dpi / 15, band.height() / 2);
    const PixPtr canvas = on_canvas(images.text, band, pad);
    if (!canvas) continue;
    engine.set_image(canvas.get(), images.dpi);
    const Rect all{0, 0, static_cast<int>(pixGetWidth(canvas.get())), static_cast<int>(pixGetHeight(canvas.get()))};
    // Two lines that touch make one band: read as a block.
    const bool one_line = bands.size() == 1 || band.height() * 5 <= line_height * 8;
    const Layout layout = one_line ? Layout::Line : Layout::Block;
    OcrReading r = model == Model::Chinese ? engine.read(all, layout) : engine.read_second_opinion(all, layout);
    for (auto& l : r.lines) out.lines.push_back(std::move(l));
  }
  engine.set_image(nullptr, images.dpi);
  return out;
}

// The digits recognizer's reading of the engine's current digits image, whose print is `ink`
// (its bounding box on the page).
OcrReading read_number(OcrEngine& engine, const Rect& all, const Rect& ink) {
  OcrReading digits = engine.read_digits(all);
  // With the whitelist the eng model returns nothing where it sees an l in a serif 1; read as
  // one word, or as a raw line, it gives the 1. Only print as narrow as a few digits can be
  // such a number: wider print that reads as no digit at all is a label (on the corpus such
  // retries of wide print gave a "1" at confidence 0-19, 119 times, 2 readings each for nothing).
  if (ink.width() > kRetryWidth * ink.height()) return digits;
  for (Layout retry : {Layout::Word, Layout::RawLine})
    if (digits.empty()) digits = engine.read_digits(all, retry);
  return digits;
}

OcrReading read_words(OcrEngine& engine, const InkMap& ink, const CellImages& images, const Rect& box, Pix* canvas,
                      Model model) {
  const Rect all{0, 0, static_cast<int>(pixGetWidth(canvas)), static_cast<int>(pixGetHeight(canvas))};
  engine.set_image(canvas, images.dpi);
  // One line of print is read as one line (no layout analysis: a third of the time).
  const bool one_line = text_bands(ink.pix(), box).size() <= 1;
  const Layout layout = one_line ? Layout::Line : Layout::Block;
  OcrReading out = model == Model::Chinese ? engine.read(all, layout) : engine.read_second_opinion(all, layout);
  // An unsure cell of several lines is also read line by line; the more confident reading is
  // kept.
  if (!one_line && out.mean_confidence() < kSureLines) {
    OcrReading by_line = read_lines(engine, ink, images, box, model);
    if (by_line.mean_confidence() > out.mean_confidence()) out = std::move(by_line);
  }
  return out;
}

CellReading read_cell(OcrEngine& engine, const InkMap& ink, const CellImages& images, const Rect& region) {
  CellReading out;
  const auto box = ink.ink_box(region);
  if (!box) return out;
  out.ink = true;
  // White all round, as wide as tall at least: the recognizers return nothing for a lone 1
  // in a crop narrower than it is tall.
  const int pad = std::max({images.dpi / 15, box->height() / 2, (box->height() - box->width()) / 2});
  const PixPtr text_canvas = on_canvas(images.text, *box, pad);
  const PixPtr digits_canvas = on_canvas(images.digits ? images.digits : images.text, *box, pad);
  if (!text_canvas || !digits_canvas) return out;
  const Rect all{0, 0, static_cast<int>(pixGetWidth(text_canvas.get())), static_cast<int>(pixGetHeight(text_canvas.get()))};
  // A number is printed on one line: print in several lines is a label however it reads.
  const bool one_line = text_bands(ink.pix(), *box).size() <= 1;
  OcrReading digits;
  if (one_line) {
    // Most cells of the three tables are numbers: one sure reading by the digits recognizer
    // settles them without the Chinese model (which reads Chinese as no sure number).
    engine.set_image(text_canvas.get(), images.dpi, digits_canvas.get());
    digits = read_number(engine, all, *box);
    const std::string number = tidy_number(digits.text());
    if (looks_numeric(number) && digits.min_confidence() >= kSureNumber) {
      engine.set_image(nullptr, images.dpi);
      out.text = number;
      out.confidence = digits.min_confidence();
      out.digits = true;
      return out;
    }
  }
  OcrReading chinese = read_words(engine, ink, images, *box, text_canvas.get(), Model::Chinese);
  // An unsure label gets a second opinion from the Han script model.
  if (count_cjk(chinese.text()) >= 2 && chinese.min_confidence() < kLabelConfidence) {
    OcrReading second = read_words(engine, ink, images, *box, text_canvas.get(), Model::Second);
    spdlog::trace("ocr: second opinion \"{}\" ({:.0f}) on \"{}\" ({:.0f})", second.text(), second.mean_confidence(),
                  chinese.text(), chinese.mean_confidence());
    if (second.mean_confidence() > chinese.mean_confidence()) chinese = std::move(second);
  }
  engine.set_image(text_canvas.get(), images.dpi, digits_canvas.get());
  const std::string text = chinese.text();
  const double conf = chinese.empty() ? 0 : chinese.min_confidence();
  const int ideographs = count_cjk(text);
  if (ideographs >= kLabelIdeographs && conf >= kLabelConfidence) {
    out.text = tidy_enumerators(text);
    out.confidence = conf;
    engine.set_image(nullptr, images.dpi);
    return out;
  }
  // Short or unsure readings may be numbers, which the Chinese model misreads (5→3, 6→0); the
  // digits reading of a one-line cell was made above (print in several lines is no number).
  engine.set_image(nullptr, images.dpi);
  const std::string number = tidy_number(digits.text());
  const double dconf = digits.empty() ? 0 : digits.min_confidence();
  spdlog::trace("ocr: cell [{},{},{},{}]: chi_sim \"{}\" ({:.0f}), digits \"{}\" ({:.0f})", box->x0, box->y0, box->x1,
                box->y1, text, conf, number, dconf);
  const std::string chinese_number = looks_numeric(text) ? tidy_number(text) : std::string();
  bool take_digits = !number.empty() && one_line &&
                     (ideographs == 0 || (ideographs == 1 && dconf + kDigitsMargin >= conf) ||
                      (ideographs == 2 && dconf >= conf + kDigitsOverWords));
  // The Chinese model's own number wins only when the digits reading is far less sure (it drops
  // a leading digit now and then: 3119 → 319 at confidence 0).
  if (take_digits && !chinese_number.empty() && chinese_number != number && conf > dconf + kChineseNumberMargin)
    take_digits = false;
  if (take_digits) {
    out.text = number;
    // Two recognizers reading the same number back each other up (the eng model is shy of 1s).
    out.confidence = chinese_number == number ? std::max(conf, dconf) : dconf;
    out.digits = true;
  } else {
    out.text = chinese_number.empty() ? tidy_enumerators(text) : chinese_number;
    out.confidence = conf;
  }
  return out;
}

}  // namespace xxgk::ocr
