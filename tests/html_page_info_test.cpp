// What the HTML extractor reports of the page around the report (extract/html/page_info.h): meta
// tags, <title>, the article's title blocks, the info bar's lines; bounded on a hostile page.
#include "html_test_support.h"

#include <gtest/gtest.h>

namespace xxgk {
namespace {

using test::extract_html;
using test::page;

const std::string kBody =
    "<div class=\"TRS_Editor\"><p>测试市2025年</p><p>政府信息公开工作年度报告</p><p>一、总体情况</p>"
    "<p>2025年，全市各级行政机关扎实推进政务公开工作，依申请公开政府信息。</p></div>";

TEST(HtmlPageInfo, MetaTitleTitleBlocksAndTheInfoBarAroundTheReport) {
  const Document d = extract_html(page(
      "<div class=\"nav\"><a href=\"/\">首页</a></div>"
      "<div class=\"article-title\"><h1>测试市2025年政府信息公开工作年度报告</h1></div>"
      "<div class=\"info\"><span>时间：</span><span>2026-01-16 10:21</span>　<span>来源：测试市人民政府</span></div>" +
          kBody + "<div class=\"footer\">主办：测试市人民政府办公室</div>",
      "<meta charset=\"utf-8\"><meta name=\"ArticleTitle\" content=\"测试市2025年政府信息公开工作年度报告\">"
      "<meta name=\"PubDate\" content=\"2026-01-16 10:21\"><title>测试市2025年政府信息公开工作年度报告_年报_测试市</title>"));
  EXPECT_EQ(d.page.meta, (std::vector<std::pair<std::string, std::string>>{
                             {"ArticleTitle", "测试市2025年政府信息公开工作年度报告"}, {"PubDate", "2026-01-16 10:21"}}));
  EXPECT_EQ(d.page.title, "测试市2025年政府信息公开工作年度报告_年报_测试市");
  // The div.article-title and its h1: both are title elements.
  EXPECT_EQ(d.page.title_blocks, (std::vector<std::string>{"测试市2025年政府信息公开工作年度报告",
                                                           "测试市2025年政府信息公开工作年度报告"}));
  EXPECT_EQ(d.page.lines_before, (std::vector<std::string>{"首页", "测试市2025年政府信息公开工作年度报告",
                                                           "时间：2026-01-16 10:21　来源：测试市人民政府"}));
  EXPECT_EQ(d.page.lines_after, (std::vector<std::string>{"主办：测试市人民政府办公室"}));
  // The report's own paragraphs are blocks, not page lines.
  ASSERT_FALSE(d.blocks.empty());
  EXPECT_EQ(d.blocks[0].paragraph().text, "测试市2025年");
}

TEST(HtmlPageInfo, APageThatIsAllReportHasNothingAroundIt) {
  const Document d = extract_html(page("<p>测试市2025年政府信息公开工作年度报告</p><p>一、总体情况</p><p>发布时间：2026-01-16</p>"));
  EXPECT_TRUE(d.page.lines_before.empty());
  EXPECT_TRUE(d.page.lines_after.empty());
  EXPECT_TRUE(d.page.title_blocks.empty());
}

TEST(HtmlPageInfo, BoundedOnAHugePage) {
  std::string before, after, metas;
  for (int i = 0; i < 5000; ++i) before += "<p>导航" + std::to_string(i) + "</p>";
  for (int i = 0; i < 5000; ++i) after += "<p>页脚" + std::to_string(i) + "</p><h2>标题" + std::to_string(i) + "</h2>";
  for (int i = 0; i < 200; ++i) metas += "<meta name=\"m" + std::to_string(i) + "\" content=\"" + std::string(5000, 'x') + "\">";
  const Document d = extract_html(page(before + kBody + after, "<meta charset=\"utf-8\">" + metas));
  EXPECT_EQ(d.page.meta.size(), 64u);
  EXPECT_EQ(d.page.meta[0].second.size(), 1024u);
  ASSERT_EQ(d.page.lines_before.size(), 200u);
  EXPECT_EQ(d.page.lines_before.back(), "导航4999");  // the lines nearest the report are kept
  ASSERT_EQ(d.page.lines_after.size(), 100u);
  EXPECT_EQ(d.page.lines_after.front(), "页脚0");
  EXPECT_EQ(d.page.title_blocks.size(), 8u);
}

}  // namespace
}  // namespace xxgk
