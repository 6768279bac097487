// Number semantics of table cells: a blank is not a zero, marks are kept, units and signs read.
#include "text/numbers.h"

#include <gtest/gtest.h>

namespace xxgk {
namespace {

void expect_number(std::string_view raw, double value, int decimals = 0, bool change = false) {
  const CellValue v = parse_cell(raw, change);
  EXPECT_EQ(v.kind, CellKind::Number) << raw;
  ASSERT_TRUE(v.value.has_value()) << raw;
  EXPECT_EQ(*v.value, value) << raw;
  EXPECT_EQ(v.decimals, decimals) << raw;
}

void expect_kind(std::string_view raw, CellKind kind, bool change = false) {
  const CellValue v = parse_cell(raw, change);
  EXPECT_EQ(v.kind, kind) << raw;
  EXPECT_FALSE(v.value.has_value()) << raw;
}

TEST(ParseCell, Integers) {
  expect_number("0", 0);
  expect_number("12", 12);
  expect_number(" 447228 ", 447228);
  expect_number("\u3000３１１９\u00A0", 3119);
}

TEST(ParseCell, ThousandsSeparators) {
  expect_number("1,234", 1234);
  expect_number("3,985,758", 3985758);
  expect_number("１，２３４", 1234);
  expect_number("1 234", 1234);
  expect_kind("12,34", CellKind::Text);
  expect_kind("1,2345", CellKind::Text);
}

TEST(ParseCell, DecimalsForAmountsKeepTheirPrecision) {
  expect_number("96171.6", 96171.6, 1);
  expect_number("4068.208", 4068.208, 3);
  expect_number("52.15", 52.15, 2);
  expect_number("0.0000", 0, 4);
}

TEST(ParseCell, TrailingUnits) {
  expect_number("0件", 0);
  expect_number("１２件", 12);
  expect_number("96171.6万元", 96171.6, 1);
  expect_number("251000元", 251000);
  EXPECT_EQ(parse_cell("251000元").unit, "元");
  EXPECT_EQ(parse_cell("3.5万元").unit, "万元");
  EXPECT_EQ(parse_cell("35").unit, "");
  expect_kind("件", CellKind::Text);
}

TEST(ParseCell, BlankIsNeverZero) {
  expect_kind("", CellKind::Blank);
  expect_kind("   ", CellKind::Blank);
  expect_kind("\u3000\u00A0\n", CellKind::Blank);
}

TEST(ParseCell, NotApplicableMarksKeepANullValue) {
  for (std::string_view mark : {"/", "／", "—", "——", "-", "--", "－", "–", "无", "不适用", "不涉及", "暂无", "\\", "///"})
    expect_kind(mark, CellKind::NotApplicable);
}

TEST(ParseCell, ChangeColumnSigns) {
  expect_number("减4", -4, 0, true);
  expect_number("减少4", -4, 0, true);
  expect_number("增3", 3, 0, true);
  expect_number("增加3", 3, 0, true);
  expect_number("-4", -4, 0, true);
  expect_number("+3", 3, 0, true);
  expect_number("4", 4, 0, true);
  expect_number("减4件", -4, 0, true);
  expect_number("－4", -4, 0, true);
  expect_kind("—", CellKind::NotApplicable, true);
  expect_kind("/", CellKind::NotApplicable, true);
}

TEST(ParseCell, SignWordsOutsideTheChangeColumnAreText) {
  expect_kind("减4", CellKind::Text);
  expect_kind("增3", CellKind::Text);
  expect_number("-4", -4);  // read; values.negative flags it
}

TEST(ParseCell, TextIsText) {
  expect_kind("行政许可", CellKind::Text);
  expect_kind("(cid:1234)", CellKind::Text);
  expect_kind("1.2.3", CellKind::Text);
  expect_kind("12%", CellKind::Text);
}

TEST(ParseCountText, ArabicChineseAndUnits) {
  EXPECT_EQ(parse_count_text("25"), 25);
  EXPECT_EQ(parse_count_text("２５"), 25);
  EXPECT_EQ(parse_count_text("1,499"), 1499);
  EXPECT_EQ(parse_count_text("二十五件"), 25);
  EXPECT_EQ(parse_count_text("一百零三"), 103);
  EXPECT_EQ(parse_count_text("134件"), 134);
  EXPECT_EQ(parse_count_text("4.5"), std::nullopt);
  EXPECT_EQ(parse_count_text("若干"), std::nullopt);
}

}  // namespace
}  // namespace xxgk
