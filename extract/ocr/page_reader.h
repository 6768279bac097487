// One scanned page to document blocks: the page is turned upright and deskewed, its ruled tables
// become Table blocks read cell by cell, the rest of its print becomes paragraphs, all in
// reading order, as the text-layer path would give them.
#pragma once

#include "extract/extractor.h"
#include "extract/ocr/leptonica.h"
#include "extract/ocr/ocr_engine.h"
#include "model/document.h"

#include <vector>

namespace poppler {
class page;
}

namespace xxgk::ocr {

struct OcrPage {
  int page = 0;  // 1-based
  std::vector<Block> blocks;
  std::vector<ExtractionProblem> problems;
  int quarter_turns = 0;    // the page was turned this many clockwise quarter turns
  double skew_degrees = 0;  // and rotated back by this much
  int cells = 0;            // table cells holding print
  int unreadable_cells = 0; // of which nothing could be read
  bool any_text = false;    // OCR produced some text
  double confidence_sum = 0;  // over the cells and words read
  int confidence_count = 0;
  double mean_confidence() const { return confidence_count ? confidence_sum / confidence_count : 0; }
};

// Reads a page image (8-bit grey or 32-bit colour, as rendered) at `dpi`.
OcrPage read_page_image(Pix* image, int dpi, int page_number, OcrEngine& engine);

// Renders a PDF page at options.ocr_dpi and reads it (the narrow interface the PDF extractor
// calls for pages without a usable text layer).
std::vector<Block> ocr_page(const poppler::page& page, int page_number, const ExtractOptions& options,
                            OcrEngine& engine);

}  // namespace xxgk::ocr
