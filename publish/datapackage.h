// Frictionless Data Package descriptors (datapackage.json, https://specs.frictionlessdata.io/) for the
// CSV files `xxgk export` writes: every field's type, unit and plain-words description, so that
// pandas, R and `frictionless validate` read the files typed. A blank figure is an empty field,
// which the package declares missing (null), never 0.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// The Table Schema field of an exported column: its type (integer, number, string, date, datetime,
// boolean, array), description, and unit where it counts something. `resource` is the file's stem
// (reports, figures, findings, panel): a column name may mean different things in two files
// (`status`). A figure column of the panel (`requests.granted.total`) is described from the
// contract's categories. Throws std::logic_error for a column no one described, so a new export
// column cannot ship undocumented (the tests export every file).
nlohmann::json field_descriptor(std::string_view resource, std::string_view column);

// The unit of a canonical figure: 万元 for the amounts of the proactive table, 件 for every count.
std::string_view figure_unit(std::string_view table, std::string_view col);

struct PackageResource {
  std::string name;         // reports | figures | findings | panel
  std::string path;         // the CSV's file name, relative to the package
  std::string description;  // what one row is
  std::vector<std::string> columns;
  std::vector<std::string> primary_key;  // empty: none
};

// Adds (or replaces, by name) the resources in `dir`/datapackage.json, keeping the resources of
// another export written there before (an `export --csv` and an `export --panel` into one folder
// make one package). The file is written whole to a temporary name and renamed.
void write_datapackage(const std::string& dir, const std::vector<PackageResource>& resources);

}  // namespace xxgk
