// ocr.low_confidence and ocr.implied_value on small reports built by hand.
#include "model/categories.h"
#include "validate/validator.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

namespace xxgk {
namespace {

// A requests table (2021 rows) whose identities all hold, read by OCR at confidence 95:
// natural_person has figures, every other applicant column is 0.
Report scanned_requests() {
  const std::map<std::string, double> natural = {{"new_received", 10}, {"carried_over", 2}, {"granted", 5},
                                                 {"partially_granted", 3}, {"processed_total", 8},
                                                 {"carried_forward", 4}};
  Report r;
  r.source.format = "pdf-scanned";
  for (auto row : category_ids("requests", "row")) {
    if (row == "other_processing") continue;
    const auto it = natural.find(std::string(row));
    const double v = it == natural.end() ? 0 : it->second;
    for (auto col : category_ids("requests", "col")) {
      Figure f;
      f.table = "requests";
      f.row = std::string(row);
      f.col = std::string(col);
      f.value = col == "natural_person" || col == "total" ? v : 0;
      f.raw = fmt::format("{}", *f.value);
      f.page = 4;
      f.confidence = 95;
      r.figures.push_back(f);
    }
  }
  return r;
}

Figure& figure(Report& r, std::string_view row, std::string_view col) {
  for (auto& f : r.figures)
    if (f.table == "requests" && f.row == row && f.col == col) return f;
  throw std::runtime_error("no such figure");
}

std::vector<const Finding*> of_rule(const Report& r, std::string_view rule) {
  std::vector<const Finding*> out;
  for (const auto& f : r.findings)
    if (f.rule == rule) out.push_back(&f);
  return out;
}

TEST(OcrRules, ConsistentConfidentTableHasNoOcrFindings) {
  Report r = scanned_requests();
  validate(r);
  for (const auto& f : r.findings)  // the report has no other tables or parts: only those findings
    EXPECT_TRUE(f.rule == "structure.missing_table" || f.rule == "structure.missing_section") << f.rule;
}

TEST(OcrRules, OneMisreadCellIsPinnedByItsRowAndColumn) {
  Report r = scanned_requests();
  Figure& granted = figure(r, "granted", "natural_person");
  granted.value = 8;  // printed 5, read as 8
  granted.raw = "8";
  validate(r);
  const auto implied = of_rule(r, "ocr.implied_value");
  ASSERT_EQ(implied.size(), 1u);
  EXPECT_EQ(implied[0]->severity, "warning");
  EXPECT_EQ(implied[0]->row, "granted");
  EXPECT_EQ(implied[0]->col, "natural_person");
  EXPECT_EQ(implied[0]->expected, 5);
  EXPECT_EQ(implied[0]->actual, 8);
  ASSERT_EQ(implied[0]->cells.size(), 1u);
  EXPECT_EQ(implied[0]->cells[0].page, 4);
  EXPECT_EQ(implied[0]->message_en,
            "requests.granted.natural_person (page 4) was read by OCR as 8, and both its row total and its column's "
            "identities fail by it: the table's identities imply 5 (the value is kept as read)");
  EXPECT_EQ(figure(r, "granted", "natural_person").value, 8);  // never changed
  EXPECT_EQ(of_rule(r, "requests.row_total").size(), 1u);
  EXPECT_EQ(of_rule(r, "requests.results_total").size(), 1u);
}

TEST(OcrRules, AMisreadTotalOfTotalsIsPinnedByThreeIdentities) {
  Report r = scanned_requests();
  figure(r, "processed_total", "total").value = 3;  // printed 8
  validate(r);
  const auto implied = of_rule(r, "ocr.implied_value");
  ASSERT_EQ(implied.size(), 1u);
  EXPECT_EQ(implied[0]->row, "processed_total");
  EXPECT_EQ(implied[0]->col, "total");
  EXPECT_EQ(implied[0]->expected, 8);
  EXPECT_EQ(implied[0]->actual, 3);
}

TEST(OcrRules, TwoMisreadRowsOrATextLayerPinNothing) {
  Report two = scanned_requests();
  figure(two, "granted", "natural_person").value = 8;
  figure(two, "carried_forward", "natural_person").value = 9;
  validate(two);
  EXPECT_TRUE(of_rule(two, "ocr.implied_value").empty());

  Report text = scanned_requests();
  for (auto& f : text.figures) f.confidence.reset();
  figure(text, "granted", "natural_person").value = 8;
  validate(text);
  EXPECT_TRUE(of_rule(text, "ocr.implied_value").empty());
  EXPECT_TRUE(of_rule(text, "ocr.low_confidence").empty());
}

TEST(OcrRules, UnsureAndUnreadableFiguresAreFindings) {
  Report r = scanned_requests();
  Figure& unsure = figure(r, "granted", "commercial");
  unsure.confidence = 47.4;
  Figure& unread = figure(r, "carried_over", "research");
  unread.confidence = 0;
  unread.value.reset();
  unread.raw = "";
  figure(r, "granted", "research").confidence = 75;  // at the threshold: fine
  validate(r);
  const auto low = of_rule(r, "ocr.low_confidence");
  ASSERT_EQ(low.size(), 2u);
  EXPECT_EQ(low[0]->row, "carried_over");
  EXPECT_EQ(low[0]->message_zh, "依申请公开情况表“二、上年结转政府信息公开申请数量”行“法人或其他组织 科研机构”列（第4页）有字迹，但文字识别未能读出");
  EXPECT_FALSE(low[0]->actual.has_value());
  EXPECT_EQ(low[1]->row, "granted");
  EXPECT_EQ(low[1]->severity, "warning");
  EXPECT_EQ(low[1]->actual, 0);
  EXPECT_EQ(low[1]->message_en,
            "requests.granted.commercial (page 4) was read by OCR as \"0\" with confidence 47 only: it may be misread");
}

}  // namespace
}  // namespace xxgk
