// A page as OCR sees it: rendered by Poppler in memory, turned grey with red stamps dropped out,
// turned upright and deskewed.
#pragma once

#include "extract/ocr/leptonica.h"

#include <optional>
#include <string>

namespace poppler {
class page;
}

namespace xxgk::ocr {

struct PageImage {
  PixPtr grey;               // 8 bpp, white paper, upright and deskewed
  int dpi = 300;
  int quarter_turns = 0;     // clockwise quarter turns that were undone (0..3)
  double skew_degrees = 0;   // small rotation that was undone
};

// Renders the page with Poppler's page_renderer at `dpi` (RGB, in memory) as print_grey():
// black print stays black while a red seal drops out. Throws DocumentError("unreadable_page")
// when Poppler cannot render it.
PixPtr render_page(const poppler::page& page, int dpi);

// The grey OCR reads a colour pixel as: white where it is clearly red and light (a seal's ink
// on paper), else its red channel (so what is left of a seal's pale edges is paler still).
// Black print under a seal stays dark and is kept.
unsigned char print_grey(unsigned char r, unsigned char g, unsigned char b);

// A 32-bpp image through print_grey(), or any other image as 8 bpp grey.
PixPtr drop_out_red(Pix* pix);

// A 1-bpp image of the print (dark pixels ON): thresholded below the paper's own grey, so a
// greyish scan background, shaded header rows and JPEG noise stay OFF.
PixPtr binarize(Pix* grey);

// The grey level print is told from paper by (what binarize() thresholds at).
int print_threshold(Pix* grey);

// A lighter threshold, between print and paper, for finding hairline rules; still darker than
// light shading and a seal's red (which the red channel shows at ~215).
int rule_threshold(Pix* grey);

// A copy with everything paler than print faded to paper white (over `ramp` grey levels above
// the print threshold): a seal's pale red ring, scanner haze and JPEG ringing vanish, print
// stays. For number cells: the digits recognizer takes a ring through a 0 for a 6.
PixPtr whiten_background(Pix* grey, int ramp);

// `grey` (8 bpp, no colour map) made smaller by `scale` (0 < scale < 0.7) by area mapping:
// each new pixel is the mean of the old pixels and parts of pixels (to a sixteenth) it covers.
// The result is Leptonica's pixScaleAreaMap() to the bit, in a fraction of its time (its code
// walks every source pixel of every output pixel; here rows are summed once). Null when the
// arguments are outside that range, and at 1/2, 1/4, 1/8, 1/16, where Leptonica halves instead.
PixPtr shrink_grey(Pix* grey, l_float32 scale);

// Measures the small skew of a page (degrees, positive = counter-clockwise) from its text lines
// and rules; nullopt when Leptonica is not confident (a nearly blank page).
std::optional<double> find_skew(Pix* binary);

// Quarter turns (clockwise) that make the text lines horizontal: 0 or 1, from which direction
// the print joins into long runs when smeared along it.
int sideways_turns(Pix* binary, int dpi);

// Rotates `grey` by `quarter_turns` clockwise quarter turns and `degrees` (counter-clockwise),
// bringing in white.
PixPtr rotate_page(Pix* grey, int quarter_turns, double degrees);

// Silences Leptonica's messages on stderr (we check its results) once per process.
void quiet_leptonica();

}  // namespace xxgk::ocr
