#include "validate/rules.h"

#include "validate/ocr_rules.h"
#include "validate/table_rules.h"
#include "validate/text_rules.h"

namespace xxgk {

const std::vector<RuleDef>& rules() {
  // Ids, severities, scopes, formulas and notes as contract/rules.tsv words them (a test compares
  // the two); the rules marked false at the end are this project's additions (README.md).
  // clang-format off
  static const std::vector<RuleDef> table = {
    {"requests.balance", "error", "each column of requests",
     "new_received + carried_over = processed_total + carried_forward",
     "printed in the table header: 第一项加第二项之和，等于第三项加第四项之和", check_requests_balance},
    {"requests.results_total", "error", "each column of requests",
     "processed_total = granted + partially_granted + all withheld_* + all unavailable_* + all not_processed_* + (other_processing or the three other_*)",
     "（七）总计", check_requests_results_total},
    {"requests.row_total", "error", "each row of requests",
     "total = natural_person + commercial + research + social_welfare + legal_service + other_org", "横向总计",
     check_requests_row_total},
    {"review_litigation.total", "error", "each row of review_litigation",
     "total = upheld + corrected + other + pending", "", check_review_litigation_total},
    {"values.negative", "error", "every figure", "value >= 0, except proactive.change (本年增/减)", "",
     check_values_negative},
    {"values.non_integer", "warning", "every count",
     "a count is a whole number; amounts (proactive.amount, procurement_amount) may have decimals", "",
     check_values_non_integer},
    {"text.vs_table", "warning", "narrative vs tables",
     "a figure stated in the text (e.g. 共收到政府信息公开申请N件, 行政复议N件) equals the table cell it names",
     "one finding per mismatching statement; expected = table, actual = text", check_text_vs_table},
    {"structure.missing_table", "error", "report", "each of proactive, requests, review_litigation is present", "",
     check_missing_table},
    {"structure.missing_section", "warning", "report", "each of the six parts is present", "", check_missing_section},
    {"structure.blank_cells", "warning", "each table", "cells that are blank or not a number",
     "info for 1–3 cells, warning above", check_blank_cells},
    {"structure.unmapped_label", "info", "each table", "a printed row or column label maps to no canonical id", "",
     nullptr},
    {"structure.fuzzy_label", "info", "each table",
     "a printed label matched a canonical label only by similarity (a typo or a dropped character), by its printed "
     "number under its group, or, unreadable, by its place among the template's columns", "", nullptr,
     false},
    {"ocr.low_confidence", "warning", "every figure read by OCR",
     "Tesseract's confidence >= 75, and a cell with print is read", "", check_ocr_low_confidence, false},
    {"ocr.implied_value", "warning", "OCR'd requests table",
     "one row total and one column's identities fail at one cell: the value they imply", "", check_ocr_implied_value,
     false},
    {"cross_year.carry", "warning", "dataset: same agency, year Y-1 and Y",
     "carried_forward(Y-1) = carried_over(Y), per column", "needs both years in the same run or store", nullptr},
    {"cross_year.in_force", "warning", "dataset: same agency, year Y-1 and Y",
     "in_force(Y) = in_force(Y-1) + issued(Y) - repealed(Y), for regulations and normative_documents", "", nullptr},
    {"source.invalid_bytes", "info", "document",
     "the text decodes in its character encoding without byte sequences replaced by U+FFFD", "", nullptr, false},
    {"region.unknown", "info", "report", "the agency's name names a place of the national division data", "",
     nullptr, false},
    {"region.ambiguous", "info", "report",
     "the agency's name fits one division, or the title and text name the ancestors of exactly one", "", nullptr,
     false},
    {"region.source_mismatch", "info", "report",
     "the sources file's region code is in the division data and holds the place the agency's name points at", "",
     nullptr, false},
  };
  // clang-format on
  return table;
}

const RuleDef* find_rule(std::string_view id) {
  for (const auto& r : rules())
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace xxgk
