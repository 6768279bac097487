// Builders for the normalizer's unit tests: documents made of paragraphs and table grids as the
// extractors produce them (ragged rows from text, rectangular grids with merge copies).
#pragma once

#include "model/document.h"
#include "model/report.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace xxgk::test {

inline Block para(std::string text) { return Block{Paragraph{std::move(text), std::nullopt}}; }

inline Block block(Table t) { return Block{std::move(t)}; }

// A table as text gives it: each row the cells it printed.
inline Table ragged(const std::vector<std::vector<std::string>>& rows, std::optional<int> page = std::nullopt) {
  Table t;
  t.ragged = true;
  t.page = page;
  for (const auto& r : rows) {
    std::vector<Cell> row;
    for (const auto& text : r) {
      Cell c;
      c.text = text;
      c.page = page;
      row.push_back(std::move(c));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

// A rectangular grid as HTML, DOCX and PDF give it. "^" is a slot covered by the merge above it,
// "<" a slot covered by the merge to its left; covered slots point at their anchor and, when
// `copy_text` is set, carry its text too (extractors may do either).
inline Table rect(const std::vector<std::vector<std::string>>& rows, std::optional<int> page = 1,
                  bool copy_text = false) {
  Table t;
  t.page = page;
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<Cell> row;
    for (size_t c = 0; c < rows[r].size(); ++c) {
      Cell cell;
      cell.page = page;
      const std::string& s = rows[r][c];
      if (s == "^" || s == "<") {
        const Cell& from = s == "^" ? t.rows[r - 1][c] : row[c - 1];
        const int ar = from.covered ? from.anchor_row : static_cast<int>(s == "^" ? r - 1 : r);
        const int ac = from.covered ? from.anchor_col : static_cast<int>(s == "^" ? c : c - 1);
        cell.covered = true;
        cell.anchor_row = ar;
        cell.anchor_col = ac;
        const Cell& anchor = static_cast<size_t>(ar) == r ? row[static_cast<size_t>(ac)]
                                                          : t.rows[static_cast<size_t>(ar)][static_cast<size_t>(ac)];
        if (copy_text) cell.text = anchor.text;
      } else {
        cell.text = s;
      }
      row.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(row));
  }
  // Spans on the anchors, from their copies.
  for (size_t r = 0; r < t.rows.size(); ++r)
    for (size_t c = 0; c < t.rows[r].size(); ++c) {
      const Cell& cell = t.rows[r][c];
      if (!cell.covered) continue;
      Cell& a = t.rows[static_cast<size_t>(cell.anchor_row)][static_cast<size_t>(cell.anchor_col)];
      a.row_span = std::max(a.row_span, static_cast<int>(r) - cell.anchor_row + 1);
      a.col_span = std::max(a.col_span, static_cast<int>(c) - cell.anchor_col + 1);
    }
  return t;
}

inline Document doc(std::vector<Block> blocks) {
  Document d;
  d.format = "test";
  d.blocks = std::move(blocks);
  return d;
}

inline const Figure* find(const std::vector<Figure>& figures, std::string_view table, std::string_view row,
                          std::string_view col) {
  for (const auto& f : figures)
    if (f.table == table && f.row == row && f.col == col) return &f;
  return nullptr;
}

inline int count_rule(const std::vector<Finding>& findings, std::string_view rule) {
  int n = 0;
  for (const auto& f : findings) n += f.rule == rule;
  return n;
}

// The requests table of 淮安市人民政府's 2024 report (hand-checked figures): each row's id and its
// seven figures (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计).
struct RequestsRow {
  const char* id;
  std::array<int, 7> v;
};
inline const std::vector<RequestsRow>& huaian_requests() {
  static const std::vector<RequestsRow> rows = {
      {"new_received", {3001, 53, 0, 0, 61, 4, 3119}},
      {"carried_over", {34, 0, 0, 0, 0, 0, 34}},
      {"granted", {1288, 21, 0, 0, 50, 3, 1362}},
      {"partially_granted", {447, 7, 0, 0, 0, 0, 454}},
      {"withheld_state_secret", {2, 0, 0, 0, 0, 0, 2}},
      {"withheld_prohibited_by_law", {30, 1, 0, 0, 0, 0, 31}},
      {"withheld_security_stability", {5, 0, 0, 0, 0, 0, 5}},
      {"withheld_third_party", {6, 0, 0, 0, 0, 0, 6}},
      {"withheld_internal_affairs", {7, 1, 0, 0, 0, 0, 8}},
      {"withheld_process_info", {12, 0, 0, 0, 0, 0, 12}},
      {"withheld_enforcement_file", {9, 0, 0, 0, 0, 0, 9}},
      {"withheld_query_matter", {105, 0, 0, 0, 0, 0, 105}},
      {"unavailable_not_held", {746, 12, 0, 0, 10, 1, 769}},
      {"unavailable_needs_creation", {11, 0, 0, 0, 0, 0, 11}},
      {"unavailable_unclear", {1, 0, 0, 0, 0, 0, 1}},
      {"not_processed_complaint", {56, 6, 0, 0, 0, 0, 62}},
      {"not_processed_repeated", {25, 0, 0, 0, 0, 0, 25}},
      {"not_processed_publication", {0, 0, 0, 0, 0, 0, 0}},
      {"not_processed_excessive", {0, 0, 0, 0, 0, 0, 0}},
      {"not_processed_confirmation", {1, 0, 0, 0, 0, 0, 1}},
      {"other_overdue_correction", {67, 3, 0, 0, 1, 0, 71}},
      {"other_unpaid_fee", {6, 0, 0, 0, 0, 0, 6}},
      {"other_other", {108, 2, 0, 0, 0, 0, 110}},
      {"processed_total", {2932, 53, 0, 0, 61, 4, 3050}},
      {"carried_forward", {103, 0, 0, 0, 0, 0, 103}},
  };
  return rows;
}

inline const std::array<const char*, 7>& requests_cols() {
  static const std::array<const char*, 7> cols = {"natural_person", "commercial", "research", "social_welfare",
                                                  "legal_service",  "other_org",  "total"};
  return cols;
}

inline std::vector<std::string> values_of(const RequestsRow& r) {
  std::vector<std::string> out;
  for (int v : r.v) out.push_back(std::to_string(v));
  return out;
}

}  // namespace xxgk::test
