// The table reader on the grids extractors produce: rectangular grids with merge copies, ragged
// rows, label-only rows, repeated headers, tables split over blocks, tables that are not ours.
#include "normalize/normalizer.h"
#include "normalize/tables.h"
#include "normalize_test_util.h"
#include "pipeline/process.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

namespace xxgk {
namespace {

using namespace xxgk::test;

std::string read_seed() {
  std::ifstream in(std::string(XXGK_SOURCE_DIR) + "/corpus/txt/000_c2afdc98611f7d7b.txt", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The header of table requests as the 2021 template prints it, three rows deep, on a grid whose
// first three columns hold the labels.
std::vector<std::vector<std::string>> requests_header() {
  return {
      {"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "<", "<", "申请人情况", "<", "<", "<", "<", "<", "<"},
      {"^", "^", "^", "自然人", "法人或其他组织", "<", "<", "<", "<", "总计"},
      {"^", "^", "^", "^", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "^"},
  };
}

// The label cells of each requests row on that grid: merged cells as "^" / "<".
std::vector<std::string> rect_labels(std::string_view id) {
  static const std::map<std::string_view, std::vector<std::string>> labels = {
      {"new_received", {"一、本年新收政府信息公开申请数量", "<", "<"}},
      {"carried_over", {"二、上年结转政府信息公开申请数量", "<", "<"}},
      {"granted", {"三、本年度办理结果", "（一）予以公开", "<"}},
      {"partially_granted", {"^", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "<"}},
      {"withheld_state_secret", {"^", "（三）不予公开", "1.属于国家秘密"}},
      {"withheld_prohibited_by_law", {"^", "^", "2.其他法律行政法规禁止公开"}},
      {"withheld_security_stability", {"^", "^", "3.危及“三安全一稳定”"}},
      {"withheld_third_party", {"^", "^", "4.保护第三方合法权益"}},
      {"withheld_internal_affairs", {"^", "^", "5.属于三类内部事务信息"}},
      {"withheld_process_info", {"^", "^", "6.属于四类过程性信息"}},
      {"withheld_enforcement_file", {"^", "^", "7.属于行政执法案卷"}},
      {"withheld_query_matter", {"^", "^", "8.属于行政查询事项"}},
      {"unavailable_not_held", {"^", "（四）无法提供", "1.本机关不掌握相关政府信息"}},
      {"unavailable_needs_creation", {"^", "^", "2.没有现成信息需要另行制作"}},
      {"unavailable_unclear", {"^", "^", "3.补正后申请内容仍不明确"}},
      {"not_processed_complaint", {"^", "（五）不予处理", "1.信访举报投诉类申请"}},
      {"not_processed_repeated", {"^", "^", "2.重复申请"}},
      {"not_processed_publication", {"^", "^", "3.要求提供公开出版物"}},
      {"not_processed_excessive", {"^", "^", "4.无正当理由大量反复申请"}},
      {"not_processed_confirmation", {"^", "^", "5.要求行政机关确认或重新出具已获取信息"}},
      {"other_overdue_correction", {"^", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"}},
      {"other_unpaid_fee", {"^", "^", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"}},
      {"other_other", {"^", "^", "3.其他"}},
      {"processed_total", {"^", "（七）总计", "<"}},
      {"carried_forward", {"四、结转下年度继续办理", "<", "<"}},
  };
  return labels.at(id);
}

std::vector<std::vector<std::string>> huaian_requests_grid() {
  auto rows = requests_header();
  for (const auto& r : huaian_requests()) {
    auto row = rect_labels(r.id);
    for (auto& v : values_of(r)) row.push_back(v);
    rows.push_back(row);
  }
  return rows;
}

void expect_huaian_requests(const TableReading& t) {
  for (const auto& r : huaian_requests())
    for (size_t c = 0; c < 7; ++c) {
      const Figure* f = find(t.figures, "requests", r.id, requests_cols()[c]);
      ASSERT_NE(f, nullptr) << r.id << "." << requests_cols()[c];
      ASSERT_TRUE(f->value.has_value()) << r.id << "." << requests_cols()[c];
      EXPECT_EQ(*f->value, r.v[c]) << r.id << "." << requests_cols()[c];
    }
}

TEST(Tables, RectangularGridWithMergedLabelsAndThreeLevelHeader) {
  for (bool copy_text : {false, true}) {
    const auto t = read_tables(doc({para("三、收到和处理政府信息公开申请情况"), block(rect(huaian_requests_grid(), 4, copy_text))}));
    EXPECT_EQ(t.figures.size(), 175u);
    expect_huaian_requests(t);
    EXPECT_TRUE(t.findings.empty());
    EXPECT_TRUE(t.problems_en.empty());
    EXPECT_EQ(t.table_templates.at("requests"), "2021");
    EXPECT_EQ(find(t.figures, "requests", "granted", "total")->page, 4);
  }
}

TEST(Tables, HeaderDecidesTheColumnsNotTheirOrder) {
  // 总计 printed first and 科研机构 before 商业企业: the header says which is which.
  std::vector<std::vector<std::string>> rows = {
      {"", "<", "<", "申请人情况", "<", "<", "<", "<", "<", "<"},
      {"^", "^", "^", "总计", "自然人", "法人或其他组织", "<", "<", "<", "<"},
      {"^", "^", "^", "^", "^", "科研机构", "商业企业", "社会公益组织", "法律服务机构", "其他"},
  };
  for (const auto& r : huaian_requests()) {
    auto row = rect_labels(r.id);
    for (int k : {6, 0, 2, 1, 3, 4, 5}) row.push_back(std::to_string(r.v[static_cast<size_t>(k)]));
    rows.push_back(row);
  }
  const auto t = read_tables(doc({block(rect(rows))}));
  expect_huaian_requests(t);
  EXPECT_TRUE(t.findings.empty());
}

TEST(Tables, HeaderWordsWrappedOverTwoRowsAreJoined) {
  std::vector<std::vector<std::string>> rows = {
      {"", "<", "<", "申请人情况", "<", "<", "<", "<", "<", "<"},
      {"^", "^", "^", "自然人", "法人或其他组织", "<", "<", "<", "<", "总计"},
      {"^", "^", "^", "^", "科研机", "商业企", "社会公益", "法律服务", "其他", "^"},
      {"^", "^", "^", "^", "构", "业", "组织", "机构", "", "^"},
  };
  for (const auto& r : huaian_requests()) {
    auto row = rect_labels(r.id);
    for (int k : {0, 2, 1, 3, 4, 5, 6}) row.push_back(std::to_string(r.v[static_cast<size_t>(k)]));
    rows.push_back(row);
  }
  const auto t = read_tables(doc({block(rect(rows))}));
  expect_huaian_requests(t);
  EXPECT_TRUE(t.findings.empty());
}

TEST(Tables, RaggedRowsInTheFormatsOrder) {
  // Cells copied from a web page: a merged cell printed once, no slots for its copies.
  std::vector<std::vector<std::string>> rows = {{"申请人情况"}, {"自然人", "法人或其他组织", "总计"},
                                                {"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}};
  for (const auto& r : huaian_requests()) {
    std::vector<std::string> row;
    for (const auto& l : rect_labels(r.id))
      if (l != "^" && l != "<") row.push_back(l);
    for (auto& v : values_of(r)) row.push_back(v);
    rows.push_back(row);
  }
  const auto t = read_tables(doc({para("三、收到和处理政府信息公开申请情况"), block(ragged(rows))}));
  expect_huaian_requests(t);
  EXPECT_TRUE(t.findings.empty());
  EXPECT_TRUE(t.problems_en.empty());
}

// Rows as a PDF text layer gives them, one grid row per printed line: the tall labels broken
// into characters, group labels cut in two, leaf labels wrapped above and below their figures.
TEST(Tables, LabelsWrappedAroundTheirFiguresInAPdfGrid) {
  auto blank = [](std::vector<std::string> labels) {
    labels.resize(9, "");
    return labels;
  };
  auto vals = [](std::vector<std::string> labels, std::vector<int> v) {
    for (int x : v) labels.push_back(std::to_string(x));
    return labels;
  };
  std::vector<std::vector<std::string>> rows = {
      {"", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"},
      vals({"", "（一）予以公开"}, {1288, 21, 0, 0, 50, 3, 1362}),
      blank({"", "（二）部分公开（区分处理的，只计这一情"}),
      vals({"", ""}, {447, 7, 0, 0, 0, 0, 454}),
      blank({"", "形，不计其他情形）"}),
      vals({"三、", "1.属于国家秘密"}, {2, 0, 0, 0, 0, 0, 2}),
      vals({"本", "2.其他法律行政法规禁止公开"}, {30, 1, 0, 0, 0, 0, 31}),
      vals({"（三）不", "5.属于三类内部事务信息"}, {7, 1, 0, 0, 0, 0, 8}),
      vals({"予公开", "6.属于四类过程性信息"}, {12, 0, 0, 0, 0, 0, 12}),
      blank({"", "1、申请人无正当理由逾期不补"}),
      vals({"（六）其", "正、行政机关不再处理其政府信"}, {67, 3, 0, 0, 1, 0, 71}),
      blank({"他处理", "息公开申请"}),
      blank({"", "2、申请人逾期未按收费通知要"}),
      vals({"", "求缴纳费用、行政机关不再处理"}, {6, 0, 0, 0, 0, 0, 6}),
      blank({"", "其政府信息公开申请"}),
      vals({"", "3、其他"}, {108, 2, 0, 0, 0, 0, 110}),
  };
  const auto t = read_tables(doc({para("三、收到和处理政府信息公开申请情况"), block(rect(rows, 4))}));
  for (const char* id : {"granted", "partially_granted", "withheld_state_secret", "withheld_prohibited_by_law",
                         "withheld_internal_affairs", "withheld_process_info", "other_overdue_correction",
                         "other_unpaid_fee", "other_other"})
    for (const auto& r : huaian_requests())
      if (std::string_view(r.id) == id)
        for (size_t c = 0; c < 7; ++c) {
          const Figure* f = find(t.figures, "requests", id, requests_cols()[c]);
          ASSERT_NE(f, nullptr) << id << "." << requests_cols()[c];
          EXPECT_EQ(f->value, r.v[c]) << id << "." << requests_cols()[c];
        }
  EXPECT_EQ(t.figures.size(), 63u);
  EXPECT_EQ(count_rule(t.findings, "structure.fuzzy_label"), 0);
  EXPECT_EQ(count_rule(t.findings, "structure.unmapped_label"), 0);
  EXPECT_EQ(count_rule(t.findings, "structure.duplicate_label"), 0);
}

TEST(Tables, HeaderRepeatedOnANewPage) {
  auto rows = huaian_requests_grid();
  // The page breaks after withheld_query_matter (row 3 + 12): the header is printed again.
  auto head = requests_header();
  rows.insert(rows.begin() + 15, head.begin(), head.end());
  const auto t = read_tables(doc({block(rect(rows))}));
  expect_huaian_requests(t);
  EXPECT_TRUE(t.findings.empty());
  EXPECT_TRUE(t.problems_en.empty());
}

TEST(Tables, TableSplitOverTwoBlocksWithAPageNumberBetween) {
  auto rows = huaian_requests_grid();
  std::vector<std::vector<std::string>> first(rows.begin(), rows.begin() + 15);
  std::vector<std::vector<std::string>> second;
  for (size_t r = 15; r < rows.size(); ++r) {
    auto row = rows[r];
    // A covered slot whose anchor is on the previous page holds nothing on this one.
    for (auto& c : row)
      if (c == "^") c = "";
    second.push_back(row);
  }
  second[0][1] = "（四）无法提供";  // the merged cell starts again on the new page
  const auto t = read_tables(doc({para("三、收到和处理政府信息公开申请情况"), block(rect(first, 4)), para("-4-"),
                                  block(rect(second, 5))}));
  expect_huaian_requests(t);
  EXPECT_TRUE(t.findings.empty());
  EXPECT_TRUE(t.problems_en.empty());
  EXPECT_EQ(find(t.figures, "requests", "withheld_query_matter", "total")->page, 4);
  EXPECT_EQ(find(t.figures, "requests", "unavailable_not_held", "total")->page, 5);
}

TEST(Tables, TablesThatAreNotOursAreNeverRead) {
  const auto fees = ragged({{"收费项目", "金额（元）"}, {"信息处理费", "3940"}, {"合计", "3940"}});
  // Under part six, with or without a heading numbering.
  auto t = read_tables(doc({para("六、其他需要报告的事项"), block(fees)}));
  EXPECT_TRUE(t.figures.empty());
  EXPECT_TRUE(t.findings.empty());
  t = read_tables(doc({para("一、总体情况"), block(ragged({{"栏目", "条数"}, {"通知公告", "120"}, {"总计", "120"}}))}));
  EXPECT_TRUE(t.figures.empty());
  // With no heading at all, one lone 合计 does not make a table ours.
  t = read_tables(doc({block(fees)}));
  EXPECT_TRUE(t.figures.empty());
}

TEST(Tables, NotesUnderATableAreNotLabels) {
  const auto t = read_tables(doc({para("四、政府信息公开行政复议、行政诉讼情况"),
                                  block(ragged({{"行政复议", "行政诉讼"},
                                                {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"},
                                                {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正",
                                                 "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"},
                                                {"72", "64", "178", "37", "351", "13", "4", "8", "1", "26"},
                                                {"12", "1", "1", "6", "20"},
                                                {"注：行政复议、行政诉讼数量含上年度结转数量"}}))}));
  EXPECT_EQ(t.figures.size(), 15u);
  EXPECT_EQ(find(t.figures, "review_litigation", "review", "total")->value, 351);
  EXPECT_EQ(find(t.figures, "review_litigation", "litigation_direct", "upheld")->value, 13);
  EXPECT_EQ(find(t.figures, "review_litigation", "litigation_after_review", "total")->value, 20);
  EXPECT_TRUE(t.findings.empty());
  EXPECT_TRUE(t.problems_en.empty());
}

TEST(Tables, ReviewTwoLevelHeaderIsReadNotAssumed) {
  // The two litigation groups printed in the other order: the header decides.
  const auto t = read_tables(doc({block(rect({
      {"行政复议", "<", "<", "<", "<", "行政诉讼", "<", "<", "<", "<", "<", "<", "<", "<", "<"},
      {"^", "^", "^", "^", "^", "复议后起诉", "<", "<", "<", "<", "未经复议直接起诉", "<", "<", "<", "<"},
      {"结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
       "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"},
      {"72", "64", "178", "37", "351", "12", "1", "1", "6", "20", "13", "4", "8", "1", "26"},
  }))}));
  EXPECT_EQ(t.figures.size(), 15u);
  EXPECT_EQ(find(t.figures, "review_litigation", "litigation_direct", "total")->value, 26);
  EXPECT_EQ(find(t.figures, "review_litigation", "litigation_after_review", "total")->value, 20);
  EXPECT_EQ(find(t.figures, "review_litigation", "review", "pending")->value, 37);
  EXPECT_TRUE(t.findings.empty());
}

TEST(Tables, ReviewPrintedAsThreeRows) {
  const auto t = read_tables(doc({para("四、政府信息公开行政复议、行政诉讼情况"),
                                  block(rect({{"", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"},
                                              {"行政复议", "<", "72", "64", "178", "37", "351"},
                                              {"行政诉讼", "未经复议直接起诉", "13", "4", "8", "1", "26"},
                                              {"^", "复议后起诉", "12", "1", "1", "6", "20"}}))}));
  EXPECT_EQ(t.figures.size(), 15u);
  EXPECT_EQ(find(t.figures, "review_litigation", "litigation_after_review", "pending")->value, 6);
  EXPECT_EQ(find(t.figures, "review_litigation", "review", "upheld")->value, 72);
  EXPECT_TRUE(t.findings.empty());
}

TEST(Tables, UnrecognisedRowsAreKeptUnderXIdsAndReported) {
  auto rows = huaian_requests_grid();
  rows.insert(rows.begin() + 4, {"其中：网上申请", "<", "<", "2900", "50", "0", "0", "60", "4", "3014"});
  const auto t = read_tables(doc({block(rect(rows))}));
  expect_huaian_requests(t);
  const Figure* x = find(t.figures, "requests", "x_其中网上申请", "total");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->value, 3014);
  ASSERT_EQ(count_rule(t.findings, "structure.unmapped_label"), 1);
  EXPECT_EQ(t.findings[0].row, "x_其中网上申请");
  EXPECT_EQ(t.findings[0].severity, "info");
}

TEST(Tables, ATableMatchingNeitherTemplateIsKeptUnderXIds) {
  const auto t = read_tables(doc({para("二、主动公开政府信息情况"),
                                  block(ragged({{"信息内容", "本年发文数量", "累计数量"}, {"政策文件", "3", "40"}}))}));
  ASSERT_EQ(t.figures.size(), 2u);
  EXPECT_EQ(t.figures[0].table, "proactive");
  EXPECT_EQ(t.figures[0].row, "x_政策文件");
  EXPECT_EQ(t.figures[0].col, "x_本年发文数量");
  EXPECT_EQ(t.figures[1].col, "x_累计数量");
  EXPECT_EQ(count_rule(t.findings, "structure.unmapped_label"), 3);
  EXPECT_EQ(t.problems_en.size(), 1u);  // the proactive table lacks its rows
}

TEST(Tables, TyposAreReadAndFlagged) {
  auto rows = huaian_requests_grid();
  rows[3 + 5][2] = "2.其他法律行政止公开";
  const auto t = read_tables(doc({block(rect(rows))}));
  expect_huaian_requests(t);
  ASSERT_EQ(count_rule(t.findings, "structure.fuzzy_label"), 1);
  EXPECT_EQ(t.findings[0].row, "withheld_prohibited_by_law");
}

// Three sub-rows left blank, the first with a typo (as OCR reads 禁止公开 without its last
// character): each is a row of its own. The blank rows after it open with their own numbers, so
// they are not the rest of its label (joined, the last of them, 4.保护第三方合法权益, used to be
// read for the first, and the real row 4 then as a second reading of it).
TEST(Tables, BlankSubRowsAfterATypoAreNotItsWrappedLabel) {
  auto rows = huaian_requests_grid();
  rows[3 + 5][2] = "2.其他法律行政法规禁止公";
  for (size_t r : {3 + 5, 3 + 6, 3 + 7})
    for (size_t c = 3; c < rows[r].size(); ++c) rows[r][c] = "";
  const auto t = read_tables(doc({block(rect(rows))}));
  EXPECT_EQ(t.figures.size(), 175u);
  for (const char* id : {"withheld_prohibited_by_law", "withheld_security_stability", "withheld_third_party"}) {
    const Figure* f = find(t.figures, "requests", id, "total");
    ASSERT_NE(f, nullptr) << id;
    EXPECT_EQ(f->raw, "") << id;
    EXPECT_FALSE(f->value.has_value()) << id;
  }
  EXPECT_EQ(count_rule(t.findings, "structure.duplicate_label"), 0);
  ASSERT_EQ(count_rule(t.findings, "structure.fuzzy_label"), 1);
  EXPECT_EQ(t.findings[0].row, "withheld_prohibited_by_law");
}

// A header OCR could not read (商业企业 as 业企) between headers read as the template's columns
// in order, with one column left over: it is that column, said once for the table. Two
// unreadable headers leave both unnamed (kept under x_ ids).
TEST(Tables, OneUnreadableHeaderIsNamedByItsPlace) {
  auto rows = huaian_requests_grid();
  rows[2][4] = "业企";
  auto t = read_tables(doc({block(rect(rows))}));
  EXPECT_EQ(t.figures.size(), 175u);
  expect_huaian_requests(t);
  ASSERT_EQ(count_rule(t.findings, "structure.fuzzy_label"), 1);
  EXPECT_EQ(t.findings[0].col, "commercial");
  EXPECT_NE(t.findings[0].message_en.find("read by its place"), std::string::npos) << t.findings[0].message_en;
  EXPECT_EQ(count_rule(t.findings, "structure.unmapped_label"), 0);

  rows[2][5] = "机研";
  t = read_tables(doc({block(rect(rows))}));
  EXPECT_EQ(find(t.figures, "requests", "granted", "commercial"), nullptr);
  EXPECT_EQ(find(t.figures, "requests", "granted", "research"), nullptr);
  EXPECT_EQ(count_rule(t.findings, "structure.unmapped_label"), 2);
  EXPECT_EQ(count_rule(t.findings, "structure.fuzzy_label"), 0);
  // The two columns' cells are missing from every row: said, so the report is partial (issue 17, item 7).
  ASSERT_EQ(t.problems_en.size(), 1u);
  EXPECT_EQ(t.problems_en[0].rfind("table requests lacks 50 cell(s): new_received.commercial, new_received.research, "
                                   "carried_over.commercial, ",
                                   0),
            0u)
      << t.problems_en[0];
}

// Issue 17, item 7: a header cell 信息内容 read joined with its neighbour 本年制发件数 made an x_
// column, and the two 本年制发件数 cells were lost with the report still `ok`. The cells a row
// read lacks are named: the report is partial.
TEST(Tables, CellsTheTemplateHasAndARowLacksAreNamed) {
  const auto t = read_tables(doc({para("二、主动公开政府信息情况"),
                                  block(ragged({{"第二十条第（一）项"},
                                                {"信息内容本年制发件数", "本年废止件数", "现行有效件数"},
                                                {"规章", "0", "0", "0"},
                                                {"行政规范性文件", "0", "0", "0"},
                                                {"第二十条第（五）项"},
                                                {"信息内容", "本年处理决定数量"},
                                                {"行政许可", "0"},
                                                {"第二十条第（六）项"},
                                                {"信息内容", "本年处理决定数量"},
                                                {"行政处罚", "0"},
                                                {"行政强制", "0"},
                                                {"第二十条第（八）项"},
                                                {"信息内容", "本年收费金额（单位：万元）"},
                                                {"行政事业性收费", "0"}}))}));
  EXPECT_EQ(t.figures.size(), 10u);
  EXPECT_NE(find(t.figures, "proactive", "regulations", "x_信息内容本年制发件数"), nullptr);
  EXPECT_EQ(find(t.figures, "proactive", "regulations", "issued"), nullptr);
  EXPECT_EQ(t.problems_en, (std::vector<std::string>{
                               "table proactive lacks 2 cell(s): regulations.issued, normative_documents.issued"}));
  EXPECT_EQ(t.problems_zh, (std::vector<std::string>{
                               "主动公开情况表缺少2个单元格：regulations.issued, normative_documents.issued"}));

  // The whole report: partial, never ok, with the cells named.
  std::string text = read_seed();
  const std::string header = "\t信息内容\n\t本年制发件数\n";
  ASSERT_NE(text.find(header), std::string::npos);
  Report ok = process_bytes("seed.txt", text, ProcessOptions{});
  EXPECT_EQ(ok.status, "ok");
  text.replace(text.find(header), header.size(), "\t信息内容本年制发件数\n");
  ProcessOptions en;
  en.lang = "en";
  const Report r = process_bytes("joined.txt", text, en);
  EXPECT_EQ(r.status, "partial");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, "incomplete_table");
  EXPECT_EQ(r.error->message, "table proactive lacks 2 cell(s): regulations.issued, normative_documents.issued");
  EXPECT_EQ(r.figures.size(), ok.figures.size());
}

// A 2019 proactive table keeps the 2019 columns of each row; a row of a 2021 table read whole
// names nothing.
TEST(Tables, MissingCellsFollowTheTemplateOfTheRowsOwnFigures) {
  const auto t = read_tables(doc({para("二、主动公开政府信息情况"),
                                  block(ragged({{"信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"},
                                                {"规章", "0", "0", "0"},
                                                {"规范性文件", "0", "0", "0"},
                                                {"信息内容", "上一年项目数量", "本年增/减", "处理决定数量"},
                                                {"行政许可", "1", "0", "2"},
                                                {"其他对外管理服务事项", "1", "0", "2"},
                                                {"行政处罚", "1", "0", "2"},
                                                {"行政强制", "1", "0", "2"},
                                                {"信息内容", "上一年项目数量", "本年增/减"},
                                                {"行政事业性收费", "1", "0"},
                                                {"信息内容", "采购项目数量"},
                                                {"政府集中采购", "1"}}))}));
  EXPECT_EQ(t.problems_en, (std::vector<std::string>{"table proactive lacks 1 cell(s): procurement.procurement_amount"}));
}

// Row labels OCR garbled past reading (3.其他 as 了其他; 2.重复申请 without its marks), each
// between rows read in the template's order with exactly one row missing between them: named by
// their place, with a finding each. Two garbled rows side by side, or rows out of the template's
// order, and nothing is named.
TEST(Tables, AnUnreadableRowBetweenItsNeighboursIsNamedByItsPlace) {
  auto rows = huaian_requests_grid();
  auto row_of = [&](std::string_view id) {
    const std::string leaf = rect_labels(id)[2];
    for (size_t r = 3; r < rows.size(); ++r)
      if (rows[r][2] == leaf) return r;
    return size_t{0};
  };
  const size_t other = row_of("other_other"), repeated = row_of("not_processed_repeated");
  ASSERT_GT(other, 0u);
  ASSERT_GT(repeated, 0u);
  rows[other][2] = "了其他";
  rows[repeated][2] = "2重复申请";
  auto t = read_tables(doc({block(rect(rows))}));
  EXPECT_EQ(t.figures.size(), 175u);
  expect_huaian_requests(t);
  EXPECT_EQ(count_rule(t.findings, "structure.unmapped_label"), 0);
  ASSERT_EQ(count_rule(t.findings, "structure.fuzzy_label"), 2);
  for (const auto& f : t.findings) EXPECT_NE(f.message_en.find("read by its place"), std::string::npos) << f.message_en;

  // Side by side: neither is named.
  rows[repeated + 1][2] = "3要求提供";
  t = read_tables(doc({block(rect(rows))}));
  EXPECT_EQ(find(t.figures, "requests", "not_processed_repeated", "total"), nullptr);
  EXPECT_EQ(find(t.figures, "requests", "not_processed_publication", "total"), nullptr);
  EXPECT_NE(find(t.figures, "requests", "other_other", "total"), nullptr);  // still named: it stands alone
  EXPECT_EQ(count_rule(t.findings, "structure.unmapped_label"), 2);
}

TEST(Tables, ASecondReadingOfAnAddressIsReported) {
  auto rows = huaian_requests_grid();
  rows[3 + 3][1] = "（一）予以公开";  // partially_granted's label misprinted as granted's
  const auto t = read_tables(doc({block(rect(rows))}));
  EXPECT_EQ(find(t.figures, "requests", "granted", "total")->value, 1362);  // the first reading
  EXPECT_EQ(find(t.figures, "requests", "partially_granted", "total"), nullptr);
  EXPECT_EQ(count_rule(t.findings, "structure.duplicate_label"), 1);
  EXPECT_EQ(t.problems_en.size(), 1u);  // partially_granted is missing
}

TEST(Tables, BlankFormReadsBlanksNotZeros) {
  auto rows = huaian_requests_grid();
  for (size_t r = 3; r < rows.size(); ++r)
    for (size_t c = 3; c < rows[r].size(); ++c) rows[r][c] = "";
  const auto t = read_tables(doc({para("三、收到和处理政府信息公开申请情况"), block(rect(rows))}));
  EXPECT_EQ(t.figures.size(), 175u);
  for (const auto& f : t.figures) {
    EXPECT_EQ(f.raw, "");
    EXPECT_FALSE(f.value.has_value());
  }
}

TEST(Tables, MarksAreKeptAsRawWithANullValue) {
  const auto t = read_tables(doc({para("二、主动公开政府信息情况"),
                                  block(ragged({{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
                                                {"规章", "/", "—", "无"},
                                                {"行政规范性文件", "１２", "0件", ""}}))}));
  ASSERT_EQ(t.figures.size(), 6u);
  EXPECT_EQ(find(t.figures, "proactive", "regulations", "issued")->raw, "/");
  EXPECT_FALSE(find(t.figures, "proactive", "regulations", "issued")->value.has_value());
  EXPECT_EQ(find(t.figures, "proactive", "regulations", "repealed")->raw, "—");
  EXPECT_FALSE(find(t.figures, "proactive", "regulations", "in_force")->value.has_value());
  EXPECT_EQ(find(t.figures, "proactive", "normative_documents", "issued")->value, 12);
  EXPECT_EQ(find(t.figures, "proactive", "normative_documents", "repealed")->value, 0);
  EXPECT_FALSE(find(t.figures, "proactive", "normative_documents", "in_force")->value.has_value());
}

TEST(Tables, The2019Table2InA2022Report) {
  const auto t = read_tables(doc({para("二、主动公开政府信息情况"),
                                  block(ragged({
                                      {"第二十条第（一）项"},
                                      {"信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"},
                                      {"规章", "/", "/", "/"},
                                      {"规范性文件", "2", "2", "15"},
                                      {"第二十条第（五）项"},
                                      {"信息内容", "上一年项目数量", "本年增/减", "处理决定数量"},
                                      {"行政许可", "3", "增1", "12"},
                                      {"其他对外管理服务事项", "5", "减2", "30"},
                                      {"第二十条第（八）项"},
                                      {"信息内容", "上一年项目数量", "本年增/减"},
                                      {"行政事业性收费", "1", "-1"},
                                      {"第二十条第（九）项"},
                                      {"信息内容", "采购项目数量", "采购总金额"},
                                      {"政府集中采购", "4", "52.15万元"},
                                  }))}));
  EXPECT_EQ(t.table_templates.at("proactive"), "2019");
  EXPECT_EQ(find(t.figures, "proactive", "normative_documents", "published_total")->value, 15);
  EXPECT_EQ(find(t.figures, "proactive", "licensing", "change")->value, 1);
  EXPECT_EQ(find(t.figures, "proactive", "other_services", "change")->value, -2);
  EXPECT_EQ(find(t.figures, "proactive", "other_services", "decisions")->value, 30);
  EXPECT_EQ(find(t.figures, "proactive", "fees", "change")->value, -1);
  const Figure* amount = find(t.figures, "proactive", "procurement", "procurement_amount");
  EXPECT_EQ(amount->value, 52.15);
  EXPECT_EQ(amount->decimals, 2);
  EXPECT_EQ(amount->raw, "52.15万元");
  EXPECT_FALSE(find(t.figures, "proactive", "regulations", "made")->value.has_value());
  EXPECT_TRUE(t.findings.empty());
}

TEST(Tables, A2021TableKeepingTheSingleOtherRow) {
  std::vector<std::vector<std::string>> rows = {{"申请人情况"}, {"自然人", "法人或其他组织", "总计"},
                                                {"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}};
  for (const auto& r : huaian_requests()) {
    const std::string_view id = r.id;
    if (id == "other_unpaid_fee" || id == "other_other") continue;
    std::vector<std::string> row;
    if (id == "other_overdue_correction") {
      row = {"（六）其他处理", "187", "5", "0", "0", "1", "0", "193"};
    } else {
      for (const auto& l : rect_labels(id))
        if (l != "^" && l != "<") row.push_back(l);
      for (auto& v : values_of(r)) row.push_back(v);
    }
    rows.push_back(row);
  }
  const auto t = read_tables(doc({block(ragged(rows))}));
  EXPECT_EQ(find(t.figures, "requests", "other_processing", "total")->value, 193);
  EXPECT_EQ(find(t.figures, "requests", "other_other", "total"), nullptr);
  EXPECT_EQ(t.table_templates.at("requests"), "2019");
  EXPECT_TRUE(t.problems_en.empty());
}

TEST(Tables, TraditionalFullWidthTwinReadsTheSame) {
  const auto simplified = read_tables(doc({block(ragged({{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
                                                         {"规章", "1", "0", "11"},
                                                         {"行政规范性文件", "8", "26", "66"}}))}));
  const auto traditional = read_tables(doc({block(ragged({{"信息內容", "本年製發件數", "本年廢止件數", "現行有效件數"},
                                                          {"規章", "１", "０", "１１"},
                                                          {"行政規範性文件", "８", "２６", "６６"}}))}));
  ASSERT_EQ(simplified.figures.size(), 6u);
  ASSERT_EQ(traditional.figures.size(), 6u);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(simplified.figures[i].row, traditional.figures[i].row);
    EXPECT_EQ(simplified.figures[i].col, traditional.figures[i].col);
    EXPECT_EQ(simplified.figures[i].value, traditional.figures[i].value);
  }
}

// report.template by the contract's rule: any 2021-only label makes the report 2021, else any
// 2019-only label 2019, else unknown; figures under x_ ids count for neither.
TEST(Template, ReportTemplateFromTheLabelsNotTheYear) {
  auto fig = [](const char* table, const char* row, const char* col) {
    Figure f;
    f.table = table;
    f.row = row;
    f.col = col;
    return f;
  };
  EXPECT_EQ(detect_template({fig("proactive", "regulations", "issued")}), "2021");
  EXPECT_EQ(detect_template({fig("requests", "other_overdue_correction", "total")}), "2021");
  EXPECT_EQ(detect_template({fig("proactive", "regulations", "made")}), "2019");
  EXPECT_EQ(detect_template({fig("requests", "other_processing", "total")}), "2019");
  // A mixed layout: 2021 proactive columns with the single （六）其他处理 row is 2021.
  EXPECT_EQ(detect_template({fig("requests", "other_processing", "total"), fig("proactive", "regulations", "issued")}),
            "2021");
  // Rows both templates print, and labels mapped to no id, decide nothing.
  EXPECT_EQ(detect_template({fig("requests", "granted", "total"), fig("review_litigation", "review", "upheld")}),
            "unknown");
  EXPECT_EQ(detect_template({fig("proactive", "x_政策文件", "x_本年发文数量")}), "unknown");
  EXPECT_EQ(detect_template({}), "unknown");
}

TEST(Template, AMixedDocumentIs2021AndEachTableKeepsItsOwn) {
  std::vector<std::vector<std::string>> requests = {{"申请人情况"}, {"自然人", "法人或其他组织", "总计"},
                                                    {"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}};
  for (const auto& r : huaian_requests()) {
    const std::string_view id = r.id;
    if (id == "other_unpaid_fee" || id == "other_other") continue;
    std::vector<std::string> row;
    if (id == "other_overdue_correction") {
      row = {"（六）其他处理", "187", "5", "0", "0", "1", "0", "193"};
    } else {
      for (const auto& l : rect_labels(id))
        if (l != "^" && l != "<") row.push_back(l);
      for (auto& v : values_of(r)) row.push_back(v);
    }
    requests.push_back(row);
  }
  const Document d = doc({para("二、主动公开政府信息情况"),
                          block(ragged({{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
                                        {"规章", "1", "0", "11"},
                                        {"行政规范性文件", "8", "26", "66"}})),
                          para("三、收到和处理政府信息公开申请情况"), block(ragged(requests))});
  const TableReading t = read_tables(d);
  EXPECT_EQ(t.table_templates.at("proactive"), "2021");
  EXPECT_EQ(t.table_templates.at("requests"), "2019");
  Report r;
  normalize_document(d, r);
  EXPECT_EQ(r.report.template_version, "2021");
  EXPECT_EQ(r.find("requests", "other_processing", "total")->value, 193);
}

}  // namespace
}  // namespace xxgk
