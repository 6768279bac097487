// Column headers: which canonical column (and, in review_litigation, which row) a value cell
// stands under, read from the header cells above it in a grid.
#pragma once

#include "model/document.h"
#include "normalize/grid.h"

#include <optional>
#include <string>
#include <vector>

namespace xxgk {

struct ColumnMatch {
  std::string row;      // review_litigation only: the row the column group names (else empty)
  std::string col;      // canonical id, or x_… for a header that maps to no id
  bool fuzzy = false;   // the header matched only by similarity, or by its place (by_place)
  bool by_place = false;  // unreadable, named by its place among the template's columns
  std::string printed;  // the header as printed, parts joined with " / "
};

// The header texts standing above grid column `col` of `block`, top to bottom, in the given
// header rows (grid row numbers of the table); a tall or wide merge contributes its anchor's text
// once. Empty strings are dropped.
std::vector<std::string> header_texts(const Document& doc, int block, const std::vector<int>& header_rows, int col);

// Reads one column's header texts: group labels set the context (法人或其他组织; 行政复议 /
// 行政诉讼 + 未经复议直接起诉 / 复议后起诉 in review_litigation), the lowest text is the leaf, and
// words wrapped over two header rows (商业企 + 业) are joined. nullopt when there is no header
// text at all; an x_ column when there is text that maps to no id.
std::optional<ColumnMatch> match_column(std::string_view table, const std::vector<std::string>& texts);

// The canonical order of a table's columns when no header says otherwise: the order every layout
// of the national format keeps (自然人, the five 法人或其他组织, 总计; 结果维持 … 总计).
std::vector<std::string> canonical_columns(std::string_view table);

// Column ids of the proactive sub-tables when no header says which (header lost in a copy):
// by the number of value cells and the template the table shows elsewhere.
std::vector<std::string> default_proactive_columns(std::string_view row, size_t n, bool prefer_2019);

// "x_" + the printed label keyed (spaces and punctuation removed): the id of an unmapped label.
std::string unmapped_id(std::string_view printed);

}  // namespace xxgk
