// DOC and WPS: converted to DOCX by LibreOffice (soffice.cpp), then read by the DOCX reader; the
// record keeps naming the source as doc / wps. A WPS file that is already a ZIP package (newer
// WPS Office saves OOXML under the .wps name) is read directly as DOCX, and a web page saved
// under a .doc name by the HTML reader (its record then says html).
#include "extract/docx/docx_reader.h"
#include "extract/extractor.h"
#include "extract/office/soffice.h"
#include "model/errors.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace xxgk {
namespace {

bool contains_utf16le(std::string_view bytes, std::string_view ascii) {
  std::string wide;
  for (char c : ascii) {
    wide += c;
    wide += '\0';
  }
  return bytes.find(wide) != std::string_view::npos;
}

bool is_compound_file(std::string_view bytes) { return bytes.substr(0, 8) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"; }

// A web page saved under a .doc name (Word's "Web Page" save, and CMS downloads that serve the
// article's HTML as report.doc): the HTML reader reads it better than a conversion, and needs no
// LibreOffice.
bool is_html_page(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const auto first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || bytes[first] != '<') return false;
  std::string head(bytes.substr(first, 1024));
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return head.find("<html") != std::string::npos || head.find("<!doctype html") != std::string::npos;
}

class OfficeExtractor final : public Extractor {
 public:
  Document extract(std::string_view path, std::string_view bytes, const ExtractOptions& options) const override {
    const std::string format = detect_format(path, bytes);  // "doc" or "wps"
    if (bytes.substr(0, 4) == "PK\x03\x04") return read_docx(bytes, format, options);
    if (is_html_page(bytes)) return extractor_for("html")->extract(path, bytes, options);  // format "html"
    // An encrypted DOCX/XLSX is a compound file holding an "EncryptedPackage" stream: no converter
    // can open it without the password, so say so at once.
    if (is_compound_file(bytes) && contains_utf16le(bytes.substr(0, 1 << 20), "EncryptedPackage"))
      throw DocumentError("encrypted", "the document is password-protected (an encrypted Office file) and cannot be read",
                          "文档有密码保护（加密的 Office 文件），无法读取");
    check_deadline(options);
    ConversionOptions conversion;
    if (options.deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*options.deadline - std::chrono::steady_clock::now());
      conversion.time_limit = std::clamp(left, std::chrono::milliseconds(1), conversion.time_limit);
    }
    // Word's binary layout (a WordDocument stream) is what Kingsoft WPS writes too: tell
    // LibreOffice it is a .doc; anything else keeps its own extension for LibreOffice to detect.
    const bool word_binary = is_compound_file(bytes) && contains_utf16le(bytes.substr(0, 1 << 20), "WordDocument");
    std::string docx;
    try {
      docx = convert_to_docx(bytes, word_binary ? "doc" : format, conversion);
    } catch (const DocumentError& e) {
      if (e.code() == "conversion_timeout") check_deadline(options);  // the document's own time limit ran out
      throw;
    }
    check_deadline(options);
    return read_docx(docx, format, options);
  }
};

}  // namespace

std::unique_ptr<Extractor> make_office_extractor() { return std::make_unique<OfficeExtractor>(); }

}  // namespace xxgk
