// Rules on figures read by OCR (pdf-scanned documents): a figure Tesseract was unsure of, and a
// misread cell the table's own identities pin down.
#pragma once

#include "model/report.h"

#include <vector>

namespace xxgk {

// Tesseract's confidence (0..100) below which an OCR figure is reported as possibly misread.
inline constexpr double kOcrLowConfidence = 75;

// ocr.low_confidence: every OCR figure whose confidence is below kOcrLowConfidence, and every
// cell that holds print OCR could not read (raw "" with confidence 0).
void check_ocr_low_confidence(const Report& r, std::vector<Finding>& out);

// ocr.implied_value: exactly one row total and the column identities of one column fail, all
// at one OCR'd cell of table requests, and all imply the same value for it: the finding gives
// the printed and the implied value; the figure keeps the value as read. Reads the findings of
// requests.row_total, requests.balance and requests.results_total already in `out`, so it must
// come after them in the rules table.
void check_ocr_implied_value(const Report& r, std::vector<Finding>& out);

}  // namespace xxgk
