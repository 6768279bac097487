#include "extract/ocr/paragraphs.h"

#include "extract/ocr/cell_reader.h"

#include <cctype>

#include <algorithm>
#include <regex>

namespace xxgk::ocr {
namespace {

constexpr double kParagraphGap = 0.9;  // × line height: a blank line between paragraphs
constexpr double kIndent = 1.2;        // × line height: a first-line indent (two characters)
constexpr double kShortLine = 1.5;     // × line height short of the right margin ends a paragraph
constexpr double kMarginBand = 0.1;    // share of the page at top and bottom where page numbers sit

std::string line_text(const OcrLine& l) {
  OcrReading r;
  r.lines.push_back(l);
  return r.text();
}

double line_confidence(const OcrLine& l) {
  double m = 100;
  for (const auto& w : l.words) m = std::min(m, w.confidence);
  return m;
}

}  // namespace

bool is_page_number(std::string_view line) {
  // Tesseract reads the dashes around a page number as -, —, 一 or _; NFKC has not run yet.
  static const std::regex number(
      R"(^\s*(-|—|–|_|一|~)*\s*\d{1,3}\s*(-|—|–|_|一|~)*\s*$)");
  // Between dashes, a lone digit misread as the letter it looks like: -S- is -5-.
  static const std::regex dashed(R"(^\s*(-|—|–|_|一|~)+\s*[0-9SsOoIlBZz|]{1,3}\s*(-|—|–|_|一|~)+\s*$)");
  static const std::regex chinese(R"(^\s*第\s*\d{1,3}\s*页(\s*[,，/]?\s*共\s*\d{1,3}\s*页)?\s*$)");
  const std::string s(line);
  return std::regex_match(s, number) || std::regex_match(s, dashed) || std::regex_match(s, chinese);
}

std::vector<OcrParagraph> build_paragraphs(const std::vector<OcrLine>& lines, int page_height) {
  std::vector<const OcrLine*> kept;
  for (const auto& l : lines) {
    const bool in_margin = l.box.y1 < page_height * kMarginBand || l.box.y0 > page_height * (1 - kMarginBand);
    const std::string text = line_text(l);
    if (text.find_first_not_of(" \t\n") == std::string::npos) continue;  // specks read as space
    if (in_margin && is_page_number(text)) continue;
    kept.push_back(&l);
  }
  std::vector<OcrParagraph> out;
  if (kept.empty()) return out;
  std::vector<int> heights;
  int left = kept.front()->box.x0, right = kept.front()->box.x1;
  for (const OcrLine* l : kept) {
    heights.push_back(l->box.height());
    left = std::min(left, l->box.x0);
    right = std::max(right, l->box.x1);
  }
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  const double h = std::max(1, heights[heights.size() / 2]);
  const OcrLine* prev = nullptr;
  for (const OcrLine* l : kept) {
    bool starts = !prev;
    if (prev) {
      const bool gap = l->box.y0 - prev->box.y1 > kParagraphGap * h;
      const bool indented = l->box.x0 - left > kIndent * h;
      const bool prev_short = right - prev->box.x1 > kShortLine * h;
      const bool above = l->box.y1 <= prev->box.y0;  // a new column or block higher up
      starts = gap || indented || prev_short || above;
    }
    const std::string text = tidy_enumerators(line_text(*l));
    if (starts) {
      out.push_back(OcrParagraph{text, l->box, line_confidence(*l)});
    } else {
      OcrParagraph& p = out.back();
      // Chinese wraps mid-word: lines join without a space, unless both sides are Latin words.
      const bool latin = !p.text.empty() && std::isalnum(static_cast<unsigned char>(p.text.back())) &&
                         !text.empty() && std::isalnum(static_cast<unsigned char>(text.front()));
      p.text += (latin ? " " : "") + text;
      p.box = Rect{std::min(p.box.x0, l->box.x0), std::min(p.box.y0, l->box.y0), std::max(p.box.x1, l->box.x1),
                   std::max(p.box.y1, l->box.y1)};
      p.confidence = std::min(p.confidence, line_confidence(*l));
    }
    prev = l;
  }
  return out;
}

}  // namespace xxgk::ocr
