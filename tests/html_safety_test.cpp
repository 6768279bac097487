// Huge and hostile pages: the HTML extractor neither crashes nor hangs nor eats unbounded memory.
// (Speed is measured in bench/, never asserted here.)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "html_test_support.h"
#include "model/errors.h"
#include "pipeline/extract_job.h"

namespace xxgk {
namespace {

using test::extract_html;
using test::page;
using test::paragraphs;
using test::shape;
using test::tables;

TEST(HtmlSafety, HugeSpansAreClamped) {
  // rowspan=100000 ends with the table; colspan=100000 is clamped to 1000 columns, so the other
  // cells find no column left.
  const Document d =
      extract_html(page("<table><tr><td rowspan=100000 colspan=100000>x</td><td>1</td></tr>"
                        "<tr><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td></tr></table>"));
  ASSERT_EQ(shape(d), "T");
  const Table& t = *tables(d)[0];
  ASSERT_EQ(t.rows.size(), 4u);
  for (const auto& row : t.rows) {
    ASSERT_EQ(row.size(), 1000u);
    for (const auto& c : row) EXPECT_EQ(c.text, "x");
  }
  EXPECT_EQ(t.rows[0][0].row_span, 4);
  EXPECT_EQ(t.rows[0][0].col_span, 1000);
  EXPECT_TRUE(t.rows[3][999].covered);
  EXPECT_EQ(t.rows[3][999].anchor_row, 0);
  EXPECT_EQ(t.rows[3][999].anchor_col, 0);
}

TEST(HtmlSafety, OversizedGridIsCut) {
  // 300 rows of 1000 columns each: the grid stops at 200,000 slots (200 rows).
  std::string rows;
  for (int i = 0; i < 300; ++i) rows += "<tr><td colspan=999>行</td><td>" + std::to_string(i) + "</td></tr>";
  const Document d = extract_html(page("<table>" + rows + "</table>"));
  ASSERT_EQ(shape(d), "T");
  const Table& t = *tables(d)[0];
  EXPECT_EQ(t.rows.size(), 200u);
  EXPECT_EQ(t.rows[199].size(), 1000u);
  EXPECT_EQ(t.rows[199][999].text, "199");
}

TEST(HtmlSafety, DeepNestingKeepsTheTextAroundIt) {
  std::string html = "<div id=zoom><p>一、总体情况</p>";
  for (int i = 0; i < 100000; ++i) html += "<div><span>";
  html += "<p>深处的文字</p>";
  for (int i = 0; i < 100000; ++i) html += "</span></div>";
  html += "<p>二、主动公开政府信息情况</p></div>";
  const Document d = extract_html(page(html));
  EXPECT_EQ(paragraphs(d), (std::vector<std::string>{"一、总体情况", "深处的文字", "二、主动公开政府信息情况"}));
}

TEST(HtmlSafety, UnclosedTagsNestedDeep) {
  std::string html = "<p>开头</p>";
  for (int i = 0; i < 200000; ++i) html += "<font><b>";
  html += "政府信息公开";
  const Document d = extract_html(page(html));
  EXPECT_EQ(paragraphs(d), (std::vector<std::string>{"开头", "政府信息公开"}));
}

TEST(HtmlSafety, TablesNestedDeep) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<table><tr><td>";
  html += "<table><tr><td>行政复议</td><td>行政诉讼</td></tr><tr><td>1</td><td>2</td></tr></table>";
  for (int i = 0; i < 20000; ++i) html += "</td></tr></table>";
  const Document d = extract_html(page(html));
  ASSERT_EQ(shape(d), "T");
  EXPECT_EQ(test::texts(*tables(d)[0]), (std::vector<std::vector<std::string>>{{"行政复议", "行政诉讼"}, {"1", "2"}}));
}

TEST(HtmlSafety, MillionsOfTagsAreRefused) {
  std::string html;
  html.reserve(2'100'001 * 3);
  for (int i = 0; i < 2'100'001; ++i) html += "<b>";
  try {
    extract_html(page(html));
    FAIL() << "a page of 2.1 million tags was parsed";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "too_complex");
    EXPECT_STREQ(
        e.what(),
        "the page has 2100005 HTML tags, more than the 2000000 this reader accepts; no report page has that many");
  }
}

TEST(HtmlSafety, FiftyMegabytePage) {
  // A report page padded with 50 MB of paragraphs: read whole, tables and all.
  std::string filler;
  filler.reserve(size_t{52} << 20);
  size_t n = 0;
  while (filler.size() < (size_t{50} << 20)) {
    filler +=
        "<p>第" + std::to_string(n++) + "段：本机关持续推进政务公开标准化规范化建设，不断提升政府信息公开质量。</p>\n";
  }
  const Document d =
      extract_html(page("<div id=zoom><p>一、总体情况</p>"
                        "<table><tr><td>行政复议</td><td>行政诉讼</td></tr><tr><td>1</td><td>2</td></tr></table>" +
                        filler + "</div>"));
  EXPECT_EQ(d.blocks.size(), n + 2);
  EXPECT_EQ(tables(d).size(), 1u);
  EXPECT_EQ(paragraphs(d).back(),
            "第" + std::to_string(n - 1) + "段：本机关持续推进政务公开标准化规范化建设，不断提升政府信息公开质量。");
}

TEST(HtmlSafety, DeadlineStopsTheWork) {
  ExtractOptions options;
  options.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  try {
    extractor_for("html")->extract("late.html", page("<p>政府信息公开</p>"), options);
    FAIL() << "the deadline was ignored";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "timeout");
  }
}

// Issue 2's acceptance: an empty or corrupt HTML input gives a failed record with a plain-words
// message, and the other inputs of the run are still extracted (exit status 1).
TEST(HtmlSafety, BadInputsFailAloneInABatch) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("xxgk-html-batch-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    return (dir / name).string();
  };
  std::string garbage = "<html><body>";
  for (int i = 0; i < 4000; ++i) garbage += static_cast<char>(0x80 + (i * 37) % 0x7F);
  const std::string good = page(
      "<div "
      "id=zoom><p>2024年某镇政府信息公开工作年度报告</p><p>一、总体情况</p><p>本年度未收到政府信息公开申请。</p></"
      "div>");
  const std::vector<std::string> docs = {write("a-good.html", good), write("b-empty.html", ""),
                                         write("c-blank.html", "  \n\t "), write("d-corrupt.html", garbage),
                                         write("e-good.html", good)};
  std::ostringstream out;
  const int status = run_extract(docs, ExtractJobOptions{}, out);
  EXPECT_EQ(status, 1);
  std::istringstream lines(out.str());
  std::vector<nlohmann::json> records;
  for (std::string line; std::getline(lines, line);) records.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[0]["status"], "partial");  // read: text without tables
  EXPECT_EQ(records[1]["status"], "failed");
  EXPECT_EQ(records[1]["error"]["message"], "文件为空");
  EXPECT_EQ(records[2]["status"], "failed");
  EXPECT_EQ(records[2]["error"]["message"], "网页为空");
  EXPECT_EQ(records[3]["status"], "failed");
  EXPECT_EQ(records[3]["error"]["code"], "encoding");
  EXPECT_EQ(records[3]["error"]["message"], "无法确认文本的字符编码（已尝试 UTF-8、GB18030、Big5、UTF-16）");
  EXPECT_EQ(records[4]["status"], "partial");
  EXPECT_EQ(records[4]["report"]["title"], "2024年某镇政府信息公开工作年度报告");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace xxgk
