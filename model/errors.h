// Errors that stop one document. Each carries a stable code, a plain-words message in English and
// in Chinese, and where it happened, so the record's `error` points a person at the place to open.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace xxgk {

class DocumentError : public std::runtime_error {
 public:
  DocumentError(std::string code, const std::string& message_en, std::string message_zh = {},
                std::optional<int> page = std::nullopt)
      : std::runtime_error(message_en), code_(std::move(code)), zh_(std::move(message_zh)), page_(page) {}
  const std::string& code() const { return code_; }
  const std::string& message_zh() const { return zh_; }  // may be empty: then what() is used
  std::optional<int> page() const { return page_; }
  // The document's page count, where it was known before the error (a PDF that opens and then
  // fails: its record's source.pages still says how long it is).
  std::optional<int> document_pages() const { return document_pages_; }
  void set_document_pages(int pages) { document_pages_ = pages; }

 private:
  std::string code_;
  std::string zh_;
  std::optional<int> page_;
  std::optional<int> document_pages_;
};

}  // namespace xxgk
