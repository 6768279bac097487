#include "validate/cross_year.h"

#include "model/categories.h"
#include "text/text.h"
#include "validate/findings.h"
#include "validate/rules.h"
#include "validate/validator.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

namespace xxgk {
namespace {

// Words that name the government of a place rather than a separate agency, and the endings of a
// place name they may follow. Longest first.
constexpr std::array<std::string_view, 4> kGovernmentWords = {"人民政府", "政府", "办事处", "公署"};
constexpr std::array<std::string_view, 11> kPlaceEndings = {"自治区", "自治州", "自治县", "街道", "省", "市",
                                                            "区",     "县",     "旗",     "镇",   "乡"};

bool ends_with(std::string_view s, std::string_view e) {
  return s.size() >= e.size() && s.substr(s.size() - e.size()) == e;
}

}  // namespace

std::string agency_key(const std::string& agency) {
  std::string k = label_key_without_asides(agency);
  for (auto w : kGovernmentWords) {
    if (!ends_with(k, w) || k.size() == w.size()) continue;
    const std::string place = k.substr(0, k.size() - w.size());
    for (auto e : kPlaceEndings)
      if (ends_with(place, e)) return place;
    break;
  }
  return k;
}

bool consecutive_years(const Report& previous, const Report& current) {
  if (!previous.report.agency || !current.report.agency || !previous.report.year || !current.report.year) return false;
  const std::string k = agency_key(*current.report.agency);
  return !k.empty() && k == agency_key(*previous.report.agency) && *previous.report.year + 1 == *current.report.year;
}

namespace {

bool has_table(const Report& r, std::string_view table) {
  for (const auto& f : r.figures)
    if (f.table == table) return true;
  return false;
}

// "2023年报告（reports/a.pdf）" / "the 2023 report (reports/a.pdf)".
std::string previous_zh(const Report& prev) {
  return fmt::format("{}年报告（{}）", prev.report.year ? std::to_string(*prev.report.year) : "上一年", prev.source.path);
}
std::string previous_en(const Report& prev) {
  return fmt::format("the {} report ({})", prev.report.year ? std::to_string(*prev.report.year) : "previous",
                     prev.source.path);
}

std::string page_zh(const Figure& f) { return f.page ? fmt::format("（第{}页）", *f.page) : ""; }
std::string page_en(const Figure& f) { return f.page ? fmt::format(" (page {})", *f.page) : ""; }

// An operand of a cross-year rule: a cell of the current or the previous report.
struct Operand {
  const Report* report;
  std::string_view row, col;
  const Figure* figure;
  bool previous;
};

void mark_unassessable(Finding& f, const std::string& where_zh, const std::string& where_en, std::string_view check_zh,
                       std::string_view check_en, const std::vector<Operand>& ops, std::string_view table) {
  f.status = "not_assessable";
  f.severity = std::string(kNotAssessableSeverity);
  std::vector<std::string> zh, en;
  for (const auto& o : ops) {
    if (o.figure && o.figure->value) continue;
    const std::string who_zh = o.previous ? previous_zh(*o.report) : "本年";
    const std::string who_en = o.previous ? previous_en(*o.report) + " " : "";
    const CellAddress a{std::string(table), std::string(o.row), std::string(o.col), o.figure ? o.figure->page : std::nullopt};
    if (!o.figure) {
      zh.push_back(who_zh + cell_on_line(a, "") + "未印出");
      en.push_back(who_en + cell_on_line_en(a, "") + " is not printed");
    } else {
      zh.push_back(who_zh + unreadable_zh(*o.figure, ""));
      en.push_back(who_en + unreadable_en(*o.figure, ""));
    }
  }
  f.message_zh = fmt::format("{}：{}，无法核对{}", where_zh, fmt::join(zh, "、"), check_zh);
  f.message_en = fmt::format("{}: {}, so {} cannot be checked", where_en, fmt::join(en, ", "), check_en);
}

// cross_year.carry: carried_forward(Y-1) = carried_over(Y), per column.
void check_carry(const Report& prev, const Report& cur, std::vector<Finding>& out) {
  if (!has_table(cur, "requests") || !has_table(prev, "requests")) return;
  for (auto col : category_ids("requests", "col")) {
    const Figure* now = cur.find("requests", "carried_over", col);
    const Figure* before = prev.find("requests", "carried_forward", col);
    if (!now && !before) continue;  // neither year prints this column
    Finding f = make_finding("cross_year.carry", std::string("requests"));
    f.row = "carried_over";
    f.col = std::string(col);
    f.cells.push_back(CellAddress{"requests", "carried_over", std::string(col), now ? now->page : std::nullopt});
    const std::string where_zh = line_name("requests", "col", col);
    const std::string where_en = line_name_en("requests", "col", col);
    if (!now || !now->value || !before || !before->value) {
      mark_unassessable(f, where_zh, where_en, "与上年“结转下年度继续办理”的衔接", "the carry from last year",
                        {{&cur, "carried_over", col, now, false}, {&prev, "carried_forward", col, before, true}},
                        "requests");
      if (now && now->value) f.actual = *now->value;
      if (before && before->value) f.expected = *before->value;
      out.push_back(std::move(f));
      continue;
    }
    if (*now->value == *before->value) continue;
    f.expected = *before->value;
    f.actual = *now->value;
    f.message_zh = fmt::format("{}：本年“二、上年结转政府信息公开申请数量”印为{}{}，而{}“四、结转下年度继续办理”为{}{}，两者应相等",
                               where_zh, num(*now->value), page_zh(*now), previous_zh(prev), num(*before->value),
                               page_zh(*before));
    f.message_en = fmt::format("{}: carried_over prints {}{}, but {} carried forward {}{}; the two must be equal", where_en,
                               num(*now->value), page_en(*now), previous_en(prev), num(*before->value), page_en(*before));
    out.push_back(std::move(f));
  }
}

// cross_year.in_force: in_force(Y) = in_force(Y-1) + issued(Y) - repealed(Y).
void check_in_force(const Report& prev, const Report& cur, std::vector<Finding>& out) {
  for (std::string_view row : {"regulations", "normative_documents"}) {
    const Figure* now = cur.find("proactive", row, "in_force");
    const Figure* before = prev.find("proactive", row, "in_force");
    // A 2019-format table has no 现行有效件数 column: nothing to carry on.
    if (!now || !before) continue;
    const Figure* issued = cur.find("proactive", row, "issued");
    const Figure* repealed = cur.find("proactive", row, "repealed");
    Finding f = make_finding("cross_year.in_force", std::string("proactive"));
    f.row = std::string(row);
    f.col = "in_force";
    for (auto [c, x] : {std::pair{"in_force", now}, {"issued", issued}, {"repealed", repealed}})
      f.cells.push_back(CellAddress{"proactive", std::string(row), c, x ? x->page : std::nullopt});
    const std::string where_zh = line_name("proactive", "row", row);
    const std::string where_en = line_name_en("proactive", "row", row);
    const bool readable = now->value && before->value && issued && issued->value && repealed && repealed->value;
    if (!readable) {
      mark_unassessable(f, where_zh, where_en, "现行有效件数的跨年度衔接", "in_force across the years",
                        {{&prev, row, "in_force", before, true},
                         {&cur, row, "issued", issued, false},
                         {&cur, row, "repealed", repealed, false},
                         {&cur, row, "in_force", now, false}},
                        "proactive");
      if (now->value) f.actual = *now->value;
      if (before->value && issued && issued->value && repealed && repealed->value)
        f.expected = *before->value + *issued->value - *repealed->value;
      out.push_back(std::move(f));
      continue;
    }
    const double expected = *before->value + *issued->value - *repealed->value;
    if (expected == *now->value) continue;
    f.expected = expected;
    f.actual = *now->value;
    f.message_zh = fmt::format("{}：{}现行有效{}件{}，加本年制发{}件、减本年废止{}件应为{}件，而本年现行有效件数印为{}{}",
                               where_zh, previous_zh(prev), num(*before->value), page_zh(*before), num(*issued->value),
                               num(*repealed->value), num(expected), num(*now->value), page_zh(*now));
    f.message_en = fmt::format("{}: {} had {} in force{}; + issued {} - repealed {} = {}, but in_force prints {}{}", where_en,
                               previous_en(prev), num(*before->value), page_en(*before), num(*issued->value),
                               num(*repealed->value), num(expected), num(*now->value), page_en(*now));
    out.push_back(std::move(f));
  }
}

}  // namespace

std::vector<Finding> check_cross_year(const Report& prev, const Report& cur) {
  std::vector<Finding> out;
  check_carry(prev, cur, out);
  check_in_force(prev, cur, out);
  sort_findings(out);
  return out;
}

}  // namespace xxgk
