// The PDF text layer through Poppler's C++ binding: a document opened from bytes (RAII, errors
// mapped to DocumentError codes) and each page's words with their boxes in points, origin
// top-left. Nothing here interprets the words; lines, tables and text quality come later.
#pragma once

#include "model/document.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace poppler {
class document;
class page;
}  // namespace poppler
class PDFDoc;  // Poppler's core document (its private API, libpoppler-private-dev)

namespace xxgk::pdf {

// One text box as Poppler reports it: a run of glyphs without spaces, usually one Chinese cell
// fragment or one number (digits often come in another font and so in a box of their own).
struct Word {
  std::string text;  // UTF-8
  Box box;
  double size = 0;           // font size in points
  bool space_after = false;  // Poppler saw a space after this box on its line
};

struct PageText {
  int number = 0;  // 1-based
  double width = 0, height = 0;
  std::vector<Word> words;  // in Poppler's order (not reading order)
};

// An open PDF. The bytes must outlive it (Poppler reads them in place).
class PdfFile {
 public:
  // Throws DocumentError: "encrypted" (a password is needed), "corrupt" (not a readable PDF).
  explicit PdfFile(std::string_view bytes);
  ~PdfFile();
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;

  int pages() const;
  std::string title() const;  // the Info dictionary's Title, UTF-8; may be empty

  // The words of page `number` (1-based). A page Poppler cannot open yields no words.
  // Read through Poppler's core TextOutputDev, as the C++ binding's page::text_list does, without
  // what the binding adds for its font option: a scan of every font of the page (embedded font
  // files loaded) and a copy of the page's font list into every word, a fifth of a text PDF's
  // time, when all we take from it is the font size. The same words, boxes and sizes (test
  // PdfDocuments.TheCoreTextLayerIsTheBindingsTextList).
  PageText read_page(int number) const;
  // The same through the binding's page::text_list(text_list_include_font).
  PageText read_page_through_binding(int number) const;

  // The page itself, for renderers (OCR); null when Poppler cannot open it.
  std::unique_ptr<poppler::page> open_page(int number) const;
  const poppler::document& document() const { return *doc_; }

  // True when the page puts any ink on paper: rendered small, a pixel clearly darker than white.
  // Tells an image-only page (needs OCR) from a blank one.
  bool page_has_ink(int number) const;

 private:
  std::unique_ptr<poppler::document> doc_;
  std::unique_ptr<PDFDoc> core_;  // the same bytes, opened by the core API; null if that failed
};

}  // namespace xxgk::pdf
