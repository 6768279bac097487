#include "validate/findings.h"

#include "model/categories.h"
#include "validate/rules.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

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
  if (std::floor(v) == v && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
  std::string s = fmt::format("{:.6f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
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

std::string cell_name(const Figure& f) {
  std::string page = f.page ? fmt::format("（第{}页）", *f.page) : "";
  return fmt::format("{}“{}”行“{}”列{}", table_name_zh(f.table), label_zh(f.table, "row", f.row),
                     label_zh(f.table, "col", f.col), page);
}

std::string cell_name_en(const Figure& f) {
  std::string page = f.page ? fmt::format(" (page {})", *f.page) : "";
  return fmt::format("{}.{}.{}{}", f.table, f.row, f.col, page);
}

void not_assessable(Finding& f, const std::string& where, const std::vector<const Figure*>& unreadable, int missing) {
  f.status = "not_assessable";
  f.severity = std::string(kNotAssessableSeverity);
  std::vector<std::string> zh, en;
  for (const Figure* x : unreadable) {
    zh.push_back(fmt::format("“{}”行“{}”列{}", label_zh(x->table, "row", x->row), label_zh(x->table, "col", x->col),
                             x->raw.empty() ? "为空" : fmt::format("印为“{}”", x->raw)));
    en.push_back(fmt::format("{}.{} {}", x->row, x->col, x->raw.empty() ? "is blank" : "prints \"" + x->raw + "\""));
  }
  if (missing) {
    zh.push_back(fmt::format("{}个单元格未能读出", missing));
    en.push_back(fmt::format("{} cell(s) could not be read", missing));
  }
  const std::string_view table = f.table ? std::string_view(*f.table) : std::string_view();
  const std::string_view axis = f.row ? "row" : "col";
  const std::string_view id = f.row ? std::string_view(*f.row) : (f.col ? std::string_view(*f.col) : "");
  f.message_zh = fmt::format("{}无法核对：{}", where, fmt::join(zh, "，"));
  f.message_en = fmt::format("{}: cannot be checked: {}", line_name_en(table, axis, id), fmt::join(en, ", "));
}

bool is_amount(std::string_view table, std::string_view col) {
  return table == "proactive" && (col == "amount" || col == "procurement_amount");
}

}  // namespace xxgk
