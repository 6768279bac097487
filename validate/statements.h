// Statements of figures in a report's narrative (共收到政府信息公开申请N件, 行政复议N件，其中结果维持a件…,
// 未收到政府信息公开申请 …), each tied to the table cells it names. The phrasings are a table of
// patterns (validate/statements.cpp); a sentence no pattern ties to a cell unambiguously is not a
// statement (a breakdown by channel, a subset stated by one office, last year's figure).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// What a statement names: one table cell, or the sum of several (行政诉讼N件 = the two litigation rows).
struct TextTarget {
  std::string_view id;  // e.g. "requests.new_received.total", "litigation.upheld"
  std::string_view table;
  std::vector<std::pair<std::string_view, std::string_view>> cells;  // (row, col), summed
  std::string_view row;  // the finding's row and column ("" = null: the statement spans rows)
  std::string_view col;
  std::string_view what_zh;  // what the text states, for messages: "收到申请", "行政诉讼结果维持"
  std::string_view what_en;
};

const std::vector<TextTarget>& text_targets();
const TextTarget* find_text_target(std::string_view id);

struct Statement {
  std::string_view target;  // a TextTarget id
  long long value = 0;      // the figure the text states (0 for 未收到…, 未发生…)
  std::string quote;        // the sentence that states it, spaces removed ("…" where it was cut)
  std::string_view pattern; // the pattern that found it
};

// The statements in one piece of narrative (display form: digits folded to ASCII, punctuation as
// printed, paragraphs separated by '\n'), in text order. `year` is the reporting year: a sentence
// about another year states no figure of this report.
std::vector<Statement> find_statements(std::string_view text, std::optional<int> year);

namespace detail {
// find_statements searching only the sentences that can hold a statement (whole = false, what
// find_statements does) or the whole narrative (whole = true): a test holds them equal.
std::vector<Statement> find_statements(std::string_view text, std::optional<int> year, bool whole);
}  // namespace detail

}  // namespace xxgk
