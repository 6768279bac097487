// Hostile input, one document at a time (issue 17, item 8): damaged bytes, wrong names, PDFs past
// the page cap or failing after they opened. Each test pins what went wrong before.
#include "extract/encoding.h"
#include "extract/extractor.h"
#include "pipeline/process.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace xxgk {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(std::string(XXGK_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kSeedTxt = "corpus/txt/000_c2afdc98611f7d7b.txt";
const std::string kSeedHtml = "corpus/html/xinchun-2024.fullwidth-spaced.html";

ProcessOptions english() {
  ProcessOptions o;
  o.lang = "en";
  return o;
}

std::vector<std::string> rules_of(const Report& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.rule + " " + f.severity);
  return out;
}

// `bytes` with `bad` inserted before each of the first `n` occurrences of 。 after `from`.
std::string damaged(std::string bytes, const std::string& bad, int n, size_t from) {
  size_t at = from;
  for (int k = 0; k < n; ++k) {
    at = bytes.find("。", at);
    bytes.insert(at, bad);
    at += bad.size() + 3;
  }
  return bytes;
}

// One invalid byte in an otherwise good UTF-8 page was `partial`, mislabelled as an incomplete
// table ("网页中有1处字符无法按 UTF-8 解码"). The report is read as usual (ok, every figure), with
// an info finding saying the source held bytes that were replaced.
TEST(HostileInput, OneInvalidByteInAGoodPageIsReadNormally) {
  const std::string html = read(kSeedHtml);
  const Report clean = process_bytes("p.html", html, english());
  ASSERT_EQ(clean.status, "ok");
  const Report r = process_bytes("p.html", damaged(html, "\xFF", 1, html.size() / 3), english());
  EXPECT_EQ(r.status, "ok") << (r.error ? r.error->code + ": " + r.error->message : "");
  EXPECT_FALSE(r.error.has_value());
  EXPECT_EQ(r.figures.size(), clean.figures.size());
  ASSERT_EQ(rules_of(r), std::vector<std::string>{"source.invalid_bytes info"});
  EXPECT_EQ(r.findings[0].message_en,
            "1 character(s) of the page could not be decoded as UTF-8 and were replaced by U+FFFD");
  // A text file: it was read as ok before, silently; now the finding says what was replaced.
  const std::string txt = read(kSeedTxt);
  const Report t = process_bytes("p.txt", damaged(txt, "\xFF", 1, 600), english());
  EXPECT_EQ(t.status, "ok");
  ASSERT_EQ(rules_of(t), std::vector<std::string>{"source.invalid_bytes info"});
  EXPECT_EQ(t.findings[0].message_en,
            "1 character(s) of the file could not be decoded as UTF-8 and were replaced by U+FFFD");
}

// A few invalid sequences (ten in an 11 kB page) failed the whole document as `encoding`: more
// than the three any decoding was allowed. UTF-8 may hold up to 16 (or one per 100 bytes).
TEST(HostileInput, AFewInvalidSequencesDoNotFailTheDocument) {
  const std::string html = read(kSeedHtml);
  const std::string bad = damaged(html, "\xC3\x28", 10, html.size() / 4);
  const Decoded d = decode_text(bad);
  EXPECT_EQ(d.charset, "UTF-8");
  EXPECT_EQ(d.invalid_sequences, 10);
  const Report r = process_bytes("p.html", bad, english());
  EXPECT_EQ(r.status, "ok") << (r.error ? r.error->code + ": " + r.error->message : "");
  EXPECT_EQ(rules_of(r), std::vector<std::string>{"source.invalid_bytes info"});
  // Text in another charset is still never taken for damaged UTF-8: GBK bytes read as GB18030.
  const std::string gbk_page = read("corpus/html/huaian-city-2024.gbk-nodecl.html");
  EXPECT_EQ(decode_text(gbk_page).charset, "GB18030");
}

// An HTML or text report saved under a .docx or .pdf name (a download script names every file so)
// failed as a damaged archive or PDF. It is read by what its bytes are.
TEST(HostileInput, AReportUnderAnotherFormatsNameIsReadByItsBytes) {
  const std::string html = read(kSeedHtml), txt = read(kSeedTxt);
  EXPECT_EQ(detect_format("x.docx", html), "html");
  EXPECT_EQ(detect_format("x.pdf", html), "html");
  EXPECT_EQ(detect_format("x.pdf", txt), "txt");
  EXPECT_EQ(detect_format("x.doc", txt), "txt");
  EXPECT_EQ(detect_format("x.wps", html), "html");
  for (const auto& [name, bytes, format] : {std::tuple{"a.docx", html, "html"}, std::tuple{"a.pdf", txt, "txt"}}) {
    const Report r = process_bytes(name, bytes, english());
    EXPECT_EQ(r.status, "ok") << name << " " << (r.error ? r.error->message : "");
    EXPECT_EQ(r.source.format, format) << name;
  }
  // Bytes that are neither keep the name's format and fail there as damaged.
  std::string binary(4096, '\0');
  for (size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>((i * 131) % 256);
  EXPECT_EQ(detect_format("x.pdf", binary), "pdf");
  EXPECT_EQ(detect_format("x.doc", binary), "doc");
  EXPECT_EQ(process_bytes("x.pdf", "%PDF-1.7\nbroken", english()).error->code, "corrupt");
  EXPECT_EQ(process_bytes("x.docx", "PK\x03\x04 broken", english()).error->code, "corrupt");
}

// A PDF longer than the page cap (300) was cut at page 300 with only a problem among others (a
// report whose first 300 pages hold its tables came out ok). It is partial and says so first.
TEST(HostileInput, APdfLongerThanThePageCapIsPartialWithTheCapNamed) {
  const Report r = process_file(std::string(XXGK_SOURCE_DIR) + "/tests/pdf_fixtures/many-pages.pdf", english());
  EXPECT_EQ(r.status, "partial");
  EXPECT_EQ(r.source.pages, 301);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, "too_many_pages");
  EXPECT_EQ(r.error->message.rfind("the document has 301 pages; only the first 300 were read; ", 0), 0u)
      << r.error->message;
  EXPECT_EQ(r.error->message.find("page 301:"), std::string::npos) << "named once, first: " << r.error->message;
}

// `pages` was null for a PDF that opened and then failed (every page an image, read without OCR):
// it is the page count wherever the PDF opens.
TEST(HostileInput, PagesIsThePageCountAlsoWhenThePdfThenFails) {
  ProcessOptions o = english();
  o.extract.ocr = false;
  const Report r = process_file(std::string(XXGK_SOURCE_DIR) + "/tests/pdf_fixtures/image-only.pdf", o);
  EXPECT_EQ(r.status, "failed");
  EXPECT_EQ(r.error->code, "needs_ocr");
  EXPECT_EQ(r.source.pages, 1);
  const Report damaged_pdf = process_bytes("x.pdf", "%PDF-1.7\nbroken", english());
  EXPECT_EQ(damaged_pdf.source.pages, std::nullopt) << "a PDF that does not open has no page count";
}

}  // namespace
}  // namespace xxgk
