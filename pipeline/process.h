// One document through the whole pipeline: file → extract → normalize → validate → record.
// Never throws for a bad document: every failure becomes a `failed` record that says why.
#pragma once

#include "extract/extractor.h"
#include "model/report.h"

#include <cstdint>
#include <string>

namespace xxgk {

struct ProcessOptions {
  std::string lang = "zh";                     // language of messages: zh | en
  std::uint64_t max_bytes = 200ull << 20;      // larger files fail with "too_large"
  double doc_timeout_seconds = 0;              // 0: no limit
  ExtractOptions extract;
};

// Reads `path` from disk and processes it.
Report process_file(const std::string& path, const ProcessOptions& options);

// Processes bytes already read (path is what the record names).
Report process_bytes(const std::string& path, std::string_view bytes, const ProcessOptions& options);

// Decides status and error from the findings and the problems met while reading.
void settle_status(Report& report, const std::vector<std::string>& problems_zh,
                   const std::vector<std::string>& problems_en, const std::string& lang);

}  // namespace xxgk
