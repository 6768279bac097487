#include "validate/text_rules.h"

#include "validate/findings.h"
#include "validate/rules.h"
#include "validate/statements.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace xxgk {
namespace {

struct Part {
  std::string_view key, zh, en;
};

// Where a statement stands: the opening paragraphs before part 一, or one of the six parts.
constexpr Part kParts[] = {
    {"intro", "报告开头", "the opening"},
    {"overview", "第一部分（总体情况）", "part 1 (overview)"},
    {"proactive", "第二部分（主动公开政府信息情况）", "part 2 (proactive)"},
    {"requests", "第三部分（收到和处理政府信息公开申请情况）", "part 3 (requests)"},
    {"review_litigation", "第四部分（政府信息公开行政复议、行政诉讼情况）", "part 4 (review_litigation)"},
    {"problems", "第五部分（存在的主要问题及改进情况）", "part 5 (problems)"},
    {"other", "第六部分（其他需要报告的事项）", "part 6 (other)"},
};

const Part& part_named(std::string_view key) {
  for (const auto& p : kParts)
    if (p.key == key) return p;
  return kParts[0];
}

struct Said {
  Statement statement;
  const Part* part;
};

// The table cells a target names, read from the report.
struct TargetCells {
  std::vector<CellAddress> cells;
  std::vector<const Figure*> figures;
  Unassessable why;
  double sum = 0;
};

TargetCells read_target(const Report& r, const TextTarget& t) {
  TargetCells c;
  for (auto [row, col] : t.cells) {
    const Figure* f = r.find(t.table, row, col);
    CellAddress a{std::string(t.table), std::string(row), std::string(col), f ? f->page : std::nullopt};
    c.cells.push_back(a);
    c.figures.push_back(f);
    if (!f) c.why.missing.push_back(a);
    else if (!f->value) c.why.unreadable.push_back(f);
    else c.sum += *f->value;
  }
  return c;
}

// "依申请公开情况表“一、本年新收政府信息公开申请数量”行“总计”列（第4页）" or, for a sum,
// "行政复议、行政诉讼情况表“行政诉讼 未经复议直接起诉”行“总计”列与“行政诉讼 复议后起诉”行“总计”列（第5页）之和".
std::string cells_zh(const TargetCells& c) {
  if (c.cells.size() == 1) return cell_name(c.cells.front());
  std::vector<std::string> names;
  for (const auto& a : c.cells) names.push_back(cell_on_line(CellAddress{a.table, a.row, a.col, std::nullopt}, ""));
  return fmt::format("{}{}{}之和", table_name_zh(c.cells.front().table), fmt::join(names, "与"), pages_zh(c.cells));
}

std::string cells_en(const TargetCells& c) {
  std::vector<std::string> names;
  for (const auto& a : c.cells) names.push_back(a.table + "." + a.row + "." + a.col);
  if (names.size() == 1) return names.front() + pages_en(c.cells);
  return fmt::format("the sum of {}{}", fmt::join(names, " and "), pages_en(c.cells));
}

bool table_printed(const Report& r, std::string_view table) {
  return std::any_of(r.figures.begin(), r.figures.end(), [&](const Figure& f) { return f.table == table; });
}

}  // namespace

void check_text_vs_table(const Report& r, std::vector<Finding>& out) {
  std::vector<Said> said;
  auto scan = [&](std::string_view key, const std::string& text) {
    for (auto& s : find_statements(text, r.report.year)) said.push_back(Said{std::move(s), &part_named(key)});
  };
  if (!r.intro.empty()) scan("intro", r.intro);
  for (const auto& [key, text] : r.sections) scan(key, text);

  for (const auto& t : text_targets()) {
    std::vector<const Said*> about;
    for (const auto& s : said)
      if (s.statement.target == t.id) about.push_back(&s);
    // A missing table is structure.missing_table's finding; the text has nothing to be held against.
    if (about.empty() || !table_printed(r, t.table)) continue;
    const TargetCells c = read_target(r, t);
    const bool readable = c.why.empty();
    // Where the text states the figure as the table prints it, any other value it gives for the same
    // cell is a subset or another scope (区政府办代表区政府受理17件 beside a district's 95): not tied.
    if (readable && std::any_of(about.begin(), about.end(), [&](const Said* s) {
          return static_cast<double>(s->statement.value) == c.sum;
        }))
      continue;
    std::vector<long long> reported;  // one finding per value stated, at its first statement
    for (const Said* s : about) {
      const Statement& st = s->statement;
      if (std::find(reported.begin(), reported.end(), st.value) != reported.end()) continue;
      reported.push_back(st.value);
      Finding f = make_finding("text.vs_table", std::string(t.table));
      if (!t.row.empty()) f.row = std::string(t.row);
      if (!t.col.empty()) f.col = std::string(t.col);
      f.cells = c.cells;
      f.actual = static_cast<double>(st.value);
      const std::string said_zh = fmt::format("{}“{}”称{}{}件", s->part->zh, st.quote, t.what_zh, st.value);
      const std::string said_en = fmt::format("{} says \"{}\" ({}: {})", s->part->en, st.quote, t.what_en, st.value);
      if (!readable) {
        f.status = "not_assessable";
        f.severity = std::string(kNotAssessableSeverity);
        std::vector<std::string> zh, en;
        for (const Figure* x : c.why.unreadable) {
          zh.push_back(unreadable_zh(*x, ""));
          en.push_back(unreadable_en(*x, ""));
        }
        for (const auto& a : c.why.missing) {
          zh.push_back(cell_on_line(a, "") + "未印出");
          en.push_back(cell_on_line_en(a, "") + " is not printed");
        }
        f.message_zh = fmt::format("{}，但{}{}，无法核对", said_zh, table_name_zh(t.table), fmt::join(zh, "、"));
        f.message_en = fmt::format("{}, but in table {} {}, so the statement cannot be checked", said_en, t.table,
                                   fmt::join(en, ", "));
      } else {
        f.expected = c.sum;
        f.message_zh = fmt::format("{}，而{}为{}", said_zh, cells_zh(c), num(c.sum));
        f.message_en = fmt::format("{}, but {} is {}", said_en, cells_en(c), num(c.sum));
      }
      out.push_back(std::move(f));
    }
  }
}

}  // namespace xxgk
