#include "extract/extractor.h"

#include "model/deadline.h"
#include "model/errors.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace xxgk {
namespace {

std::string lower_ext(std::string_view path) {
  auto slash = path.find_last_of('/');
  auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  auto dot = name.find_last_of('.');
  if (dot == std::string_view::npos) return "";
  std::string ext(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool looks_like_html(std::string_view bytes) {
  std::string head(bytes.substr(0, 2048));
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return head.find("<html") != std::string::npos || head.find("<!doctype html") != std::string::npos ||
         head.find("<body") != std::string::npos || head.find("<table") != std::string::npos ||
         head.find("<meta") != std::string::npos || head.find("<div") != std::string::npos;
}

// Text, not a binary format: no NUL byte and almost no other control character in the first
// 64 kB (a PDF, ZIP or OLE file that lost its signature, or random bytes, has many).
bool looks_like_text(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 64 << 10);
  if (head.empty()) return false;
  size_t controls = 0;
  for (unsigned char c : head) {
    if (c == 0) return false;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++controls;
  }
  return controls * 100 <= head.size();
}

bool is_html(std::string_view bytes) {
  std::string_view body = bytes;
  if (starts_with(body, "\xEF\xBB\xBF")) body.remove_prefix(3);
  const size_t i = body.find_first_not_of(" \t\r\n");
  return i != std::string_view::npos && body[i] == '<' && looks_like_html(body);
}

}  // namespace

std::string detect_format(std::string_view path, std::string_view bytes) {
  const std::string ext = lower_ext(path);
  if (starts_with(bytes, "%PDF-") || bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return "pdf";
  if (starts_with(bytes, "PK\x03\x04")) {
    if (ext == "wps" || ext == "wpt") return "wps";
    return "docx";  // the DOCX reader says so plainly when the archive is not a Word document
  }
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return ext == "wps" ? "wps" : "doc";
  if (ext == "html" || ext == "htm" || ext == "shtml" || ext == "xhtml" || ext == "jsp" || ext == "asp" ||
      ext == "aspx" || ext == "php")
    return "html";
  if (ext == "txt" || ext == "text") return "txt";
  // A binary format's name on bytes without its signature: a web page or a text saved under a
  // report's file name (a download script naming every file .pdf) is read as what its bytes are;
  // anything else keeps the name's format and fails there as damaged.
  if (ext == "pdf" || ext == "docx" || ext == "doc" || ext == "wps") {
    if (is_html(bytes)) return "html";
    if (looks_like_text(bytes)) return "txt";
    return ext;
  }
  if (is_html(bytes)) return "html";
  if (ext.empty() || ext == "md") return "txt";
  return "";
}

const Extractor* extractor_for(std::string_view format) {
  static const auto text = make_text_extractor();
  static const auto html = make_html_extractor();
  static const auto pdf = make_pdf_extractor();
  static const auto docx = make_docx_extractor();
  static const auto office = make_office_extractor();
  if (format == "txt") return text.get();
  if (format == "html") return html.get();
  if (format == "pdf") return pdf.get();
  if (format == "docx") return docx.get();
  if (format == "doc" || format == "wps") return office.get();
  return nullptr;
}

void check_deadline(const ExtractOptions& options) {
  if (options.deadline && std::chrono::steady_clock::now() > *options.deadline) throw_document_timeout();
}

}  // namespace xxgk
