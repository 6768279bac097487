// values.*, structure.* and the interval arithmetic amounts are compared with.
#include "tests/validate_fixtures.h"
#include "validate/interval.h"
#include "validate/rules.h"

#include <gtest/gtest.h>

namespace xxgk {
namespace {

using testing::huaian_2024;
using testing::seed_2024;
using testing::set_cell;

std::vector<Finding> run(std::string_view rule, const Report& r) {
  std::vector<Finding> out;
  find_rule(rule)->check(r, out);
  return out;
}

TEST(Interval, CountsAreExact) {
  EXPECT_TRUE(agree(printed_interval(3, 0, false), printed_interval(3, 0, false)));
  EXPECT_FALSE(agree(printed_interval(3, 0, false), printed_interval(4, 0, false)));
  EXPECT_FALSE(agree(printed_interval(2.5, 1, false), printed_interval(3, 0, false)));
}

TEST(Interval, AmountsStandForWhatRoundsToThem) {
  const Interval a = printed_interval(96171.6, 1, true);
  EXPECT_DOUBLE_EQ(a.lo, 96171.55);
  EXPECT_DOUBLE_EQ(a.hi, 96171.65);
  const Interval whole = printed_interval(12, 0, true);  // 12 万元 printed without decimals
  EXPECT_DOUBLE_EQ(whole.lo, 11.5);
  EXPECT_DOUBLE_EQ(whole.hi, 12.5);
  // 1.25 + 2.25 printed as 1.3 + 2.3 = 3.6, while the total printed to two places is 3.50: rounding
  // alone, so the sides agree; 3.40 cannot be reached by any values that round to 1.3 and 2.3.
  const Interval parts = printed_interval(1.3, 1, true) + printed_interval(2.3, 1, true);
  EXPECT_TRUE(agree(parts, printed_interval(3.50, 2, true)));
  EXPECT_TRUE(agree(parts, printed_interval(3.7, 1, true)));
  EXPECT_FALSE(agree(parts, printed_interval(3.40, 2, true)));
  EXPECT_FALSE(agree(parts, printed_interval(3.8, 1, true)));
}

TEST(Interval, BinaryFractionsDoNotFail) {
  const Interval s = printed_interval(0.1, 1, false) + printed_interval(0.2, 1, false);
  EXPECT_TRUE(agree(s, printed_interval(0.3, 1, false)));
}

TEST(Interval, OfAFigure) {
  Report r = huaian_2024();
  const Interval fee = printed_interval(*r.find("proactive", "fees", "amount"));
  EXPECT_DOUBLE_EQ(fee.lo, 96171.55);
  const Interval count = printed_interval(*r.find("requests", "new_received", "total"));
  EXPECT_EQ(count.lo, 3119);
  EXPECT_EQ(count.hi, 3119);
}

TEST(ValuesNegative, PassFailAndBlank) {
  EXPECT_TRUE(run("values.negative", huaian_2024()).empty());
  Report r = huaian_2024();
  set_cell(r, "proactive", "normative_documents", "repealed", "-26");
  auto fs = run("values.negative", r);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].severity, "error");
  EXPECT_EQ(fs[0].status, "fail");
  EXPECT_EQ(fs[0].table, "proactive");
  EXPECT_EQ(fs[0].row, "normative_documents");
  EXPECT_EQ(fs[0].col, "repealed");
  EXPECT_EQ(fs[0].expected, std::nullopt);
  EXPECT_EQ(fs[0].actual, -26);
  ASSERT_EQ(fs[0].cells.size(), 1u);
  EXPECT_EQ(fs[0].cells[0].page, 3);
  EXPECT_EQ(fs[0].message_zh, "主动公开情况表“行政规范性文件”行“本年废止件数”列（第3页）印为“-26”，该项不应为负数");
  EXPECT_EQ(fs[0].message_en,
            "proactive.normative_documents.repealed (page 3) prints \"-26\"; this figure cannot be negative");
  set_cell(r, "proactive", "normative_documents", "repealed", "-26件");
  EXPECT_EQ(run("values.negative", r)[0].message_zh,
            "主动公开情况表“行政规范性文件”行“本年废止件数”列（第3页）印为“-26件”（即-26），该项不应为负数");
  // A blank or a mark has no number to judge: not passed silently, but reported by structure.blank_cells.
  set_cell(r, "proactive", "normative_documents", "repealed", "");
  EXPECT_TRUE(run("values.negative", r).empty());
  auto blank = run("structure.blank_cells", r);
  ASSERT_EQ(blank.size(), 1u);
  EXPECT_EQ(blank[0].cells[0].col, "repealed");
}

TEST(ValuesNegative, ChangeColumnMayBeNegative) {
  Report r = huaian_2024();
  set_cell(r, "proactive", "licensing", "change", "减4");
  EXPECT_EQ(r.find("proactive", "licensing", "change")->value, -4);
  EXPECT_TRUE(run("values.negative", r).empty());
}

TEST(ValuesNonInteger, PassFailAndAmounts) {
  EXPECT_TRUE(run("values.non_integer", huaian_2024()).empty());
  Report r = huaian_2024();
  set_cell(r, "proactive", "fees", "amount", "96171.65");  // an amount may carry decimals
  EXPECT_TRUE(run("values.non_integer", r).empty());
  set_cell(r, "proactive", "licensing", "decisions", "447228.5");
  auto fs = run("values.non_integer", r);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].severity, "warning");
  EXPECT_EQ(fs[0].status, "fail");
  EXPECT_EQ(fs[0].row, "licensing");
  EXPECT_EQ(fs[0].col, "decisions");
  EXPECT_EQ(fs[0].actual, 447228.5);
  EXPECT_EQ(fs[0].message_zh, "主动公开情况表“行政许可”行“本年处理决定数量”列（第3页）印为“447228.5”，而件数应为整数");
  EXPECT_EQ(fs[0].message_en, "proactive.licensing.decisions (page 3) prints \"447228.5\"; a count must be a whole number");
  set_cell(r, "proactive", "licensing", "decisions", "约四十万");  // text: blank_cells reports it
  EXPECT_TRUE(run("values.non_integer", r).empty());
}

TEST(StructureMissingTable, PresentAndMissing) {
  EXPECT_TRUE(run("structure.missing_table", huaian_2024()).empty());
  Report r = huaian_2024();
  std::erase_if(r.figures, [](const Figure& f) { return f.table == "review_litigation"; });
  auto fs = run("structure.missing_table", r);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].severity, "error");
  EXPECT_EQ(fs[0].table, "review_litigation");
  EXPECT_EQ(fs[0].message_zh, "未找到行政复议、行政诉讼情况表（第四部分的统计表）");
  EXPECT_EQ(fs[0].message_en, "table review_litigation (the table of part 4) was not found in the document");
  // Rules on a missing table's lines are not run: there is nothing printed to assess.
  EXPECT_TRUE(run("review_litigation.total", r).empty());
}

TEST(StructureMissingSection, PresentAndMissing) {
  EXPECT_TRUE(run("structure.missing_section", huaian_2024()).empty());
  Report r = huaian_2024();
  std::erase_if(r.sections, [](const auto& s) { return s.first == "problems"; });
  auto fs = run("structure.missing_section", r);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].severity, "warning");
  EXPECT_EQ(fs[0].table, std::nullopt);
  EXPECT_EQ(fs[0].message_zh, "未找到第五部分“存在的主要问题及改进情况”");
  EXPECT_EQ(fs[0].message_en, "part 5 (problems, \"存在的主要问题及改进情况\") was not found");
}

TEST(StructureBlankCells, InfoUpToThreeWarningAbove) {
  EXPECT_TRUE(run("structure.blank_cells", huaian_2024()).empty());
  Report r = huaian_2024();
  set_cell(r, "requests", "granted", "research", "");
  set_cell(r, "requests", "granted", "social_welfare", "/");
  auto fs = run("structure.blank_cells", r);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].severity, "info");
  EXPECT_EQ(fs[0].actual, 2);
  EXPECT_EQ(fs[0].message_zh,
            "依申请公开情况表有2个单元格为空或不是数字：“三、本年度办理结果（一）予以公开”行“法人或其他组织 科研机构”列（第4页）为空、"
            "“三、本年度办理结果（一）予以公开”行“法人或其他组织 社会公益组织”列（第4页）印为“/”");
  EXPECT_EQ(fs[0].message_en,
            "table requests has 2 cell(s) blank or not a number: granted.research (page 4) is blank, granted.social_welfare (page "
            "4) prints \"/\"");
  for (auto col : {"natural_person", "commercial"}) set_cell(r, "requests", "granted", col, "");
  fs = run("structure.blank_cells", r);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].severity, "warning");
  EXPECT_EQ(fs[0].actual, 4);
  EXPECT_EQ(fs[0].cells.size(), 4u);
}

}  // namespace
}  // namespace xxgk
