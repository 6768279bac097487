// The rules of ../contract/rules.tsv (and the ones this project adds), as one table.
#pragma once

#include "model/report.h"

#include <string_view>
#include <vector>

namespace xxgk {

struct RuleDef {
  std::string_view id;
  std::string_view severity;  // error | warning | info: the severity of a failure
  std::string_view scope;     // as contract/rules.tsv words it
  std::string_view formula;   // as contract/rules.tsv words it
  std::string_view note;      // contract/rules.tsv's note column (may be empty)
  // Checks one report and appends its findings; null for rules that need more than one report
  // (cross_year.*, see validate/cross_year.h) or that the reader itself reports
  // (structure.unmapped_label, structure.fuzzy_label), or that placing the report gives (region.*,
  // regions/place.h).
  void (*check)(const Report&, std::vector<Finding>&);
  bool contract = true;  // false: added by this project (README.md "The record")
};

// In the order findings are written.
const std::vector<RuleDef>& rules();
const RuleDef* find_rule(std::string_view id);

// A rule that could not be assessed is reported with this severity whatever the rule's: nothing
// is proven broken, so it must not make a report `flagged` (README.md "The record").
inline constexpr std::string_view kNotAssessableSeverity = "warning";

}  // namespace xxgk
