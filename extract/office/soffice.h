// DOC and WPS files converted to DOCX by LibreOffice (`soffice --headless --convert-to docx`), one
// process per document, in a private temporary folder with its own user profile (so conversions
// running in parallel never share LibreOffice's profile lock), under a time limit.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

struct ConversionOptions {
  // The soffice program; empty: $XXGK_SOFFICE if set, else `soffice` or `libreoffice` in the
  // folders of `search_path` ($PATH when unset), else the first of `install_locations` that exists.
  std::string soffice;
  std::optional<std::string> search_path;
  std::vector<std::string> install_locations = {
      "/usr/lib/libreoffice/program/soffice",  // Debian, Ubuntu
      "/opt/libreoffice/program/soffice",      // LibreOffice's own packages (symlinked folder)
      "/usr/local/lib/libreoffice/program/soffice",
  };
  // Past this the conversion's whole process group is killed ("conversion_timeout").
  std::chrono::milliseconds time_limit{120'000};
  std::uint64_t max_output_bytes = 200ull << 20;  // a larger converted DOCX fails with "too_large"
};

// The soffice program to run, or nullopt when LibreOffice is not installed (or the named program
// does not exist or is not executable).
std::optional<std::string> find_soffice(const ConversionOptions& options);

// Converts one document to DOCX bytes. `extension` is the input file's type as LibreOffice should
// first guess it ("doc", "wps"); LibreOffice still detects the type from the content. Nothing of
// the conversion outlives the call: the temporary folder is removed, the processes are gone.
// Throws DocumentError: "converter_missing" (LibreOffice not installed; the message says what to
// install), "conversion_timeout", "conversion_failed" (with LibreOffice's last words), "too_large".
std::string convert_to_docx(std::string_view bytes, std::string_view extension, const ConversionOptions& options);

}  // namespace xxgk
