// Plain text: reports copied from a web page. Three shapes of table occur:
//  - one cell per line, each indented by a tab, rows separated by blank lines (a browser's copy
//    of a table in some editors; the seed report);
//  - one row per line, cells separated by tabs (a browser's usual copy of a table);
//  - one cell per line with no marks at all: rows are rebuilt from the labels and figures.
#include "extract/encoding.h"
#include "extract/extractor.h"
#include "model/errors.h"
#include "text/numbers.h"
#include "text/text.h"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace xxgk {
namespace {

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\n') {
      std::string line = s.substr(start, i - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(std::move(line));
      start = i + 1;
    }
  }
  return lines;
}

bool is_blank(const std::string& line) { return trim(line).empty(); }

// A cell line: indented by a tab (the seed's shape). A tab-only line is an empty cell. A line with
// more tabs after its text is a tab-separated row whose first cells are empty, not a cell.
bool is_tab_cell(const std::string& line) {
  if (line.empty() || line[0] != '\t') return false;
  const size_t more = line.find('\t', 1);
  return more == std::string::npos || trim(line.substr(1)).empty();
}

// A row line: two or more cells separated by tabs.
std::vector<std::string> tab_fields(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || line[i] == '\t') {
      out.push_back(trim(line.substr(start, i - start)));
      start = i + 1;
    }
  return out;
}

bool is_tsv_row(const std::string& line) {
  if (is_tab_cell(line)) return false;
  auto f = tab_fields(line);
  int nonempty = 0;
  for (const auto& x : f)
    if (!x.empty()) ++nonempty;
  return f.size() >= 2 && nonempty >= 2;
}

Cell make_cell(const std::string& text) {
  Cell c;
  c.text = trim(text);
  return c;
}

// How the headings of the report's parts end, as printed (…情况, …事项, 存在的主要问题及整改措施,
// 工作中的不足与下一步打算, 基本概况); no row label of the tables ends so.
constexpr std::string_view kHeadingEnds[] = {"情况", "事项", "问题", "措施", "打算", "概况", "概述"};

// A heading of one of the report's parts ("三、收到和处理政府信息公开申请情况"): never a cell.
bool is_heading_like(const std::string& t) {
  auto segs = split_label(t);
  if (segs.empty() || segs.front().level == 0 || segs.front().level == 3) return false;
  const std::string k = label_key(segs.back().text);
  for (std::string_view end : kHeadingEnds)
    if (k.size() >= end.size() && k.compare(k.size() - end.size(), end.size(), end) == 0) return true;
  return false;
}

// Lines that can stand in a table copied without marks: short, not a sentence, not a heading.
bool is_cell_like(const std::string& line) {
  std::string t = trim(line);
  if (t.empty()) return false;
  if (u8_length(t) > 60) return false;
  if (is_heading_like(t)) return false;
  return t.find("。") == std::string::npos;
}

bool is_value_line(const std::string& line) { return is_value_like(parse_cell(line)) && !trim(line).empty(); }

class TextExtractor final : public Extractor {
 public:
  Document extract(std::string_view, std::string_view bytes, const ExtractOptions&) const override {
    Document doc;
    doc.format = "txt";
    if (bytes.find('\0') != std::string_view::npos && bytes.substr(0, 2) != "\xFF\xFE" && bytes.substr(0, 2) != "\xFE\xFF")
      throw DocumentError("not_text", "the file holds binary data, not text", "文件包含二进制数据，不是文本");
    const Decoded d = decode_text(bytes);
    const auto lines = split_lines(d.utf8);
    bool any_tab_cells = false, any_tsv = false;
    for (const auto& l : lines) {
      if (is_tab_cell(l) && !is_blank(l)) any_tab_cells = true;
      if (is_tsv_row(l)) any_tsv = true;
    }
    if (any_tab_cells) read_tab_cells(lines, doc);
    else if (any_tsv) read_tsv(lines, doc);
    else read_unmarked(lines, doc);
    bool any_text = false;
    for (const auto& b : doc.blocks)
      if (b.is_table() || !trim(b.paragraph().text).empty()) any_text = true;
    if (!any_text) throw DocumentError("empty", "the file is empty", "文件为空");
    if (d.invalid_sequences > 0)
      doc.problems.push_back(ExtractionProblem{
          "encoding", fmt::format("文件中有{}处字符无法按 {} 解码，已替换为“\xEF\xBF\xBD”", d.invalid_sequences, d.charset),
          fmt::format("{} character(s) of the file could not be decoded as {} and were replaced by U+FFFD",
                      d.invalid_sequences, d.charset),
          std::nullopt});
    return doc;
  }

 private:
  static void add_paragraph(Document& doc, const std::string& line) {
    std::string t = trim(line);
    if (!t.empty()) doc.blocks.push_back(Block{Paragraph{t, std::nullopt}});
  }

  static void flush_table(Document& doc, Table& t) {
    while (!t.rows.empty() && t.rows.back().empty()) t.rows.pop_back();
    if (!t.rows.empty()) {
      t.ragged = true;
      doc.blocks.push_back(Block{std::move(t)});
    }
    t = Table{};
  }

  // The seed's shape: tab-indented cells, blank lines between rows, anything else a paragraph.
  static void read_tab_cells(const std::vector<std::string>& lines, Document& doc) {
    Table t;
    std::vector<Cell> row;
    bool in_table = false;
    for (const auto& l : lines) {
      if (is_tab_cell(l)) {
        in_table = true;
        row.push_back(make_cell(l));
        continue;
      }
      if (is_blank(l)) {
        if (!row.empty()) t.rows.push_back(std::move(row));
        row.clear();
        continue;
      }
      // A line of text: ends a table.
      if (!row.empty()) t.rows.push_back(std::move(row));
      row.clear();
      if (in_table) flush_table(doc, t);
      in_table = false;
      add_paragraph(doc, l);
    }
    if (!row.empty()) t.rows.push_back(std::move(row));
    flush_table(doc, t);
  }

  static void read_tsv(const std::vector<std::string>& lines, Document& doc) {
    Table t;
    for (const auto& l : lines) {
      if (is_tsv_row(l) || (!t.rows.empty() && l.find('\t') != std::string::npos)) {
        std::vector<Cell> row;
        for (const auto& f : tab_fields(l)) row.push_back(make_cell(f));
        t.rows.push_back(std::move(row));
        continue;
      }
      if (is_blank(l)) continue;
      // A one-cell line inside a table (a wrapped label, a sub-table caption) stays in it when
      // the table goes on right after.
      if (!t.rows.empty() && is_cell_like(l)) {
        t.rows.push_back({make_cell(l)});
        continue;
      }
      flush_table(doc, t);
      add_paragraph(doc, l);
    }
    flush_table(doc, t);
  }

  // No marks: a run of short lines holding figures is a table; a row is a run of label lines
  // followed by its figures, and earlier labels of the run form a row of their own (a header).
  static void read_unmarked(const std::vector<std::string>& lines, Document& doc) {
    size_t i = 0;
    while (i < lines.size()) {
      if (is_blank(lines[i])) {
        ++i;
        continue;
      }
      // Find a run of cell-like lines (blank lines allowed inside) with at least 3 values.
      size_t j = i;
      int values = 0;
      while (j < lines.size() && (is_blank(lines[j]) || is_cell_like(lines[j]))) {
        if (is_value_line(lines[j])) ++values;
        ++j;
      }
      if (j - i < 4 || values < 3) {
        add_paragraph(doc, lines[i]);
        ++i;
        continue;
      }
      Table t;
      std::vector<std::string> labels;
      std::vector<std::string> vals;
      auto flush_row = [&] {
        if (vals.empty()) {
          if (!labels.empty()) {
            std::vector<Cell> r;
            for (auto& x : labels) r.push_back(make_cell(x));
            t.rows.push_back(std::move(r));
          }
        } else {
          if (labels.size() > 1) {
            std::vector<Cell> head;
            for (size_t k = 0; k + 1 < labels.size(); ++k) head.push_back(make_cell(labels[k]));
            t.rows.push_back(std::move(head));
          }
          std::vector<Cell> r;
          if (!labels.empty()) r.push_back(make_cell(labels.back()));
          for (auto& v : vals) r.push_back(make_cell(v));
          t.rows.push_back(std::move(r));
        }
        labels.clear();
        vals.clear();
      };
      for (size_t k = i; k < j; ++k) {
        if (is_blank(lines[k])) continue;
        if (is_value_line(lines[k])) {
          vals.push_back(lines[k]);
        } else {
          if (!vals.empty()) flush_row();
          labels.push_back(lines[k]);
        }
      }
      flush_row();
      flush_table(doc, t);
      i = j;
    }
  }
};

}  // namespace

std::unique_ptr<Extractor> make_text_extractor() { return std::make_unique<TextExtractor>(); }

}  // namespace xxgk
