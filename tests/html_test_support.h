// Helpers shared by the HTML extractor's test suites.
#pragma once

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "model/document.h"

namespace xxgk::test {

inline Document extract_html(const std::string& html) {
  return extractor_for("html")->extract("page.html", html, ExtractOptions{});
}

// Pages wrapped around a body.
inline std::string page(const std::string& body, const std::string& head = "<meta charset=\"utf-8\">") {
  return "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>";
}

inline std::vector<std::string> paragraphs(const Document& d) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks)
    if (!b.is_table()) out.push_back(b.paragraph().text);
  return out;
}

inline std::vector<const Table*> tables(const Document& d) {
  std::vector<const Table*> out;
  for (const auto& b : d.blocks)
    if (b.is_table()) out.push_back(&b.table());
  return out;
}

// The texts of a grid, row by row.
inline std::vector<std::vector<std::string>> texts(const Table& t) {
  std::vector<std::vector<std::string>> out;
  for (const auto& row : t.rows) {
    out.emplace_back();
    for (const auto& c : row) out.back().push_back(c.text);
  }
  return out;
}

// Block kinds in order: "P" paragraph, "T" table.
inline std::string shape(const Document& d) {
  std::string s;
  for (const auto& b : d.blocks) s += b.is_table() ? 'T' : 'P';
  return s;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// UTF-8 text re-encoded in another charset (GBK, GB18030, Big5, …).
inline std::string encode(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset, &status));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::string out(static_cast<size_t>(u.length()) * 4 + 16, '\0');
  int32_t n = u.extract(out.data(), static_cast<int32_t>(out.size()), conv.get(), status);
  out.resize(U_SUCCESS(status) ? static_cast<size_t>(n) : 0);
  return out;
}

}  // namespace xxgk::test
