// Fuzz harness. The OCR page path on small images: the input is a grey page image, read as a
// scanned page is (turned upright, deskewed, rules found, cells read by Tesseract). Bytes 0-1 give
// its width and height (16-271 pixels each), byte 2 its resolution (150, 200 or 300 dpi); the rest
// are its pixels row by row (8-bit grey), white where the input ends. Seeds: crops of the scanned
// corpus pages (bench/fuzz/run makes them).
#include "extract/ocr/leptonica.h"
#include "extract/ocr/ocr_engine.h"
#include "extract/ocr/page_reader.h"
#include "model/errors.h"
#include "tests/fuzz/fuzz_pipeline.h"

#include <leptonica/allheaders.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  xxgk::fuzz::quiet();
  if (size < 3) return 0;
  const int width = 16 + data[0], height = 16 + data[1];
  const int dpi = data[2] % 3 == 0 ? 150 : data[2] % 3 == 1 ? 200 : 300;
  xxgk::ocr::PixPtr pix(pixCreate(width, height, 8));
  if (!pix) return 0;
  size_t i = 3;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) pixSetPixel(pix.get(), x, y, i < size ? data[i++] : 255);
  try {
    const auto page = xxgk::ocr::read_page_image(pix.get(), dpi, 1, xxgk::ocr::thread_engine(""));
    if (page.cells < page.unreadable_cells) __builtin_trap();
  } catch (const xxgk::DocumentError&) {
  }
  return 0;
}
