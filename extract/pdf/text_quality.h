// Is a page's text layer usable? A page printed from a scan has no text; a page whose fonts lack a
// ToUnicode map yields private-use code points, `(cid:…)` placeholders or glyph soup (Latin-1
// letters, or Han characters in no sensible order) where Chinese should be. Such pages must go to
// OCR, never on to the table reader as if they were data.
#pragma once

#include "extract/pdf/text_layer.h"

#include <string>
#include <string_view>
#include <vector>

namespace xxgk::pdf {

enum class TextVerdict {
  Usable,
  Blank,    // no text and no ink: an empty page, nothing to read
  NoText,   // no text layer, but the page is printed on (an image): needs OCR
  Garbage,  // a text layer that does not decode to readable text: needs OCR
};

struct PageQuality {
  TextVerdict verdict = TextVerdict::Usable;
  std::string reason_en;  // plain words, for the record's error
  std::string reason_zh;
  bool needs_ocr() const { return verdict == TextVerdict::NoText || verdict == TextVerdict::Garbage; }
};

// Character statistics of a page's words, the evidence the verdict rests on.
struct TextStats {
  long chars = 0;        // non-space code points
  long han = 0;          // CJK ideographs
  long common_han = 0;   // ideographs among the few hundred most frequent in these reports
  long letters = 0;      // code points that are neither digits, spaces nor ASCII/CJK punctuation
  long odd_letters = 0;  // letters outside ASCII and CJK: Latin-1 and other glyph-soup ranges
  long broken = 0;       // private use, U+FFFD, control characters
  long cid_marks = 0;    // "(cid:" placeholders
};

TextStats text_stats(const std::vector<Word>& words);

// Judges one page. `file` is consulted only for a page without text (is it blank or an image?).
PageQuality assess_page(const PdfFile& file, const PageText& page);

// The 1-based pages of a PDF whose text layer is unusable and that need OCR, in page order. The
// entry point for the OCR reader; throws DocumentError as PdfFile does.
std::vector<int> pages_needing_ocr(std::string_view pdf_bytes);

}  // namespace xxgk::pdf
