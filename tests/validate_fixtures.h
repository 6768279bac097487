// Reports built in code for the validator's unit tests, from real figures: the seed (a street
// office's 2024 report, every figure 0) and 淮安市人民政府's 2024 report (the 200 hand-checked figures
// of shared/examples/huaian-city-2024.figures.json, on the pages the PDF prints them).
#pragma once

#include "model/categories.h"
#include "model/report.h"
#include "text/numbers.h"

#include <initializer_list>
#include <string>
#include <vector>

namespace xxgk::testing {

// Sets (or adds) one figure as a reader would: raw text, value and decimals from parse_cell.
inline void set_cell(Report& r, std::string_view table, std::string_view row, std::string_view col, std::string_view raw,
                     std::optional<int> page = std::nullopt) {
  Figure* f = nullptr;
  for (auto& x : r.figures)
    if (x.table == table && x.row == row && x.col == col) f = &x;
  if (!f) {
    r.figures.push_back(Figure{});
    f = &r.figures.back();
    f->table = std::string(table);
    f->row = std::string(row);
    f->col = std::string(col);
    f->page = page;
  }
  const CellValue v = parse_cell(raw, table == "proactive" && col == "change");
  f->raw = std::string(raw);
  f->value = v.value;
  f->decimals = v.decimals;
  if (page) f->page = page;
}

inline void remove_cell(Report& r, std::string_view table, std::string_view row, std::string_view col) {
  std::erase_if(r.figures, [&](const Figure& f) { return f.table == table && f.row == row && f.col == col; });
}

struct RowFigures {
  std::string_view table, row;
  std::vector<std::pair<std::string_view, std::string_view>> cells;  // (col, raw)
  int page;
};

inline Report report_of(const std::vector<RowFigures>& rows, std::optional<std::string> agency, int year, bool pages) {
  Report r;
  r.source.path = "test.txt";
  r.source.format = "txt";
  r.report.agency = std::move(agency);
  r.report.year = year;
  r.report.template_version = "2021";
  for (const auto& row : rows)
    for (auto [col, raw] : row.cells)
      set_cell(r, row.table, row.row, col, raw, pages ? std::optional<int>(row.page) : std::nullopt);
  for (auto key : kSectionKeys) r.sections.emplace_back(key, "");
  return r;
}

// The seven columns of table requests, in contract order.
inline std::vector<std::pair<std::string_view, std::string_view>> requests_row(std::initializer_list<std::string_view> v) {
  static const std::vector<std::string_view> cols = {"natural_person", "commercial", "research", "social_welfare",
                                                     "legal_service",  "other_org",  "total"};
  std::vector<std::pair<std::string_view, std::string_view>> out;
  size_t i = 0;
  for (auto x : v) out.emplace_back(cols[i++], x);
  return out;
}

inline std::vector<std::pair<std::string_view, std::string_view>> review_row(std::initializer_list<std::string_view> v) {
  static const std::vector<std::string_view> cols = {"upheld", "corrected", "other", "pending", "total"};
  std::vector<std::pair<std::string_view, std::string_view>> out;
  size_t i = 0;
  for (auto x : v) out.emplace_back(cols[i++], x);
  return out;
}

// 淮安市人民政府 2024, as its PDF prints it (pages 3–5).
inline Report huaian_2024(bool pages = true) {
  // clang-format off
  const std::vector<RowFigures> rows = {
    {"proactive", "regulations", {{"issued", "1"}, {"repealed", "0"}, {"in_force", "11"}}, 3},
    {"proactive", "normative_documents", {{"issued", "8"}, {"repealed", "26"}, {"in_force", "66"}}, 3},
    {"proactive", "licensing", {{"decisions", "447228"}}, 3},
    {"proactive", "penalty", {{"decisions", "3985758"}}, 4},
    {"proactive", "coercion", {{"decisions", "88283"}}, 4},
    {"proactive", "fees", {{"amount", "96171.6"}}, 4},
    {"requests", "new_received", requests_row({"3001", "53", "0", "0", "61", "4", "3119"}), 4},
    {"requests", "carried_over", requests_row({"34", "0", "0", "0", "0", "0", "34"}), 4},
    {"requests", "granted", requests_row({"1288", "21", "0", "0", "50", "3", "1362"}), 4},
    {"requests", "partially_granted", requests_row({"447", "7", "0", "0", "0", "0", "454"}), 4},
    {"requests", "withheld_state_secret", requests_row({"2", "0", "0", "0", "0", "0", "2"}), 4},
    {"requests", "withheld_prohibited_by_law", requests_row({"30", "1", "0", "0", "0", "0", "31"}), 4},
    {"requests", "withheld_security_stability", requests_row({"5", "0", "0", "0", "0", "0", "5"}), 4},
    {"requests", "withheld_third_party", requests_row({"6", "0", "0", "0", "0", "0", "6"}), 4},
    {"requests", "withheld_internal_affairs", requests_row({"7", "1", "0", "0", "0", "0", "8"}), 4},
    {"requests", "withheld_process_info", requests_row({"12", "0", "0", "0", "0", "0", "12"}), 4},
    {"requests", "withheld_enforcement_file", requests_row({"9", "0", "0", "0", "0", "0", "9"}), 4},
    {"requests", "withheld_query_matter", requests_row({"105", "0", "0", "0", "0", "0", "105"}), 4},
    {"requests", "unavailable_not_held", requests_row({"746", "12", "0", "0", "10", "1", "769"}), 4},
    {"requests", "unavailable_needs_creation", requests_row({"11", "0", "0", "0", "0", "0", "11"}), 5},
    {"requests", "unavailable_unclear", requests_row({"1", "0", "0", "0", "0", "0", "1"}), 5},
    {"requests", "not_processed_complaint", requests_row({"56", "6", "0", "0", "0", "0", "62"}), 5},
    {"requests", "not_processed_repeated", requests_row({"25", "0", "0", "0", "0", "0", "25"}), 5},
    {"requests", "not_processed_publication", requests_row({"0", "0", "0", "0", "0", "0", "0"}), 5},
    {"requests", "not_processed_excessive", requests_row({"0", "0", "0", "0", "0", "0", "0"}), 5},
    {"requests", "not_processed_confirmation", requests_row({"1", "0", "0", "0", "0", "0", "1"}), 5},
    {"requests", "other_overdue_correction", requests_row({"67", "3", "0", "0", "1", "0", "71"}), 5},
    {"requests", "other_unpaid_fee", requests_row({"6", "0", "0", "0", "0", "0", "6"}), 5},
    {"requests", "other_other", requests_row({"108", "2", "0", "0", "0", "0", "110"}), 5},
    {"requests", "processed_total", requests_row({"2932", "53", "0", "0", "61", "4", "3050"}), 5},
    {"requests", "carried_forward", requests_row({"103", "0", "0", "0", "0", "0", "103"}), 5},
    {"review_litigation", "review", review_row({"72", "64", "178", "37", "351"}), 5},
    {"review_litigation", "litigation_direct", review_row({"13", "4", "8", "1", "26"}), 5},
    {"review_litigation", "litigation_after_review", review_row({"12", "1", "1", "6", "20"}), 5},
  };
  // clang-format on
  Report r = report_of(rows, "淮安市人民政府", 2024, pages);
  r.source.path = "huaian-city-2024.pdf";
  r.source.format = "pdf";
  return r;
}

// The seed: 长春市南关区新春街道办事处 2024, every figure of the 2021 tables printed as 0.
inline Report seed_2024() {
  std::vector<RowFigures> rows = {
      {"proactive", "regulations", {{"issued", "0"}, {"repealed", "0"}, {"in_force", "0"}}, 0},
      {"proactive", "normative_documents", {{"issued", "0"}, {"repealed", "0"}, {"in_force", "0"}}, 0},
      {"proactive", "licensing", {{"decisions", "0"}}, 0},
      {"proactive", "penalty", {{"decisions", "0"}}, 0},
      {"proactive", "coercion", {{"decisions", "0"}}, 0},
      {"proactive", "fees", {{"amount", "0"}}, 0},
  };
  for (const auto& d : categories()) {
    if (d.axis != "row" || d.table == "proactive" || !(d.templates & kT2021)) continue;
    if (d.table == "requests")
      rows.push_back({d.table, d.id, requests_row({"0", "0", "0", "0", "0", "0", "0"}), 0});
    else
      rows.push_back({d.table, d.id, review_row({"0", "0", "0", "0", "0"}), 0});
  }
  Report r = report_of(rows, "长春市南关区新春街道办事处", 2024, false);
  r.source.path = "corpus/txt/000_c2afdc98611f7d7b.txt";
  return r;
}

}  // namespace xxgk::testing
