// The four identities of the format's tables: each with a passing, a failing and a not-assessable case.
#include "tests/validate_fixtures.h"
#include "validate/rules.h"
#include "validate/validator.h"

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

std::vector<std::string> cells_of(const Finding& f) {
  std::vector<std::string> out;
  for (const auto& c : f.cells)
    out.push_back(c.table + "." + c.row + "." + c.col + "@" + (c.page ? std::to_string(*c.page) : "-"));
  return out;
}

TEST(RequestsBalance, RealReportPasses) {
  EXPECT_TRUE(run("requests.balance", huaian_2024()).empty());
  EXPECT_TRUE(run("requests.balance", seed_2024()).empty());
}

TEST(RequestsBalance, BrokenColumnFails) {
  Report r = huaian_2024();
  set_cell(r, "requests", "carried_forward", "natural_person", "100");
  set_cell(r, "requests", "carried_forward", "total", "100");
  auto fs = run("requests.balance", r);
  ASSERT_EQ(fs.size(), 2u);
  const Finding& f = fs[0];
  EXPECT_EQ(f.rule, "requests.balance");
  EXPECT_EQ(f.severity, "error");
  EXPECT_EQ(f.status, "fail");
  EXPECT_EQ(f.table, "requests");
  EXPECT_EQ(f.row, std::nullopt);
  EXPECT_EQ(f.col, "natural_person");
  EXPECT_EQ(f.expected, 3035);
  EXPECT_EQ(f.actual, 3032);
  EXPECT_EQ(cells_of(f), (std::vector<std::string>{"requests.new_received.natural_person@4", "requests.carried_over.natural_person@4",
                                                   "requests.processed_total.natural_person@5",
                                                   "requests.carried_forward.natural_person@5"}));
  EXPECT_EQ(f.message_zh,
            "依申请公开情况表“自然人”列（第4–5页）：本年新收3001加上年结转34为3035，而（七）总计2932加结转下年度继续办理100为3032，"
            "两者应相等");
  EXPECT_EQ(f.message_en,
            "requests table, column natural_person (pages 4–5): new_received 3001 + carried_over 34 = 3035, but processed_total "
            "2932 + carried_forward 100 = 3032; the two must be equal");
  EXPECT_EQ(fs[1].col, "total");
  EXPECT_EQ(fs[1].expected, 3153);
  EXPECT_EQ(fs[1].actual, 3150);
}

TEST(RequestsBalance, BlankOperandIsNotAssessable) {
  Report r = huaian_2024();
  set_cell(r, "requests", "carried_forward", "total", "");
  auto fs = run("requests.balance", r);
  ASSERT_EQ(fs.size(), 1u);
  const Finding& f = fs[0];
  EXPECT_EQ(f.status, "not_assessable");
  EXPECT_EQ(f.severity, "warning");
  EXPECT_EQ(f.col, "total");
  EXPECT_EQ(f.expected, 3153);
  EXPECT_EQ(f.actual, std::nullopt);
  EXPECT_EQ(cells_of(f).size(), 4u);
  EXPECT_EQ(f.message_zh,
            "依申请公开情况表“总计”列（第4–5页）：“四、结转下年度继续办理”行（第5页）为空，无法核对“第一项加第二项之和，等于第三项加第四项之和”");
  EXPECT_EQ(f.message_en,
            "requests table, column total (pages 4–5): carried_forward (page 5) is blank, so new_received + carried_over = "
            "processed_total + carried_forward cannot be checked");
}

TEST(RequestsResultsTotal, RealReportPasses) {
  EXPECT_TRUE(run("requests.results_total", huaian_2024()).empty());
  EXPECT_TRUE(run("requests.results_total", seed_2024()).empty());
}

TEST(RequestsResultsTotal, SingleOtherRowOf2019) {
  // A 2021 layout that keeps the 2019 single （六）其他处理 row: its one cell stands for the three.
  Report r = huaian_2024();
  for (auto row : {"other_overdue_correction", "other_unpaid_fee", "other_other"})
    std::erase_if(r.figures, [&](const Figure& f) { return f.table == "requests" && f.row == row; });
  for (auto [col, raw] : testing::requests_row({"181", "5", "0", "0", "1", "0", "187"}))
    set_cell(r, "requests", "other_processing", col, raw, 5);
  EXPECT_TRUE(run("requests.results_total", r).empty());
  set_cell(r, "requests", "other_processing", "total", "186");
  auto fs = run("requests.results_total", r);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].expected, 3049);
  EXPECT_EQ(fs[0].actual, 3050);
}

TEST(RequestsResultsTotal, BrokenColumnFails) {
  Report r = huaian_2024();
  set_cell(r, "requests", "granted", "natural_person", "1280");
  auto fs = run("requests.results_total", r);
  ASSERT_EQ(fs.size(), 1u);
  const Finding& f = fs[0];
  EXPECT_EQ(f.status, "fail");
  EXPECT_EQ(f.severity, "error");
  EXPECT_EQ(f.col, "natural_person");
  EXPECT_EQ(f.expected, 2924);
  EXPECT_EQ(f.actual, 2932);
  ASSERT_EQ(f.cells.size(), 22u);  // 21 results of the 2021 layout and （七）总计
  EXPECT_EQ(cells_of(f).back(), "requests.processed_total.natural_person@5");
  EXPECT_EQ(f.message_zh, "依申请公开情况表“自然人”列（第4–5页）：办理结果（一）至（六）各项之和为2924，而“（七）总计”印为2932");
  EXPECT_EQ(f.message_en,
            "requests table, column natural_person (pages 4–5): the results (一) to (六) add up to 2924, but processed_total prints 2932");
}

TEST(RequestsResultsTotal, UnreadableOperandIsNotAssessable) {
  Report r = huaian_2024();
  set_cell(r, "requests", "withheld_state_secret", "commercial", "/");
  auto fs = run("requests.results_total", r);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].status, "not_assessable");
  EXPECT_EQ(fs[0].col, "commercial");
  EXPECT_EQ(fs[0].expected, std::nullopt);
  EXPECT_EQ(fs[0].actual, 53);
  EXPECT_EQ(fs[0].message_zh,
            "依申请公开情况表“法人或其他组织 商业企业”列（第4–5页）：“（三）不予公开 1.属于国家秘密”行（第4页）印为“/”，无法核对“（七）总计”");
}

TEST(RequestsRowTotal, RealReportPasses) { EXPECT_TRUE(run("requests.row_total", huaian_2024()).empty()); }

TEST(RequestsRowTotal, BrokenRowFails) {
  Report r = huaian_2024();
  set_cell(r, "requests", "new_received", "total", "3120");
  auto fs = run("requests.row_total", r);
  ASSERT_EQ(fs.size(), 1u);
  const Finding& f = fs[0];
  EXPECT_EQ(f.status, "fail");
  EXPECT_EQ(f.row, "new_received");
  EXPECT_EQ(f.col, std::nullopt);
  EXPECT_EQ(f.expected, 3119);
  EXPECT_EQ(f.actual, 3120);
  EXPECT_EQ(cells_of(f).front(), "requests.new_received.natural_person@4");
  EXPECT_EQ(cells_of(f).back(), "requests.new_received.total@4");
  EXPECT_EQ(f.message_zh,
            "依申请公开情况表“一、本年新收政府信息公开申请数量”行（第4页）：自然人3001、商业企业53、科研机构0、社会公益组织0、"
            "法律服务机构61、其他4之和为3119，而“总计”印为3120");
  EXPECT_EQ(f.message_en,
            "requests table, row new_received (page 4): natural_person 3001 + commercial 53 + research 0 + social_welfare 0 + "
            "legal_service 61 + other_org 4 = 3119, but total prints 3120");
}

TEST(RequestsRowTotal, BlankTotalColumnIsNotAssessableNotAFailNorAPass) {
  // Issue 4's acceptance: a 总计 column left blank yields not_assessable.
  Report r = huaian_2024();
  for (auto& f : r.figures)
    if (f.table == "requests" && f.col == "total") set_cell(r, "requests", f.row, "total", "");
  std::vector<Finding> fs;
  validate(r);
  int row_total = 0;
  for (const auto& f : r.findings) {
    EXPECT_NE(f.severity, "error") << f.rule;
    if (f.rule == "structure.blank_cells") continue;  // it reports the blanks themselves
    EXPECT_EQ(f.status, "not_assessable") << f.rule << " " << f.message_en;
    if (f.rule == "requests.row_total") {
      ++row_total;
      EXPECT_EQ(f.status, "not_assessable");
      EXPECT_TRUE(f.expected.has_value());
      EXPECT_EQ(f.actual, std::nullopt);
    }
  }
  EXPECT_EQ(row_total, 25);  // every row of the 2021 table
  const Finding& first = *std::find_if(r.findings.begin(), r.findings.end(),
                                       [](const Finding& f) { return f.rule == "requests.row_total"; });
  EXPECT_EQ(first.row, "new_received");
  EXPECT_EQ(first.expected, 3119);
  EXPECT_EQ(first.message_zh, "依申请公开情况表“一、本年新收政府信息公开申请数量”行（第4页）：“总计”列为空，无法核对横向总计");
  EXPECT_EQ(first.message_en, "requests table, row new_received (page 4): total is blank, so the row total cannot be checked");
}

TEST(RequestsRowTotal, MissingCellIsNotAssessable) {
  Report r = huaian_2024();
  testing::remove_cell(r, "requests", "granted", "research");
  auto fs = run("requests.row_total", r);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].status, "not_assessable");
  EXPECT_EQ(fs[0].row, "granted");
  EXPECT_EQ(fs[0].expected, std::nullopt);
  EXPECT_EQ(fs[0].actual, 1362);
  EXPECT_EQ(fs[0].message_en,
            "requests table, row granted: research is not printed, so the row total cannot be checked");
}

TEST(ReviewLitigationTotal, RealReportsPass) {
  EXPECT_TRUE(run("review_litigation.total", huaian_2024()).empty());
  EXPECT_TRUE(run("review_litigation.total", seed_2024()).empty());
}

TEST(ReviewLitigationTotal, TenOneZeroZeroWithTotalZero) {
  // Issue 4's acceptance: 行政复议 printed 10/1/0/0 with 总计 0.
  Report r = seed_2024();
  set_cell(r, "review_litigation", "review", "upheld", "10");
  set_cell(r, "review_litigation", "review", "corrected", "1");
  auto fs = run("review_litigation.total", r);
  ASSERT_EQ(fs.size(), 1u);
  const Finding& f = fs[0];
  EXPECT_EQ(f.rule, "review_litigation.total");
  EXPECT_EQ(f.severity, "error");
  EXPECT_EQ(f.status, "fail");
  EXPECT_EQ(f.table, "review_litigation");
  EXPECT_EQ(f.row, "review");
  EXPECT_EQ(f.col, std::nullopt);
  EXPECT_EQ(f.expected, 11);
  EXPECT_EQ(f.actual, 0);
  EXPECT_EQ(cells_of(f), (std::vector<std::string>{"review_litigation.review.upheld@-", "review_litigation.review.corrected@-",
                                                   "review_litigation.review.other@-", "review_litigation.review.pending@-",
                                                   "review_litigation.review.total@-"}));
  EXPECT_EQ(f.message_zh, "行政复议、行政诉讼情况表“行政复议”行：结果维持10、结果纠正1、其他结果0、尚未审结0之和为11，而“总计”印为0");
  EXPECT_EQ(f.message_en, "review_litigation table, row review: upheld 10 + corrected 1 + other 0 + pending 0 = 11, but total prints 0");
}

TEST(ReviewLitigationTotal, BlankTotalIsNotAssessable) {
  Report r = huaian_2024();
  set_cell(r, "review_litigation", "litigation_after_review", "total", "");
  auto fs = run("review_litigation.total", r);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].status, "not_assessable");
  EXPECT_EQ(fs[0].severity, "warning");
  EXPECT_EQ(fs[0].row, "litigation_after_review");
  EXPECT_EQ(fs[0].expected, 20);
  EXPECT_EQ(fs[0].actual, std::nullopt);
  EXPECT_EQ(fs[0].message_zh, "行政复议、行政诉讼情况表“行政诉讼 复议后起诉”行（第5页）：“总计”列为空，无法核对“总计”");
}

TEST(Validator, SeedHasNoFinding) {
  Report r = seed_2024();
  r.sections.clear();
  for (auto key : kSectionKeys) r.sections.emplace_back(key, "x");
  validate(r);
  EXPECT_TRUE(r.findings.empty());
}

TEST(Validator, FindingsInRuleThenContractOrder) {
  Report r = huaian_2024();
  set_cell(r, "review_litigation", "review", "total", "350");
  set_cell(r, "requests", "carried_forward", "total", "");
  set_cell(r, "requests", "granted", "total", "1361");
  validate(r);
  std::vector<std::string> order;
  for (const auto& f : r.findings) order.push_back(f.rule + ":" + f.row.value_or("") + ":" + f.col.value_or(""));
  EXPECT_EQ(order, (std::vector<std::string>{"requests.balance::total", "requests.results_total::total",
                                             "requests.row_total:granted:", "requests.row_total:carried_forward:",
                                             "review_litigation.total:review:", "structure.blank_cells::"}));
}

}  // namespace
}  // namespace xxgk
