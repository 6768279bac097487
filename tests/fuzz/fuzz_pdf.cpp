// Fuzz harness. PDF: any bytes as a PDF, through Poppler and the text-layer table reader. OCR is
// off (pages without text are reported): the OCR page path has its own harness, fuzz_ocr.
#include "tests/fuzz/fuzz_pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto extractor = xxgk::make_pdf_extractor();
  xxgk::ExtractOptions options;
  options.ocr = false;
  xxgk::fuzz::run_document(*extractor, "fuzz.pdf", xxgk::fuzz::as_bytes(data, size), options);
  return 0;
}
