// Fuzz harness. Plain text: any bytes as a .txt report (encodings, line shapes, tables copied
// from a web page).
#include "tests/fuzz/fuzz_pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto extractor = xxgk::make_text_extractor();
  xxgk::ExtractOptions options;
  options.ocr = false;
  xxgk::fuzz::run_document(*extractor, "fuzz.txt", xxgk::fuzz::as_bytes(data, size), options);
  return 0;
}
