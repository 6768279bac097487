// cross_year.*: agency matching, the two rules, and pairing the reports of a batch.
#include "tests/validate_fixtures.h"
#include "validate/cross_year.h"
#include "validate/cross_year_index.h"
#include "pipeline/extract_job.h"
#include "pipeline/walk.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace xxgk {
namespace {

using testing::huaian_2024;
using testing::set_cell;

// The year before, invented to keep every identity across the years with huaian_2024: 34 requests
// carried forward (all from natural persons); 10 regulations and 84 normative documents in force.
Report huaian_2023() {
  Report r = huaian_2024();
  r.source.path = "huaian-city-2023.pdf";
  r.report.year = 2023;
  for (auto [col, raw] : testing::requests_row({"34", "0", "0", "0", "0", "0", "34"}))
    set_cell(r, "requests", "carried_forward", col, raw);
  set_cell(r, "proactive", "regulations", "in_force", "10");
  set_cell(r, "proactive", "normative_documents", "in_force", "84");
  return r;
}

TEST(AgencyKey, SameAgencyWrittenDifferently) {
  EXPECT_EQ(agency_key("淮安市人民政府"), "淮安市");
  EXPECT_EQ(agency_key("淮安市政府"), "淮安市");
  EXPECT_EQ(agency_key("淮安市 人民政府"), "淮安市");
  EXPECT_EQ(agency_key("淮安市人民政府（本级）"), "淮安市");
  EXPECT_EQ(agency_key("長春市南關區新春街道辦事處"), "长春市南关区新春街道");
  EXPECT_EQ(agency_key("长春市南关区新春街道办事处"), agency_key("长春市南关区新春街道"));
  EXPECT_EQ(agency_key("某某镇人民政府"), "某某镇");
}

TEST(AgencyKey, DifferentAgenciesStayApart) {
  EXPECT_NE(agency_key("淮安市人民政府"), agency_key("淮安区人民政府"));
  EXPECT_EQ(agency_key("淮安市人民政府办公室"), "淮安市人民政府办公室");
  EXPECT_NE(agency_key("南京市教育局"), agency_key("苏州市教育局"));
  EXPECT_EQ(agency_key("国务院办公厅"), "国务院办公厅");
  EXPECT_EQ(agency_key(""), "");
}

TEST(ConsecutiveYears, SameAgencyYearBefore) {
  EXPECT_TRUE(consecutive_years(huaian_2023(), huaian_2024()));
  EXPECT_FALSE(consecutive_years(huaian_2024(), huaian_2023()));
  Report other = huaian_2023();
  other.report.agency = "淮安区人民政府";
  EXPECT_FALSE(consecutive_years(other, huaian_2024()));
  Report no_year = huaian_2023();
  no_year.report.year.reset();
  EXPECT_FALSE(consecutive_years(no_year, huaian_2024()));
}

TEST(CrossYearCarry, PassFailNotAssessable) {
  EXPECT_TRUE(check_cross_year(huaian_2023(), huaian_2024()).empty());
  Report prev = huaian_2023();
  set_cell(prev, "requests", "carried_forward", "natural_person", "30");
  set_cell(prev, "requests", "carried_forward", "total", "30");
  auto fs = check_cross_year(prev, huaian_2024());
  ASSERT_EQ(fs.size(), 2u);
  const Finding& f = fs[0];
  EXPECT_EQ(f.rule, "cross_year.carry");
  EXPECT_EQ(f.severity, "warning");
  EXPECT_EQ(f.status, "fail");
  EXPECT_EQ(f.table, "requests");
  EXPECT_EQ(f.row, "carried_over");
  EXPECT_EQ(f.col, "natural_person");
  EXPECT_EQ(f.expected, 30);
  EXPECT_EQ(f.actual, 34);
  ASSERT_EQ(f.cells.size(), 1u);
  EXPECT_EQ(f.cells[0].row, "carried_over");
  EXPECT_EQ(f.cells[0].page, 4);
  EXPECT_EQ(f.message_zh,
            "依申请公开情况表“自然人”列：本年“二、上年结转政府信息公开申请数量”印为34（第4页），而2023年报告（huaian-city-2023.pdf）"
            "“四、结转下年度继续办理”为30（第5页），两者应相等");
  EXPECT_EQ(f.message_en,
            "requests table, column natural_person: carried_over prints 34 (page 4), but the 2023 report (huaian-city-2023.pdf) "
            "carried forward 30 (page 5); the two must be equal");
  EXPECT_EQ(fs[1].col, "total");

  set_cell(prev, "requests", "carried_forward", "total", "");
  fs = check_cross_year(prev, huaian_2024());
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[1].col, "total");
  EXPECT_EQ(fs[1].status, "not_assessable");
  EXPECT_EQ(fs[1].severity, "warning");
  EXPECT_EQ(fs[1].expected, std::nullopt);
  EXPECT_EQ(fs[1].actual, 34);
  EXPECT_EQ(fs[1].message_zh,
            "依申请公开情况表“总计”列：2023年报告（huaian-city-2023.pdf）“四、结转下年度继续办理”行“总计”列（第5页）为空，"
            "无法核对与上年“结转下年度继续办理”的衔接");
}

TEST(CrossYearInForce, PassFailNotAssessable) {
  Report cur = huaian_2024();
  set_cell(cur, "proactive", "normative_documents", "in_force", "67");
  auto fs = check_cross_year(huaian_2023(), cur);
  ASSERT_EQ(fs.size(), 1u);
  const Finding& f = fs[0];
  EXPECT_EQ(f.rule, "cross_year.in_force");
  EXPECT_EQ(f.status, "fail");
  EXPECT_EQ(f.table, "proactive");
  EXPECT_EQ(f.row, "normative_documents");
  EXPECT_EQ(f.col, "in_force");
  EXPECT_EQ(f.expected, 66);
  EXPECT_EQ(f.actual, 67);
  ASSERT_EQ(f.cells.size(), 3u);
  EXPECT_EQ(f.cells[1].col, "issued");
  EXPECT_EQ(f.message_zh,
            "主动公开情况表“行政规范性文件”行：2023年报告（huaian-city-2023.pdf）现行有效84件（第3页），加本年制发8件、减本年废止26件应为66件，"
            "而本年现行有效件数印为67（第3页）");
  EXPECT_EQ(f.message_en,
            "proactive table, row normative_documents: the 2023 report (huaian-city-2023.pdf) had 84 in force (page 3); + issued 8 "
            "- repealed 26 = 66, but in_force prints 67 (page 3)");

  set_cell(cur, "proactive", "regulations", "repealed", "/");
  fs = check_cross_year(huaian_2023(), cur);
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].row, "regulations");
  EXPECT_EQ(fs[0].status, "not_assessable");
  EXPECT_EQ(fs[0].expected, std::nullopt);
  EXPECT_EQ(fs[0].actual, 11);
  EXPECT_EQ(fs[0].message_en,
            "proactive table, row regulations: regulations.repealed (page 3) prints \"/\", so in_force across the years cannot be "
            "checked");
}

TEST(CrossYearInForce, A2019TableHasNothingToCarry) {
  Report prev = huaian_2023();
  for (auto row : {"regulations", "normative_documents"}) testing::remove_cell(prev, "proactive", row, "in_force");
  EXPECT_TRUE(check_cross_year(prev, huaian_2024()).empty());
}

TEST(CrossYearIndex, PairsAReportWithTheYearBeforeWhateverTheirOrder) {
  Report prev = huaian_2023();
  set_cell(prev, "requests", "carried_forward", "total", "33");
  CrossYearIndex index;
  index.add(0, huaian_2024());  // sorts first: its year before comes later in the batch
  Report other = huaian_2023();
  other.report.agency = "淮安区人民政府";
  index.add(1, other);
  index.add(2, prev);
  Report failed = huaian_2023();
  failed.status = "failed";
  index.add(3, failed);
  EXPECT_EQ(index.size(), 3u);
  auto found = index.findings();
  ASSERT_EQ(found.size(), 1u);
  ASSERT_EQ(found.count(0), 1u);
  ASSERT_EQ(found[0].size(), 1u);
  EXPECT_EQ(found[0][0].rule, "cross_year.carry");
  EXPECT_EQ(found[0][0].col, "total");
  EXPECT_EQ(found[0][0].expected, 33);
  EXPECT_EQ(found[0][0].actual, 34);
  EXPECT_EQ(found[0][0].message_en,
            "requests table, column total: carried_over prints 34 (page 4), but the 2023 report (huaian-city-2023.pdf) carried "
            "forward 33 (page 5); the two must be equal");
}

TEST(CrossYearIndex, TwoCopiesOfTheYearBeforeAreComparedOnce) {
  Report html = huaian_2023();
  set_cell(html, "requests", "carried_forward", "total", "33");
  html.source.path = "a/huaian-2023.html";
  Report pdf = html;
  pdf.source.path = "a/huaian-2023.pdf";
  CrossYearIndex index;
  index.add(0, html);
  index.add(1, pdf);
  index.add(2, huaian_2024());
  auto found = index.findings();
  ASSERT_EQ(found.count(2), 1u);
  ASSERT_EQ(found[2].size(), 1u);
  EXPECT_NE(found[2][0].message_en.find("a/huaian-2023.html"), std::string::npos);
}

}  // namespace
}  // namespace xxgk

namespace xxgk {
namespace {

// The batch wiring of `xxgk extract` (pipeline/extract_job.cpp): a report's year before may sort
// after it; --no-cross-year writes records as they come, without the rules.
std::vector<nlohmann::json> extract_batch(bool cross_year) {
  ExtractJobOptions o;
  o.cross_year = cross_year;
  std::ostringstream out;
  EXPECT_EQ(run_extract(collect_documents({"corpus/txt/cross-year-huaian-planted"}), o, out), 0);
  std::vector<nlohmann::json> records;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) records.push_back(nlohmann::json::parse(line));
  return records;
}

TEST(ExtractBatch, YearBeforeSortingLaterStillCounts) {
  auto records = extract_batch(true);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0]["report"]["year"], 2024);
  std::vector<std::string> found;
  for (const auto& f : records[0]["findings"])
    found.push_back(f["rule"].get<std::string>() + ":" + f["col"].get<std::string>() + ":" + f["expected"].dump() + "/" +
                    f["actual"].dump());
  EXPECT_EQ(found, (std::vector<std::string>{"cross_year.carry:natural_person:33/34", "cross_year.carry:total:33/34",
                                             "cross_year.in_force:in_force:62/66"}));
  EXPECT_TRUE(records[1]["findings"].empty());
}

TEST(ExtractBatch, NoCrossYear) {
  auto records = extract_batch(false);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_TRUE(records[0]["findings"].empty());
}

}  // namespace
}  // namespace xxgk
