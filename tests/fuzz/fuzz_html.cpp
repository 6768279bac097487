// Fuzz harness. HTML: any bytes as a web page (encoding detection, libxml2's parser, grids with
// spans, the content container).
#include "tests/fuzz/fuzz_pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto extractor = xxgk::make_html_extractor();
  xxgk::ExtractOptions options;
  options.ocr = false;
  xxgk::fuzz::run_document(*extractor, "fuzz.html", xxgk::fuzz::as_bytes(data, size), options);
  return 0;
}
