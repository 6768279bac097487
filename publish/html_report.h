// The audit report: one self-contained HTML file (inline CSS, no script, no external asset) over
// the reports of a store (current ones, then earlier revisions, within each status). Flagged reports come first; each report shows its three tables
// as tables (rows × columns in contract order, Chinese labels), the cells each finding read
// highlighted and numbered, and the findings' messages beside the table.
#pragma once

#include "audit/store.h"

#include <string>

namespace xxgk {

// Writes the report to `path` (replacing it). lang picks the language of messages (zh | en).
// Reports are read from the store one at a time, so memory does not grow with the store.
void write_html_report(Store& store, const std::string& path, const std::string& lang);

}  // namespace xxgk
