// The whole report model as JSON, both languages of every message kept. It carries a record from
// a worker process to the coordinator (one line per document on a pipe) and holds the `cells` of
// a finding in the store. Unlike the contract's record (output/json_record.h) nothing is dropped.
#pragma once

#include "model/report.h"

#include <nlohmann/json.hpp>

#include <string>

namespace xxgk {

nlohmann::json report_to_json(const Report& report);
Report report_from_json(const nlohmann::json& j);
nlohmann::json findings_to_json(const std::vector<Finding>& findings);  // the "findings" of report_to_json  // throws nlohmann::json::exception on a malformed record

// A finding's cells as the store holds them (findings.cells), written directly: one object a cell,
// its keys in nlohmann::json's sorted order, {"col","page","row","table"}; an empty row or column
// is null.
std::string cells_text(const std::vector<CellAddress>& cells);
// The same, as JSON (the report codec's findings): cells_text's text, read.
nlohmann::json cells_to_json(const std::vector<CellAddress>& cells);
std::vector<CellAddress> cells_from_json(const nlohmann::json& j);

}  // namespace xxgk
