// Reads the three statistical tables out of a document's table blocks: every printed figure is
// given its canonical (table, row, col) address, or an x_ address and a finding when its label
// maps to no id.
#pragma once

#include "model/document.h"
#include "model/report.h"

#include <set>
#include <string>
#include <vector>

namespace xxgk {

struct TableReading {
  std::vector<Figure> figures;    // in reading order (the normalizer sorts them)
  std::vector<Finding> findings;  // structure.unmapped_label, structure.fuzzy_label
  std::set<std::string> tables_found;
  std::vector<std::string> problems_zh;  // what could not be read, in plain words
  std::vector<std::string> problems_en;
};

TableReading read_tables(const Document& doc);

}  // namespace xxgk
