// Rules on the shape of a report: its tables, its parts, its blank cells.
#include "model/categories.h"
#include "validate/findings.h"
#include "validate/table_rules.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

namespace xxgk {
namespace {

constexpr std::array<const char*, 3> kTablePart = {"二", "三", "四"};

}  // namespace

void check_missing_table(const Report& r, std::vector<Finding>& out) {
  for (auto table : kTables) {
    bool present = false;
    for (const auto& f : r.figures)
      if (f.table == table) { present = true; break; }
    if (present) continue;
    Finding f = make_finding("structure.missing_table", std::string(table));
    f.message_zh = fmt::format("未找到{}（第{}部分的统计表）", table_name_zh(table), kTablePart[table_rank(table)]);
    f.message_en = fmt::format("table {} (the table of part {}) was not found in the document", table,
                               table_rank(table) + 2);
    out.push_back(std::move(f));
  }
}

void check_missing_section(const Report& r, std::vector<Finding>& out) {
  static const std::array<const char*, 6> kPartNumber = {"一", "二", "三", "四", "五", "六"};
  static const std::array<const char*, 6> zh = {"总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                                                "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况",
                                                "其他需要报告的事项"};
  for (size_t i = 0; i < 6; ++i) {
    if (r.section(kSectionKeys[i])) continue;
    Finding f = make_finding("structure.missing_section", std::nullopt);
    f.message_zh = fmt::format("未找到第{}部分“{}”", kPartNumber[i], zh[i]);
    f.message_en = fmt::format("part {} ({}, \"{}\") was not found", i + 1, kSectionKeys[i], zh[i]);
    // A heading numbered as this part that matches none of its known headings: quoted, so a reader
    // sees what the report printed there.
    for (const auto& [part, heading] : r.unplaced_headings)
      if (part == static_cast<int>(i)) {
        f.message_zh += fmt::format("；报告中编号为该部分的标题“{}”与该部分的已知标题均不相符", heading);
        f.message_en += fmt::format("; the report numbers the heading \"{}\" as this part, but it matches none of "
                                    "the part's known headings",
                                    heading);
        break;
      }
    out.push_back(std::move(f));
  }
}

void check_blank_cells(const Report& r, std::vector<Finding>& out) {
  for (auto table : kTables) {
    std::vector<const Figure*> blank;
    for (const auto& f : r.figures)
      if (f.table == table && !f.value) blank.push_back(&f);
    if (blank.empty()) continue;
    Finding f = make_finding("structure.blank_cells", std::string(table));
    f.severity = blank.size() <= 3 ? "info" : "warning";
    f.actual = static_cast<double>(blank.size());
    std::vector<std::string> zh, en;
    for (const Figure* b : blank) {
      f.cells.push_back(address_of(*b));
      if (zh.size() < 5) {
        zh.push_back(unreadable_zh(*b, ""));
        en.push_back(unreadable_en(*b, ""));
      }
    }
    const std::string more_zh = blank.size() > 5 ? std::string("等") : "";
    const std::string more_en = blank.size() > 5 ? ", …" : "";
    f.message_zh = fmt::format("{}有{}个单元格为空或不是数字：{}{}", table_name_zh(table), blank.size(),
                               fmt::join(zh, "、"), more_zh);
    f.message_en = fmt::format("table {} has {} cell(s) blank or not a number: {}{}", table, blank.size(),
                               fmt::join(en, ", "), more_en);
    out.push_back(std::move(f));
  }
}

}  // namespace xxgk
