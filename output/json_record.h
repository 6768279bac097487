// The contract's record (schema "xxgk.report/1") as JSON: one object per document.
#pragma once

#include "indicators/compute.h"
#include "model/report.h"

#include <nlohmann/json.hpp>

#include <string>

namespace xxgk {

// lang picks the language of findings' messages: "zh" (default) or "en". The tree of record_line's
// text (for the pretty output and for adding findings to a written record).
nlohmann::ordered_json record_json(const Report& report, const std::string& lang = "zh");

// One finding as the record writes it (also used to add cross-year findings to a written record).
nlohmann::ordered_json finding_json(const Finding& finding, const std::string& lang = "zh");

// Adds to a written record's indicators the rules of findings added after it was written (the
// cross-year findings of a batch), as compute_indicators would have marked them.
void mark_indicators(nlohmann::ordered_json& record, const std::vector<Finding>& findings);

// One line of JSON Lines (no trailing newline), UTF-8, deterministic. An indicator is {id, value,
// numerator, denominator, null_reason, null_operands, failing_rules} (docs/indicators.md); a figure
// value or a finding's number is a JSON integer when whole and printed without decimals.
std::string record_line(const Report& report, const std::string& lang = "zh");

}  // namespace xxgk
