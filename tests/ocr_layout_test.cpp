// The OCR path's geometry, without Tesseract: ruled-table grids from drawn rules, paragraphs from
// line boxes, running page numbers, number tidying, and tables joined across pages.
#include "extract/ocr/cell_reader.h"
#include "extract/ocr/ocr_pages.h"
#include "extract/ocr/paragraphs.h"
#include "extract/ocr/ruling.h"

#include <gtest/gtest.h>

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

void add_table(std::vector<Block>& blocks, Table t) { blocks.emplace_back().content.emplace<Table>(std::move(t)); }

TEST(OcrPages, TableRunningOnToTheNextPageIsJoined) {
  std::vector<Block> blocks;
  blocks.emplace_back().content.emplace<Paragraph>(Paragraph{"三、收到和处理政府信息公开申请情况", 4});
  add_table(blocks, grid_table(4, {60, 200, 260, 320}, 3));
  add_table(blocks, grid_table(5, {64, 204, 263, 324}, 2));  // the scan lies 4 pt further right
  add_table(blocks, grid_table(6, {60, 300, 320}, 2));       // other columns: a new table
  join_continued_tables(blocks);
  ASSERT_EQ(blocks.size(), 3u);
  const Table& t = blocks[1].table();
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.rows[3][0].text, "500");
  EXPECT_EQ(t.rows[3][0].page, 5);
  EXPECT_EQ(t.rows[4][1].anchor_row, 4);
  EXPECT_EQ(t.rows[1][1].anchor_row, 1);
  EXPECT_EQ(blocks[2].table().rows.size(), 2u);
}

TEST(OcrPages, TablesWithTextBetweenOrAPageApartStaySeparate) {
  std::vector<Block> blocks;
  add_table(blocks, grid_table(2, {60, 200, 260}, 2));
  blocks.emplace_back().content.emplace<Paragraph>(Paragraph{"三、收到和处理政府信息公开申请情况", 3});
  add_table(blocks, grid_table(3, {60, 200, 260}, 2));
  add_table(blocks, grid_table(5, {60, 200, 260}, 2));
  join_continued_tables(blocks);
  EXPECT_EQ(blocks.size(), 4u);
}

}  // namespace
}  // namespace xxgk::ocr
