#include "indicators/definitions.h"

#include "model/categories.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>

namespace xxgk {
namespace {

constexpr std::string_view kHeader[] = {"id", "name", "numerator", "denominator", "unit", "min_denominator", "note"};

// The words of the abbreviated form `the three rows' total - pending`.
constexpr std::pair<std::string_view, size_t> kCountWords[] = {{"two", 2}, {"three", 3}, {"four", 4},
                                                               {"five", 5}, {"six", 6}};

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (size_t start = 0;;) {
    const size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Words, and + - ( ) as tokens of their own.
std::vector<std::string_view> tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ') {
      ++i;
    } else if (c == '+' || c == '-' || c == '(' || c == ')') {
      out.push_back(s.substr(i, 1));
      ++i;
    } else {
      size_t j = i;
      while (j < s.size() && std::string_view(" +-()").find(s[j]) == std::string_view::npos) ++j;
      out.push_back(s.substr(i, j - i));
      i = j;
    }
  }
  return out;
}

// Reads one side (numerator or denominator) of one line; every error says where.
class SideParser {
 public:
  SideParser(std::string where, std::string_view text) : where_(std::move(where)), text_(text), tok_(tokens(text)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw IndicatorDefinitionError(fmt::format("{}: {} (in \"{}\")", where_, what, text_));
  }

  // `expr [(table T)]`. An empty side gives no expression.
  std::optional<Expression> expression() {
    if (tok_.empty()) return std::nullopt;
    std::optional<std::string> table;
    // A trailing `(table review_litigation)` makes every id of the side row.col within that table.
    if (tok_.size() >= 4 && tok_.back() == ")" && tok_[tok_.size() - 4] == "(") {
      if (tok_[tok_.size() - 3] != "table") fail("a closing parenthesis is allowed only in a trailing (table NAME)");
      table = std::string(tok_[tok_.size() - 2]);
      if (table_rank(*table) >= 3) fail(fmt::format("\"{}\" is not a table of contract/categories.tsv", *table));
      tok_.resize(tok_.size() - 4);
      if (tok_.empty()) fail("(table NAME) qualifies nothing");
    }
    Expression e{std::string(text_), {}};
    int sign = 1;
    for (;;) {
      const bool sum = peek() == "sum";
      if (sum) {
        ++pos_;
        if (peek() != "of") fail("`sum` must be followed by `of`");
        ++pos_;
      }
      const std::string_view ref = next("a figure id");
      for (auto& f : figures(ref, table, sum)) e.operands.push_back({sign, std::move(f)});
      if (pos_ == tok_.size()) break;
      const std::string_view op = next("+ or -");
      if (op != "+" && op != "-") fail(fmt::format("expected + or - after a figure, found \"{}\"", op));
      sign = op == "+" ? 1 : -1;
      if (pos_ == tok_.size()) fail(fmt::format("nothing after the last \"{}\"", op));
    }
    return e;
  }

  // `the three rows' total - pending`: the rows the other side names (all in one table, as many as
  // the word says), each taken as `total - pending`, summed.
  bool is_rows_form() const { return !tok_.empty() && tok_[0] == "the"; }
  Expression rows_form(const Expression& other) {
    pos_ = 1;
    const std::string_view count_word = next("a count word");
    size_t count = 0;
    for (const auto& [w, n] : kCountWords)
      if (w == count_word) count = n;
    if (count == 0) fail(fmt::format("\"{}\" is not a count word (two … six)", count_word));
    if (next("rows'") != "rows'") fail("expected `rows'` after the count word");
    std::vector<std::string> rows;
    const std::string& table = other.operands.front().figure.table;
    for (const auto& o : other.operands) {
      if (o.figure.table != table) fail("`the N rows'` needs the other side's figures all in one table");
      if (std::find(rows.begin(), rows.end(), o.figure.row) == rows.end()) rows.push_back(o.figure.row);
    }
    if (rows.size() != count)
      fail(fmt::format("says {} rows but the other side names {} ({})", count, rows.size(), fmt::join(rows, ", ")));
    std::vector<std::pair<int, std::string>> cols;
    int sign = 1;
    for (;;) {
      const std::string_view col = next("a column id");
      if (!find_category(table, "col", col)) fail(fmt::format("\"{}\" is not a column of table {}", col, table));
      cols.emplace_back(sign, std::string(col));
      if (pos_ == tok_.size()) break;
      const std::string_view op = next("+ or -");
      if (op != "+" && op != "-") fail(fmt::format("expected + or - after a column, found \"{}\"", op));
      sign = op == "+" ? 1 : -1;
      if (pos_ == tok_.size()) fail(fmt::format("nothing after the last \"{}\"", op));
    }
    Expression e{std::string(text_), {}};
    for (const auto& row : rows)
      for (const auto& [s, col] : cols) e.operands.push_back({s, checked({table, row, col})});
    return e;
  }

 private:
  std::string_view peek() const { return pos_ < tok_.size() ? tok_[pos_] : std::string_view(); }
  std::string_view next(std::string_view what) {
    if (pos_ == tok_.size()) fail(fmt::format("expected {} at the end", what));
    return tok_[pos_++];
  }

  FigureRef checked(FigureRef f) const {
    if (!find_category(f.table, "row", f.row))
      fail(fmt::format("\"{}\" is not a row of table {} in contract/categories.tsv", f.row, f.table));
    if (!find_category(f.table, "col", f.col))
      fail(fmt::format("\"{}\" is not a column of table {} in contract/categories.tsv", f.col, f.table));
    if (!column_applies(f.table, f.row, f.col)) fail(fmt::format("column {} does not exist for row {}", f.col, f.row));
    return f;
  }

  // A figure id (table.row.col, or row.col under a table qualifier); after `sum of`, its row ends
  // in * and names every row of the table starting so.
  std::vector<FigureRef> figures(std::string_view ref, const std::optional<std::string>& table, bool sum) {
    if (ref == "+" || ref == "-" || ref == "(" || ref == ")") fail(fmt::format("expected a figure id, found \"{}\"", ref));
    const auto parts = split(ref, '.');
    const size_t want = table ? 2 : 3;
    if (parts.size() != want)
      fail(fmt::format("\"{}\" is not a figure id ({})", ref, table ? "row.col under (table …)" : "table.row.col"));
    FigureRef f{table ? *table : std::string(parts[0]), std::string(parts[want - 2]), std::string(parts[want - 1])};
    if (!table && table_rank(f.table) >= 3) fail(fmt::format("\"{}\" is not a table of contract/categories.tsv", f.table));
    if (f.col.find('*') != std::string::npos) fail(fmt::format("\"{}\": only a row may end in *", ref));
    const size_t star = f.row.find('*');
    if (!sum) {
      if (star != std::string::npos) fail(fmt::format("\"{}\": a pattern with * needs `sum of`", ref));
      return {checked(f)};
    }
    if (star == std::string::npos || star + 1 != f.row.size() || star == 0)
      fail(fmt::format("\"{}\": `sum of` needs a row pattern ending in * (withheld_*)", ref));
    const std::string prefix = f.row.substr(0, star);
    std::vector<FigureRef> out;
    for (const auto& row : category_ids(f.table, "row"))
      if (row.substr(0, prefix.size()) == prefix) out.push_back(checked({f.table, std::string(row), f.col}));
    if (out.empty()) fail(fmt::format("\"{}\" names no row of table {}", ref, f.table));
    return out;
  }

  std::string where_;
  std::string_view text_;
  std::vector<std::string_view> tok_;
  size_t pos_ = 0;
};

}  // namespace

bool IndicatorDef::reads(std::string_view table, std::string_view row, std::string_view col) const {
  auto in = [&](const Expression& e) {
    for (const auto& o : e.operands)
      if (o.figure.table == table && o.figure.row == row && o.figure.col == col) return true;
    return false;
  };
  return in(numerator) || (denominator && in(*denominator));
}

std::vector<IndicatorDef> parse_indicators(std::string_view tsv, std::string_view source) {
  std::vector<IndicatorDef> defs;
  size_t line_no = 0;
  bool header = true;
  for (std::string_view line : split(tsv, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    const auto fields = split(line, '\t');
    const std::string at = fmt::format("{} line {}", source, line_no);
    if (header) {
      if (fields.size() != std::size(kHeader) || !std::equal(fields.begin(), fields.end(), std::begin(kHeader)))
        throw IndicatorDefinitionError(fmt::format("{}: the header must be the {} columns {}", at, std::size(kHeader),
                                                   fmt::join(kHeader, " ")));
      header = false;
      continue;
    }
    if (fields.size() != std::size(kHeader))
      throw IndicatorDefinitionError(fmt::format("{}: {} fields, {} expected", at, fields.size(), std::size(kHeader)));
    IndicatorDef d;
    d.id = std::string(trim(fields[0]));
    const std::string where = fmt::format("{} ({})", at, d.id);
    if (d.id.empty()) throw IndicatorDefinitionError(at + ": the id is empty");
    for (const auto& other : defs)
      if (other.id == d.id) throw IndicatorDefinitionError(where + ": the id is defined twice");
    d.name_zh = std::string(trim(fields[1]));
    d.unit = std::string(trim(fields[4]));
    d.note = std::string(trim(fields[6]));
    if (d.unit != "%" && d.unit != "件")
      throw IndicatorDefinitionError(fmt::format("{}: unit \"{}\" is neither % (a rate) nor 件 (a count)", where, d.unit));
    SideParser num(where + ", numerator", trim(fields[2]));
    if (num.is_rows_form()) num.fail("`the N rows'` refers to the other side's rows: only a denominator may use it");
    auto numerator = num.expression();
    if (!numerator) throw IndicatorDefinitionError(where + ": the numerator is empty");
    d.numerator = std::move(*numerator);
    SideParser den(where + ", denominator", trim(fields[3]));
    d.denominator = den.is_rows_form() ? std::optional(den.rows_form(d.numerator)) : den.expression();
    if (d.unit == "%" && !d.denominator) throw IndicatorDefinitionError(where + ": a rate (%) needs a denominator");
    if (d.unit == "件" && d.denominator) throw IndicatorDefinitionError(where + ": a count (件) has no denominator");
    const std::string_view min = trim(fields[5]);
    if (!min.empty()) {
      long long v = 0;
      const auto [end, ec] = std::from_chars(min.data(), min.data() + min.size(), v);
      if (ec != std::errc() || end != min.data() + min.size() || v < 0)
        throw IndicatorDefinitionError(fmt::format("{}: min_denominator \"{}\" is not a whole number ≥ 0", where, min));
      if (!d.denominator) throw IndicatorDefinitionError(where + ": a count has no denominator to set a minimum on");
      d.min_denominator = static_cast<double>(v);
    }
    defs.push_back(std::move(d));
  }
  if (header) throw IndicatorDefinitionError(fmt::format("{}: empty (no header line)", source));
  return defs;
}

const std::vector<IndicatorDef>& indicator_defs() {
  static const std::vector<IndicatorDef> defs = parse_indicators(indicators_tsv(), "contract/indicators.tsv");
  return defs;
}

const IndicatorDef* find_indicator(std::string_view id) {
  for (const auto& d : indicator_defs())
    if (d.id == id) return &d;
  return nullptr;
}

}  // namespace xxgk
