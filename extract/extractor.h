// One extractor per input format, behind one interface: bytes in, a Document out. Extractors
// report what is printed where; they never decide what a label means.
#pragma once

#include "model/document.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace xxgk {

struct ExtractOptions {
  int ocr_dpi = 300;       // resolution scanned pages are rendered at for OCR
  bool ocr = true;         // false: pages without a usable text layer are reported, not read
  std::string tessdata;    // empty: Tesseract's compiled-in default
  int jobs = 1;            // worker threads: a document's scanned pages are OCR'd in parallel on them
  // Work past this instant is abandoned with a DocumentError("timeout"); extractors check it
  // between pages / parts.
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

class Extractor {
 public:
  virtual ~Extractor() = default;
  // Throws DocumentError (code + plain-words message) when the document cannot be read at all.
  virtual Document extract(std::string_view path, std::string_view bytes, const ExtractOptions& options) const = 0;
};

// The format of a file, from its first bytes (and its name where the bytes do not tell; a PDF, DOCX,
// DOC or WPS name on bytes that are HTML or text gives "html" or "txt"):
// "pdf", "html", "docx", "doc", "wps", "txt", or "" when it is none we read.
std::string detect_format(std::string_view path, std::string_view bytes);

// The extractor for a format from detect_format(); null for "".
const Extractor* extractor_for(std::string_view format);

// Throws DocumentError("timeout") when the deadline has passed.
void check_deadline(const ExtractOptions& options);

// Factories, one per format, each in its own folder.
std::unique_ptr<Extractor> make_text_extractor();
std::unique_ptr<Extractor> make_html_extractor();
std::unique_ptr<Extractor> make_pdf_extractor();
std::unique_ptr<Extractor> make_docx_extractor();
std::unique_ptr<Extractor> make_office_extractor();  // DOC / WPS through LibreOffice

}  // namespace xxgk
