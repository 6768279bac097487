#include "validate/findings.h"

#include "model/categories.h"
#include "validate/rules.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

namespace xxgk {

Finding make_finding(std::string_view rule, std::optional<std::string> table) {
  Finding f;
  f.rule = std::string(rule);
  const RuleDef* def = find_rule(rule);
  f.severity = def ? std::string(def->severity) : "warning";
  f.status = "fail";
  f.table = std::move(table);
  return f;
}

std::string num(double v) {
  if (v == 0) return "0";  // never "-0"
  if (std::floor(v) == v && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
  std::string s = fmt::format("{:.6f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool is_amount(std::string_view table, std::string_view col) {
  return table == "proactive" && (col == "amount" || col == "procurement_amount");
}

std::string table_name_zh(std::string_view table) {
  if (table == "proactive") return "主动公开情况表";
  if (table == "requests") return "依申请公开情况表";
  if (table == "review_litigation") return "行政复议、行政诉讼情况表";
  return std::string(table);
}

std::string label_zh(std::string_view table, std::string_view axis, std::string_view id) {
  const CategoryDef* d = find_category(table, axis, id);
  if (!d) return std::string(id.substr(0, 2) == "x_" ? id.substr(2) : id);
  std::string s(d->label_zh);
  // "本年处理决定数量 (2019: 处理决定数量)" → the 2021 label; "(one row)" notes dropped.
  if (auto p = s.find(" ("); p != std::string::npos) s = s.substr(0, p);
  return s;
}

std::string line_name(std::string_view table, std::string_view axis, std::string_view id) {
  return fmt::format("{}“{}”{}", table_name_zh(table), label_zh(table, axis, id), axis == "row" ? "行" : "列");
}

std::string line_name_en(std::string_view table, std::string_view axis, std::string_view id) {
  return fmt::format("{} table, {} {}", table, axis == "row" ? "row" : "column", id);
}

namespace {

std::string page_zh(std::optional<int> p) { return p ? fmt::format("（第{}页）", *p) : ""; }
std::string page_en(std::optional<int> p) { return p ? fmt::format(" (page {})", *p) : ""; }

}  // namespace

CellAddress address_of(const Figure& f) { return CellAddress{f.table, f.row, f.col, f.page}; }

std::string cell_name(const CellAddress& c) {
  return fmt::format("{}“{}”行“{}”列{}", table_name_zh(c.table), label_zh(c.table, "row", c.row),
                     label_zh(c.table, "col", c.col), page_zh(c.page));
}

std::string cell_name_en(const CellAddress& c) { return fmt::format("{}.{}.{}{}", c.table, c.row, c.col, page_en(c.page)); }

std::string cell_name(const Figure& f) { return cell_name(address_of(f)); }
std::string cell_name_en(const Figure& f) { return cell_name_en(address_of(f)); }

std::string cell_on_line(const CellAddress& c, std::string_view line_axis) {
  if (line_axis == "row") return fmt::format("“{}”列{}", label_zh(c.table, "col", c.col), page_zh(c.page));
  if (line_axis == "col") return fmt::format("“{}”行{}", label_zh(c.table, "row", c.row), page_zh(c.page));
  return fmt::format("“{}”行“{}”列{}", label_zh(c.table, "row", c.row), label_zh(c.table, "col", c.col), page_zh(c.page));
}

std::string cell_on_line_en(const CellAddress& c, std::string_view line_axis) {
  if (line_axis == "row") return c.col + page_en(c.page);
  if (line_axis == "col") return c.row + page_en(c.page);
  return c.row + "." + c.col + page_en(c.page);
}

namespace {

// The distinct known pages of the cells, ascending; empty when any page is unknown.
std::vector<int> pages_of(const std::vector<CellAddress>& cells) {
  std::vector<int> pages;
  for (const auto& c : cells) {
    if (!c.page) return {};
    pages.push_back(*c.page);
  }
  std::sort(pages.begin(), pages.end());
  pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
  return pages;
}

}  // namespace

std::string pages_zh(const std::vector<CellAddress>& cells) {
  auto p = pages_of(cells);
  if (p.empty()) return "";
  if (p.size() == 1) return fmt::format("（第{}页）", p.front());
  return fmt::format("（第{}–{}页）", p.front(), p.back());
}

std::string pages_en(const std::vector<CellAddress>& cells) {
  auto p = pages_of(cells);
  if (p.empty()) return "";
  if (p.size() == 1) return fmt::format(" (page {})", p.front());
  return fmt::format(" (pages {}–{})", p.front(), p.back());
}

std::string unreadable_zh(const Figure& f, std::string_view line_axis) {
  return cell_on_line(address_of(f), line_axis) + (f.raw.empty() ? "为空" : fmt::format("印为“{}”", f.raw));
}

std::string unreadable_en(const Figure& f, std::string_view line_axis) {
  return cell_on_line_en(address_of(f), line_axis) + (f.raw.empty() ? " is blank" : fmt::format(" prints \"{}\"", f.raw));
}

namespace {
constexpr size_t kNamedOperands = 5;
}  // namespace

void mark_not_assessable(Finding& f, const std::string& where_zh, const std::string& where_en, std::string_view check_zh,
                         std::string_view check_en, const Unassessable& why, std::string_view line_axis) {
  f.status = "not_assessable";
  f.severity = std::string(kNotAssessableSeverity);
  // Where the whole line stands on one page, `where` says so already.
  const bool one_page = pages_of(f.cells).size() == 1;
  std::vector<std::string> zh, en;
  for (const Figure* x : why.unreadable) {
    Figure shown = *x;
    if (one_page) shown.page.reset();
    zh.push_back(unreadable_zh(shown, line_axis));
    en.push_back(unreadable_en(shown, line_axis));
  }
  for (auto c : why.missing) {
    if (one_page) c.page.reset();
    zh.push_back(cell_on_line(c, line_axis) + "未印出");
    en.push_back(cell_on_line_en(c, line_axis) + " is not printed");
  }
  // The cells list every operand; the sentence names the first few.
  const size_t n = zh.size();
  if (n > kNamedOperands) {
    zh.resize(kNamedOperands);
    en.resize(kNamedOperands);
    zh.back() += fmt::format("等，共{}个单元格为空、不是数字或未印出", n);
    en.back() += fmt::format(", … ({} cells in all)", n);
  }
  f.message_zh = fmt::format("{}：{}，无法核对{}", where_zh, fmt::join(zh, "、"), check_zh);
  f.message_en = fmt::format("{}: {}, so {} cannot be checked", where_en, fmt::join(en, ", "), check_en);
}

}  // namespace xxgk
