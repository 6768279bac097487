// OCR of a scanned table (tests/data/ocr/requests-scan.pdf: the top of table 3 of a real report,
// 200 dpi grey JPEG, 0.7° skew, specks, a red seal over the 0 columns) through the real
// Tesseract: every number exact, merged header cells, confidence kept, page turned upright.
// Kept to one small page: OCR under ASan is slow.
#include "extract/ocr/ocr_pages.h"
#include "extract/ocr/page_image.h"

#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

namespace xxgk::ocr {
namespace {

constexpr int kDpi = 200;

std::unique_ptr<poppler::document> fixture() {
  return std::unique_ptr<poppler::document>(
      poppler::document::load_from_file(XXGK_SOURCE_DIR "/tests/data/ocr/requests-scan.pdf"));
}

const std::vector<std::vector<std::string>> kNumbers = {
    {"3001", "53", "0", "0", "61", "4", "3119"},
    {"34", "0", "0", "0", "0", "0", "34"},
    {"1288", "21", "0", "0", "50", "3", "1362"},
    {"447", "7", "0", "0", "0", "0", "454"},
};

const Table& only_table(const OcrPage& page) {
  const Table* found = nullptr;
  for (const auto& b : page.blocks)
    if (b.is_table()) {
      EXPECT_EQ(found, nullptr) << "more than one table";
      found = &b.table();
    }
  if (!found) throw std::runtime_error("no table read");
  return *found;
}

void expect_numbers(const Table& t) {
  ASSERT_EQ(t.rows.size(), 7u);
  for (size_t r = 0; r < kNumbers.size(); ++r) {
    ASSERT_EQ(t.rows[r + 3].size(), 9u);
    for (size_t c = 0; c < kNumbers[r].size(); ++c) {
      const Cell& cell = t.rows[r + 3][c + 2];
      EXPECT_EQ(cell.text, kNumbers[r][c]) << "row " << r + 3 << " col " << c + 2;
      ASSERT_TRUE(cell.confidence.has_value());
      EXPECT_GE(*cell.confidence, 50) << "row " << r + 3 << " col " << c + 2;
      EXPECT_EQ(cell.page, 1);
    }
  }
}

TEST(OcrScan, ReadsTheTableOfAScannedPage) {
  const auto doc = fixture();
  ASSERT_TRUE(doc);
  ExtractOptions options;
  options.ocr_dpi = kDpi;
  const auto pages = ocr_pages(*doc, {1}, options);
  ASSERT_EQ(pages.size(), 1u);
  const OcrPage& page = pages[0];
  EXPECT_EQ(page.quarter_turns, 0);
  EXPECT_NEAR(page.skew_degrees, 0.7, 0.1);
  EXPECT_EQ(page.unreadable_cells, 0);
  const Table& t = only_table(page);
  expect_numbers(t);
  // The three-row header: merged cells as the rules print them.
  EXPECT_EQ(t.rows[0][2].text, "申请人情况");
  EXPECT_EQ(t.rows[0][2].col_span, 7);
  EXPECT_TRUE(t.rows[0][5].covered);
  EXPECT_EQ(t.rows[0][5].anchor_col, 2);
  EXPECT_EQ(t.rows[1][2].text, "自然人");
  EXPECT_EQ(t.rows[1][2].row_span, 2);
  EXPECT_EQ(t.rows[1][3].text, "法人或其他组织");
  EXPECT_EQ(t.rows[1][3].col_span, 5);
  EXPECT_EQ(t.rows[1][8].text, "总计");
  EXPECT_EQ(t.rows[2][7].text, "其他");
  EXPECT_EQ(t.rows[0][0].row_span, 3);
  EXPECT_EQ(t.rows[0][0].col_span, 2);
  // The tall label column of 三、本年度办理结果 holds no print in this crop: blank, not read.
  EXPECT_EQ(t.rows[5][0].text, "");
  EXPECT_FALSE(t.rows[5][0].confidence.has_value());
  ASSERT_TRUE(t.rows[3][2].box.has_value());
  EXPECT_GT(t.rows[3][2].box->width(), 20);
}

TEST(OcrScan, TurnsSidewaysAndUpsideDownPagesUpright) {
  const auto doc = fixture();
  std::unique_ptr<poppler::page> p(doc->create_page(0));
  const PixPtr image = render_page(*p, kDpi);
  for (int turns : {1, 2}) {
    PixPtr turned(pixRotateOrth(image.get(), turns));
    const OcrPage page = read_page_image(turned.get(), kDpi, 1, thread_engine(""));
    EXPECT_EQ((page.quarter_turns + turns) % 4, 0) << turns << " quarter turns";
    expect_numbers(only_table(page));
  }
}

TEST(OcrScan, PagesInParallelReadAsOnOneThread) {
  const auto doc = fixture();
  ExtractOptions options;
  options.ocr_dpi = kDpi;
  options.jobs = 2;
  const auto pages = ocr_pages(*doc, {1, 1}, options);
  ASSERT_EQ(pages.size(), 2u);
  expect_numbers(only_table(pages[0]));
  expect_numbers(only_table(pages[1]));
  auto joined = pages;
  join_continued_tables(joined);  // the same page twice is not one page after another
  EXPECT_EQ(joined[1].blocks.size(), 1u);
}

}  // namespace
}  // namespace xxgk::ocr
