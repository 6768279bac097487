// The contract's record (schema "xxgk.report/1") as JSON: one object per document.
#pragma once

#include "indicators/compute.h"
#include "model/report.h"

#include <nlohmann/json.hpp>

#include <string>

namespace xxgk {

// lang picks the language of findings' messages: "zh" (default) or "en".
nlohmann::ordered_json record_json(const Report& report, const std::string& lang = "zh");

// One finding as the record writes it (also used to add cross-year findings to a written record).
nlohmann::ordered_json finding_json(const Finding& finding, const std::string& lang = "zh");

// One indicator as the record writes it: {id, value, numerator, denominator, null_reason,
// null_operands, failing_rules} (docs/indicators.md).
nlohmann::ordered_json indicator_json(const IndicatorValue& value);

// Adds to a written record's indicators the rules of findings added after it was written (the
// cross-year findings of a batch), as compute_indicators would have marked them.
void mark_indicators(nlohmann::ordered_json& record, const std::vector<Finding>& findings);

// One line of JSON Lines (no trailing newline), UTF-8, deterministic.
std::string record_line(const Report& report, const std::string& lang = "zh");

// A figure value or a finding's number: a JSON integer when whole and printed without decimals.
nlohmann::ordered_json number_json(std::optional<double> v, int decimals = 0);

}  // namespace xxgk
