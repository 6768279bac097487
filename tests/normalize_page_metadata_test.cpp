// Real portal pages (issue 24): a title split over short lines or printed without its agency, the
// page's own titles and dates around the report, part headings in the words real reports use.
#include "model/report.h"
#include "normalize/metadata.h"
#include "normalize/page_metadata.h"
#include "normalize/sections.h"
#include "normalize_test_util.h"
#include "validate/validator.h"

#include <gtest/gtest.h>

namespace xxgk {
namespace {

using test::para;

Document page(const std::vector<std::string>& lines, PageInfo info = {}, std::string format = "html") {
  std::vector<Block> blocks;
  for (const auto& l : lines) blocks.push_back(para(l));
  Document d = test::doc(std::move(blocks));
  d.format = std::move(format);
  d.page = std::move(info);
  return d;
}

// The six official headings (or `headings`) after the given lines, each with a line of prose.
std::vector<std::string> report(std::vector<std::string> head, std::vector<std::string> headings = {}) {
  if (headings.empty())
    headings = {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"};
  const char* bodies[] = {"总体。", "主动。", "申请。", "复议。", "问题。", "其他。"};
  for (size_t i = 0; i < headings.size(); ++i) {
    head.push_back(headings[i]);
    head.push_back(bodies[i]);
  }
  return head;
}

std::vector<std::string> keys(const std::vector<std::pair<std::string, std::string>>& sections) {
  std::vector<std::string> out;
  for (const auto& [k, v] : sections) out.push_back(k);
  return out;
}

const std::vector<std::string> kAllParts = {"overview", "proactive", "requests", "review_litigation", "problems", "other"};

// ---- a title split over short lines ----

TEST(SplitTitle, AgencyAndYearOnTheLineAbove) {
  const Metadata md = read_metadata(page(report({"平潭综合实验区2019年", "政府信息公开工作年度报告"})));
  EXPECT_EQ(md.meta.title, "平潭综合实验区2019年政府信息公开工作年度报告");
  EXPECT_EQ(md.meta.agency, "平潭综合实验区");
  EXPECT_FALSE(md.meta.agency_source);  // the report's own title named it
  EXPECT_EQ(md.meta.year, 2019);
  EXPECT_EQ(md.intro, "");
}

TEST(SplitTitle, AgencyYearAndRestOnThreeLines) {
  const Metadata md = read_metadata(page(report({"淮安市人民政府", "2024年度", "政府信息公开工作年度报告", "本报告依据《条例》编制。"})));
  EXPECT_EQ(md.meta.title, "淮安市人民政府2024年度政府信息公开工作年度报告");
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  EXPECT_EQ(md.meta.year, 2024);
  EXPECT_EQ(md.intro, "本报告依据《条例》编制。");
}

TEST(SplitTitle, AYearLineIsNotJoinedToATitleThatHasItsYear) {
  const Metadata md = read_metadata(page(report({"2025年1月", "淮安市人民政府2024年政府信息公开工作年度报告"})));
  EXPECT_EQ(md.meta.title, "淮安市人民政府2024年政府信息公开工作年度报告");
  EXPECT_EQ(md.intro, "2025年1月");
}

TEST(SplitTitle, AStrayWordAboveTheTitleIsNeitherTitleNorAgency) {
  // Text copied from real PDFs: the marker 正文 (or 附件1, 附件二) on a line of its own.
  for (const char* stray : {"正文", "附件1", "附件二", "附 件"}) {
    const Metadata md = read_metadata(page(report({stray, "2024年政府信息公开工作年度报告", "本报告依据《条例》编制。"}), {}, "txt"));
    EXPECT_EQ(md.meta.title, "2024年政府信息公开工作年度报告") << stray;
    EXPECT_FALSE(md.meta.agency) << stray << ": " << md.meta.agency.value_or("");
    EXPECT_EQ(md.meta.year, 2024) << stray;
  }
}

// ---- the agency from the titles around the report ----

TEST(OutsideTitles, ArticleTitleMetaNamesTheAgencyTheBodyLeavesOut) {
  PageInfo info;
  info.meta = {{"ColumnName", "政府信息公开年报"}, {"ArticleTitle", "平潭综合实验区2019年政府信息公开工作年度报告"}};
  info.title = "平潭综合实验区2019年政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区管委会";
  const Metadata md = read_metadata(page(report({"2019年政府信息公开工作年度报告"}), info));
  EXPECT_EQ(md.meta.title, "2019年政府信息公开工作年度报告");  // as printed
  EXPECT_EQ(md.meta.agency, "平潭综合实验区");
  EXPECT_EQ(md.meta.agency_source, "article_title");
  EXPECT_EQ(md.meta.year, 2019);
}

TEST(OutsideTitles, TheTitleBlockThenThePageTitleWithoutColumnAndSite) {
  PageInfo info;
  info.title_blocks = {"平潭综合实验区人民政府", "平潭综合实验区2019年政府信息公开工作年度报告"};
  Metadata md = read_metadata(page(report({"政府信息公开工作年度报告"}), info));
  EXPECT_EQ(md.meta.agency, "平潭综合实验区");
  EXPECT_EQ(md.meta.agency_source, "title_block");
  EXPECT_EQ(md.meta.year, 2019);

  info = {};
  info.title = "南关区新春街道2024年政府信息公开工作年度报告 - 政府信息公开年报 | 长春市南关区人民政府";
  md = read_metadata(page(report({"政府信息公开工作年度报告", "长春市南关区新春街道办事处根据《条例》编制本报告。"}), info));
  EXPECT_EQ(md.meta.agency, "长春市南关区新春街道办事处");  // a place only, completed from the text
  EXPECT_EQ(md.meta.agency_source, "page_title");
  EXPECT_EQ(md.meta.year, 2024);
}

TEST(OutsideTitles, TheLinkThatLedToAFetchedDocumentIsTheLastSource) {
  const Document d = page(report({"政府信息公开工作年度报告"}), {}, "pdf");
  Metadata md = read_metadata(d);
  EXPECT_FALSE(md.meta.agency);
  EXPECT_FALSE(md.meta.year);
  md = read_metadata(d, MetadataContext{"平潭综合实验区2019年政府信息公开工作年度报告"});
  EXPECT_EQ(md.meta.agency, "平潭综合实验区");
  EXPECT_EQ(md.meta.agency_source, "link_title");
  EXPECT_EQ(md.meta.year, 2019);
  // A page's own title comes first.
  PageInfo info;
  info.meta = {{"ArticleTitle", "福州市2019年政府信息公开工作年度报告"}};
  md = read_metadata(page(report({"政府信息公开工作年度报告"}), info),
                     MetadataContext{"平潭综合实验区2019年政府信息公开工作年度报告"});
  EXPECT_EQ(md.meta.agency, "福州市");
  EXPECT_EQ(md.meta.agency_source, "article_title");
}

TEST(OutsideTitles, AReportWithNoTitleOfItsOwnTakesThePagesAndSaysSo) {
  PageInfo info;
  info.title = "淮安市人民政府2024年政府信息公开工作年度报告_淮安市人民政府";
  const Metadata md = read_metadata(page(report({}), info));
  EXPECT_EQ(md.meta.title, "淮安市人民政府2024年政府信息公开工作年度报告");
  EXPECT_EQ(md.meta.agency, "淮安市人民政府");
  EXPECT_EQ(md.meta.agency_source, "page_title");
}

TEST(OutsideTitles, TitlePartDropsColumnAndSiteNames) {
  EXPECT_EQ(title_part("XX区2019年政府信息公开工作年度报告_政府信息公开年报_XX区人民政府网"),
            "XX区2019年政府信息公开工作年度报告");
  EXPECT_EQ(title_part("长春市人民政府 | 2024年长春市政府信息公开年报"), "2024年长春市政府信息公开年报");
  EXPECT_EQ(title_part("政府信息公开年报 | XX区2019年政府信息公开工作年度报告"), "XX区2019年政府信息公开工作年度报告");
  EXPECT_EQ(title_part("首页"), "");
}

TEST(OutsideTitles, AColumnsNameIsNoSourceOfTheAgency) {
  PageInfo info;
  info.title = "政府信息公开年报_XX区人民政府网";
  const Metadata md = read_metadata(page(report({"政府信息公开工作年度报告"}), info));
  EXPECT_FALSE(md.meta.agency);
  EXPECT_FALSE(md.meta.agency_source);
}

// ---- the date a page shows ----

TEST(PublishedDate, DateForms) {
  EXPECT_EQ(parse_date("2025-01-20"), "2025-01-20");
  EXPECT_EQ(parse_date("2025-1-5 10:30"), "2025-01-05");
  EXPECT_EQ(parse_date("2025/01/20"), "2025-01-20");
  EXPECT_EQ(parse_date("2025.01.20"), "2025-01-20");
  EXPECT_EQ(parse_date("2025年1月20日"), "2025-01-20");
  EXPECT_EQ(parse_date("2024-02-29"), "2024-02-29");
  EXPECT_FALSE(parse_date("2025-02-29"));
  EXPECT_FALSE(parse_date("2025-13-01"));
  EXPECT_FALSE(parse_date("2025年1月"));
  EXPECT_FALSE(parse_date("20250-01-20"));
  EXPECT_FALSE(parse_date("1999-01-20"));
}

TEST(PublishedDate, LabelledDatesAndTheLabelsThatAreNot) {
  EXPECT_EQ(labelled_date("发布时间：2025-01-20"), "2025-01-20");
  EXPECT_EQ(labelled_date("时间：2020-01-17 15:42 来源：区政府办"), "2020-01-17");
  EXPECT_EQ(labelled_date("【发布日期：2025年1月20日】【字体：大 中 小】"), "2025-01-20");
  EXPECT_EQ(labelled_date("来源：区政府办　时间：2020-01-17 15:42"), "2020-01-17");
  EXPECT_EQ(labelled_date("发布日期", "2025-01-20"), "2025-01-20");  // a metadata table's cells
  EXPECT_FALSE(labelled_date("统计时间：2024年1月1日至2024年12月31日"));
  EXPECT_FALSE(labelled_date("成文日期：2025-01-10"));
  EXPECT_FALSE(labelled_date("2025年1月20日"));  // a date without its label: a signature's, not the page's
}

TEST(PublishedDate, MetaFirstThenTheInfoBarNearestTheReport) {
  PageInfo info;
  info.meta = {{"PubDate", "2020-01-17 15:42"}};
  info.lines_before = {"时间：2020-01-18 09:00"};
  EXPECT_EQ(read_metadata(page(report({"淮安市人民政府2019年政府信息公开工作年度报告"}), info)).published, "2020-01-17");
  info.meta.clear();
  info.lines_before = {"首页 > 政府信息公开年报", "日期：2019-12-01", "淮安市人民政府2019年政府信息公开工作年度报告",
                       "时间：2020-01-18 09:00 来源：市政府办"};
  EXPECT_EQ(read_metadata(page(report({"淮安市人民政府2019年政府信息公开工作年度报告"}), info)).published, "2020-01-18");
  // Printed with the report, before its first part.
  EXPECT_EQ(read_metadata(page(report({"淮安市人民政府2019年政府信息公开工作年度报告", "发布时间：2020-01-19"}))).published,
            "2020-01-19");
  // A signature date after part six is not the publication date.
  EXPECT_FALSE(read_metadata(page(report({"淮安市人民政府2019年政府信息公开工作年度报告"}))).published);
}

// ---- part headings ----

Report validated(const Metadata& md) {
  Report r;
  r.report = md.meta;
  r.sections = md.sections;
  for (const auto& u : md.unplaced_headings) r.unplaced_headings.emplace_back(u.part, u.text);
  return r;
}

std::vector<std::string> missing_part_messages(const Metadata& md) {
  Report r = validated(md);
  validate(r);
  std::vector<std::string> out;
  for (const auto& f : r.findings)
    if (f.rule == "structure.missing_section") out.push_back(f.message_zh);
  return out;
}

TEST(PartHeadings, RealVariantsAreNoMissingPart) {
  const std::vector<std::vector<std::string>> variants = {
      {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
       "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及整改措施", "六、其他需要报告的事项"},
      {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
       "四、政府信息公开行政法复议、行政诉讼情况", "五、存在的主要问题及改进措施", "六、其他需要报告的事项"},
      {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
       "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", "五、存在的主要问题及整改情况", "六、其他需要报告的事项"},
      // Misspelt and run on, and named by 第N部分.
      {"第一部分 总体情况", "第二部分 主动公开政府信息情况", "第三部分 收到和处理政府信息公开申请情况",
       "第四部分 政府信息公开行政法复议、行政诉讼情况", "第五部分 存在的主要问题及整该措施", "第六部分 其他需要报告的事项"},
  };
  for (const auto& headings : variants) {
    const Metadata md = read_metadata(page(report({"淮安市人民政府2024年政府信息公开工作年度报告"}, headings)));
    EXPECT_EQ(keys(md.sections), kAllParts) << headings[3] << " " << headings[4];
    EXPECT_TRUE(missing_part_messages(md).empty()) << headings[3];
    EXPECT_TRUE(md.unplaced_headings.empty()) << headings[3];
    ASSERT_EQ(md.sections.size(), 6u);
    EXPECT_EQ(md.sections[3].second, "复议。");
    EXPECT_EQ(md.sections[4].second, "问题。");
  }
  auto h = part_heading("四、政府信息公开行政法复议、行政诉讼情况。本年度未发生行政复议。");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->part, 3);
  EXPECT_EQ(h->rest, "本年度未发生行政复议。");
}

TEST(PartHeadings, AHeadingThatCannotBePlacedIsQuotedByTheMissingPartsWarning) {
  const Metadata md = read_metadata(page(report(
      {"淮安市人民政府2024年政府信息公开工作年度报告"},
      {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
       "四、政府信息公开行政复议、行政诉讼情况", "五、下一步工作打算", "六、其他需要报告的事项"})));
  EXPECT_EQ(keys(md.sections), (std::vector<std::string>{"overview", "proactive", "requests", "review_litigation", "other"}));
  ASSERT_EQ(md.unplaced_headings.size(), 1u);
  EXPECT_EQ(md.unplaced_headings[0].part, 4);
  EXPECT_EQ(md.unplaced_headings[0].text, "五、下一步工作打算");
  const auto messages = missing_part_messages(md);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0],
            "未找到第五部分“存在的主要问题及改进情况”；报告中编号为该部分的标题“五、下一步工作打算”与该部分的已知标题均不相符");
  // The paragraphs under it stay with the part before, as printed.
  EXPECT_EQ(md.sections[3].second, "复议。\n五、下一步工作打算\n问题。");
}

TEST(PartHeadings, ANumberedSentenceOrAnEarlierNumberIsNoUnplacedHeading) {
  const Metadata md = read_metadata(page(report(
      {"淮安市人民政府2024年政府信息公开工作年度报告"},
      {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
       "一、加强组织领导，全年召开专题会议三次，研究部署政务公开重点工作，推动各项任务落实落细",
       "二、做好解读回应", "六、其他需要报告的事项"})));
  EXPECT_TRUE(md.unplaced_headings.empty());
}

}  // namespace
}  // namespace xxgk
