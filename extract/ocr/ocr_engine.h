// One OCR engine: Tesseract (chi_sim, LSTM only) for text, and a second recognizer restricted to
// digits for number cells. Not thread-safe: each worker thread owns one (thread_engine()).
#pragma once

#include "extract/ocr/leptonica.h"

#include <memory>
#include <string>
#include <vector>

namespace tesseract {
class TessBaseAPI;
}

namespace xxgk::ocr {

struct OcrWord {
  std::string text;
  Rect box;
  double confidence = 0;  // Tesseract's 0..100
};

struct OcrLine {
  std::vector<OcrWord> words;
  Rect box;
};

struct OcrReading {
  std::vector<OcrLine> lines;
  // Words joined: no space between CJK characters, one between Latin words; lines joined by '\n'.
  std::string text() const;
  // The weakest word's confidence (a figure is only as sure as its worst glyph); nullopt if no word.
  double min_confidence() const;
  // The words' mean confidence; 0 if no word.
  double mean_confidence() const;
  bool empty() const;
};

// How a region is laid out, which decides Tesseract's page segmentation mode.
enum class Layout {
  Page,   // free layout: columns, paragraphs (PSM_AUTO)
  Block,  // one block of lines, e.g. a wrapped label (PSM_SINGLE_BLOCK)
  Line,   // one line, e.g. a number cell (PSM_SINGLE_LINE)
  Word,   // one word (PSM_SINGLE_WORD)
  RawLine,  // one line, no layout heuristics at all (PSM_RAW_LINE)
};

// Which recognizer reads digits-only cells (measured in bench/ocr: see docs in README).
enum class DigitModel { ChiSimWhitelist, EngWhitelist };

class OcrEngine {
 public:
  // Loads chi_sim from `tessdata` (empty: Tesseract's compiled-in default). Throws
  // DocumentError("ocr_unavailable") when the language data cannot be loaded.
  explicit OcrEngine(const std::string& tessdata, DigitModel digits = DigitModel::EngWhitelist);
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // The images later reads refer to (8-bit grey, same size): `text` for read(), `digits` for
  // read_digits() (null: the same). Not owned: they must outlive the reads.
  void set_image(Pix* text, int dpi, Pix* digits = nullptr);
  OcrReading read(const Rect& region, Layout layout);
  // Reads the region with the second Chinese model (HanS, the Han script model: it reads some
  // glyphs chi_sim does not, （六） among them); an empty reading when it is not installed.
  OcrReading read_second_opinion(const Rect& region, Layout layout);

  // Reads the region with the digits-only recognizer (0-9 . , - /) as one line, or with
  // `layout` Word / RawLine for a second try.
  OcrReading read_digits(const Rect& region, Layout layout = Layout::Line);

  const std::string& tessdata() const { return tessdata_; }

 private:
  struct ApiDeleter {
    void operator()(tesseract::TessBaseAPI* api) const;
  };
  using Api = std::unique_ptr<tesseract::TessBaseAPI, ApiDeleter>;

  Api load(const char* language) const;
  OcrReading run(tesseract::TessBaseAPI& api, Pix* image, Pix*& current, const Rect& region, int psm);

  std::string tessdata_;
  DigitModel digit_model_;
  Api text_;
  Api digits_;  // loaded on first use
  Api second_;  // loaded on first use
  bool second_missing_ = false;
  Pix* image_ = nullptr;
  Pix* digits_source_ = nullptr;
  int dpi_ = 300;
  Pix* text_image_ = nullptr;    // what text_ was last given, to skip repeated SetImage
  Pix* digits_image_ = nullptr;  // same for digits_
  Pix* second_image_ = nullptr;  // same for second_
};

// The calling thread's engine, created on first use (chi_sim is loaded once per thread).
// A later call with another tessdata path replaces it.
OcrEngine& thread_engine(const std::string& tessdata);

// Makes OpenMP inside Tesseract single-threaded for the whole process: its threads spin against
// our page-level parallelism (OMP_THREAD_LIMIT=1 has the same effect but must be set before the
// process starts). Idempotent.
void limit_openmp_threads();

}  // namespace xxgk::ocr
