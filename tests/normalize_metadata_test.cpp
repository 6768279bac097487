// Report metadata and the six parts: title, agency and reporting year from the title line and the
// opening paragraph (never the publication date), and the parts found by their headings whatever
// numbering the report prints.
#include "normalize/metadata.h"
#include "normalize/sections.h"
#include "normalize_test_util.h"

#include <gtest/gtest.h>

namespace xxgk {
namespace {

using test::para;

Document paragraphs(const std::vector<std::string>& lines, std::string title_hint = {}) {
  std::vector<Block> blocks;
  for (const auto& l : lines) blocks.push_back(para(l));
  Document d = test::doc(std::move(blocks));
  d.title_hint = std::move(title_hint);
  return d;
}

// The six official headings after the given title block; the overview opens with `overview`.
std::vector<std::string> report(std::vector<std::string> head, const std::string& overview = "2024年，我市扎实推进政务公开。") {
  for (const std::string& s :
       {std::string("一、总体情况"), overview, std::string("二、主动公开政府信息情况"), std::string("三、收到和处理政府信息公开申请情况"),
        std::string("四、政府信息公开行政复议、行政诉讼情况"), std::string("五、存在的主要问题及改进情况"),
        std::string("六、其他需要报告的事项"), std::string("本机关未收取信息处理费。")})
    head.push_back(s);
  return head;
}

std::vector<std::string> keys(const std::vector<std::pair<std::string, std::string>>& sections) {
  std::vector<std::string> out;
  for (const auto& [k, v] : sections) out.push_back(k);
  return out;
}

const std::vector<std::string> kAllParts = {"overview", "proactive", "requests", "review_litigation", "problems", "other"};

// ---- title, agency, year ----

TEST(Metadata, TitleLineGivesTitleAgencyAndYear) {
  const Metadata md = read_metadata(paragraphs(report(
      {"淮安市人民政府2024年政府信息公开工作年度报告",
       "本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》编制。本报告所列统计数据期限自2024年1月1日起至12月31日止。"})));
  EXPECT_EQ(md.meta.title, "淮安市人民政府2024年政府信息公开工作年度报告");
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  EXPECT_EQ(md.meta.year, 2024);
  EXPECT_EQ(md.meta.template_version, "unknown");  // the tables decide it, not the metadata
  EXPECT_EQ(md.intro,
            "本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》编制。本报告所列统计数据期限自2024年1月1日起至12月31日止。");
  EXPECT_EQ(keys(md.sections), kAllParts);
}

TEST(Metadata, YearFirstTitlesAndYearWithDu) {
  Metadata md = read_metadata(paragraphs(report({"2019年上海市人民政府办公厅政府信息公开工作年度报告"})));
  EXPECT_EQ(md.meta.agency, "上海市人民政府办公厅");
  EXPECT_EQ(md.meta.year, 2019);
  md = read_metadata(paragraphs(report({"淮安市生态环境局2023年度政府信息公开工作年度报告"})));
  EXPECT_EQ(md.meta.agency, "淮安市生态环境局");
  EXPECT_EQ(md.meta.year, 2023);
  md = read_metadata(paragraphs(report({"关于淮安市人民政府2024年政府信息公开工作年度报告"})));
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  EXPECT_EQ(md.meta.year, 2024);
}

TEST(Metadata, YearInChineseDigits) {
  for (std::string year : {"二〇二四", "二零二四", "二○二四", "二Ｏ二四"}) {
    const std::string title = "淮安市人民政府" + year + "年政府信息公开工作年度报告";
    const Metadata md = read_metadata(paragraphs(report({title}, "过去一年，我市扎实推进政务公开。")));
    EXPECT_EQ(md.meta.title, year == "二Ｏ二四" ? "淮安市人民政府二O二四年政府信息公开工作年度报告" : title);
    EXPECT_EQ(md.meta.agency, "淮安市人民政府") << year;
    EXPECT_EQ(md.meta.year, 2024) << year;
  }
  // Year first, and a longer run of numerals is not a year.
  Metadata md = read_metadata(paragraphs(report({"淮安市人民政府", "二〇二四年政府信息公开工作年度报告"})));
  EXPECT_EQ(md.meta.title, "淮安市人民政府二〇二四年政府信息公开工作年度报告");
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  EXPECT_EQ(md.meta.year, 2024);
  md = read_metadata(paragraphs(report({"淮安市人民政府政府信息公开工作年度报告", "现将一二〇二四年度的情况报告如下。"},
                                       "过去一年，我市扎实推进政务公开。")));
  EXPECT_EQ(md.meta.year, std::nullopt);
}

TEST(Metadata, TitlePrintedAsANotice) {
  const Metadata md = read_metadata(paragraphs(report({"淮安市人民政府关于2024年度政府信息公开工作年度报告的公告"})));
  EXPECT_EQ(md.meta.title, "淮安市人民政府关于2024年度政府信息公开工作年度报告的公告");
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  EXPECT_EQ(md.meta.year, 2024);
}

TEST(Metadata, TitlePrintedOverTwoLines) {
  // The agency on a line of its own above the year and the rest.
  Metadata md = read_metadata(paragraphs(report({"淮安市人民政府", "2024年政府信息公开工作年度报告", "本报告依据《条例》编制。"})));
  EXPECT_EQ(md.meta.title, "淮安市人民政府2024年政府信息公开工作年度报告");
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  EXPECT_EQ(md.meta.year, 2024);
  EXPECT_EQ(md.intro, "本报告依据《条例》编制。");
  // The tail on the line after.
  md = read_metadata(paragraphs(report({"淮安市人民政府2024年政府信息公开工作", "年度报告"})));
  EXPECT_EQ(md.meta.title, "淮安市人民政府2024年政府信息公开工作年度报告");
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  EXPECT_EQ(md.intro, "");
}

TEST(Metadata, TraditionalFullWidthTitleReadsAsItsSimplifiedTwin) {
  const Metadata md = read_metadata(paragraphs(report({"淮安市人民政府２０２４年政府信息公開工作年度報告",
                                                       "本報告所列統計數據期限自２０２４年１月１日起至１２月３１日止。"})));
  EXPECT_EQ(md.meta.title, "淮安市人民政府2024年政府信息公开工作年度报告");
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  EXPECT_EQ(md.meta.year, 2024);
  EXPECT_EQ(md.intro, "本报告所列统计数据期限自2024年1月1日起至12月31日止。");
}

TEST(Metadata, TitleFromTheHtmlTitleWhenTheBodyPrintsNone) {
  const Metadata md =
      read_metadata(paragraphs(report({}), "淮安市人民政府2024年政府信息公开工作年度报告_淮安市人民政府"));
  EXPECT_EQ(md.meta.title, "淮安市人民政府2024年政府信息公开工作年度报告");
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  EXPECT_EQ(md.meta.year, 2024);
}

// ---- the reporting year, not the publication year ----

TEST(Metadata, YearFromTheStatisticsPeriodWhenTheTitleHasNone) {
  // Published in January 2025 (dated at the top), about 2024.
  const Metadata md = read_metadata(paragraphs(report(
      {"2025年1月20日", "淮安市人民政府政务公开工作年度报告",
       "本报告由淮安市人民政府办公室编制。本报告所列统计数据期限自2024年1月1日起至12月31日止。"},
      "过去一年，我市扎实推进政务公开。")));
  EXPECT_EQ(md.meta.title, "淮安市人民政府政务公开工作年度报告");
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  EXPECT_EQ(md.meta.year, 2024);
  EXPECT_EQ(md.intro, "2025年1月20日\n本报告由淮安市人民政府办公室编制。本报告所列统计数据期限自2024年1月1日起至12月31日止。");
}

TEST(Metadata, StatisticsPeriodPhrasings) {
  for (const std::string& period :
       {std::string("本年度报告中所列数据统计期限从2022年1月1日到12月31日止。"),
        std::string("本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"),
        std::string("本报告所列数据统计时限为2022年1月1日至12月31日。"),
        std::string("统计数据期限：2022年1月1日—2022年12月31日。")}) {
    // The overview's first words name another year on purpose: the period wins.
    const Metadata md = read_metadata(paragraphs(
        report({"2023年2月", "上海市人民政府办公厅政府信息公开工作年度报告", period}, "2021年以来，我厅持续推进政务公开。")));
    EXPECT_EQ(md.meta.year, 2022) << period;
    EXPECT_EQ(md.meta.agency, "上海市人民政府办公厅") << period;
  }
}

TEST(Metadata, YearFromTheOpeningParagraphsWords) {
  Metadata md = read_metadata(paragraphs(report(
      {"南关区新春街道政府信息公开工作年度报告", "根据《中华人民共和国政府信息公开条例》规定，现公布2024年政务信息公开工作年度报告。"},
      "过去一年，新春街道扎实推进政务公开。")));
  EXPECT_EQ(md.meta.year, 2024);
  md = read_metadata(paragraphs(report({"淮安市人民政府政府信息公开工作年度报告", "现将2024年度政府信息公开工作情况报告如下。"},
                                       "过去一年，我市扎实推进政务公开。")));
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  EXPECT_EQ(md.meta.year, 2024);
}

TEST(Metadata, YearFromTheOverviewWhenNothingElseNamesIt) {
  // Dated at the top with the publication date: not the year the figures cover.
  Metadata md = read_metadata(paragraphs(report({"淮安市人民政府政府信息公开工作年度报告", "2025年1月20日"})));
  EXPECT_EQ(md.meta.year, 2024);
  EXPECT_EQ(md.intro, "2025年1月20日");
  // The overview's first words run on after the heading.
  md = read_metadata(paragraphs({"淮安市人民政府政府信息公开工作年度报告", "一、总体情况。2024年，我市扎实推进政务公开。",
                                 "二、主动公开政府信息情况"}));
  EXPECT_EQ(md.meta.year, 2024);
  ASSERT_EQ(md.sections.size(), 2u);
  EXPECT_EQ(md.sections[0].second, "2024年，我市扎实推进政务公开。");
}

TEST(Metadata, TheYearOfACitedDocumentIsNotTheYear) {
  // The next year's work plan cited in the overview, the reporting year named after it.
  Metadata md = read_metadata(paragraphs(
      report({"淮安市人民政府政府信息公开工作年度报告"}, "按照《2025年政务公开工作要点》部署，我市扎实推进政务公开。")));
  EXPECT_EQ(md.meta.year, std::nullopt);
  md = read_metadata(paragraphs(report({"淮安市人民政府政府信息公开工作年度报告",
                                        "本报告依据《2025年政务公开工作要点》编制，现将2024年度政府信息公开工作情况报告如下。"})));
  EXPECT_EQ(md.meta.year, 2024);
}

TEST(Metadata, ThePublicationDateAtTheEndIsNotTheYear) {
  std::vector<std::string> lines = report({"淮安市人民政府政府信息公开工作年度报告"}, "过去一年，我市扎实推进政务公开。");
  lines.push_back("淮安市人民政府办公室");
  lines.push_back("2025年1月20日");
  const Metadata md = read_metadata(paragraphs(lines));
  EXPECT_EQ(md.meta.year, std::nullopt);  // nothing names the year: not guessed from the date
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  ASSERT_EQ(keys(md.sections), kAllParts);
  EXPECT_EQ(md.sections[5].second, "本机关未收取信息处理费。\n淮安市人民政府办公室\n2025年1月20日");
}

// A printed web page, OCR'd: the side bar's list of other reports comes before the report's own
// title, each entry opened by a bullet that OCR reads as 。 (corpus xinchun-2024.scan200.pdf read
// "。2023年政府信息公开工作年度报告" as the title, agency "。", year 2023). A list entry is never the title.
TEST(Metadata, AListEntryBeforeTheTitleIsNotTheTitle) {
  for (const std::string mark : {"。", "•", "·", "●", "◆", "■", "▪", "○", "►", "※"}) {
    SCOPED_TRACE(mark);
    const Metadata md = read_metadata(paragraphs(report(
        {"长春市南关区新春街道办事处", "年度报告", mark + "2023年政府信息公开工作年度报告", mark + " 政府信息公开指南",
         "2024年南关区新春街道政府信息公开工作年度报告",
         "本报告所列统计数据期限自2024年1月1日起至12月31日止。受理机构为长春市南关区新春街道办事处。"})));
    EXPECT_EQ(md.meta.title, "2024年南关区新春街道政府信息公开工作年度报告");
    EXPECT_EQ(md.meta.year, 2024);
    EXPECT_EQ(md.meta.agency, "长春市南关区新春街道办事处");
  }
}

// OCR joined the title and the paragraph after it (corpus testcity-2025.scan300.pdf had no title,
// no agency): the head up to 年度报告 is the title, the rest stays the intro's text.
TEST(Metadata, ATitleRunOnIntoTheTextIsSplitFromIt) {
  const Metadata md = read_metadata(paragraphs(report(
      {"测试市2025年政府信息公开工作年度报告根据《中华人民共和国政府信息公开条例》规定编制本报告。本报告中所列数据统计期限为2025年1月1日至12月31日。"})));
  EXPECT_EQ(md.meta.title, "测试市2025年政府信息公开工作年度报告");
  EXPECT_EQ(md.meta.agency, "测试市");
  EXPECT_EQ(md.meta.year, 2025);
  EXPECT_EQ(md.intro, "根据《中华人民共和国政府信息公开条例》规定编制本报告。本报告中所列数据统计期限为2025年1月1日至12月31日。");
  // A sentence that names the report is not a title: 现公布…年度报告 has its comma before it.
  const Metadata sentence = read_metadata(paragraphs(report(
      {"根据《条例》规定，现公布2024年政府信息公开工作年度报告。报告由六部分组成。"}, "过去一年，我市扎实推进政务公开。")));
  EXPECT_EQ(sentence.meta.title, std::nullopt);
}

TEST(Metadata, NoTitleNoYearIsSaidNotGuessed) {
  const Metadata md = read_metadata(paragraphs(report({"根据《条例》规定编制本报告。"}, "过去一年，我市扎实推进政务公开。")));
  EXPECT_EQ(md.meta.title, std::nullopt);
  EXPECT_EQ(md.meta.agency, std::nullopt);
  EXPECT_EQ(md.meta.year, std::nullopt);
}

// ---- agency forms ----

TEST(Metadata, AgencyIsTheTitlesNameAsPrinted) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"淮安市人民政府办公室2024年政府信息公开工作年度报告", "淮安市人民政府办公室"},
      {"长春市南关区新春街道办事处2024年政府信息公开工作年度报告", "长春市南关区新春街道办事处"},
      {"国务院办公厅2024年政府信息公开工作年度报告", "国务院办公厅"},
      {"2024年淮安市人民政府政府信息公开年度报告", "淮安市人民政府"},
      {"淮安市生态环境局2024年政务公开工作年度报告", "淮安市生态环境局"},
  };
  for (const auto& [title, agency] : cases) {
    const Metadata md = read_metadata(paragraphs(report({title})));
    EXPECT_EQ(md.meta.title, title);
    EXPECT_EQ(md.meta.agency, agency) << title;
    EXPECT_EQ(md.meta.year, 2024) << title;
  }
}

TEST(Metadata, PlaceOnlyTitleCompletedFromTheText) {
  Metadata md = read_metadata(paragraphs(report(
      {"2024年南关区新春街道政府信息公开工作年度报告",
       "本报告所列统计数据期限自2024年1月1日起至12月31日止。受理机构为长春市南关区新春街道办事处。"})));
  EXPECT_EQ(md.meta.agency, "长春市南关区新春街道办事处");
  // A town completed with its county; the full name printed in the overview.
  md = read_metadata(
      paragraphs(report({"城关镇2024年政府信息公开工作年度报告"}, "2024年，临泉县城关镇人民政府扎实推进政务公开。")));
  EXPECT_EQ(md.meta.agency, "临泉县城关镇人民政府");
  // The full name without a place before it.
  md = read_metadata(paragraphs(report({"2024年新春街道政府信息公开工作年度报告", "本报告由新春街道办事处编制。"})));
  EXPECT_EQ(md.meta.agency, "新春街道办事处");
}

TEST(Metadata, PlaceOnlyTitleNeverCompletedWithTheCompilingOffice) {
  // Only the office that compiled the report is named: the place stays as printed.
  const Metadata md = read_metadata(paragraphs(
      report({"2024年南关区新春街道政府信息公开工作年度报告", "本报告由南关区新春街道党政办公室编制。"})));
  EXPECT_EQ(md.meta.agency, "南关区新春街道");
}

// ---- the six parts ----

// A titled report with the six given headings, each followed by one line of text.
std::vector<std::string> numbered(const std::vector<std::string>& headings) {
  std::vector<std::string> lines = {"淮安市人民政府2024年政府信息公开工作年度报告"};
  const char* bodies[] = {"总体。", "主动。", "申请。", "复议。", "问题。", "其他。"};
  for (size_t i = 0; i < 6; ++i) {
    lines.push_back(headings[i]);
    lines.push_back(bodies[i]);
  }
  return lines;
}

void expect_six_parts(const std::vector<std::string>& headings) {
  const Metadata md = read_metadata(paragraphs(numbered(headings)));
  ASSERT_EQ(keys(md.sections), kAllParts) << headings[0];
  const char* bodies[] = {"总体。", "主动。", "申请。", "复议。", "问题。", "其他。"};
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(md.sections[i].second, bodies[i]) << headings[i];
  EXPECT_EQ(md.meta.title, "淮安市人民政府2024年政府信息公开工作年度报告") << headings[0];
}

TEST(Sections, OfficialHeadings) {
  expect_six_parts({"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"});
}

TEST(Sections, NumberedAsSubParts) {
  expect_six_parts({"（一）总体情况", "(二)主动公开政府信息情况", "（三）收到和处理政府信息公开申请情况",
                    "（四）政府信息公开行政复议、行政诉讼情况", "（五）存在的主要问题及改进情况", "（六）其他需要报告的事项"});
}

TEST(Sections, ArabicNumbering) {
  expect_six_parts({"1.总体情况", "2、主动公开政府信息情况", "3．收到和处理政府信息公开申请情况",
                    "4. 政府信息公开行政复议、行政诉讼情况", "５．存在的主要问题及改进情况", "6.其他需要报告的事项"});
}

TEST(Sections, EnumeratorsMissing) {
  expect_six_parts({"总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
                    "存在的主要问题及改进情况", "其他需要报告的事项"});
}

TEST(Sections, PartWordsAndFullWidthSpaces) {
  expect_six_parts({"第一部分　总体情况", "第二部分 主动公开政府信息情况", "第三部分收到和处理政府信息公开申请情况",
                    "第四部分  政府信息公开行政复议、行政诉讼情况", "第五部分 存在的主要问题及改进情况", "第六部分 其他需要报告的事项"});
}

TEST(Sections, HeadingVariantsAndRemarks) {
  expect_six_parts({"一、 总 体 情 况", "二、主动公开政府信息情况（单位：件）", "三、依申请公开政府信息情况",
                    "四、政府信息公开行政复议和行政诉讼情况", "五、存在的主要问题及改进措施", "六、其他需要报告事项"});
}

TEST(Sections, PreviousFormatsWording) {
  expect_six_parts({"一、概述", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                    "五、政府信息公开工作存在的主要问题及改进情况", "六、其他需要报告的事项"});
  expect_six_parts({"一、基本情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、因政府信息公开申请行政复议、提起行政诉讼的情况", "五、工作中存在的主要问题及改进情况",
                    "六、其他需要报告的事项"});
}

TEST(Sections, TraditionalScript) {
  expect_six_parts({"一、總體情況", "二、主動公開政府信息情況", "三、收到和處理政府信息公開申請情況",
                    "四、政府信息公開行政復議、行政訴訟情況", "五、存在的主要問題及改進情況", "六、其他需要報告的事項"});
}

TEST(Sections, SubHeadingsOfTheOverviewDoNotStartParts) {
  const Metadata md = read_metadata(paragraphs({
      "淮安市人民政府2024年政府信息公开工作年度报告",
      "一、总体情况",
      "（一）主动公开情况。2024年，主动公开各类政府信息5500余条。",
      "（二）依申请公开情况。全市共受理政府信息公开申请3119件。",
      "二、主动公开政府信息情况",
      "第二十条第（一）项",
      "三、收到和处理政府信息公开申请情况",
  }));
  ASSERT_EQ(keys(md.sections), (std::vector<std::string>{"overview", "proactive", "requests"}));
  EXPECT_EQ(md.sections[0].second,
            "（一）主动公开情况。2024年，主动公开各类政府信息5500余条。\n（二）依申请公开情况。全市共受理政府信息公开申请3119件。");
  EXPECT_EQ(md.sections[1].second, "");  // the table caption left outside its table is not prose
}

TEST(Sections, AMissingPartIsAbsentNotEmpty) {
  const Metadata md = read_metadata(paragraphs({"淮安市人民政府2024年政府信息公开工作年度报告", "一、总体情况", "总体。",
                                                "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                                "四、政府信息公开行政复议、行政诉讼情况", "六、其他需要报告的事项", "其他。"}));
  EXPECT_EQ(keys(md.sections),
            (std::vector<std::string>{"overview", "proactive", "requests", "review_litigation", "other"}));
  EXPECT_EQ(md.sections[4].second, "其他。");
}

TEST(Sections, PartHeadingRecognisesRunOnText) {
  auto h = part_heading("一、总体情况。2024年，我市扎实推进政务公开。");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->part, 0);
  EXPECT_EQ(h->rest, "2024年，我市扎实推进政务公开。");
  h = part_heading("（三）收到和处理政府信息公开申请情况：全年共收到申请25件。");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->part, 2);
  EXPECT_EQ(h->rest, "全年共收到申请25件。");
  EXPECT_EQ(part_heading_index("（一）主动公开情况"), -1);  // another part's number: a sub-heading
  EXPECT_EQ(part_heading_index("总体情况良好，各项工作有序推进。"), -1);  // prose, no number
  EXPECT_EQ(part_heading_index("五、存在的主要问题及改进情况"), 4);
}

}  // namespace
}  // namespace xxgk
