// The OCR path's geometry, without Tesseract: ruled-table grids from drawn rules, paragraphs from
// line boxes, running page numbers, number tidying, tables joined across pages, and the page
// shrink running text is read at.
#include "extract/ocr/cell_reader.h"
#include "extract/ocr/ocr_pages.h"
#include "extract/ocr/page_image.h"
#include "extract/ocr/paragraphs.h"
#include "extract/ocr/ruling.h"

#include <gtest/gtest.h>

#include <random>

namespace xxgk::ocr {
namespace {

// A white 300-dpi page with black rules drawn on it.
struct Drawing {
  PixPtr pix{pixCreate(1200, 700, 8)};
  Drawing() { pixSetAllArbitrary(pix.get(), 255); }
  void fill(int x0, int y0, int x1, int y1, int grey) {
    BoxPtr b(boxCreate(x0, y0, x1 - x0, y1 - y0));
    pixSetInRectArbitrary(pix.get(), b.get(), static_cast<l_uint32>(grey));
  }
  void hrule(int y, int x0, int x1) { fill(x0, y - 1, x1, y + 2, 0); }
  void vrule(int x, int y0, int y1) { fill(x - 1, y0, x + 2, y1, 0); }
};

std::vector<std::tuple<int, int, int, int>> spans(const RuledTable& t) {
  std::vector<std::tuple<int, int, int, int>> out;
  for (const auto& c : t.cells) out.emplace_back(c.row, c.col, c.row_span, c.col_span);
  return out;
}

TEST(OcrRuling, GridWithMergedCellsFromMissingRules) {
  Drawing d;
  for (int y : {100, 200, 300, 400}) d.hrule(y, 100, 1100);
  d.vrule(100, 100, 400);
  d.vrule(1100, 100, 400);
  d.vrule(400, 100, 400);
  d.vrule(700, 200, 400);  // missing in row 0: (0,1) spans two columns
  d.fill(100, 299, 400, 302, 255);  // rule under (1,0) missing: (1,0) spans two rows
  d.hrule(300, 400, 1100);
  const Rulings r = find_ruled_tables(d.pix.get(), 300);
  ASSERT_EQ(r.tables.size(), 1u);
  const RuledTable& t = r.tables[0];
  EXPECT_EQ(t.row_lines, (std::vector<int>{100, 200, 300, 400}));
  EXPECT_EQ(t.col_lines, (std::vector<int>{100, 400, 700, 1100}));
  using S = std::tuple<int, int, int, int>;
  EXPECT_EQ(spans(t), (std::vector<S>{S{0, 0, 1, 1}, S{0, 1, 1, 2}, S{1, 0, 2, 1}, S{1, 1, 1, 1}, S{1, 2, 1, 1},
                                      S{2, 1, 1, 1}, S{2, 2, 1, 1}}));
  EXPECT_EQ(t.interior(t.cells[1], 5).x0, 405);
  EXPECT_EQ(t.interior(t.cells[1], 5).x1, 1095);
}

TEST(OcrRuling, OpenSidesBecomeColumnsAndShadingIsNotARule) {
  Drawing d;
  // A table without outer verticals (rules run on past the inner ones), with a dark shaded row.
  for (int y : {100, 200, 300}) d.hrule(y, 100, 1100);
  d.vrule(400, 100, 300);
  d.vrule(700, 100, 300);
  d.fill(102, 205, 1098, 296, 120);
  const Rulings r = find_ruled_tables(d.pix.get(), 300);
  ASSERT_EQ(r.tables.size(), 1u);
  EXPECT_EQ(r.tables[0].row_lines, (std::vector<int>{100, 200, 300}));
  EXPECT_EQ(r.tables[0].col_lines, (std::vector<int>{100, 400, 700, 1100}));
  // The shaded row hides its inner rules: it reads as one merged cell, as such section rows are.
  using S = std::tuple<int, int, int, int>;
  EXPECT_EQ(spans(r.tables[0]), (std::vector<S>{S{0, 0, 1, 1}, S{0, 1, 1, 1}, S{0, 2, 1, 1}, S{1, 0, 1, 3}}));
}

TEST(OcrRuling, TextAloneIsNoTable) {
  Drawing d;
  // Strokes of a heading: long enough to pass one opening, but no second direction joins them.
  d.vrule(300, 100, 170);
  d.vrule(340, 100, 170);
  d.hrule(120, 280, 360);
  EXPECT_TRUE(find_ruled_tables(d.pix.get(), 300).tables.empty());
}

OcrLine line(int x0, int y0, int x1, int y1, std::string text, double conf = 90) {
  OcrLine l;
  l.box = Rect{x0, y0, x1, y1};
  l.words.push_back(OcrWord{std::move(text), l.box, conf});
  return l;
}

TEST(OcrParagraphs, IndentShortLineAndGapStartParagraphs) {
  const std::vector<OcrLine> lines = {
      line(300, 100, 2000, 150, "一、总体情况"),                 // short: ends the paragraph
      line(400, 200, 2200, 250, "2024年，本机关坚持以习近平"),   // indented: starts one
      line(300, 270, 2200, 320, "新时代中国特色社会主义思想为"), // full width: continues
      line(300, 340, 1500, 390, "指导。"),                       // short
      line(300, 600, 2200, 650, "（一）主动公开"),               // after a gap
      line(1150, 3350, 1300, 3400, "-3-"),                       // running page number
  };
  const auto ps = build_paragraphs(lines, 3508);
  ASSERT_EQ(ps.size(), 3u);
  EXPECT_EQ(ps[0].text, "一、总体情况");
  EXPECT_EQ(ps[1].text, "2024年，本机关坚持以习近平新时代中国特色社会主义思想为指导。");
  EXPECT_EQ(ps[1].box.y1, 390);
  EXPECT_EQ(ps[2].text, "（一）主动公开");
}

TEST(OcrParagraphs, PageNumbers) {
  for (const char* s : {"-3-", "— 12 —", "3", "第3页", "第 3 页 共 6 页", "一 5 一", "_4_", "-S-", "— l2 —"}) EXPECT_TRUE(is_page_number(s)) << s;
  for (const char* s : {"2024年", "3119件", "-3-4-", "第三页", "1234", "S", "Is"}) EXPECT_FALSE(is_page_number(s)) << s;
}

TEST(OcrCells, NumbersTidiedAndRecognised) {
  EXPECT_EQ(tidy_number("88283,"), "88283");
  EXPECT_EQ(tidy_number(".454"), "454");
  EXPECT_EQ(tidy_number("96171.6"), "96171.6");
  EXPECT_EQ(tidy_number("1 234"), "1234");
  EXPECT_EQ(tidy_number("-"), "-");
  EXPECT_EQ(tidy_number("/"), "/");
  EXPECT_EQ(tidy_number("-4"), "-4");
  EXPECT_TRUE(looks_numeric("3,119"));
  EXPECT_TRUE(looks_numeric("0"));
  EXPECT_FALSE(looks_numeric("-"));
  EXPECT_FALSE(looks_numeric("]2"));
  EXPECT_FALSE(looks_numeric("二"));
  EXPECT_EQ(count_cjk("（三）不予公开 1.属于"), 7);
  EXPECT_EQ(count_cjk("3001"), 0);
  EXPECT_EQ(tidy_enumerators("〈一)予以公开"), "（一）予以公开");
  EXPECT_EQ(tidy_enumerators("《三》不予公开"), "（三）不予公开");
  EXPECT_EQ(tidy_enumerators("(七) 总计"), "（七） 总计");
  EXPECT_EQ(tidy_enumerators("《中华人民共和国政府信息公开条例》"), "《中华人民共和国政府信息公开条例》");
  EXPECT_EQ(tidy_enumerators("(1)"), "(1)");
}

Table grid_table(int page, std::vector<double> edges, int rows) {
  Table t;
  t.page = page;
  for (int r = 0; r < rows; ++r) {
    std::vector<Cell> row;
    for (size_t c = 0; c + 1 < edges.size(); ++c) {
      Cell cell;
      cell.text = std::to_string(page * 100 + r * 10 + static_cast<int>(c));
      cell.page = page;
      cell.box = Box{edges[c], 50.0 + r * 20, edges[c + 1], 70.0 + r * 20};
      row.push_back(cell);
    }
    t.rows.push_back(row);
  }
  // Row 1 is merged across its first two columns (anchor + covered copy).
  t.rows[1][1].covered = true;
  t.rows[1][1].anchor_row = 1;
  t.rows[1][1].anchor_col = 0;
  return t;
}

OcrPage page_of(int number, std::vector<Table> tables, bool heading = false) {
  OcrPage p;
  p.page = number;
  if (heading) p.blocks.emplace_back().content.emplace<Paragraph>(Paragraph{"三、收到和处理政府信息公开申请情况", number});
  for (auto& t : tables) p.blocks.emplace_back().content.emplace<Table>(std::move(t));
  return p;
}

TEST(OcrPages, TableRunningOnToTheNextPageIsJoined) {
  std::vector<OcrPage> pages;
  pages.push_back(page_of(4, {grid_table(4, {60, 200, 260, 320}, 3)}, true));
  pages.push_back(page_of(5, {grid_table(5, {64, 204, 263, 324}, 2),  // the scan lies 4 pt further right
                              grid_table(5, {60, 300, 320}, 2)}));     // other columns: a new table
  join_continued_tables(pages);
  ASSERT_EQ(pages[0].blocks.size(), 2u);
  ASSERT_EQ(pages[1].blocks.size(), 1u);
  const Table& t = pages[0].blocks[1].table();
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.rows[3][0].text, "500");
  EXPECT_EQ(t.rows[3][0].page, 5);
  EXPECT_EQ(t.rows[4][1].anchor_row, 4);
  EXPECT_EQ(t.rows[1][1].anchor_row, 1);
  EXPECT_EQ(pages[1].blocks[0].table().rows.size(), 2u);
}

Cell text_cell(std::string text, double x0, double x1, int page) {
  Cell c;
  c.text = std::move(text);
  c.page = page;
  c.box = Box{x0, 100, x1, 120};
  return c;
}

Table rows_of(int page, const std::vector<std::vector<std::string>>& texts) {
  const std::vector<double> edges = {60, 100, 200, 260};
  Table t;
  t.page = page;
  for (const auto& r : texts) {
    std::vector<Cell> row;
    for (size_t c = 0; c < r.size(); ++c) row.push_back(text_cell(r[c], edges[c], edges[c + 1], page));
    t.rows.push_back(row);
  }
  return t;
}

TEST(OcrPages, ARowCutByThePageBreakIsOneRow) {
  Table before = rows_of(5, {{"（六）", "1.其他", "0"}, {"（六）", "2.申请人逾期", "6"}});
  before.rows[0][0].row_span = 2;
  before.rows[1][0].covered = true;
  before.rows[1][0].anchor_row = 0;
  before.rows[1][0].anchor_col = 0;
  Table after = rows_of(6, {{"其他处理", "未按收费通知要求缴纳费用", ""}, {"其他处理", "3.其他", "108"}});
  after.rows[0][0].row_span = 2;
  after.rows[1][0].covered = true;
  after.rows[1][0].anchor_row = 0;
  after.rows[1][0].anchor_col = 0;
  std::vector<OcrPage> pages;
  pages.push_back(page_of(5, {before}));
  pages.push_back(page_of(6, {after}));
  join_continued_tables(pages);
  ASSERT_TRUE(pages[1].blocks.empty());
  const Table& t = pages[0].blocks[0].table();
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[1][1].text, "2.申请人逾期\n未按收费通知要求缴纳费用");
  EXPECT_EQ(t.rows[1][2].text, "6");
  EXPECT_EQ(t.rows[0][0].text, "（六）\n其他处理");
  EXPECT_EQ(t.rows[0][0].row_span, 3);
  EXPECT_EQ(t.rows[1][0].text, "（六）\n其他处理");
  EXPECT_TRUE(t.rows[2][0].covered);
  EXPECT_EQ(t.rows[2][0].anchor_row, 0);
  EXPECT_EQ(t.rows[2][0].text, "（六）\n其他处理");
  EXPECT_EQ(t.rows[2][1].text, "3.其他");
  EXPECT_EQ(t.rows[2][1].page, 6);
}

TEST(OcrPages, ATableOverThreePagesIsOneTable) {
  std::vector<OcrPage> pages;
  pages.push_back(page_of(4, {grid_table(4, {60, 200, 260}, 2)}, true));
  pages.push_back(page_of(5, {grid_table(5, {60, 200, 260}, 3)}));  // nothing but the table
  pages.push_back(page_of(6, {grid_table(6, {60, 200, 260}, 2)}));
  join_continued_tables(pages);
  ASSERT_EQ(pages[0].blocks.size(), 2u);
  EXPECT_TRUE(pages[1].blocks.empty());
  EXPECT_TRUE(pages[2].blocks.empty());
  const Table& t = pages[0].blocks[1].table();
  ASSERT_EQ(t.rows.size(), 7u);
  EXPECT_EQ(t.rows[6][0].text, "610");
  EXPECT_EQ(t.rows[6][1].anchor_row, 6);
}

TEST(OcrPages, ANewLabelAfterThePageBreakIsANewRow) {
  std::vector<OcrPage> pages;
  pages.push_back(page_of(5, {rows_of(5, {{"（五）", "1.信访", "56"}})}));
  pages.push_back(page_of(6, {rows_of(6, {{"", "2.重复申请", ""}, {"", "3.要求提供", "0"}})}));
  join_continued_tables(pages);
  ASSERT_EQ(pages[0].blocks[0].table().rows.size(), 3u);
  EXPECT_EQ(pages[0].blocks[0].table().rows[1][1].text, "2.重复申请");
}

TEST(OcrPages, TablesWithTextBetweenOrAPageApartStaySeparate) {
  std::vector<OcrPage> pages;
  pages.push_back(page_of(2, {grid_table(2, {60, 200, 260}, 2)}));
  pages.push_back(page_of(3, {grid_table(3, {60, 200, 260}, 2)}, true));
  pages.push_back(page_of(5, {grid_table(5, {60, 200, 260}, 2)}));
  join_continued_tables(pages);
  EXPECT_EQ(pages[0].blocks.size(), 1u);
  EXPECT_EQ(pages[1].blocks.size(), 2u);
  EXPECT_EQ(pages[2].blocks.size(), 1u);
}

// shrink_grey() is Leptonica's area map to the bit: noise (every weight matters), print-like
// blocks, odd sizes, and the scales OCR uses (300 and 600 dpi to 200; 400 to 200; a small one).
TEST(OcrShrink, SameAsLeptonicaAreaMapToTheBit) {
  std::mt19937 rng(7);
  for (auto [w, h] : {std::pair{1241, 1754}, std::pair{97, 61}, std::pair{9, 13}}) {
    PixPtr noise(pixCreate(w, h, 8));
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) pixSetPixel(noise.get(), x, y, static_cast<l_uint32>(rng() % 256));
    Drawing d;
    d.fill(10, 10, 500, 40, 0);
    d.fill(600, 300, 603, 650, 90);
    for (Pix* pix : {noise.get(), d.pix.get()})
      for (l_float32 scale : {200.0f / 300, 200.0f / 600, 0.5f, 0.25f, 0.69f, 0.1f}) {
        SCOPED_TRACE(testing::Message() << pixGetWidth(pix) << "x" << pixGetHeight(pix) << " by " << scale);
        PixPtr ours = shrink_grey(pix, scale);
        PixPtr theirs(pixScaleAreaMap(pix, scale, scale));
        ASSERT_TRUE(theirs);
        if (scale == 0.5f || scale == 0.25f) {  // Leptonica halves the image for these instead
          EXPECT_FALSE(ours);
          continue;
        }
        ASSERT_TRUE(ours);
        ASSERT_EQ(pixGetWidth(ours.get()), pixGetWidth(theirs.get()));
        ASSERT_EQ(pixGetHeight(ours.get()), pixGetHeight(theirs.get()));
        l_int32 same = 0;
        pixEqual(ours.get(), theirs.get(), &same);
        EXPECT_EQ(same, 1);
      }
  }
  Drawing d;
  EXPECT_FALSE(shrink_grey(d.pix.get(), 0.8f));  // above 0.7 pixScale() interpolates instead
  EXPECT_FALSE(shrink_grey(d.pix.get(), 0));
}

}  // namespace
}  // namespace xxgk::ocr
