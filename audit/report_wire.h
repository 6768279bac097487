// A record's trip from a worker process to the coordinator: the report model (the same fields as
// report_codec's JSON) in a compact binary frame — an 8-byte length, then the fields in a fixed
// order. Both ends are the same xxgk binary on the same machine, so the layout is the host's.
// JSON took most of the coordinator's time spent not storing (bench/store): a record of 200
// figures is ~1,700 small allocations to parse as JSON and a few hundred as this frame.
// Strings are valid UTF-8: a report with an invalid sequence is first passed through the JSON
// codec, which replaces it with U+FFFD as the JSON hand-off did.
#pragma once

#include "model/report.h"

#include <optional>
#include <string>
#include <string_view>

namespace xxgk {

// The frame for `report` (length prefix included).
std::string report_frame(const Report& report);

// When `buffer` starts with a whole frame: its length (prefix included); nothing while incomplete.
std::optional<size_t> frame_length(std::string_view buffer);

// The report of one whole frame (as frame_length measured it); throws std::runtime_error when the
// frame is malformed.
Report report_from_frame(std::string_view frame);

}  // namespace xxgk
