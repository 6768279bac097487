// The PDF extractor on real files: the fixtures of tests/pdf_fixtures/ (made by its
// make_fixtures.sh) for what can go wrong with a PDF, and the original 淮安市 2024 report for what
// must come out right: every figure of its three tables with its page.
#include "extract/pdf/pdf_extractor.h"
#include "extract/pdf/text_layer.h"
#include "extract/pdf/text_quality.h"
#include "model/errors.h"
#include "pipeline/process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace xxgk {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kFixtures = "tests/pdf_fixtures/";

// --no-ocr: pages without a usable text layer are reported, not read (the default OCRs them).
ExtractOptions without_ocr() {
  ExtractOptions o;
  o.ocr = false;
  return o;
}

std::string error_code(const std::string& bytes, const ExtractOptions& options = {}) {
  try {
    make_pdf_extractor()->extract("x.pdf", bytes, options);
  } catch (const DocumentError& e) {
    return e.code();
  }
  return "";
}

TEST(PdfDocuments, ReadsTextAndTable) {
  const std::string bytes = read(kFixtures + "tiny.pdf");
  const Document doc = make_pdf_extractor()->extract("tiny.pdf", bytes, {});
  EXPECT_EQ(doc.format, "pdf");
  EXPECT_EQ(doc.pages, 1);
  EXPECT_TRUE(doc.problems.empty());
  std::string text;
  const Table* table = nullptr;
  for (const auto& b : doc.blocks) {
    if (b.is_table()) table = &b.table();
    else text += b.paragraph().text + "\n";
  }
  EXPECT_NE(text.find("全市共受理政府信息公开申请12件，答复12件"), std::string::npos) << text;
  ASSERT_NE(table, nullptr);
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[1][0].text, "行政许可");
  EXPECT_EQ(table->rows[1][1].text, "345");
  EXPECT_EQ(table->rows[1][1].page, 1);
}

TEST(PdfDocuments, PasswordProtectedFailsClearly) {
  EXPECT_EQ(error_code(read(kFixtures + "encrypted-user.pdf")), "encrypted");
}

TEST(PdfDocuments, EncryptedWithoutUserPasswordIsRead) {
  const Document doc = make_pdf_extractor()->extract("x.pdf", read(kFixtures + "encrypted-owner.pdf"), {});
  EXPECT_FALSE(doc.blocks.empty());
  EXPECT_TRUE(doc.problems.empty());
}

TEST(PdfDocuments, FontsWithoutUnicodeMapNeedOcr) {
  const std::string bytes = read(kFixtures + "no-tounicode.pdf");
  EXPECT_EQ(pdf::pages_needing_ocr(bytes), std::vector<int>{1});
  EXPECT_EQ(error_code(bytes, without_ocr()), "needs_ocr");
}

TEST(PdfDocuments, ImageOnlyPageNeedsOcr) {
  const std::string bytes = read(kFixtures + "image-only.pdf");
  EXPECT_EQ(pdf::pages_needing_ocr(bytes), std::vector<int>{1});
  EXPECT_EQ(error_code(bytes, without_ocr()), "needs_ocr");
  EXPECT_TRUE(pdf::pages_needing_ocr(read(kFixtures + "tiny.pdf")).empty());
}

TEST(PdfDocuments, APageWithoutTextMakesTheDocumentPartialAndSaysWhichPage) {
  const Document doc = make_pdf_extractor()->extract("x.pdf", read(kFixtures + "text-and-image.pdf"), without_ocr());
  EXPECT_EQ(doc.format, "pdf");
  ASSERT_EQ(doc.problems.size(), 1u);
  EXPECT_EQ(doc.problems[0].code, "needs_ocr");
  EXPECT_EQ(doc.problems[0].page, 2);
  ProcessOptions no_ocr;
  no_ocr.extract.ocr = false;
  const Report r = process_file(kFixtures + "text-and-image.pdf", no_ocr);
  EXPECT_EQ(r.status, "partial");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, "needs_ocr");
  EXPECT_EQ(r.error->message.rfind("第2页：该页没有文字层（为图片，如扫描件），需要 OCR 识别", 0), 0u) << r.error->message;
}

// With OCR (the default) the image page is read from its image and the text page from its text
// layer: no page is left unread, page 1 is exactly what --no-ocr reads, and page 2 (tiny.pdf
// rasterized at 60 dpi) is OCR'd: its headings and labels right, its figure 345 too small to read
// (a 12 px tall 二) but with a confidence far below ocr.low_confidence's 75, so never a silent guess.
TEST(PdfDocuments, APageWithoutTextIsReadByOcrBesideTheTextPage) {
  const std::string bytes = read(kFixtures + "text-and-image.pdf");
  const Document doc = make_pdf_extractor()->extract("x.pdf", bytes, {});
  EXPECT_EQ(doc.format, "pdf-scanned");
  EXPECT_TRUE(doc.problems.empty());
  const Document text_only = make_pdf_extractor()->extract("x.pdf", bytes, without_ocr());
  std::vector<const Block*> page1, page2;
  for (const auto& b : doc.blocks) {
    const std::optional<int> page = b.is_table() ? b.table().page : b.paragraph().page;
    (page == 1 ? page1 : page2).push_back(&b);
  }
  ASSERT_EQ(page1.size(), text_only.blocks.size());
  for (size_t i = 0; i < page1.size(); ++i) {
    ASSERT_EQ(page1[i]->is_table(), text_only.blocks[i].is_table()) << i;
    if (page1[i]->is_table()) {
      ASSERT_EQ(page1[i]->table().rows.size(), text_only.blocks[i].table().rows.size());
      for (size_t r = 0; r < page1[i]->table().rows.size(); ++r)
        for (size_t c = 0; c < page1[i]->table().rows[r].size(); ++c) {
          EXPECT_EQ(page1[i]->table().rows[r][c].text, text_only.blocks[i].table().rows[r][c].text);
          EXPECT_FALSE(page1[i]->table().rows[r][c].confidence.has_value());
        }
    } else {
      EXPECT_EQ(page1[i]->paragraph().text, text_only.blocks[i].paragraph().text);
    }
  }
  ASSERT_EQ(page2.size(), 4u);
  EXPECT_EQ(page2[0]->paragraph().text, "测试市政府信息公开工作年度报告");
  EXPECT_EQ(page2[0]->paragraph().page, 2);
  ASSERT_TRUE(page2[3]->is_table());
  const Table& t = page2[3]->table();
  EXPECT_EQ(t.page, 2);
  ASSERT_EQ(t.rows.size(), 2u);
  ASSERT_EQ(t.rows[0].size(), 2u);
  ASSERT_EQ(t.rows[1].size(), 2u);
  EXPECT_EQ(t.rows[0][0].text, "信息内容");
  EXPECT_EQ(t.rows[0][1].text, "本年处理决定数量");
  EXPECT_EQ(t.rows[1][0].text, "行政许可");
  EXPECT_EQ(t.rows[1][1].page, 2);
  ASSERT_TRUE(t.rows[1][1].confidence.has_value());
  EXPECT_LT(*t.rows[1][1].confidence, 75);
}

TEST(PdfDocuments, OcrHookReadsOnlyPagesWithoutText) {
  std::vector<int> asked;
  auto ocr = [&](const pdf::PdfFile&, const std::vector<int>& pages, const ExtractOptions&) {
    asked = pages;
    std::vector<OcrPageBlocks> out;
    for (int p : pages) out.push_back(OcrPageBlocks{p, {Block{Paragraph{"一、总体情况", p}}}, {}});
    return out;
  };
  const Document doc = make_pdf_extractor(ocr)->extract("x.pdf", read(kFixtures + "image-only.pdf"), {});
  EXPECT_EQ(asked, std::vector<int>{1});
  EXPECT_EQ(doc.format, "pdf-scanned");
  EXPECT_TRUE(doc.problems.empty());
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].paragraph().text, "一、总体情况");
  ExtractOptions no_ocr;
  no_ocr.ocr = false;
  EXPECT_EQ(error_code(read(kFixtures + "image-only.pdf"), no_ocr), "needs_ocr");
  asked.clear();
  const Document text = make_pdf_extractor(ocr)->extract("x.pdf", read(kFixtures + "tiny.pdf"), {});
  EXPECT_TRUE(asked.empty());
  EXPECT_EQ(text.format, "pdf");
}

TEST(PdfDocuments, DamagedFilesFailOrReadWithoutCrashing) {
  EXPECT_EQ(error_code("%PDF-1.7\nthis is not a PDF"), "corrupt");
  EXPECT_EQ(error_code(""), "corrupt");
  const std::string whole = read("corpus/pdf/huaian-city-2024.original.pdf");
  for (size_t cut : {size_t{1000}, whole.size() / 3, whole.size() / 2, whole.size() - 100}) {
    std::string code;
    EXPECT_NO_THROW(code = error_code(whole.substr(0, cut))) << cut;
  }
  // Bytes flipped in the middle of the file: whatever Poppler makes of it, never a crash.
  std::string flipped = whole;
  for (size_t i = flipped.size() / 4; i < flipped.size() / 2; i += 997) flipped[i] = static_cast<char>(~flipped[i]);
  EXPECT_NO_THROW(error_code(flipped));
}

TEST(PdfDocuments, OnlyTheFirst300PagesAreRead) {
  const Document doc = make_pdf_extractor()->extract("x.pdf", read(kFixtures + "many-pages.pdf"), {});
  EXPECT_EQ(doc.pages, 301);
  ASSERT_EQ(doc.problems.size(), 1u);
  EXPECT_EQ(doc.problems[0].code, "too_many_pages");
  EXPECT_EQ(doc.problems[0].message, "文档共301页，只读取了前300页");
}

TEST(PdfDocuments, DeadlineStopsBetweenPages) {
  ExtractOptions o;
  o.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  EXPECT_EQ(error_code(read("corpus/pdf/huaian-city-2024.original.pdf"), o), "timeout");
}

// The pages the original prints each figure on (pdftotext -f N -l N shows them): part 二's first
// two small tables on page 3, the other two on page 4; table 三 from its header to
// （四）1.本机关不掌握相关政府信息 on page 4, the rest on page 5; table 四 on page 5.
int printed_page(const std::string& table, const std::string& row) {
  static const std::set<std::string> proactive_p3 = {"regulations", "normative_documents", "licensing"};
  static const std::set<std::string> requests_p4 = {
      "new_received", "carried_over", "granted", "partially_granted", "withheld_state_secret",
      "withheld_prohibited_by_law", "withheld_security_stability", "withheld_third_party",
      "withheld_internal_affairs", "withheld_process_info", "withheld_enforcement_file",
      "withheld_query_matter", "unavailable_not_held"};
  if (table == "proactive") return proactive_p3.count(row) ? 3 : 4;
  if (table == "requests") return requests_p4.count(row) ? 4 : 5;
  return 5;
}

TEST(PdfHuaian, EveryFigureWithItsPage) {
  const std::string path = "corpus/pdf/huaian-city-2024.original.pdf";
  const Report r = process_file(path, ProcessOptions{});
  EXPECT_EQ(r.status, "ok") << (r.error ? r.error->message : "");
  EXPECT_EQ(r.source.pages, 6);
  const auto truth = nlohmann::json::parse(read("corpus/pdf/huaian-city-2024.original.figures.json"));
  ASSERT_EQ(truth["figures"].size(), 200u);
  EXPECT_EQ(r.figures.size(), 200u);
  for (const auto& [key, value] : truth["figures"].items()) {
    const auto dot1 = key.find('.'), dot2 = key.find('.', dot1 + 1);
    const std::string table = key.substr(0, dot1), row = key.substr(dot1 + 1, dot2 - dot1 - 1), col = key.substr(dot2 + 1);
    const Figure* f = r.find(table, row, col);
    ASSERT_NE(f, nullptr) << key;
    ASSERT_TRUE(f->value.has_value()) << key;
    EXPECT_DOUBLE_EQ(*f->value, value.get<double>()) << key;
    EXPECT_EQ(f->page, printed_page(table, row)) << key;
  }
  EXPECT_EQ(r.report.title, truth["report"]["title"].get<std::string>());
  EXPECT_EQ(r.report.agency, truth["report"]["agency"].get<std::string>());
  EXPECT_EQ(r.report.year, 2024);
  EXPECT_EQ(r.report.template_version, "2021");
  // The narrative the text rule reads, joined over lines without the spaces around digits.
  const std::string* overview = r.section("overview");
  ASSERT_NE(overview, nullptr);
  for (const char* phrase : {"全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）",
                             "政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件",
                             "政府信息公开行政诉讼46件"})
    EXPECT_NE(overview->find(phrase), std::string::npos) << phrase;
}


// read_page goes to Poppler's core text layer for speed; what it reads must be what the binding's
// text_list(text_list_include_font) reads: every word of every page of every PDF here (text
// layers in three fonts, scans, damaged and fuzzed files), text, box, size and space, exactly.
// (corpus/ as a whole, all pages, is compared by the corpus tests' records.)
TEST(PdfDocuments, TheCoreTextLayerIsTheBindingsTextList) {
  size_t files = 0, pages = 0, words = 0;
  for (const char* dir : {"corpus/pdf", "corpus/scanned", "tests/pdf_fixtures", "tests/fuzz/pdf"}) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() != ".pdf") continue;
      const std::string bytes = read(entry.path().string());
      std::unique_ptr<pdf::PdfFile> file;
      try {
        file = std::make_unique<pdf::PdfFile>(bytes);
      } catch (const DocumentError&) {
        continue;
      }
      ++files;
      for (int p = 1; p <= std::min(file->pages(), 4); ++p, ++pages) {  // the first four pages: the tables
        const pdf::PageText core = file->read_page(p), binding = file->read_page_through_binding(p);
        const std::string where = entry.path().string() + " page " + std::to_string(p);
        EXPECT_EQ(core.width, binding.width) << where;
        EXPECT_EQ(core.height, binding.height) << where;
        ASSERT_EQ(core.words.size(), binding.words.size()) << where;
        for (size_t i = 0; i < core.words.size(); ++i, ++words) {
          const auto &a = core.words[i], &b = binding.words[i];
          EXPECT_EQ(a.text, b.text) << where << " word " << i;
          EXPECT_TRUE(a.box.x0 == b.box.x0 && a.box.y0 == b.box.y0 && a.box.x1 == b.box.x1 && a.box.y1 == b.box.y1)
              << where << " word " << i << " " << a.text;
          EXPECT_EQ(a.size, b.size) << where << " word " << i;
          EXPECT_EQ(a.space_after, b.space_after) << where << " word " << i;
        }
      }
    }
  }
  EXPECT_GE(files, 30u);
  EXPECT_GE(words, 5000u) << files << " files, " << pages << " pages";
}

}  // namespace
}  // namespace xxgk
