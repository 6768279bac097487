// A table region into sections (one per printed table), each with its header and value columns.
#include "extract/pdf/chars.h"
#include "extract/pdf/table_geometry.h"
#include "text/numbers.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <set>

namespace xxgk::pdf {
namespace {

// Header cells that stand over several columns, as the templates print them: they name a group of
// columns, never a column of their own, even where only one column's values sit under them.
constexpr std::array<std::string_view, 7> kGroupHeaders = {
    "申请人情况", "法人或其他组织", "法人或者其他组织", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"};

// The caption that opens each small table of part 二 (第二十条第（一）项 …).
constexpr std::string_view kSubTableCaption = "第二十条";

std::string compact(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t c = next_code_point(s, i);
    if (c == ' ' || c == 0x3000 || c == 0xA0) continue;
    out.append(s.substr(start, i - start));
  }
  return out;
}

bool is_group_header(std::string_view text) {
  const std::string t = compact(text);
  return std::find(kGroupHeaders.begin(), kGroupHeaders.end(), t) != kGroupHeaders.end() || is_caption(t);
}

double overlap(double a0, double a1, double b0, double b1) { return std::min(a1, b1) - std::max(a0, b0); }

// A figure-like word starts the value columns only where it stands among figures: a word such as
// 无 or 1 printed alone in a label column (labels one character per line) stands among labels.
bool stands_among_figures(const TWord& w, const std::vector<std::vector<TWord>>& lines, int first_body,
                          const std::vector<TWord>& line) {
  int figures = 0, labels = 0;
  auto count = [&](const std::vector<TWord>& ws) {
    for (const auto& o : ws)
      if (overlap(w.x0(), w.x1(), o.x0(), o.x1()) > 0) ++(o.value_like ? figures : labels);
  };
  for (size_t i = static_cast<size_t>(std::max(first_body, 0)); i < lines.size(); ++i) count(lines[i]);
  count(line);
  return figures > labels;
}

}  // namespace

bool is_caption(std::string_view text) { return compact(text).rfind(kSubTableCaption, 0) == 0; }

bool is_value_text(std::string_view text) {
  // Fast answers for what tables are made of (ASCII numbers), ICU only for the rest.
  bool ascii = true, digit = false, other = false;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) ascii = false;
    else if (c >= '0' && c <= '9') digit = true;
    else if (c != ',' && c != '.' && c != '-' && c != '+' && c != '/' && c != ' ') other = true;
  }
  if (ascii && other) return false;
  if (!ascii) {
    // A run of Chinese is a label unless it is a mark or a unit (无, 不适用, 减4, 251000元).
    int han = 0;
    for (size_t i = 0; i < text.size();)
      if (is_han(next_code_point(text, i))) ++han;
    if (han > 3) return false;
  }
  if (ascii && !digit && text.find_first_not_of("/-") != std::string_view::npos) return false;
  const CellValue v = parse_cell(text, true);
  return v.kind == CellKind::Number || v.kind == CellKind::NotApplicable;
}

std::vector<TableSection> split_sections(const TableRegion& region) {
  // Continuous vertical coordinates: each page's part of the table is laid right under the last
  // line kept from the page before (a repeated header dropped in between takes no room).
  double shift = 0, part_bottom = -1e9;
  bool page_pending = false;
  std::vector<TableSection> out;
  TableSection cur;
  bool has_body = false;
  double value_left = 1e9;
  std::set<std::string> header_texts;
  bool skipping = false;
  auto close = [&] {
    if (!cur.lines.empty()) {
      cur.value_left = value_left - 1;
      out.push_back(std::move(cur));
    }
    cur = TableSection{};
    has_body = false;
    value_left = 1e9;
    header_texts.clear();
  };
  for (size_t i = 0; i < region.lines.size(); ++i) {
    const Line& l = *region.lines[i];
    std::vector<TWord> words;
    for (const Word* w : l.words) {
      TWord t;
      t.word = w;
      t.page = l.page;
      t.y0 = w->box.y0;
      t.y1 = w->box.y1;
      t.value_like = is_value_text(w->text);
      words.push_back(t);
    }
    if (i > 0 && l.page != region.lines[i - 1]->page) page_pending = true;
    size_t values = 0;
    for (const auto& w : words) values += w.value_like ? 1 : 0;
    const bool body_line = values > 0 && (values >= 2 || words.size() >= 2 || has_body);
    if (!body_line && has_body) {
      bool header_like = is_caption(l.text());
      for (const auto& w : words)
        if (w.xc() > value_left) header_like = true;
      const bool new_page = i > 0 && region.lines[i - 1]->page != l.page;
      if ((header_like && new_page) || skipping) {
        // A header repeated at the head of a continuation page: the words were printed before.
        size_t known = 0;
        for (const auto& w : words) known += header_texts.count(w.word->text);
        if (known * 5 >= words.size() * 3) {
          skipping = true;
          continue;
        }
      }
      if (header_like) close();
    }
    skipping = false;
    if (page_pending) {
      shift = part_bottom + 2 - l.box.y0;
      part_bottom = -1e9;
      page_pending = false;
    }
    for (auto& w : words) {
      w.y0 += shift;
      w.y1 += shift;
    }
    part_bottom = std::max(part_bottom, l.box.y1 + shift);
    if (body_line) {
      if (!has_body) cur.first_body = static_cast<int>(cur.lines.size());
      has_body = true;
      const bool has_text = std::any_of(words.begin(), words.end(), [](const TWord& w) { return !w.value_like; });
      for (size_t k = 0; k < words.size(); ++k)
        if (words[k].value_like && (k > 0 || !has_text) && words[k].x0() < value_left &&
            stands_among_figures(words[k], cur.lines, cur.first_body, words))
          value_left = words[k].x0();
    } else if (!has_body) {
      for (const auto& w : words) header_texts.insert(w.word->text);
    }
    for (auto& w : words) w.line = static_cast<int>(cur.lines.size());
    cur.lines.push_back(std::move(words));
  }
  close();
  return out;
}

// True when among `items` two do not overlap each other: they stand in different columns.
bool spans_columns(std::vector<std::pair<double, double>> items) {
  if (items.size() < 2) return false;
  double min_x1 = 1e9, max_x0 = -1e9;
  for (const auto& [x0, x1] : items) {
    min_x1 = std::min(min_x1, x1);
    max_x0 = std::max(max_x0, x0);
  }
  return max_x0 >= min_x1;
}

ColumnLayout find_columns(const TableSection& section) {
  ColumnLayout out;
  if (section.first_body < 0) return out;
  const auto first_body = static_cast<size_t>(section.first_body);
  // 1. Figures (and whatever else is printed right of the labels) of the body, by overlap.
  //    Words of one cell printed in two fonts (251000 元, 减 4) are close together: one run.
  std::vector<std::pair<double, double>> runs;
  for (size_t i = first_body; i < section.lines.size(); ++i) {
    const TWord* prev = nullptr;
    for (const auto& w : section.lines[i]) {
      if (w.xc() < section.value_left) continue;
      if (prev && w.x0() - prev->x1() < 0.5 * std::min(w.word->size, prev->word->size)) runs.back().second = w.x1();
      else runs.emplace_back(w.x0(), w.x1());
      prev = &w;
    }
  }
  std::sort(runs.begin(), runs.end());
  for (const auto& [x0, x1] : runs) {
    if (!out.columns.empty() && x0 <= out.columns.back().x1 + 0.5) {
      out.columns.back().x1 = std::max(out.columns.back().x1, x1);
      continue;
    }
    out.columns.push_back(ValueColumn{x0, x1, {}});
  }
  const size_t figure_columns = out.columns.size();
  // 2. Header words. A word over figures of two columns, over two header words below it that
  //    stand apart, or a known group label, names a group of columns; a word over one column's
  //    figures names that column (wrapped words join it: 商业企 / 业); the others open columns of
  //    their own, whose figures are all blank.
  std::vector<const TWord*> header, group_words, loose;
  for (size_t i = 0; i < first_body; ++i)
    for (const auto& w : section.lines[i]) {
      if (w.xc() < section.value_left) out.header_labels.push_back(&w);
      else header.push_back(&w);
    }
  for (const TWord* w : header) {
    std::vector<std::pair<double, double>> below;
    size_t over = 0;
    for (size_t c = 0; c < figure_columns; ++c)
      if (overlap(w->x0(), w->x1(), out.columns[c].x0, out.columns[c].x1) > 0) ++over;
    for (const TWord* o : header)
      if (o->line > w->line && overlap(w->x0(), w->x1(), o->x0(), o->x1()) > 0) below.emplace_back(o->x0(), o->x1());
    if (is_group_header(w->word->text) || over >= 2 || spans_columns(below)) group_words.push_back(w);
  }
  for (const TWord* w : header) {
    if (std::find(group_words.begin(), group_words.end(), w) != group_words.end()) continue;
    size_t at = out.columns.size();
    for (size_t c = 0; c < figure_columns; ++c)
      if (overlap(w->x0(), w->x1(), out.columns[c].x0, out.columns[c].x1) > 0) at = c;
    if (at < out.columns.size()) out.columns[at].header.push_back(w);
    else loose.push_back(w);
  }
  // Loose words join a column whose header they touch, or together make a new column.
  for (bool moved = true; moved;) {
    moved = false;
    for (auto it = loose.begin(); it != loose.end();) {
      // The first column with a header word it touches; found before the word is added, since adding
      // it to the header being walked reallocates it (a use after free the PDF fuzzer found).
      size_t target = out.columns.size();
      for (size_t c = 0; c < out.columns.size() && target == out.columns.size(); ++c)
        for (const TWord* h : out.columns[c].header)
          if (overlap((*it)->x0(), (*it)->x1(), h->x0(), h->x1()) > 0) {
            target = c;
            break;
          }
      const bool placed = target < out.columns.size();
      if (placed) {
        auto& col = out.columns[target];
        col.header.push_back(*it);
        col.x0 = std::min(col.x0, (*it)->x0());
        col.x1 = std::max(col.x1, (*it)->x1());
        it = loose.erase(it);
        moved = true;
      } else {
        ++it;
      }
    }
    if (!moved && !loose.empty()) {
      out.columns.push_back(ValueColumn{loose.front()->x0(), loose.front()->x1(), {loose.front()}});
      loose.erase(loose.begin());
      moved = true;
    }
  }
  std::sort(out.columns.begin(), out.columns.end(), [](const ValueColumn& a, const ValueColumn& b) { return a.x0 < b.x0; });
  for (auto& col : out.columns)
    std::sort(col.header.begin(), col.header.end(), [](const TWord* a, const TWord* b) {
      return a->line != b->line ? a->line < b->line : a->x0() < b->x0();
    });
  // 3. Groups: levels top-down, spans over the columns they stand over (at least the nearest).
  std::sort(group_words.begin(), group_words.end(), [](const TWord* a, const TWord* b) {
    return a->line != b->line ? a->line < b->line : a->x0() < b->x0();
  });
  int level = -1, last_line = -1;
  for (const TWord* w : group_words) {
    if (w->line != last_line) {
      ++level;
      last_line = w->line;
    }
    HeaderGroup g{w, level, -1, -1};
    double best = 1e9;
    int nearest = 0;
    for (size_t c = 0; c < out.columns.size(); ++c) {
      const auto ci = static_cast<int>(c);
      if (overlap(w->x0(), w->x1(), out.columns[c].x0, out.columns[c].x1) > 0) {
        if (g.first_col < 0) g.first_col = ci;
        g.last_col = ci;
      }
      const double d = std::abs((out.columns[c].x0 + out.columns[c].x1) / 2 - w->xc());
      if (d < best) {
        best = d;
        nearest = ci;
      }
    }
    if (g.first_col < 0) g.first_col = g.last_col = nearest;
    out.groups.push_back(g);
  }
  return out;
}

namespace {

// What the templates imply: a header naming these columns has this many value columns.
struct ExpectedColumns {
  std::vector<std::string_view> header_words;  // all of them in the header
  size_t columns;
  const char* table_zh;
  const char* table_en;
};

const std::array<ExpectedColumns, 2> kExpectedColumns = {{
    {{"自然人", "总计"}, 7, "依申请公开情况表", "the requests table"},
    {{"结果维持", "尚未审结"}, 15, "行政复议、行政诉讼情况表", "the review/litigation table"},
}};

std::optional<ExtractionProblem> check_columns(const TableSection& section, const ColumnLayout& columns) {
  std::string header;
  for (const auto& col : columns.columns)
    for (const TWord* w : col.header) header += w->word->text;
  for (const auto& g : columns.groups) header += g.word->word->text;
  header = compact(header);
  for (const auto& e : kExpectedColumns) {
    if (!std::all_of(e.header_words.begin(), e.header_words.end(),
                     [&](std::string_view w) { return header.find(w) != std::string::npos; }))
      continue;
    if (columns.columns.size() == e.columns) return std::nullopt;
    const int page = section.lines.front().front().page;
    return ExtractionProblem{"table_columns",
                             fmt::format("{}重建出{}列数值，应为{}列：其数字可能错位，未予采信", e.table_zh,
                                         columns.columns.size(), e.columns),
                             fmt::format("{} came out with {} value columns where the template has {}: its figures "
                                         "may stand in the wrong columns and are not trusted",
                                         e.table_en, columns.columns.size(), e.columns),
                             page};
  }
  return std::nullopt;
}

}  // namespace

void build_tables(const TableRegion& region, std::vector<Block>& out, std::vector<ExtractionProblem>& problems) {
  for (const auto& section : split_sections(region)) {
    const ColumnLayout columns = find_columns(section);
    spdlog::trace("pdf table section: page {}, {} lines, first body line {}, {} value columns from x {:.1f}",
                  section.lines.empty() || section.lines.front().empty() ? 0 : section.lines.front().front().page,
                  section.lines.size(), section.first_body, columns.columns.size(), section.value_left);
    if (section.first_body >= 0 && !columns.columns.empty()) {
      if (auto problem = check_columns(section, columns)) {
        // Figures that may sit under the wrong column are not passed on as a table.
        problems.push_back(std::move(*problem));
        continue;
      }
      out.push_back(Block{assemble_table(section, columns)});
      continue;
    }
    // No figures: the lines were text after all (a note under a table, a caption).
    for (const auto& line : section.lines) {
      std::string text;
      for (const auto& w : line) join_text(text, w.word->text, true);
      if (!text.empty()) out.push_back(Block{Paragraph{text, line.front().page}});
    }
  }
}

}  // namespace xxgk::pdf
