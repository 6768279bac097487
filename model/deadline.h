// The time limit of the document this thread is reading (--doc-timeout), for the stages after the
// extractor: normalizing and validating take no options, yet a pathological text (20 MB on one line,
// a table of 100,000 rows) must not run past the limit there either. process_document() sets it for
// the document with a DocumentDeadline scope; long loops call check_document_deadline() once per row,
// paragraph or cell (a thread-local read and one clock read, ~25 ns).
#pragma once

#include <chrono>
#include <optional>

namespace xxgk {

// Throws DocumentError("timeout") once the current document's deadline has passed; nothing when no
// deadline is set on this thread.
void check_document_deadline();

// The one error a document's time limit gives (here and in the extractors' check_deadline).
[[noreturn]] void throw_document_timeout();

// Sets this thread's document deadline for its lifetime (restoring the earlier one after).
class DocumentDeadline {
 public:
  explicit DocumentDeadline(std::optional<std::chrono::steady_clock::time_point> deadline);
  ~DocumentDeadline();
  DocumentDeadline(const DocumentDeadline&) = delete;
  DocumentDeadline& operator=(const DocumentDeadline&) = delete;

 private:
  std::optional<std::chrono::steady_clock::time_point> previous_;
};

}  // namespace xxgk
