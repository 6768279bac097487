// Paragraphs from OCR'd text lines, by the geometry of the page: a paragraph starts after a wide
// vertical gap, at an indented line, or after a line that stops short of the right margin.
// Running page numbers (-3-, 第3页) are dropped, as the text-layer path does.
#pragma once

#include "extract/ocr/ocr_engine.h"

#include <string>
#include <vector>

namespace xxgk::ocr {

struct OcrParagraph {
  std::string text;  // lines joined without separator (Chinese wraps mid-sentence)
  Rect box;
  double confidence = 0;  // the weakest word's
};

// `lines` in Tesseract's reading order; `page_height` for recognising running page numbers.
std::vector<OcrParagraph> build_paragraphs(const std::vector<OcrLine>& lines, int page_height);

// Whether a line is a running page number: "-3-", "— 3 —", "3", "第3页", "第 3 页 共 6 页".
bool is_page_number(std::string_view line);

}  // namespace xxgk::ocr
