// The PDF extractor: Poppler's text layer → lines → paragraphs and tables rebuilt from geometry.
// Pages whose text layer is unusable (a scan, fonts without a Unicode map) are reported as
// ExtractionProblem{"needs_ocr"}; an OCR reader plugs in through PageOcr and gives such pages
// their blocks.
#pragma once

#include "extract/extractor.h"
#include "extract/pdf/text_layer.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace xxgk {

// What an OCR reader made of one page that has no usable text layer.
struct OcrPageBlocks {
  int page = 0;  // 1-based
  std::vector<Block> blocks;  // in reading order, each with its page
  std::vector<ExtractionProblem> problems;
};

// Reads the given pages (1-based, ascending) of `file` from their images; one result per page
// read (a page left out stays reported as needing OCR). Throws DocumentError to fail the document.
using PageOcr = std::function<std::vector<OcrPageBlocks>(const pdf::PdfFile& file, const std::vector<int>& pages,
                                                         const ExtractOptions& options)>;

// A PDF extractor that OCRs pages without usable text through `ocr` when ExtractOptions::ocr is
// set (and reports them as needing OCR otherwise, or when `ocr` is empty). Their blocks stand in
// page order among the text pages' blocks; a document with any OCR'd page has source format
// "pdf-scanned".
std::unique_ptr<Extractor> make_pdf_extractor(PageOcr ocr);

namespace pdf {

// The document model of a PDF whose pages are already read (the extractor's second half, after
// the text layer): lines, page furniture, paragraphs, tables. Exposed for tests.
std::vector<Block> lay_out(const std::vector<PageText>& pages, std::vector<ExtractionProblem>* problems = nullptr);

}  // namespace pdf
}  // namespace xxgk
