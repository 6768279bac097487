// Places a report in its region (report.region) and says why when it cannot (region.* findings).
// The pipeline calls it after reading (no hint); the audit calls it again when the document's
// sources file gives a division code (which wins) or an agency name the document lacks.
#pragma once

#include "model/report.h"

#include <string>

namespace xxgk {

struct PlaceHint {
  std::string region_code;  // the sources file's division code (empty: none)
  std::string agency;       // the sources file's agency name, used when the document names none
};

// Sets report.report.region (null when it cannot be placed without guessing) and replaces the
// report's region.* findings with the ones this placement gives (none for a failed record, whose
// error says what went wrong; its region still comes from the hint). Deterministic.
void place_report(Report& report, const PlaceHint& hint = {});

// The identity (Report's report.agency_id) of an agency known only by its name and, maybe, a
// division code: a roster's line. Empty when both are empty.
std::string agency_identity(std::string_view agency, std::string_view region_code);

// Whether a finding comes from placing the report (region.*) rather than from reading it.
bool is_region_rule(const std::string& rule);

}  // namespace xxgk
