// RAII for the Leptonica handles the OCR path holds: every Pix, Boxa and Pixa is owned by a
// unique_ptr whose deleter calls the matching *Destroy, so no path leaks an image.
#pragma once

#include <leptonica/allheaders.h>

#include <memory>

namespace xxgk::ocr {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
struct BoxaDeleter {
  void operator()(Boxa* b) const { boxaDestroy(&b); }
};
struct BoxDeleter {
  void operator()(::Box* b) const { boxDestroy(&b); }
};
struct NumaDeleter {
  void operator()(Numa* n) const { numaDestroy(&n); }
};
struct PixaDeleter {
  void operator()(Pixa* p) const { pixaDestroy(&p); }
};

using PixPtr = std::unique_ptr<Pix, PixDeleter>;
using BoxaPtr = std::unique_ptr<Boxa, BoxaDeleter>;
using BoxPtr = std::unique_ptr<::Box, BoxDeleter>;
using PixaPtr = std::unique_ptr<Pixa, PixaDeleter>;
using NumaPtr = std::unique_ptr<Numa, NumaDeleter>;

// A rectangle in image pixels (origin top-left), half-open: [x0, x1) × [y0, y1).
struct Rect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

// Number of ON pixels of a 1-bpp image inside r (clipped to the image).
int count_on(Pix* binary, const Rect& r);

}  // namespace xxgk::ocr
