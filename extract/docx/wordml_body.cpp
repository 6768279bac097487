#include "extract/docx/wordml_body.h"

#include "extract/docx/safe_xml.h"
#include "extract/docx/table_grid.h"
#include "text/text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace xxgk {
namespace {

constexpr std::string_view kMarkupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";

// Elements read through as if their children stood in their place, at every level (block, row,
// cell, run): content controls, smart tags, custom XML, hyperlinks, simple fields (their content is
// the displayed result), bidi wrappers, and the kept side of tracked changes. Everything not
// named here or read explicitly (w:del, w:moveFrom, properties, bookmarks, math …) is skipped.
constexpr std::array<std::string_view, 10> kReadThrough = {
    "sdt", "sdtContent", "smartTag", "customXml", "hyperlink", "fldSimple", "dir", "bdo", "ins", "moveTo",
};

bool is_read_through(const xmlNode* n) {
  if (!is_wml(n)) return false;
  return std::find(kReadThrough.begin(), kReadThrough.end(), local_name(n)) != kReadThrough.end();
}

bool is_alternate_content(const xmlNode* n) { return is_element(n, kMarkupCompatibility, "AlternateContent"); }

// The one branch of mc:AlternateContent to read: the first Choice, else the Fallback.
const xmlNode* chosen_branch(const xmlNode* alt) {
  const xmlNode* fallback = nullptr;
  for (const xmlNode* c = alt->children; c; c = c->next) {
    if (is_element(c, kMarkupCompatibility, "Choice")) return c;
    if (is_element(c, kMarkupCompatibility, "Fallback") && !fallback) fallback = c;
  }
  return fallback;
}

const xmlNode* wml_child(const xmlNode* n, std::string_view local) {
  for (const xmlNode* c = n->children; c; c = c->next)
    if (is_wml(c, local)) return c;
  return nullptr;
}

int int_attr(const xmlNode* n, int fallback) {
  auto v = wml_attr(n, "val");
  if (!v) return fallback;
  int out = fallback;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  return ec == std::errc() ? out : fallback;
}

// w:vMerge / w:hMerge: val="restart" starts a merge; no val, or val="continue", extends one.
Merge merge_of(const xmlNode* pr, std::string_view local) {
  const xmlNode* m = pr ? wml_child(pr, local) : nullptr;
  if (!m) return Merge::None;
  return wml_attr(m, "val").value_or("continue") == "restart" ? Merge::Restart : Merge::Continue;
}

// A paragraph mark or row carrying a tracked deletion.
bool deleted_mark(const xmlNode* props) {
  return props && (wml_child(props, "del") || wml_child(props, "moveFrom"));
}

class BodyReader {
 public:
  explicit BodyReader(std::size_t slot_budget) : slot_budget_(slot_budget) {}
  int alt_chunks() const { return alt_chunks_; }

  void read_blocks(const xmlNode* container, std::vector<Block>& out) {
    std::string carry;
    read_blocks(container, out, carry);
    flush(carry, out);
  }

 private:
  // ----- blocks -----

  // `carry`: text of paragraphs whose mark was deleted, waiting to join the next paragraph.
  void read_blocks(const xmlNode* container, std::vector<Block>& out, std::string& carry) {
    for (const xmlNode* c = container->children; c; c = c->next) {
      if (is_wml(c, "p")) {
        std::vector<Block> boxes;
        const xmlNode* ppr = wml_child(c, "pPr");
        carry += read_paragraph(c, boxes);
        // A deleted paragraph mark joins this paragraph to the next one in the final text.
        if (!deleted_mark(ppr ? wml_child(ppr, "rPr") : nullptr)) flush(carry, out);
        for (auto& b : boxes) out.push_back(std::move(b));
      } else if (is_wml(c, "tbl")) {
        flush(carry, out);
        read_table(c, out);
      } else if (is_read_through(c)) {
        read_blocks(c, out, carry);
      } else if (is_alternate_content(c)) {
        if (const xmlNode* b = chosen_branch(c)) read_blocks(b, out, carry);
      } else if (is_wml(c, "altChunk")) {
        ++alt_chunks_;
      }
    }
  }

  static void flush(std::string& carry, std::vector<Block>& out) {
    std::string t = trim(carry);
    carry.clear();
    if (!t.empty()) out.push_back(Block{Paragraph{std::move(t), std::nullopt}});
  }

  // ----- paragraphs and runs -----

  std::string read_paragraph(const xmlNode* p, std::vector<Block>& boxes) {
    std::string text;
    read_inline(p, text, boxes);
    return text;
  }

  void read_inline(const xmlNode* n, std::string& text, std::vector<Block>& boxes) {
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (is_wml(c, "r")) read_run(c, text, boxes);
      else if (is_read_through(c)) read_inline(c, text, boxes);
      else if (is_alternate_content(c)) {
        if (const xmlNode* b = chosen_branch(c)) read_inline(b, text, boxes);
      }
    }
  }

  // Text shows unless we are inside a field's instruction (at any nesting level).
  bool showing() const {
    return std::all_of(fields_.begin(), fields_.end(), [](bool in_result) { return in_result; });
  }

  void read_run(const xmlNode* r, std::string& text, std::vector<Block>& boxes) {
    for (const xmlNode* c = r->children; c; c = c->next) {
      if (!is_wml(c)) {
        if (is_alternate_content(c))
          if (const xmlNode* b = chosen_branch(c)) read_run(b, text, boxes);
        continue;
      }
      const std::string_view name = local_name(c);
      if (name == "fldChar") {
        const std::string type = wml_attr(c, "fldCharType").value_or("");
        if (type == "begin") fields_.push_back(false);
        else if (type == "separate" && !fields_.empty()) fields_.back() = true;
        else if (type == "end" && !fields_.empty()) fields_.pop_back();
      } else if (name == "drawing" || name == "pict" || name == "object") {
        read_text_boxes(c, boxes);
      } else if (name == "ruby") {
        if (const xmlNode* base = wml_child(c, "rubyBase")) read_inline(base, text, boxes);  // not the reading aid w:rt
      } else if (!showing()) {
        continue;
      } else if (name == "t") {
        text += direct_text(c);
      } else if (name == "tab" || name == "ptab") {
        text += '\t';
      } else if (name == "br" || name == "cr") {
        text += '\n';
      } else if (name == "noBreakHyphen") {
        text += '-';
      }
      // w:instrText, w:delText, w:sym, w:footnoteReference …: not displayed text of the body.
    }
  }

  // Text boxes inside a drawing or VML shape: their paragraphs (and tables) as blocks.
  void read_text_boxes(const xmlNode* n, std::vector<Block>& boxes) {
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (is_wml(c, "txbxContent")) {
        const auto saved = std::move(fields_);
        fields_.clear();
        read_blocks(c, boxes);
        fields_ = saved;
      } else if (is_alternate_content(c)) {
        if (const xmlNode* b = chosen_branch(c)) read_text_boxes(b, boxes);
      } else if (c->type == XML_ELEMENT_NODE) {
        read_text_boxes(c, boxes);
      }
    }
  }

  // ----- tables -----

  struct CellContent {
    std::vector<Block> blocks;
  };

  void read_table(const xmlNode* tbl, std::vector<Block>& out) {
    std::vector<WordRow> rows;
    std::vector<std::vector<CellContent>> contents;  // parallel to rows[r].cells
    collect_rows(tbl, rows, contents);
    Table t = build_grid(rows, slot_budget_);
    const size_t width = t.rows.empty() ? 0 : t.rows.front().size();
    if (width == 0) return;
    if (width == 1) {
      // A frame: one column holds no grid to read, its content is body content.
      for (size_t r = 0; r < rows.size(); ++r)
        for (size_t k = 0; k < rows[r].cells.size(); ++k)
          if (rows[r].cells[k].vmerge != Merge::Continue)
            for (auto& b : contents[r][k].blocks) out.push_back(std::move(b));
      return;
    }
    out.push_back(Block{std::move(t)});
    for (auto& row : contents)
      for (auto& cell : row)
        for (auto& b : cell.blocks)
          if (b.is_table()) out.push_back(std::move(b));
  }

  void collect_rows(const xmlNode* n, std::vector<WordRow>& rows, std::vector<std::vector<CellContent>>& contents) {
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (is_wml(c, "tr")) {
        const xmlNode* trpr = wml_child(c, "trPr");
        if (trpr && wml_child(trpr, "del")) continue;  // a row deleted with tracked changes
        WordRow row;
        if (trpr) {
          if (const xmlNode* g = wml_child(trpr, "gridBefore")) row.grid_before = int_attr(g, 0);
          if (const xmlNode* g = wml_child(trpr, "gridAfter")) row.grid_after = int_attr(g, 0);
        }
        std::vector<CellContent> cells;
        collect_cells(c, row, cells);
        rows.push_back(std::move(row));
        contents.push_back(std::move(cells));
      } else if (is_read_through(c)) {
        collect_rows(c, rows, contents);
      } else if (is_alternate_content(c)) {
        if (const xmlNode* b = chosen_branch(c)) collect_rows(b, rows, contents);
      }
    }
  }

  void collect_cells(const xmlNode* n, WordRow& row, std::vector<CellContent>& cells) {
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (is_wml(c, "tc")) {
        const xmlNode* tcpr = wml_child(c, "tcPr");
        if (tcpr && wml_child(tcpr, "cellDel")) continue;  // a cell deleted with tracked changes
        WordCell cell;
        if (tcpr) {
          if (const xmlNode* g = wml_child(tcpr, "gridSpan")) cell.grid_span = int_attr(g, 1);
          cell.vmerge = merge_of(tcpr, "vMerge");
          cell.hmerge = merge_of(tcpr, "hMerge");
        }
        CellContent content;
        const auto saved = std::move(fields_);  // a field never crosses a cell boundary
        fields_.clear();
        read_blocks(c, content.blocks);
        fields_ = saved;
        for (const auto& b : content.blocks) {
          if (b.is_table()) continue;
          if (!cell.text.empty()) cell.text += '\n';
          cell.text += b.paragraph().text;
        }
        row.cells.push_back(std::move(cell));
        cells.push_back(std::move(content));
      } else if (is_read_through(c)) {
        collect_cells(c, row, cells);
      } else if (is_alternate_content(c)) {
        if (const xmlNode* b = chosen_branch(c)) collect_cells(b, row, cells);
      }
    }
  }

  std::size_t slot_budget_;
  int alt_chunks_ = 0;
  std::vector<bool> fields_;  // open complex fields, innermost last: true once past "separate"
};

}  // namespace

BodyContent read_wordml_body(const xmlNode* body, std::size_t slot_budget) {
  BodyContent out;
  BodyReader reader(slot_budget);
  reader.read_blocks(body, out.blocks);
  out.alt_chunks = reader.alt_chunks();
  return out;
}

}  // namespace xxgk
