// Fuzz harness. DOC / WPS: any bytes as a .doc, through the office extractor's own decisions (a ZIP
// package read as DOCX, a web page saved as .doc read as HTML, an encrypted Office file refused)
// and, for everything else, the conversion's process handling (private folder and profile, time
// limit, process group, output size) with a bounded stand-in for LibreOffice: standin_soffice.sh
// "converts" by copying the input to the output .docx, which the DOCX reader then reads. Real
// LibreOffice is not fuzzed (seconds per input, and not our code).
#include "tests/fuzz/fuzz_pipeline.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto extractor = [] {
    setenv("XXGK_SOFFICE", XXGK_FUZZ_DIR "/standin_soffice.sh", 1);
    return xxgk::make_office_extractor();
  }();
  xxgk::fuzz::run_document(*extractor, "fuzz.doc", xxgk::fuzz::as_bytes(data, size));
  return 0;
}
