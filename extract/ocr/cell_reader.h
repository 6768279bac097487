// Reading one table cell from the page image: blank when it holds no ink, else the Chinese
// recognizer's reading, re-read with the digits-only recognizer when it may be a number.
#pragma once

#include "extract/ocr/leptonica.h"
#include "extract/ocr/ocr_engine.h"

#include <optional>
#include <string>

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
  // The bounding box of the print inside `region`, padded a little; nullopt when blank.
  std::optional<Rect> ink_box(const Rect& region) const;
  Pix* pix() const { return ink_.get(); }

 private:
  PixPtr ink_;
  int dpi_;
};

// Reads the cell whose inside is `region` from the engine's current image.
CellReading read_cell(OcrEngine& engine, const InkMap& ink, const Rect& region);

// Whether `text` holds a CJK ideograph.
int count_cjk(std::string_view text);

// Whether `text` is digits with separators only (no letters, no ideographs).
bool looks_numeric(std::string_view text);

// Removes what cannot be part of a printed number from a digits-only reading: separators at
// either end ("88283," → "88283"), spaces inside.
std::string tidy_number(std::string_view digits);

}  // namespace xxgk::ocr
