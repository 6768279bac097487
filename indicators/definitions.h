// The derived indicators of ../contract/indicators.tsv (实质公开率, 复议纠错率, …), read from that
// file, which is built into the binary: the file is the single source of every formula, and a new
// indicator is a new line there, never code. Its numerator and denominator columns are a small
// expression language over the canonical figure ids of contract/categories.tsv; parse_indicators
// reads exactly that language (docs/indicators.md) and refuses anything else, naming the line.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// A canonical figure: requests.granted.total.
struct FigureRef {
  std::string table, row, col;
  std::string id() const { return table + "." + row + "." + col; }
  bool operator==(const FigureRef&) const = default;
};

// One signed figure of a sum: `a - b` is {+1 a, -1 b}; `sum of requests.withheld_*.total` is one +1
// operand per row of the catalogue the pattern names.
struct Operand {
  int sign = 1;
  FigureRef figure;
};

struct Expression {
  std::string text;               // as the contract words it
  std::vector<Operand> operands;  // expanded, in the order the text names them
};

struct IndicatorDef {
  std::string id;       // requests.substantive_disclosure_rate
  std::string name_zh;  // 实质公开率
  Expression numerator;
  std::optional<Expression> denominator;  // none for a count (unit 件)
  std::string unit;                       // "%" (100 × numerator / denominator) or "件" (a count)
  std::optional<double> min_denominator;  // the smallest denominator at which a report may be ranked
  std::string note;
  bool is_rate() const { return denominator.has_value(); }
  // Whether the figure is one of the numerator's or the denominator's operands.
  bool reads(std::string_view table, std::string_view row, std::string_view col) const;
};

class IndicatorDefinitionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses the text of an indicators.tsv (header line first); `source` names it in errors. Throws
// IndicatorDefinitionError naming the line, the indicator and what is wrong.
std::vector<IndicatorDef> parse_indicators(std::string_view tsv, std::string_view source);

// The contract's indicators, in the file's order (parsed once; the file is embedded at build time).
const std::vector<IndicatorDef>& indicator_defs();
const IndicatorDef* find_indicator(std::string_view id);

// The text of contract/indicators.tsv as built into the binary.
std::string_view indicators_tsv();

}  // namespace xxgk
