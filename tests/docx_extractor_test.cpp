// The DOCX reader on handcrafted WordprocessingML: text in document order, merges expanded into
// the grid, content controls, tracked changes and fields read as displayed.
#include "docx_test_zip.h"
#include "extract/docx/docx_reader.h"
#include "extract/docx/table_grid.h"
#include "model/errors.h"
#include "pipeline/process.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace xxgk {
namespace {

using namespace xxgk::testing;

Document read(std::string_view body, std::string_view title = {}) {
  return read_docx(make_docx(body, title), "docx", ExtractOptions{});
}

// The grid in one string per row: an anchor is its text (with "[rows x cols]" when merged),
// a covered slot "<r,c>" naming its anchor, slots separated by '|'.
std::vector<std::string> grid(const Table& t) {
  std::vector<std::string> out;
  for (const auto& row : t.rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      const Cell& cell = row[c];
      if (c) line += '|';
      if (cell.covered) line += "<" + std::to_string(cell.anchor_row) + "," + std::to_string(cell.anchor_col) + ">";
      else {
        line += cell.text;
        if (cell.row_span > 1 || cell.col_span > 1)
          line += "[" + std::to_string(cell.row_span) + "x" + std::to_string(cell.col_span) + "]";
      }
    }
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> paragraphs(const Document& d) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks) out.push_back(b.is_table() ? "<table>" : b.paragraph().text);
  return out;
}

TEST(DocxReader, ParagraphsAndTablesInDocumentOrder) {
  const Document d = read(p("一、总体情况") + "<w:p/>" +
                          "<w:p><w:r><w:t xml:space=\"preserve\">  本年度 </w:t><w:tab/><w:t>共</w:t><w:br/>"
                          "<w:t>收到</w:t><w:cr/><w:t>3件</w:t><w:noBreakHyphen/></w:r></w:p>" +
                          tbl(tr(tc("a") + tc("b"))) + p("二、主动公开政府信息情况"));
  EXPECT_EQ(d.format, "docx");
  EXPECT_FALSE(d.pages.has_value());
  EXPECT_EQ(paragraphs(d), (std::vector<std::string>{"一、总体情况", "本年度 \t共\n收到\n3件-", "<table>",
                                                     "二、主动公开政府信息情况"}));
  EXPECT_EQ(grid(d.blocks[2].table()), (std::vector<std::string>{"a|b"}));
  EXPECT_FALSE(d.blocks[2].table().ragged);
  EXPECT_FALSE(d.blocks[2].table().page.has_value());
}

TEST(DocxReader, CellParagraphsJoinWithLineBreaksAndIdeographicSpacesTrim) {
  const Document d = read(tbl(tr("<w:tc><w:p><w:r><w:t>（三）</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>不予公开</w:t></w:r></w:p></w:tc>" +
                                 tc("\u3000\u3000"))));
  const Table& t = d.blocks[0].table();
  EXPECT_EQ(t.rows[0][0].text, "（三）\n不予公开");
  EXPECT_EQ(t.rows[0][1].text, "");
}

TEST(DocxReader, GridSpanAndVerticalMergeExpandIntoTheGrid) {
  // 三、本年度办理结果 spans three rows; （三）不予公开 two; the header spans two columns.
  const std::string rows =
      tr(tc("申请人情况", "<w:gridSpan w:val=\"3\"/>") + tc("总计")) +
      tr(tc("三、本年度办理结果", "<w:vMerge w:val=\"restart\"/>") + tc("（一）予以公开", "<w:gridSpan w:val=\"2\"/>") + tc("5")) +
      tr(tc("", "<w:vMerge/>") + tc("（三）不予公开", "<w:vMerge w:val=\"restart\"/>") + tc("1.属于国家秘密") + tc("")) +
      tr(tc("ignored", "<w:vMerge w:val=\"continue\"/>") + tc("", "<w:vMerge/>") + tc("2.其他") + tc("0"));
  const Document d = read(tbl(rows));
  const Table& t = d.blocks[0].table();
  EXPECT_EQ(grid(t), (std::vector<std::string>{
                         "申请人情况[1x3]|<0,0>|<0,0>|总计",
                         "三、本年度办理结果[3x1]|（一）予以公开[1x2]|<1,1>|5",
                         "<1,0>|（三）不予公开[2x1]|1.属于国家秘密|",
                         "<1,0>|<2,1>|2.其他|0",
                     }));
  // Covered slots copy their anchor's text.
  EXPECT_EQ(t.rows[3][0].text, "三、本年度办理结果");
  EXPECT_EQ(t.rows[3][1].text, "（三）不予公开");
  EXPECT_EQ(t.rows[0][2].text, "申请人情况");
  EXPECT_TRUE(t.rows[3][1].covered);
  EXPECT_EQ(t.rows[3][1].anchor_row, 2);
  EXPECT_EQ(t.rows[3][1].anchor_col, 1);
}

TEST(DocxReader, VerticalMergeOfAWideCellCoversEverySlot) {
  const std::string rows = tr(tc("行政复议", "<w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/>") + tc("x")) +
                           tr(tc("", "<w:gridSpan w:val=\"2\"/><w:vMerge/>") + tc("y"));
  const Document d = read(tbl(rows));
  const Table& t = d.blocks[0].table();
  EXPECT_EQ(grid(t), (std::vector<std::string>{"行政复议[2x2]|<0,0>|x", "<0,0>|<0,0>|y"}));
}

TEST(DocxReader, GridBeforeAfterAndShortRowsArePaddedWithEmptySlots) {
  const std::string rows = tr(tc("a") + tc("b") + tc("c") + tc("d")) +
                           tr(tc("x") + tc("y"), "<w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/>") +
                           tr(tc("z"));
  const Document d = read(tbl(rows));
  const Table& t = d.blocks[0].table();
  EXPECT_EQ(grid(t), (std::vector<std::string>{"a|b|c|d", "|x|y|", "z|||"}));
  EXPECT_FALSE(t.rows[1][0].covered);
}

TEST(DocxReader, LegacyHorizontalMergeBecomesASpan) {
  const std::string rows = tr(tc("行政诉讼", "<w:hMerge w:val=\"restart\"/>") + tc("", "<w:hMerge/>") +
                              tc("", "<w:hMerge w:val=\"continue\"/>") + tc("总计")) +
                           tr(tc("1") + tc("2") + tc("3") + tc("6"));
  const Document d = read(tbl(rows));
  const Table& t = d.blocks[0].table();
  EXPECT_EQ(grid(t), (std::vector<std::string>{"行政诉讼[1x3]|<0,0>|<0,0>|总计", "1|2|3|6"}));
}

TEST(DocxReader, ContinuationWithNothingAboveStandsAlone) {
  const std::string rows = tr(tc("orphan", "<w:vMerge/>") + tc("b")) +
                           tr(tc("c") + tc("d"), "") +
                           tr(tc("e", "<w:vMerge/>") + tc("f"), "<w:gridBefore w:val=\"0\"/>");
  const Document d = read(tbl(rows));
  const Table& t = d.blocks[0].table();
  EXPECT_EQ(grid(t), (std::vector<std::string>{"orphan|b", "c[2x1]|d", "<1,0>|f"}));
}

TEST(DocxReader, NestedTableFollowsItsHolderAndOneColumnFramesUnwrap) {
  const std::string inner = tbl(tr(tc("规章") + tc("0")));
  const std::string outer = tbl(tr(tc("说明") + "<w:tc>" + p("见下表") + inner + "</w:tc>"));
  // A one-column layout table around the report: its content is body content.
  const std::string frame = tbl(tr("<w:tc>" + p("一、总体情况") + outer + p("正文") + "</w:tc>") + tr(tc("落款")));
  const Document d = read(frame);
  ASSERT_EQ(paragraphs(d), (std::vector<std::string>{"一、总体情况", "<table>", "<table>", "正文", "落款"}));
  EXPECT_EQ(grid(d.blocks[1].table()), (std::vector<std::string>{"说明|见下表"}));
  EXPECT_EQ(grid(d.blocks[2].table()), (std::vector<std::string>{"规章|0"}));
}

TEST(DocxReader, ContentControlsAndSmartTagsAreReadThrough) {
  const std::string body =
      "<w:sdt><w:sdtPr><w:alias w:val=\"标题\"/></w:sdtPr><w:sdtContent>" + p("2024年度报告") +
      "</w:sdtContent></w:sdt>"
      "<w:p><w:smartTag w:uri=\"urn:schemas-microsoft-com:office:smarttags\" w:element=\"chsdate\"><w:r><w:t>2024年"
      "</w:t></w:r></w:smartTag><w:sdt><w:sdtContent><w:r><w:t>1月</w:t></w:r></w:sdtContent></w:sdt>"
      "<w:customXml w:element=\"x\"><w:r><w:t>5日</w:t></w:r></w:customXml>"
      "<w:hyperlink w:anchor=\"a\"><w:r><w:t>（链接）</w:t></w:r></w:hyperlink></w:p>" +
      tbl("<w:sdt><w:sdtContent>" + tr("<w:sdt><w:sdtContent>" + tc("行政许可") + "</w:sdtContent></w:sdt>" + tc("7")) +
          "</w:sdtContent></w:sdt>");
  const Document d = read(body);
  ASSERT_EQ(paragraphs(d), (std::vector<std::string>{"2024年度报告", "2024年1月5日（链接）", "<table>"}));
  EXPECT_EQ(grid(d.blocks[2].table()), (std::vector<std::string>{"行政许可|7"}));
}

TEST(DocxReader, TrackedChangesReadAsTheFinalText) {
  const std::string body =
      "<w:p><w:r><w:t>收到申请</w:t></w:r>"
      "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>12</w:delText></w:r></w:del>"
      "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>13</w:t></w:r></w:ins><w:r><w:t>件</w:t></w:r>"
      "<w:moveFrom w:id=\"3\" w:author=\"a\"><w:r><w:t>（旧位置）</w:t></w:r></w:moveFrom>"
      "<w:moveTo w:id=\"4\" w:author=\"a\"><w:r><w:t>，均已办结</w:t></w:r></w:moveTo></w:p>"
      // A paragraph whose mark was deleted joins the next one.
      "<w:p><w:pPr><w:rPr><w:del w:id=\"5\" w:author=\"a\"/></w:rPr></w:pPr><w:r><w:t>上半句</w:t></w:r></w:p>" +
      p("下半句") +
      tbl(tr(tc("规章") + "<w:tc><w:p><w:del w:id=\"6\" w:author=\"a\"><w:r><w:delText>3</w:delText></w:r></w:del></w:p></w:tc>") +
          tr(tc("删除的行") + tc("9"), "<w:del w:id=\"7\" w:author=\"a\"/>") +
          tr(tc("新增的行") + "<w:tc><w:p><w:del w:id=\"8\" w:author=\"a\"><w:r><w:delText>4</w:delText></w:r></w:del>"
                              "<w:ins w:id=\"9\" w:author=\"a\"><w:r><w:t>5</w:t></w:r></w:ins></w:p></w:tc>",
             "<w:ins w:id=\"10\" w:author=\"a\"/>"));
  const Document d = read(body);
  ASSERT_EQ(paragraphs(d), (std::vector<std::string>{"收到申请13件，均已办结", "上半句下半句", "<table>"}));
  EXPECT_EQ(grid(d.blocks[2].table()), (std::vector<std::string>{"规章|", "新增的行|5"}));
}

TEST(DocxReader, FieldsShowTheirResultNotTheirInstruction) {
  const std::string body =
      "<w:p><w:fldSimple w:instr=\" DOCPROPERTY Company \"><w:r><w:t>淮安市人民政府</w:t></w:r></w:fldSimple></w:p>"
      "<w:p><w:r><w:t>共</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText xml:space=\"preserve\"> =SUM(ABOVE) </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>42</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>件</w:t></w:r></w:p>"
      // A field nested in another's instruction shows nothing; one nested in a result shows.
      "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>IF </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>PAGE</w:instrText><w:fldChar w:fldCharType=\"separate\"/>"
      "<w:t>hidden</w:t><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:instrText> = 1 \"a\" \"b\"</w:instrText>"
      "<w:fldChar w:fldCharType=\"separate\"/><w:t>结果</w:t><w:fldChar w:fldCharType=\"begin\"/>"
      "<w:instrText>NUMPAGES</w:instrText><w:fldChar w:fldCharType=\"separate\"/><w:t>6</w:t>"
      "<w:fldChar w:fldCharType=\"end\"/><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>页</w:t></w:r></w:p>";
  EXPECT_EQ(paragraphs(read(body)), (std::vector<std::string>{"淮安市人民政府", "共42件", "结果6页"}));
}

TEST(DocxReader, AlternateContentIsReadOnceAndTextBoxesFollowTheirParagraph) {
  const std::string box = "<w:txbxContent>" + p("文本框里的标题") + "</w:txbxContent>";
  const std::string body =
      "<w:p><w:r><w:t>锚段</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><x>" + box +
      "</x></w:drawing></mc:Choice><mc:Fallback><w:pict><v>" + box +
      "</v></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>" + p("下一段");
  EXPECT_EQ(paragraphs(read(body)), (std::vector<std::string>{"锚段", "文本框里的标题", "下一段"}));
}

TEST(DocxReader, RubyShowsItsBaseText) {
  const std::string body = "<w:p><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt><w:rubyBase><w:r>"
                           "<w:t>著</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>";
  EXPECT_EQ(paragraphs(read(body)), (std::vector<std::string>{"著"}));
}

TEST(DocxReader, TitleHintComesFromCoreProperties) {
  EXPECT_EQ(read(p("正文"), "  2024年度政府信息公开工作年度报告 ").title_hint, "2024年度政府信息公开工作年度报告");
  EXPECT_EQ(read(p("正文")).title_hint, "");
}

TEST(DocxReader, MainPartIsFoundThroughThePackageRelationships) {
  const std::string bytes = make_zip({{"_rels/.rels", package_rels("/word/document2.xml")},
                                      {"word/document2.xml", document_xml(p("主文档"))},
                                      {"word/document.xml", document_xml(p("不是主文档"))}});
  EXPECT_EQ(paragraphs(read_docx(bytes, "docx", {})), (std::vector<std::string>{"主文档"}));
  // No relationships at all: the conventional name.
  const std::string bare = make_zip({{"word/document.xml", document_xml(p("正文"))}});
  EXPECT_EQ(paragraphs(read_docx(bare, "docx", {})), (std::vector<std::string>{"正文"}));
}

TEST(DocxReader, StrictOoxmlNamespaceReadsAlike) {
  const std::string bytes = make_zip(
      {{"word/document.xml", document_xml(p("严格格式") + tbl(tr(tc("a") + tc("b"))), "http://purl.oclc.org/ooxml/wordprocessingml/main")}});
  const Document d = read_docx(bytes, "docx", {});
  ASSERT_EQ(paragraphs(d), (std::vector<std::string>{"严格格式", "<table>"}));
  EXPECT_EQ(grid(d.blocks[1].table()), (std::vector<std::string>{"a|b"}));
}

TEST(DocxReader, FormatNameIsTheCallers) {
  EXPECT_EQ(read_docx(make_docx(p("x")), "doc", {}).format, "doc");
}

TEST(DocxReader, EmptyBodyFailsPlainly) {
  try {
    read(std::string("<w:p/>") + "<w:sectPr/>");
    FAIL() << "an empty document was read";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "no_text");
    EXPECT_STREQ(e.what(), "the Word document holds no text in its body (its pages may be pictures)");
  }
}

TEST(DocxReader, EmbeddedAltChunksAreReportedNotSilentlyDropped) {
  const Document d = read(p("正文") + "<w:altChunk xmlns:r=\"r\" r:id=\"htmlChunk\"/>");
  ASSERT_EQ(paragraphs(d), (std::vector<std::string>{"正文"}));
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].code, "unread_content");
  EXPECT_EQ(d.problems[0].message_en,
            "the document embeds 1 part(s) in another format (w:altChunk, such as HTML put in by a web exporter) that "
            "are not read");
  try {
    read("<w:altChunk/>");
    FAIL() << "a body of one altChunk was read";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "unread_content");
  }
}

TEST(DocxReader, ThroughThePipelineARecordNamesTheFormatAndNoPages) {
  ProcessOptions options;
  options.lang = "en";
  const Report r = process_bytes("x.docx", make_docx(p("2024年某某县政府信息公开工作年度报告") + p("一、总体情况") + p("正文")), options);
  EXPECT_EQ(r.source.format, "docx");
  EXPECT_FALSE(r.source.pages.has_value());
  ASSERT_TRUE(r.report.title.has_value());
  EXPECT_EQ(*r.report.title, "2024年某某县政府信息公开工作年度报告");
}

TEST(TableGrid, HostileSpansAreClampedAndTheSlotBudgetHolds) {
  std::vector<WordRow> rows(3);
  rows[0].cells = {WordCell{"a", 1'000'000'000, Merge::None, Merge::None}};
  rows[1].grid_before = -5;
  rows[1].cells = {WordCell{"b", -3, Merge::None, Merge::None}};
  std::size_t budget = 10'000;
  const Table t = build_grid(rows, budget);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].size(), static_cast<size_t>(kMaxGridColumns));
  EXPECT_EQ(t.rows[0][0].col_span, kMaxGridColumns);
  EXPECT_EQ(t.rows[1][0].text, "b");
  EXPECT_EQ(budget, 10'000u - 3u * kMaxGridColumns);
  std::size_t small = 10;
  try {
    build_grid(rows, small);
    FAIL() << "the slot budget was not enforced";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "too_large");
    EXPECT_STREQ(e.what(), "a table of 3 rows by 256 columns is larger than xxgk reads");
  }
}

}  // namespace
}  // namespace xxgk
