// Reading one table cell from the page image: blank when it holds no ink, else the Chinese
// recognizer's reading, re-read with the digits-only recognizer when it may be a number.
#pragma once

#include "extract/ocr/leptonica.h"
#include "extract/ocr/ocr_engine.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace xxgk::ocr {

struct CellReading {
  std::string text;                  // "" for a blank cell (and for ink nothing could read)
  std::optional<double> confidence;  // null for a blank cell: nothing was recognised
  bool ink = false;                  // the cell holds print
  bool digits = false;               // the digits-only recognizer's reading was kept
};

// The print of a page with its rules and isolated scanner specks removed, for finding what a
// region holds.
class InkMap {
 public:
  // `binary`: the page's print (ON = dark); `rules`: ON where table rules are (removed first).
  InkMap(Pix* binary, Pix* rules, int dpi);
  // The bounding box of the print inside `region`; nullopt when blank.
  std::optional<Rect> ink_box(const Rect& region) const;
  Pix* pix() const { return ink_.get(); }

 private:
  PixPtr ink_;
  int dpi_;
};

// The page images a table's cells are read from: `text` with the rules painted white, and
// `digits` the same with everything paler than print faded out (for the digits recognizer).
struct CellImages {
  Pix* text = nullptr;
  Pix* digits = nullptr;
  int dpi = 300;
};

// Reads the cell whose inside is `region`: its print is copied onto a white canvas of its own
// (nothing of the neighbouring cells, white all round, which Tesseract needs: a lone 7 cropped
// tight reads as 4) and read there.
CellReading read_cell(OcrEngine& engine, const InkMap& ink, const CellImages& images, const Rect& region);

// The text lines of the print in `box`, top to bottom: runs of rows holding print (a run much
// lower than the others belongs to its neighbour).
std::vector<std::pair<int, int>> text_bands(Pix* ink, const Rect& box);

// Reads the print in `box` line by line, each line on its own canvas: Tesseract's own layout
// analysis garbles the tightly set lines of narrow label cells (5.属于/吉宗甸/薪让多 where each
// line read alone gives 5.属于/三类内/部事务/信息).
enum class Model { Chinese, Second };  // chi_sim, or the Han script model's second opinion
OcrReading read_lines(OcrEngine& engine, const InkMap& ink, const CellImages& images, const Rect& box, Model model);

// Reads the print in `box` (copied onto `canvas`) as a block, and line by line when it has
// several lines; the more confident reading.
OcrReading read_words(OcrEngine& engine, const InkMap& ink, const CellImages& images, const Rect& box, Pix* canvas,
                      Model model);

// A copy of `r` of `src` on a white canvas with `pad` pixels all round.
PixPtr on_canvas(Pix* src, const Rect& r, int pad);

// Whether `text` holds a CJK ideograph.
int count_cjk(std::string_view text);

// Tesseract's look-alikes of the full-width brackets around an enumerator: 〈一)、《三》, (四]
// → （一）. Only around a Chinese numeral, so no printed text is rewritten otherwise.
std::string tidy_enumerators(std::string_view text);

// Whether `text` is digits with separators only (no letters, no ideographs).
bool looks_numeric(std::string_view text);

// Removes what cannot be part of a printed number from a digits-only reading: separators at
// either end ("88283," → "88283"), spaces inside.
std::string tidy_number(std::string_view digits);

}  // namespace xxgk::ocr
