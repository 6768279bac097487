// Reads the three statistical tables out of a document's table blocks: every printed figure is
// given its canonical (table, row, col) address, or an x_ address and a finding when its label
// maps to no id. Tables that are none of the three (a fee table in part six) are never read.
#pragma once

#include "model/document.h"
#include "model/report.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace xxgk {

struct TableReading {
  std::vector<Figure> figures;    // in reading order (the normalizer sorts them)
  std::vector<Finding> findings;  // structure.unmapped_label, structure.fuzzy_label, structure.duplicate_label
  std::set<std::string> tables_found;
  // The template each table's own labels show: "2021", "2019", "mixed" (a 2021 table keeping the
  // 2019 single （六）其他处理 row, or 2019 and 2021 columns together) or "unknown".
  std::map<std::string, std::string> table_templates;
  std::vector<std::string> problems_zh;  // what could not be read, in plain words
  std::vector<std::string> problems_en;
};

TableReading read_tables(const Document& doc);

}  // namespace xxgk
