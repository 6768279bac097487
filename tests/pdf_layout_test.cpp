// The PDF layout stage on synthetic pages: words placed as Poppler reports them, so each case pins
// one layout the tables of real reports take (wrapped labels, labels one character per line,
// blank cells, tables broken across pages with and without a repeated header).
#include "extract/pdf/layout.h"
#include "extract/pdf/lines.h"
#include "extract/pdf/pdf_extractor.h"
#include "extract/pdf/table_geometry.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace xxgk::pdf {
namespace {

Word word(std::string text, double x0, double y0, double x1, double size = 8) {
  Word w;
  w.text = std::move(text);
  w.box = Box{x0, y0, x1, y0 + size};
  w.size = size;
  return w;
}

PageText page(int number, std::vector<Word> words) {
  PageText p;
  p.number = number;
  p.width = 595;
  p.height = 842;
  p.words = std::move(words);
  return p;
}

// Two lines of running text in 12 pt, wide enough to be body text.
void add_prose(std::vector<Word>& w, double y, const std::string& a, const std::string& b) {
  w.push_back(word(a, 72, y, 520, 12));
  w.push_back(word(b, 48, y + 18, 300, 12));
}

std::vector<const Table*> tables(const std::vector<Block>& blocks) {
  std::vector<const Table*> out;
  for (const auto& b : blocks)
    if (b.is_table()) out.push_back(&b.table());
  return out;
}

std::vector<std::string> row_texts(const Table& t, size_t r) {
  std::vector<std::string> out;
  for (const auto& c : t.rows[r]) out.push_back(c.text);
  return out;
}

TEST(PdfText, JoinsChineseWithoutSpacesAndKeepsLatinWords) {
  std::string s = "申请";
  join_text(s, "3119", true);
  join_text(s, "件", true);
  EXPECT_EQ(s, "申请3119件");
  std::string latin = "Times";
  join_text(latin, "New", true);
  EXPECT_EQ(latin, "Times New");
}

TEST(PdfText, PageNumbers) {
  for (const char* n : {"-3-", "— 3 —", "第3页", "第 3 页 共 6 页", "3", "3/6", "- 12 -"}) EXPECT_TRUE(is_page_number(n)) << n;
  for (const char* n : {"3119件", "2024年", "第三部分", "-", "一、总体情况"}) EXPECT_FALSE(is_page_number(n)) << n;
}

TEST(PdfText, Enumerators) {
  for (const char* e : {"一、总体情况", "（三）不予公开", "1.属于国家秘密", "2、重复申请", "（1）其他", "十二、附则"})
    EXPECT_TRUE(starts_with_enumerator(e)) << e;
  for (const char* e : {"形，不计其他情形）", "（区分处理的", "1.5万元", "三方合法权益", "本年度"})
    EXPECT_FALSE(starts_with_enumerator(e)) << e;
  EXPECT_TRUE(looks_like_heading("三、收到和处理政府信息公开申请情况"));
  EXPECT_FALSE(looks_like_heading("三、本"));
}

TEST(PdfText, ValueCells) {
  for (const char* v : {"0", "1,234", "4068.208", "/", "—", "无", "减4", "251000元", "-"}) EXPECT_TRUE(is_value_text(v)) << v;
  for (const char* v : {"1.属于", "行政许可", "-3-", "2024年政府", "1."}) EXPECT_FALSE(is_value_text(v)) << v;
}

TEST(PdfLayout, DropsPageNumbersAndJoinsParagraphsOverPages) {
  std::vector<Word> p1, p2;
  p1.push_back(word("一、总体情况", 80, 100, 180, 12));
  p1.push_back(word("2024", 80, 130, 110, 12));
  p1.push_back(word("年，全市共受理政府信息公开申请", 113, 130, 400, 12));
  p1.push_back(word("3119", 403, 130, 430, 12));
  p1.push_back(word("件，答复全部按时办结，均在法定期限内", 433, 130, 520, 12));
  p1.push_back(word("予以答复并告知申请人获取信息的方式和途径以及其他相关事项", 48, 148, 520, 12));
  p1.push_back(word("-1-", 290, 790, 305, 10));
  p2.push_back(word("和救济渠道。", 48, 80, 120, 12));
  p2.push_back(word("第2页", 280, 790, 310, 10));
  const auto blocks = lay_out({page(1, p1), page(2, p2)});
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].paragraph().text, "一、总体情况");
  EXPECT_EQ(blocks[1].paragraph().text,
            "2024年，全市共受理政府信息公开申请3119件，答复全部按时办结，均在法定期限内"
            "予以答复并告知申请人获取信息的方式和途径以及其他相关事项和救济渠道。");
  EXPECT_EQ(blocks[1].paragraph().page, 1);
}

// Header 自然人 / 商业企 业 (wrapped) / 小计 (three columns of the seven, so the template's column
// count does not apply); a label wrapped over two lines with its figures
// between them; a blank cell; a label numbered 1.
std::vector<Word> small_requests_table(double top) {
  std::vector<Word> w;
  w.push_back(word("自然人", 200, top, 224));
  w.push_back(word("商业企", 250, top, 274));
  w.push_back(word("业", 250, top + 10, 258));
  w.push_back(word("小计", 300, top, 316));
  w.push_back(word("（二）部分公开（区分处理的，只计这一情", 60, top + 30, 180));
  w.push_back(word("447", 205, top + 36, 217));
  w.push_back(word("454", 302, top + 36, 314));
  w.push_back(word("形，不计其他情形）", 60, top + 42, 130));
  w.push_back(word("1.属于国家秘密", 60, top + 60, 116));
  w.push_back(word("2", 209, top + 60, 213));
  w.push_back(word("0", 259, top + 60, 263));
  w.push_back(word("2", 306, top + 60, 310));
  return w;
}

TEST(PdfLayout, WrappedLabelBlankCellAndWrappedHeader) {
  std::vector<Word> w;
  add_prose(w, 60, "三、收到和处理政府信息公开申请情况以及本机关的答复和办理情况说明如下表所示，请", "参阅。");
  for (auto& x : small_requests_table(120)) w.push_back(x);
  const auto blocks = lay_out({page(1, w)});
  const auto ts = tables(blocks);
  ASSERT_EQ(ts.size(), 1u);
  const Table& t = *ts[0];
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(row_texts(t, 0), (std::vector<std::string>{"", "自然人", "商业企业", "小计"}));
  EXPECT_EQ(row_texts(t, 1), (std::vector<std::string>{"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "447", "", "454"}));
  EXPECT_EQ(t.rows[1][2].page, 1);
  EXPECT_EQ(row_texts(t, 2), (std::vector<std::string>{"1.属于国家秘密", "2", "0", "2"}));
  EXPECT_EQ(t.rows[1][1].page, 1);
  ASSERT_TRUE(t.rows[1][1].box.has_value());
  EXPECT_DOUBLE_EQ(t.rows[1][1].box->x0, 205);
}

TEST(PdfLayout, LabelPrintedOneCharacterPerLineIsOneGroupCell) {
  std::vector<Word> w;
  add_prose(w, 60, "（三）本年度办理结果如下表所示，表中各项数据均按照规定口径统计，未作任何调整", "处理。");
  w.push_back(word("自然人", 200, 110, 224));
  w.push_back(word("小计", 300, 110, 316));
  const char* chars[] = {"三、", "本", "年", "度", "办", "理", "结", "果"};
  const char* leaves[] = {"（一）予以公开", "（二）部分公开", "（三）不予公开", "（四）无法提供"};
  for (int k = 0; k < 8; ++k) w.push_back(word(chars[k], 60, 130 + 12 * k, 68));
  for (int r = 0; r < 4; ++r) {
    const double y = 130 + 24 * r + 6;
    w.push_back(word(leaves[r], 90, y, 150));
    w.push_back(word(std::to_string(r + 1), 209, y, 213));
    w.push_back(word(std::to_string(10 * (r + 1)), 304, y, 312));
  }
  const auto blocks = lay_out({page(1, w)});
  const auto ts = tables(blocks);
  ASSERT_EQ(ts.size(), 1u);
  const Table& t = *ts[0];
  ASSERT_EQ(t.rows.size(), 5u);  // header + four rows: the characters made no rows of their own
  EXPECT_EQ(t.rows[1][0].text, "三、本年度办理结果");
  EXPECT_EQ(t.rows[1][0].row_span, 4);
  for (size_t r = 2; r <= 4; ++r) {
    EXPECT_TRUE(t.rows[r][0].covered);
    EXPECT_EQ(t.rows[r][0].text, "三、本年度办理结果");
  }
  EXPECT_EQ(row_texts(t, 4), (std::vector<std::string>{"三、本年度办理结果", "（四）无法提供", "4", "40"}));
}

TEST(PdfLayout, TableBrokenAcrossPagesWithRepeatedHeader) {
  std::vector<Word> p1, p2;
  add_prose(p1, 60, "三、收到和处理政府信息公开申请情况以及本机关的答复和办理情况说明如下表所示，请", "参阅。");
  for (auto& x : small_requests_table(700)) p1.push_back(x);
  p1.push_back(word("-1-", 290, 800, 305, 10));
  // Page 2 repeats the header, then the last row continues its label and a new row follows.
  p2.push_back(word("自然人", 200, 60, 224));
  p2.push_back(word("商业企", 250, 60, 274));
  p2.push_back(word("业", 250, 70, 258));
  p2.push_back(word("小计", 300, 60, 316));
  p2.push_back(word("2.其他法律行政法规禁止公开", 60, 90, 160));
  p2.push_back(word("30", 205, 90, 213));
  p2.push_back(word("1", 259, 90, 263));
  p2.push_back(word("31", 302, 90, 310));
  const auto blocks = lay_out({page(1, p1), page(2, p2)});
  const auto ts = tables(blocks);
  ASSERT_EQ(ts.size(), 1u);
  const Table& t = *ts[0];
  ASSERT_EQ(t.rows.size(), 4u);  // one header, three rows: the repeated header is gone
  EXPECT_EQ(row_texts(t, 3), (std::vector<std::string>{"2.其他法律行政法规禁止公开", "30", "1", "31"}));
  EXPECT_EQ(t.rows[3][1].page, 2);
  EXPECT_EQ(t.rows[2][1].page, 1);
}

TEST(PdfLayout, LabelWrappedOverThePageBreakStaysOneCell) {
  std::vector<Word> p1, p2;
  add_prose(p1, 60, "三、收到和处理政府信息公开申请情况以及本机关的答复和办理情况说明如下表所示，请", "参阅。");
  for (auto& x : small_requests_table(700)) p1.push_back(x);
  p1.push_back(word("2.申请人逾期未按收", 60, 780, 130));
  p1.push_back(word("6", 209, 780, 213));
  p1.push_back(word("0", 259, 780, 263));
  p1.push_back(word("6", 306, 780, 310));
  p2.push_back(word("费通知要求缴纳费用", 60, 60, 130));
  p2.push_back(word("3.其他", 60, 72, 90));
  p2.push_back(word("108", 205, 72, 217));
  p2.push_back(word("2", 259, 72, 263));
  p2.push_back(word("110", 302, 72, 314));
  const auto blocks = lay_out({page(1, p1), page(2, p2)});
  const auto ts = tables(blocks);
  ASSERT_EQ(ts.size(), 1u);
  const Table& t = *ts[0];
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(row_texts(t, 3), (std::vector<std::string>{"2.申请人逾期未按收费通知要求缴纳费用", "6", "0", "6"}));
  EXPECT_EQ(t.rows[3][0].page, 1);
  EXPECT_EQ(row_texts(t, 4), (std::vector<std::string>{"3.其他", "108", "2", "110"}));
  EXPECT_EQ(t.rows[4][3].page, 2);
}

TEST(PdfLayout, FifteenFiguresUnderATwoLevelHeaderAreOneRow) {
  std::vector<Word> w;
  add_prose(w, 60, "四、政府信息公开行政复议、行政诉讼情况如下表所示，其中行政复议和行政诉讼数量均", "含上年度结转数量。");
  w.push_back(word("行政复议", 60, 110, 90));
  w.push_back(word("行政诉讼", 230, 110, 260));
  for (int k = 0; k < 15; ++k) {
    const double x = 60 + 32 * k;
    w.push_back(word("结果", x, 130, x + 16));
    w.push_back(word(std::to_string(k), x + 2, 160, x + 8));
  }
  const auto blocks = lay_out({page(1, w)});
  const auto ts = tables(blocks);
  ASSERT_EQ(ts.size(), 1u);
  const Table& t = *ts[0];
  ASSERT_EQ(t.rows.back().size(), 15u);
  for (size_t k = 0; k < 15; ++k) EXPECT_EQ(t.rows.back()[k].text, std::to_string(k));
}

}  // namespace
}  // namespace xxgk::pdf

namespace xxgk::pdf {
namespace {

// A requests header of seven columns over rows with figures in eight places (a page number or a
// note caught among them): the grid cannot be trusted, so it is reported, not passed on.
TEST(PdfLayout, RequestsTableWithTheWrongNumberOfColumnsIsReported) {
  std::vector<Word> w;
  add_prose(w, 60, "三、收到和处理政府信息公开申请情况以及本机关的答复和办理情况说明如下表所示，请", "参阅。");
  const char* names[] = {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};
  for (int c = 0; c < 7; ++c) w.push_back(word(names[c], 150 + 50 * c, 110, 150 + 50 * c + 40));
  w.push_back(word("一、本年新收政府信息公开申请数量", 40, 130, 140));
  for (int c = 0; c < 7; ++c) w.push_back(word("1", 160 + 50 * c, 130, 165 + 50 * c));
  w.push_back(word("二、上年结转政府信息公开申请数量", 40, 145, 140));
  for (int c = 0; c < 8; ++c) w.push_back(word("2", 160 + 25 * c * 2 + (c == 7 ? -25 : 0), 145, 165 + 25 * c * 2 + (c == 7 ? -25 : 0)));
  std::vector<ExtractionProblem> problems;
  const auto blocks = lay_out({page(1, w)}, &problems);
  EXPECT_TRUE(tables(blocks).empty());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "table_columns");
  EXPECT_EQ(problems[0].page, 1);
  EXPECT_EQ(problems[0].message, "依申请公开情况表重建出8列数值，应为7列：其数字可能错位，未予采信");
}

}  // namespace
}  // namespace xxgk::pdf

namespace xxgk::pdf {
namespace {

// The 15 figures of review_litigation wrapped over two lines (the last seven a line lower): one row.
TEST(PdfLayout, FifteenFiguresWrappedOverTwoLinesAreOneRow) {
  std::vector<Word> w;
  add_prose(w, 60, "四、政府信息公开行政复议、行政诉讼情况如下表所示，其中行政复议和行政诉讼数量均", "含上年度结转数量。");
  w.push_back(word("行政复议", 60, 110, 90));
  w.push_back(word("行政诉讼", 230, 110, 260));
  for (int k = 0; k < 15; ++k) {
    const double x = 60 + 32 * k;
    w.push_back(word("结果", x, 130, x + 16));
    w.push_back(word(std::to_string(k), x + 2, k < 8 ? 160 : 170, x + 8));
  }
  const auto blocks = lay_out({page(1, w)});
  const auto ts = tables(blocks);
  ASSERT_EQ(ts.size(), 1u);
  const Table& t = *ts[0];
  ASSERT_EQ(t.rows.back().size(), 15u);
  for (size_t k = 0; k < 15; ++k) EXPECT_EQ(t.rows.back()[k].text, std::to_string(k));
}

// A row whose every figure cell is blank keeps its place: its label and seven empty cells.
TEST(PdfLayout, RowOfBlankCellsKeepsItsPlace) {
  std::vector<Word> w;
  add_prose(w, 60, "三、收到和处理政府信息公开申请情况以及本机关的答复和办理情况说明如下表所示，请", "参阅。");
  for (auto& x : small_requests_table(120)) w.push_back(x);
  w.push_back(word("四、结转下年度继续办理", 60, 200, 140));
  const auto blocks = lay_out({page(1, w)});
  const auto ts = tables(blocks);
  ASSERT_EQ(ts.size(), 1u);
  const Table& t = *ts[0];
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(row_texts(t, 3), (std::vector<std::string>{"四、结转下年度继续办理", "", "", ""}));
  EXPECT_EQ(t.rows[3][1].page, 1);  // a blank stands on its row's page
  EXPECT_FALSE(t.rows[3][1].box.has_value());
}

// Issue 17, item 7: the label column's caption 信息内容 and the first column's name 本年制发件数,
// set in cells with narrow padding, come from the text layer as one box. Read as one, the caption
// swallowed the column's name and its figures were kept under an x_ column; split back, the header
// names the three columns and the figures stand under them.
std::vector<Word> proactive_table_with_joined_header(double top) {
  std::vector<Word> w;
  w.push_back(word("信息内容本年制发件数", 110, top, 190));  // 信息内容 110-142 | 本年制发件数 142-190
  w.push_back(word("本年废止件数", 220, top, 268));
  w.push_back(word("现行有效件数", 290, top, 338));
  const char* rows[] = {"规章", "行政规范性文件"};
  for (int r = 0; r < 2; ++r) {
    const double y = top + 20 + 18 * r;
    w.push_back(word(rows[r], 60, y, r == 0 ? 76 : 116));
    w.push_back(word(std::to_string(r + 1), 164, y, 168));
    w.push_back(word(std::to_string(10 + r), 240, y, 248));
    w.push_back(word(std::to_string(20 + r), 310, y, 318));
  }
  return w;
}

TEST(PdfLayout, HeaderCellsRunTogetherAreSplitBackWhenTheyAreTwoKnownLabels) {
  std::vector<Word> w;
  add_prose(w, 60, "二、主动公开政府信息情况如下表所示，表中各项数据均按照规定口径统计，未作任何调整处", "理。");
  for (auto& x : proactive_table_with_joined_header(120)) w.push_back(x);
  PageText p = page(1, w);
  split_joined_header_words(p);
  ASSERT_EQ(p.words.size(), w.size() + 1);
  const auto blocks = lay_out({p});
  const auto ts = tables(blocks);
  ASSERT_EQ(ts.size(), 1u);
  const Table& t = *ts[0];
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(row_texts(t, 0), (std::vector<std::string>{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}));
  EXPECT_EQ(row_texts(t, 1), (std::vector<std::string>{"规章", "1", "10", "20"}));
  EXPECT_EQ(row_texts(t, 2), (std::vector<std::string>{"行政规范性文件", "2", "11", "21"}));
}

TEST(PdfLayout, OnlyWordsThatAreExactlyTwoKnownHeaderLabelsAreSplit) {
  PageText p = page(1, {word("信息内容本年制发件数", 110, 100, 190), word("其他结果", 60, 120, 92),
                        word("行政复议行政诉讼", 200, 140, 264), word("本年制发件数量", 60, 160, 116),
                        word("信息内容说明", 60, 180, 108)});
  split_joined_header_words(p);
  std::vector<std::string> texts;
  for (const auto& x : p.words) texts.push_back(x.text);
  // 其他结果 is one label (not 其他 + 结果); the last two are not two labels.
  EXPECT_EQ(texts, (std::vector<std::string>{"信息内容", "本年制发件数", "其他结果", "行政复议", "行政诉讼",
                                             "本年制发件数量", "信息内容说明"}));
  EXPECT_DOUBLE_EQ(p.words[0].box.x1, 142);
  EXPECT_DOUBLE_EQ(p.words[1].box.x0, 142);
  EXPECT_DOUBLE_EQ(p.words[1].box.x1, 190);
}

}  // namespace
}  // namespace xxgk::pdf
