// The canonical figure addresses of ../contract/categories.tsv, as data.
#pragma once

#include <string_view>
#include <vector>

namespace xxgk {

inline constexpr unsigned kT2019 = 1;
inline constexpr unsigned kT2021 = 2;

struct CategoryDef {
  std::string_view table;  // proactive | requests | review_litigation
  std::string_view axis;   // row | col
  std::string_view id;
  unsigned templates;        // kT2019 | kT2021
  std::string_view label_zh; // the official label as the contract prints it
  std::vector<std::string_view> applies_to;  // for columns: the rows they exist for; empty = all
};

// Every entry of categories.tsv, in its order (which is also the order figures are written in).
const std::vector<CategoryDef>& categories();

inline constexpr std::string_view kTables[] = {"proactive", "requests", "review_litigation"};

// Row or column ids of one table, in contract order.
const std::vector<std::string_view>& category_ids(std::string_view table, std::string_view axis);

const CategoryDef* find_category(std::string_view table, std::string_view axis, std::string_view id);

// Whether column `col` exists for row `row` in `table` (the applies_to column of the contract).
bool column_applies(std::string_view table, std::string_view row, std::string_view col);

// Position of a (table,row,col) in the canonical order, for sorting figures; x_ ids sort last.
int table_rank(std::string_view table);
int category_rank(std::string_view table, std::string_view axis, std::string_view id);

}  // namespace xxgk
