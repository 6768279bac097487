// The pages of one PDF that need OCR, read in parallel: each page is rendered in the calling
// thread (a poppler document is not shared between threads), then read by a process-wide pool
// of worker threads that each own one OCR engine (chi_sim loaded once per thread).
#pragma once

#include "extract/extractor.h"
#include "extract/ocr/page_reader.h"
#include "extract/pdf/pdf_extractor.h"

#include <vector>

namespace poppler {
class document;
}

namespace xxgk::ocr {

// Reads the given pages (1-based) of `doc` with OCR at options.ocr_dpi on up to options.jobs
// threads; results come back in the order asked. Throws DocumentError("timeout") past the
// deadline and DocumentError("ocr_unavailable") when the language data cannot be loaded.
std::vector<OcrPage> ocr_pages(const poppler::document& doc, const std::vector<int>& pages,
                               const ExtractOptions& options);

// Joins a table that runs on from the bottom of one OCR'd page to the top of the next (same
// columns at the same places) into one table, as the text-layer path does: the rows move to the
// earlier page's table. `pages` in page order; only consecutive pages are joined.
void join_continued_tables(std::vector<OcrPage>& pages);

// The PDF extractor's OCR hook (PageOcr in extract/pdf/pdf_extractor.h): the pages of `file`
// without a usable text layer, read as above, tables joined across pages.
std::vector<OcrPageBlocks> read_pdf_pages(const pdf::PdfFile& file, const std::vector<int>& pages,
                                          const ExtractOptions& options);

}  // namespace xxgk::ocr
