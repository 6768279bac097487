// What makes a finding the same finding across reruns and revisions, so an auditor's review of it
// carries over: its key (the agency's identity, the year, the rule and the cells it read — never
// the document, which a new revision changes) and its figures (what it computed, what was printed,
// and the values of its cells), which say whether a reviewed finding still shows the same numbers.
#pragma once

#include "model/report.h"

#include <functional>
#include <optional>
#include <string>

namespace xxgk {

// The agency identity a finding key is made of: reports.agency_id, else reports.agency_key, else
// (a report that names no agency) the document's bytes, so the key is still stable across reruns.
std::string finding_identity(const std::optional<std::string>& agency_id, const std::optional<std::string>& agency_key,
                             const std::string& sha256);

// 16 hex digits of the SHA-256 of identity, year, rule, the finding's line and its cells (table.row.col,
// pages left out: the same table may sit on another page in a revision).
std::string finding_key(const std::string& identity, std::optional<int> year, const Finding& f);

// The value or, when it holds no number, the printed text of a cell (nothing: the figure is not there).
struct FindingCell {
  std::optional<double> value;
  std::string raw;
};
using CellLookup = std::function<std::optional<FindingCell>(const CellAddress&)>;

// Compact JSON of the finding's numbers: {"expected":…,"actual":…,"cells":{"table.row.col":value or "raw"}}
// (null for an absent cell). Equal text: the same numbers.
std::string finding_figures(const Finding& f, const CellLookup& cell);

}  // namespace xxgk
