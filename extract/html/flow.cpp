#include "extract/html/flow.h"

#include <optional>
#include <string>

#include "extract/html/dom.h"
#include "extract/html/grid.h"
#include "extract/html/text_lines.h"

namespace xxgk::html {
namespace {

// Icons and spacers are not pictures of tables.
bool is_small_picture(const xmlNode* img) {
  for (const char* a : {"width", "height"}) {
    const std::string v = attr(img, a);
    if (v.empty() || v.back() == '%') continue;
    long n = 0;
    size_t i = 0;
    for (; i < v.size() && v[i] >= '0' && v[i] <= '9' && n < 100000; ++i) n = n * 10 + (v[i] - '0');
    if (i > 0 && n < 100) return true;
  }
  return false;
}

bool has_any_text(const Table& t) {
  for (const auto& row : t.rows)
    for (const auto& c : row)
      if (!c.text.empty()) return true;
  return false;
}

class FlowReader {
 public:
  FlowReader(const ReportArea& area, const ExtractOptions& options, Document& doc)
      : area_(area), options_(options), doc_(doc) {}

  std::vector<Picture> run() {
    walk(
        area_.container, [&](const xmlNode* n) { return enter(n); }, [&](const xmlNode* n) { leave(n); });
    flush();
    return std::move(pictures_);
  }

 private:
  bool enter(const xmlNode* n) {
    if (++visited_ % 4096 == 0) check_deadline(options_);
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      lines_.append(text_of(n), pre_ > 0);
      return false;
    }
    if (n->type != XML_ELEMENT_NODE || is_ignored_element(n) || is_hidden(n) || area_.chrome.count(n)) return false;
    if (is_element(n, "br")) {
      flush();  // a line break in running text starts a new paragraph (headings often hang on one)
      return false;
    }
    if (is_element(n, "img")) {
      if (!is_small_picture(n)) pictures_.push_back({doc_.blocks.size() + (lines_.current_line_empty() ? 0 : 1)});
      return false;
    }
    if (is_element(n, "table")) {
      flush();
      if (is_layout_table(n)) return true;  // read through: its cells are running content
      read_data_table(n);
      return false;
    }
    if (is_element(n, "caption")) return false;  // read with its table
    if (is_block_element(n) || is_element(n, "td") || is_element(n, "th")) flush();
    if (is_element(n, "pre")) ++pre_;
    return true;
  }

  void leave(const xmlNode* n) {
    if (is_element(n, "pre")) --pre_;
    if (is_block_element(n) || is_element(n, "td") || is_element(n, "th")) flush();
  }

  void read_data_table(const xmlNode* table) {
    if (const xmlNode* caption = find_first(table, "caption"); caption && caption->parent == table) {
      TextLines t;
      t.append(cell_text(caption));
      add_lines(t);
    }
    Table grid = build_grid(table);
    if (grid.rows.empty() || !has_any_text(grid)) return;
    doc_.blocks.push_back(Block{std::move(grid)});
  }

  void flush() { add_lines(lines_); }

  void add_lines(TextLines& lines) {
    for (auto& line : lines.take_lines()) {
      if (is_chrome_line(line)) continue;
      doc_.blocks.push_back(Block{Paragraph{std::move(line), std::nullopt}});
    }
  }

  const ReportArea& area_;
  const ExtractOptions& options_;
  Document& doc_;
  TextLines lines_;
  int pre_ = 0;
  long visited_ = 0;
  std::vector<Picture> pictures_;
};

}  // namespace

std::vector<Picture> read_flow(const ReportArea& area, const ExtractOptions& options, Document& doc) {
  return FlowReader(area, options, doc).run();
}

}  // namespace xxgk::html
