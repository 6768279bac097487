// Shared by the fuzz harnesses (docs/fuzzing.md): one document through a given extractor and every
// stage after it, as pipeline/process.cpp runs it, down to its JSON record. A DocumentError is the
// pipeline saying plainly that a document cannot be read: expected. Anything else escaping (another
// exception, a crash, a leak, a sanitizer report, a timeout, unbounded memory) is a finding.
#pragma once

#include "extract/extractor.h"
#include "model/errors.h"
#include "normalize/normalizer.h"
#include "output/json_record.h"
#include "pipeline/process.h"
#include "validate/validator.h"

#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace xxgk::fuzz {

inline std::string_view as_bytes(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Quiet logs: a fuzzer runs millions of inputs.
inline void quiet() {
  static const bool done = [] {
    spdlog::set_level(spdlog::level::off);
    return true;
  }();
  (void)done;
}

inline void run_document(const Extractor& extractor, std::string_view path, std::string_view bytes,
                         const ExtractOptions& options = {}) {
  quiet();
  Report r;
  r.source.path = std::string(path);
  r.source.size = bytes.size();
  r.source.format = "unknown";
  try {
    Document doc = extractor.extract(path, bytes, options);
    r.source.format = doc.format;
    r.source.pages = doc.pages;
    normalize_document(doc, r);
    validate(r);
    settle_status(r, {}, {}, "en");
  } catch (const DocumentError& e) {
    r.status = "failed";
    r.error = ErrorInfo{e.code(), e.what()};
  }
  const std::string line = record_line(r, "en");
  if (line.empty()) __builtin_trap();
}

}  // namespace xxgk::fuzz
