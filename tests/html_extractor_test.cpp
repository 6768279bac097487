// The HTML extractor on small pages: exact grids (spans, nested tables, <br>, &nbsp;), paragraphs
// in document order, page chrome left out, title hints, pictures of tables.
#include <gtest/gtest.h>

#include "html_test_support.h"
#include "model/errors.h"

namespace xxgk {
namespace {

using test::extract_html;
using test::page;
using test::paragraphs;
using test::shape;
using test::tables;
using test::texts;
using Grid = std::vector<std::vector<std::string>>;

TEST(HtmlGrid, RowspanAndColspanExpandIntoARectangle) {
  const Document d =
      extract_html(page("<table>"
                        "<tr><td rowspan=2>A</td><td colspan=2>B</td></tr>"
                        "<tr><td>C</td><td>D</td></tr>"
                        "<tr><td>E</td><td>F</td><td>G</td></tr>"
                        "</table>"));
  ASSERT_EQ(shape(d), "T");
  const Table& t = *tables(d)[0];
  EXPECT_FALSE(t.ragged);
  EXPECT_EQ(texts(t), (Grid{{"A", "B", "B"}, {"A", "C", "D"}, {"E", "F", "G"}}));
  // The anchors hold the spans; covered slots point at them.
  EXPECT_EQ(t.rows[0][0].row_span, 2);
  EXPECT_EQ(t.rows[0][0].col_span, 1);
  EXPECT_FALSE(t.rows[0][0].covered);
  EXPECT_EQ(t.rows[0][1].row_span, 1);
  EXPECT_EQ(t.rows[0][1].col_span, 2);
  EXPECT_TRUE(t.rows[0][2].covered);
  EXPECT_EQ(t.rows[0][2].anchor_row, 0);
  EXPECT_EQ(t.rows[0][2].anchor_col, 1);
  EXPECT_TRUE(t.rows[1][0].covered);
  EXPECT_EQ(t.rows[1][0].anchor_row, 0);
  EXPECT_EQ(t.rows[1][0].anchor_col, 0);
  EXPECT_FALSE(t.rows[1][1].covered);
  EXPECT_EQ(t.rows[1][1].anchor_row, -1);
  EXPECT_FALSE(t.rows[2][2].page.has_value());
}

TEST(HtmlGrid, RequestsHeaderThreeRowsDeep) {
  const Document d = extract_html(
      page("<table><tbody>"
           "<tr><td rowspan=3 colspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
           "<td colspan=7>申请人情况</td></tr>"
           "<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>"
           "<tr><td>商业<br>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
           "<tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>3001</td><td>53</td><td>0</td><td>0</td>"
           "<td>61</td><td>4</td><td>3119</td></tr>"
           "</tbody></table>"));
  ASSERT_EQ(shape(d), "T");
  const std::string k = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
  const std::string o = "法人或其他组织";
  const std::string n = "一、本年新收政府信息公开申请数量";
  EXPECT_EQ(
      texts(*tables(d)[0]),
      (Grid{{k, k, k, "申请人情况", "申请人情况", "申请人情况", "申请人情况", "申请人情况", "申请人情况", "申请人情况"},
            {k, k, k, "自然人", o, o, o, o, o, "总计"},
            {k, k, k, "自然人", "商业\n企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"},
            {n, n, n, "3001", "53", "0", "0", "61", "4", "3119"}}));
  const Table& t = *tables(d)[0];
  EXPECT_EQ(t.rows[2][0].anchor_row, 0);
  EXPECT_EQ(t.rows[2][0].anchor_col, 0);
  EXPECT_EQ(t.rows[2][9].anchor_row, 1);
  EXPECT_EQ(t.rows[2][9].anchor_col, 9);
  EXPECT_EQ(t.rows[1][9].row_span, 2);
}

TEST(HtmlGrid, ShortRowsArePaddedAndEmptyRowsDropped) {
  const Document d =
      extract_html(page("<table><tr><td>a</td><td>1</td><td>2</td></tr><tr></tr><tr><td>b</td></tr>"
                        "<tr><td rowspan=0>c</td><td>3</td></tr><tr><td>4</td></tr></table>"));
  ASSERT_EQ(shape(d), "T");
  const Table& t = *tables(d)[0];
  EXPECT_EQ(texts(t), (Grid{{"a", "1", "2"}, {"b", "", ""}, {"c", "3", ""}, {"c", "4", ""}}));
  EXPECT_FALSE(t.rows[1][1].covered);
  EXPECT_EQ(t.rows[2][0].row_span, 2);  // rowspan=0: to the end of the table
  EXPECT_EQ(t.rows[3][0].anchor_row, 2);
}

TEST(HtmlCellText, BreaksBlocksSpacesAndNbsp) {
  const Document d =
      extract_html(page("<table><tr>"
                        "<td><p class=MsoNormal><span>商业企</span></p><p><span>业</span><o:p></o:p></p></td>"
                        "<td>&nbsp;</td>"
                        "<td>\xE3\x80\x80１２\xE3\x80\x80</td>"
                        "<td>  a \n\t b  </td>"
                        "<td><span lang=EN-US>2024</span>年<br/>第<span>1</span>期</td>"
                        "<td>本年\n度</td>"
                        "<td><span style='mso-spacerun:yes'>&nbsp;&nbsp; </span>总&nbsp;计</td>"
                        "</tr></table>"));
  EXPECT_EQ(texts(*tables(d)[0]), (Grid{{"商业企\n业", "", "１２", "a b", "2024年\n第1期", "本年度", "总 计"}}));
}

TEST(HtmlGrid, WordExportConditionalsAndSpacerRow) {
  // Word's "Save as Web Page": conditional markers around content, a spacer row of height 0 that
  // fixes column widths, document properties in a conditional comment.
  const Document d = extract_html(page(
      "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>张三</o:Author></o:DocumentProperties></xml><![endif]-->"
      "<p class=MsoNormal>一、总体情况<o:p></o:p></p>"
      "<table class=MsoNormalTable border=1>"
      "<tr style='height:20pt'><td width=100>行政复议</td><td>行政诉讼</td></tr>"
      "<tr><td>1</td><td><![if !vml]><span>2</span><![endif]></td></tr>"
      "<![if !supportMisalignedColumns]><tr height=0><td width=100 style='border:none'></td>"
      "<td width=50 style='border:none'></td></tr><![endif]>"
      "</table>"
      "<p class=MsoNormal><span lang=EN-US><![if !supportEmptyParas]>&nbsp;<![endif]><o:p></o:p></span></p>"));
  EXPECT_EQ(shape(d), "PT");
  EXPECT_EQ(paragraphs(d), (std::vector<std::string>{"一、总体情况"}));
  EXPECT_EQ(texts(*tables(d)[0]), (Grid{{"行政复议", "行政诉讼"}, {"1", "2"}}));
}

TEST(HtmlGrid, LayoutTableAroundTheReportIsReadThrough) {
  // A page wrapped in a one-column layout table; the statistical table nested inside comes out
  // as its own grid between the paragraphs around it.
  const Document d =
      extract_html(page("<table width=100%><tr><td>"
                        "<p>一、总体情况</p><p>本年度工作有序开展。</p>"
                        "<div align=center><table border=1><tr><td>信息内容</td><td>本年制发件数</td></tr>"
                        "<tr><td>规章</td><td>1</td></tr></table></div>"
                        "<p>五、存在的主要问题及改进情况</p>"
                        "</td></tr></table>"));
  EXPECT_EQ(shape(d), "PPTP");
  EXPECT_EQ(paragraphs(d),
            (std::vector<std::string>{"一、总体情况", "本年度工作有序开展。", "五、存在的主要问题及改进情况"}));
  EXPECT_EQ(texts(*tables(d)[0]), (Grid{{"信息内容", "本年制发件数"}, {"规章", "1"}}));
}

TEST(HtmlGrid, FramedTablesInTwoColumnLayout) {
  // A layout table with a menu column; each data table framed in its own one-cell table.
  const Document d = extract_html(
      page("<table><tr><td><a href=/>首页</a><br><a href=/gk>政务公开</a></td><td>"
           "<p>四、政府信息公开行政复议、行政诉讼情况</p>"
           "<table><tr><td><table><tr><td>行政复议</td><td>行政诉讼</td></tr><tr><td>2</td><td>3</td></tr></table>"
           "</td></tr></table>"
           "</td></tr></table>"));
  EXPECT_EQ(shape(d), "PT");
  EXPECT_EQ(paragraphs(d), (std::vector<std::string>{"四、政府信息公开行政复议、行政诉讼情况"}));
  EXPECT_EQ(texts(*tables(d)[0]), (Grid{{"行政复议", "行政诉讼"}, {"2", "3"}}));
}

TEST(HtmlGrid, SmallTableNestedInADataCellIsFlattenedIntoIt) {
  // A statistical table whose header cell holds a little table: the outer table prints its own
  // figures, so it stays one grid and the nested cells become lines of the cell.
  const Document d = extract_html(page(
      "<table>"
      "<tr><td>项目</td><td><table><tr><td>法人或</td></tr><tr><td>其他组织</td></tr></table></td><td>总计</td></tr>"
      "<tr><td>新收</td><td>1</td><td>2</td></tr>"
      "<tr><td>结转</td><td>3</td><td>4</td></tr>"
      "<tr><td>办结</td><td>5</td><td>6</td></tr>"
      "</table>"));
  ASSERT_EQ(shape(d), "T");
  EXPECT_EQ(texts(*tables(d)[0]),
            (Grid{{"项目", "法人或\n其他组织", "总计"}, {"新收", "1", "2"}, {"结转", "3", "4"}, {"办结", "5", "6"}}));
}

TEST(HtmlGrid, LongNoteInAStatisticalTableKeepsItAGrid) {
  std::string note = "注：";
  for (int i = 0; i < 40; ++i) note += "行政复议、行政诉讼数量含上年度结转数量。";
  const Document d = extract_html(
      page("<table><tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>"
           "<tr><td>1</td><td>2</td><td>3</td><td>4</td><td>10</td></tr>"
           "<tr><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td></tr>"
           "<tr><td colspan=5>" +
           note + "</td></tr></table>"));
  ASSERT_EQ(shape(d), "T");
  EXPECT_EQ(tables(d)[0]->rows.size(), 4u);
  EXPECT_EQ(tables(d)[0]->rows[3][4].text, note);
  // The same note in a table of prose without figures: read as paragraphs.
  const Document p = extract_html(page("<table><tr><td>说明</td><td>" + note + "</td></tr></table>"));
  EXPECT_EQ(paragraphs(p), (std::vector<std::string>{"说明", note}));
}

TEST(HtmlContent, HiddenScriptStyleAndCommentsAreIgnored) {
  const Document d = extract_html(
      page("<p style=\"DISPLAY: none\">隐藏段落</p><script>var s = '脚本文字';</script><style>p{color:red}</style>"
           "<!-- 注释文字 --><noscript>请启用脚本</noscript><p hidden>也隐藏</p>"
           "<p>可见段落<span style='display:none;mso-hide:all'>隐藏文字</span></p>"
           "<table><tr><td>甲</td><td style=\"display:none\">隐</td><td>1</td></tr>"
           "<tr style=\"display: none\"><td>乙</td><td>2</td></tr><tr><td>丙</td><td>3</td></tr></table>"));
  EXPECT_EQ(paragraphs(d), (std::vector<std::string>{"可见段落"}));
  ASSERT_EQ(tables(d).size(), 1u);
  EXPECT_EQ(texts(*tables(d)[0]), (Grid{{"甲", "1"}, {"丙", "3"}}));
}

TEST(HtmlContent, HiddenStylesAreReadAroundTheirColonWhateverTheSpacingCaseOrEntities) {
  // is_hidden reads the style in place and looks at its colons (issue 25): the same verdicts as the
  // lower-cased, space-free copy it made before, for every spelling.
  const Document d = extract_html(
      page("<p style=\"color:red; Visibility :\n HIDDEN\">甲</p>"
           "<p style=\"font-family:x;-MSO-hide : ALL\">乙</p>"
           "<p style=\"display&#58;none\">丙</p>"
           "<p style=\"xdisplay:nonex\">丁</p>"
           "<p style=\"display:block; note:none\">见1</p>"
           "<p style=\"display :\">见2</p>"
           "<p style=\":none\">见3</p>"
           "<p style=\"\">见4</p>"));
  EXPECT_EQ(paragraphs(d), (std::vector<std::string>{"见1", "见2", "见3", "见4"}));
}

TEST(HtmlContent, ParagraphsInDocumentOrder) {
  const Document d =
      extract_html(page("<div>标题前的文字<h1>2024年某区政府信息公开工作年度报告</h1>"
                        "<p>一、总体情况<br>本年度，本区……</p>"
                        "<ul><li>第一项</li><li>第二项</li></ul>"
                        "<div>二、主动公开政府信息情况<div>嵌套的文字</div>尾随文字</div></div>"));
  EXPECT_EQ(paragraphs(d), (std::vector<std::string>{"标题前的文字", "2024年某区政府信息公开工作年度报告",
                                                     "一、总体情况", "本年度，本区……", "第一项", "第二项",
                                                     "二、主动公开政府信息情况", "嵌套的文字", "尾随文字"}));
}

// A report page among the chrome of a government site.
std::string site_page(const std::string& content_open, const std::string& content_close) {
  return page(
      "<div class=\"top\"><a href=/>首页</a><ul class=\"nav\"><li>政务公开</li><li>政务服务</li></ul></div>"
      "<div class=\"position\">当前位置：首页 &gt; 政府信息公开年报</div>"
      "<div class=\"side\"><ul><li><a href=/2023.html>2023年政府信息公开工作年度报告</a></li>"
      "<li><a href=/zn.html>政府信息公开指南</a></li></ul></div>" +
          content_open +
          "<p>一、总体情况</p><p>本年度，本机关主动公开政府信息120条，收到政府信息公开申请5件。</p>"
          "<table><tr><td>行政复议</td><td>行政诉讼</td></tr><tr><td>0</td><td>1</td></tr></table>"
          "<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>"
          "<div class=\"share\">分享到：微信 微博</div><p>【打印本页】【关闭窗口】</p>" +
          content_close +
          "<div class=\"footer\"><p>主办单位：某市人民政府办公室</p><p>网站标识码：3208000001</p></div>",
      "<meta charset=\"utf-8\"><title>2024年政府信息公开工作年度报告_某市人民政府</title>");
}

const std::vector<std::string> kSiteReport = {"一、总体情况",
                                              "本年度，本机关主动公开政府信息120条，收到政府信息公开申请5件。",
                                              "六、其他需要报告的事项", "本年度未收取信息处理费。"};

TEST(HtmlChrome, KnownContainerKeepsOnlyTheReport) {
  for (const std::string open :
       {"<div id=\"zoom\">", "<div class=\"TRS_Editor\">", "<div class=\"article-content\">", "<article>"}) {
    const std::string close = open == "<article>" ? "</article>" : "</div>";
    const Document d = extract_html(site_page(open, close));
    EXPECT_EQ(paragraphs(d), kSiteReport) << open;
    EXPECT_EQ(shape(d), "PPTPP") << open;
  }
}

TEST(HtmlChrome, ContainerFoundByDensityWithoutAKnownName) {
  const Document d = extract_html(site_page("<div class=\"w1200 cf\"><div class=\"l2\">", "</div></div>"));
  EXPECT_EQ(paragraphs(d), kSiteReport);
}

TEST(HtmlChrome, WrapperAroundTheContainerGivesWayToIt) {
  const Document d = extract_html(
      site_page("<div class=\"content\"><div class=\"nav2\">上一篇 下一篇</div><div id=\"Zoom\">", "</div></div>"));
  EXPECT_EQ(paragraphs(d), kSiteReport);
}

TEST(HtmlTitle, FromTitleThenOgTitleThenH1) {
  EXPECT_EQ(extract_html(site_page("<div id=zoom>", "</div>")).title_hint,
            "2024年政府信息公开工作年度报告_某市人民政府");
  EXPECT_EQ(
      extract_html(page("<p>正文</p>", "<title> </title><meta property=\"og:title\" content=\" 某区 年度报告 \">"))
          .title_hint,
      "某区 年度报告");
  EXPECT_EQ(extract_html(page("<h1>某镇2024年\n政府信息公开工作年度报告</h1><p>正文</p>", "")).title_hint,
            "某镇2024年政府信息公开工作年度报告");
}

TEST(HtmlTableImage, PictureInPlaceOfATableIsAProblem) {
  const Document d = extract_html(
      page("<div id=zoom><p>一、总体情况</p><p>正文。</p><p><img src=\"/images/icon.gif\" width=16 height=16>附件</p>"
           "<p>二、主动公开政府信息情况</p><table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</"
           "td><td>1</td></tr></table>"
           "<p>三、收到和处理政府信息公开申请情况</p><p align=center><img src=\"/u/cms/requests-table.png\" "
           "width=\"640\"></p>"
           "<p>四、政府信息公开行政复议、行政诉讼情况</p><table><tr><td>行政复议</td><td>行政诉讼</td></tr><tr><td>0</"
           "td><td>0</td></tr></table>"
           "<p>五、存在的主要问题及改进情况</p><p>无。</p></div>"));
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].code, "table_image");
  EXPECT_EQ(d.problems[0].message, "“三、收到和处理政府信息公开申请情况”的统计表只以图片给出，其中的数字无法读取");
  EXPECT_EQ(
      d.problems[0].message_en,
      "the statistical table of part three (requests received and handled) is only a picture; its figures cannot be "
      "read");
  EXPECT_FALSE(d.problems[0].page.has_value());
}

TEST(HtmlTableImage, PageOfPicturesWithoutHeadings) {
  const Document d =
      extract_html(page("<div id=zoom><p>某单位政府信息公开工作年度报告</p><img src=a.jpg><img src=b.jpg></div>"));
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].code, "table_image");
  EXPECT_EQ(d.problems[0].message, "网页没有表格，只有2张图片：统计表可能以图片给出，其中的数字无法读取");
}

TEST(HtmlContent, PageWithoutTablesStillYieldsItsText) {
  const Document d = extract_html(page("<div id=zoom><p>一、总体情况</p><p>本年度未收到政府信息公开申请。</p></div>"));
  EXPECT_EQ(shape(d), "PP");
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.format, "html");
  EXPECT_FALSE(d.pages.has_value());
}

TEST(HtmlContent, EmptyPagesFailWithPlainWords) {
  for (const std::string& html :
       {std::string("   \n "), page(""), page("<div><p> &nbsp; </p><script>x()</script></div>")}) {
    try {
      extract_html(html);
      ADD_FAILURE() << "no error for " << html;
    } catch (const DocumentError& e) {
      EXPECT_EQ(e.code(), "empty") << html;
      EXPECT_FALSE(std::string(e.what()).empty());
    }
  }
}

}  // namespace
}  // namespace xxgk
