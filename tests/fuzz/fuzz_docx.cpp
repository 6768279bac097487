// Fuzz harness. DOCX: any bytes as a DOCX (the ZIP checks before anything is inflated, the safe
// XML reader, WordprocessingML tables).
#include "tests/fuzz/fuzz_pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto extractor = xxgk::make_docx_extractor();
  xxgk::ExtractOptions options;
  options.ocr = false;
  xxgk::fuzz::run_document(*extractor, "fuzz.docx", xxgk::fuzz::as_bytes(data, size), options);
  return 0;
}
