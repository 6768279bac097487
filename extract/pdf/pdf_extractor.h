// The PDF extractor: Poppler's text layer → lines → paragraphs and tables rebuilt from geometry.
// Pages whose text layer is unusable (a scan, fonts without a Unicode map) are reported as
// ExtractionProblem{"needs_ocr"}; an OCR reader plugs in through PageOcr and gives such a page its
// words, which then go through the same line, paragraph and table reconstruction.
#pragma once

#include "extract/extractor.h"
#include "extract/pdf/text_layer.h"

#include <functional>
#include <memory>
#include <optional>

namespace xxgk {

// Reads the words of page `page` (1-based) of `file` from its image: boxes in points, origin
// top-left, as the text layer gives them. nullopt when the page could not be read.
using PageOcr = std::function<std::optional<pdf::PageText>(const pdf::PdfFile& file, int page, const ExtractOptions&)>;

// A PDF extractor that OCRs pages without usable text through `ocr` when ExtractOptions::ocr is
// set (and reports them as needing OCR otherwise, or when `ocr` is empty). A document whose text
// came from OCR is given source format "pdf-scanned".
std::unique_ptr<Extractor> make_pdf_extractor(PageOcr ocr);

namespace pdf {

// The document model of a PDF whose pages are already read (the extractor's second half, after
// the text layer): lines, page furniture, paragraphs, tables. Exposed for tests.
std::vector<Block> lay_out(const std::vector<PageText>& pages);

}  // namespace pdf
}  // namespace xxgk
