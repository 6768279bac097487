// Encodings of HTML pages: BOM, declared charsets verified (a wrong declaration does not win),
// detection for pages that declare nothing; and the acceptance case of issue 2: a GBK page
// without a declaration gives the same record as its UTF-8 twin.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "extract/encoding.h"
#include "html_test_support.h"
#include "model/errors.h"
#include "pipeline/process.h"

namespace xxgk {
namespace {

using test::encode;
using test::extract_html;
using test::paragraphs;
using test::tables;
using test::texts;

// A small report page; `head` carries the declaration under test.
std::string report_page(const std::string& head) {
  return "<html><head>" + head +
         "<title>2024年南关区新春街道政府信息公开工作年度报告</title></head><body><div id=zoom>"
         "<p>一、总体情况</p><p>2024年，新春街道通过政府信息公开专栏公开信息25条，未收到政府信息公开申请。</p>"
         "<p>四、政府信息公开行政复议、行政诉讼情况</p>"
         "<table><tr><td colspan=5>行政复议</td></tr>"
         "<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>"
         "<tr><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td></tr></table></div></body></html>";
}

const std::vector<std::string> kReportParagraphs = {
    "一、总体情况", "2024年，新春街道通过政府信息公开专栏公开信息25条，未收到政府信息公开申请。",
    "四、政府信息公开行政复议、行政诉讼情况"};

void expect_report(const Document& d, const std::string& what) {
  EXPECT_EQ(paragraphs(d), kReportParagraphs) << what;
  ASSERT_EQ(tables(d).size(), 1u) << what;
  EXPECT_EQ(texts(*tables(d)[0]).at(1).at(0), "结果维持") << what;
  EXPECT_EQ(d.title_hint, "2024年南关区新春街道政府信息公开工作年度报告") << what;
  EXPECT_TRUE(d.problems.empty()) << what;
}

TEST(HtmlEncoding, EveryChineseEncodingReadsTheSame) {
  expect_report(extract_html(report_page("<meta charset=\"utf-8\">")), "UTF-8");
  expect_report(extract_html(encode(report_page(""), "GBK")), "GBK without declaration");
  expect_report(extract_html(encode(report_page("<meta charset=\"gbk\">"), "GBK")), "GBK declared");
  expect_report(
      extract_html(
          encode(report_page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"), "GB18030")),
      "GB18030 declared as gb2312");
  expect_report(extract_html(encode(report_page("<meta charset=\"GB18030\">"), "GB18030")), "GB18030 declared");
  expect_report(extract_html("\xEF\xBB\xBF" + report_page("")), "UTF-8 with BOM");
  expect_report(extract_html(encode("\xEF\xBB\xBF" + report_page(""), "UTF-16LE")), "UTF-16LE with BOM");
  expect_report(extract_html(encode(report_page("<?xml version=\"1.0\" encoding=\"gbk\"?>"), "GBK")),
                "XML declaration");
}

TEST(HtmlEncoding, WrongDeclarationDoesNotWin) {
  expect_report(extract_html(report_page("<meta charset=\"gb2312\">")), "UTF-8 declared gb2312");
  expect_report(extract_html(encode(report_page("<meta charset=\"utf-8\">"), "GBK")), "GBK declared utf-8");
  expect_report(extract_html(encode(report_page("<meta charset=\"big5\">"), "GBK")), "GBK declared big5");
  expect_report(extract_html(encode(report_page("<meta charset=\"iso-8859-1\">"), "GBK")), "GBK declared latin-1");
}

TEST(HtmlEncoding, GbkCharactersUnderAGb2312Declaration) {
  // 镕 and 堃 are GBK, not GB2312: a page declared gb2312 routinely holds them.
  const std::string html =
      "<html><head><meta charset=gb2312></head><body><p>朱镕基、王堃同志参加政府信息公开工作会议。</p></body></html>";
  EXPECT_EQ(paragraphs(extract_html(encode(html, "GBK"))),
            (std::vector<std::string>{"朱镕基、王堃同志参加政府信息公开工作会议。"}));
  // And a character only GB18030 has (four bytes) under a gbk declaration.
  const std::string four =
      "<html><head><meta charset=gbk></head><body><p>䶮字与𠀀字的政府信息公开申请。</p></body></html>";
  EXPECT_EQ(paragraphs(extract_html(encode(four, "GB18030"))),
            (std::vector<std::string>{"䶮字与𠀀字的政府信息公开申请。"}));
}

TEST(HtmlEncoding, Big5MirrorWithoutDeclaration) {
  const std::string html =
      "<html><body><p>一、總體情況</p><p>本年度收到政府信息公開申請5件，辦理情況良好。</p></body></html>";
  EXPECT_EQ(paragraphs(extract_html(encode(html, "Big5"))),
            (std::vector<std::string>{"一、總體情況", "本年度收到政府信息公開申請5件，辦理情況良好。"}));
}

TEST(HtmlEncoding, StrayByteIsReplacedAndReported) {
  // A GBK page with one byte that is no character (a crawler's damage): the text is read, the
  // damage shows as U+FFFD and the document says so.
  std::string bytes = encode(report_page(""), "GBK");
  const std::string word = encode("专栏", "GBK");
  bytes.insert(bytes.find(word), "\xFF");
  const Document d = extract_html(bytes);
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].code, "encoding");
  EXPECT_EQ(d.problems[0].message_en,
            "1 character(s) of the page could not be decoded as GB18030 and were replaced by U+FFFD");
  EXPECT_EQ(paragraphs(d).at(1),
            "2024年，新春街道通过政府信息公开\xEF\xBF\xBD专栏公开信息25条，未收到政府信息公开申请。");
}

TEST(HtmlEncoding, Utf8PageWithAStrayByteOrCutMidCharacter) {
  std::string bytes = report_page("<meta charset=\"utf-8\">");
  bytes.insert(bytes.find("专栏"), "\xFF");
  Document d = extract_html(bytes);
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].message, "网页中有1处字符无法按 UTF-8 解码，已替换为“\xEF\xBF\xBD”");
  EXPECT_EQ(paragraphs(d).at(1),
            "2024年，新春街道通过政府信息公开\xEF\xBF\xBD专栏公开信息25条，未收到政府信息公开申请。");

  // A page saved by a crawler that stopped inside a character.
  const std::string page = "<p>一、总体情况</p><p>未收到政府信息公开申请";
  d = extract_html(page.substr(0, page.size() - 2));
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].code, "encoding");
  EXPECT_EQ(paragraphs(d), (std::vector<std::string>{"一、总体情况", "未收到政府信息公开申\xEF\xBF\xBD"}));
}

TEST(HtmlEncoding, BinaryGarbageFailsWithPlainWords) {
  std::string bytes = "<html><body>";
  for (int i = 0; i < 4000; ++i) bytes += static_cast<char>(0x80 + (i * 37) % 0x7F);
  try {
    extract_html(bytes);
    FAIL() << "garbage was read";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "encoding");
    EXPECT_STREQ(e.what(), "the text is in no character encoding we can verify (tried UTF-8, GB18030, Big5, UTF-16)");
  }
}

TEST(DecodeText, VocabularyDecidesBetweenCleanDecodings) {
  // Big5 bytes are also valid GB18030; only the vocabulary tells the right reading.
  const std::string text = "政府信息公開工作年度報告：本年度收到申請的情況";
  const Decoded d = decode_text(encode(text, "Big5"));
  EXPECT_EQ(d.charset, "Big5");
  EXPECT_EQ(d.utf8, text);
  const Decoded g = decode_text(encode("政府信息公开工作年度报告：本年度收到申请的情况", "GBK"), "big5");
  EXPECT_EQ(g.charset, "GB18030");
  EXPECT_EQ(g.utf8, "政府信息公开工作年度报告：本年度收到申请的情况");
  EXPECT_EQ(canonical_charset(" \"GB2312\" "), "GB18030");
  EXPECT_EQ(canonical_charset("x-gbk"), "GB18030");
  EXPECT_EQ(canonical_charset("utf8"), "UTF-8");
}

// ---- Acceptance (issue 2): GBK without declaration = its UTF-8 twin, on a real corpus page ----

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

nlohmann::json figures_of(const Report& r) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& f : r.figures) {
    out[f.table + "." + f.row + "." + f.col] = {{"raw", f.raw},
                                                {"value", f.value ? nlohmann::json(*f.value) : nlohmann::json()}};
  }
  return out;
}

TEST(HtmlEncoding, GbkWithoutDeclarationEqualsItsUtf8Twin) {
  const std::string utf8 = read_file("corpus/html/huaian-city-2024.word-zoom.html");
  ASSERT_NE(utf8.find("<meta charset=\"utf-8\">"), std::string::npos);
  // The twin: the same page in GBK with its declaration removed.
  const std::string gbk = encode(std::regex_replace(utf8, std::regex("<meta charset=\"utf-8\">"), ""), "GBK");
  ASSERT_EQ(gbk.find("charset"), std::string::npos);
  ASSERT_FALSE(is_valid_utf8(gbk));

  const ProcessOptions options;
  const Report a = process_bytes("utf8.html", utf8, options);
  const Report b = process_bytes("gbk.html", gbk, options);
  EXPECT_EQ(a.status, "ok");
  EXPECT_EQ(b.status, "ok");
  EXPECT_EQ(figures_of(a), figures_of(b));
  EXPECT_EQ(a.sections, b.sections);
  EXPECT_EQ(a.report.title, b.report.title);

  // And both are the hand-checked figures of the report.
  std::ifstream in("corpus/truth/huaian-city-2024.json");
  const auto truth = nlohmann::json::parse(in)["figures"];
  const auto got = figures_of(b);
  ASSERT_EQ(got.size(), truth.size());
  for (auto it = truth.begin(); it != truth.end(); ++it) {
    ASSERT_TRUE(got.contains(it.key())) << it.key();
    EXPECT_EQ(got[it.key()]["raw"], it.value()) << it.key();
  }
  EXPECT_EQ(got["requests.new_received.total"]["value"], 3119);
  EXPECT_EQ(got["proactive.fees.amount"]["value"], 96171.6);
}

TEST(HtmlEncoding, CorpusGbkPageAgreesWithItsUtf8Layout) {
  const ProcessOptions options;
  const Report gbk = process_file("corpus/html/huaian-city-2024.gbk-nodecl.html", options);
  const Report utf8 = process_file("corpus/html/huaian-city-2024.word-zoom.html", options);
  EXPECT_EQ(figures_of(gbk), figures_of(utf8));
  EXPECT_EQ(gbk.sections, utf8.sections);
  EXPECT_EQ(figures_of(gbk).size(), 200u);
}

}  // namespace
}  // namespace xxgk
