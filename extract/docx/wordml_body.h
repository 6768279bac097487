// The body of a WordprocessingML document (w:body) read as the document model's blocks: the text
// a reader of the final document sees, in document order.
//
// What is read, and how:
//  - w:p paragraphs (empty ones dropped) and w:tbl tables, in order; w:t text, w:tab/w:ptab as a
//    tab, w:br/w:cr as a line break, w:noBreakHyphen as '-'.
//  - Content controls (w:sdt → w:sdtContent), smart tags, custom XML, hyperlinks, bidi wrappers:
//    read through, at block, row, cell and run level.
//  - Tracked changes as the final text: w:ins and w:moveTo kept; w:del, w:moveFrom, w:delText
//    dropped; a row marked deleted (w:trPr/w:del) or a cell (w:tcPr/w:cellDel) dropped; a
//    paragraph whose mark is deleted joins the next paragraph.
//  - Fields as displayed: w:fldSimple's content; for complex fields the runs between the
//    w:fldChar "separate" and "end", never the instruction (w:instrText), nested fields included.
//  - mc:AlternateContent: the first mc:Choice (else the mc:Fallback), so nothing is read twice.
//  - Text boxes (w:txbxContent in drawings and VML) become paragraphs after their anchor paragraph.
//  - Tables: merges expanded by build_grid(). A nested table becomes a block of its own right after
//    the table that holds it; the holding cell keeps only its own paragraphs. A table one column
//    wide is a frame, not a grid: its cells' content is read as body content (a layout box around
//    a report, a boxed note).
//  - Not read: headers, footers, footnotes, comments, auto-numbering text (w:numPr labels such as
//    an automatic "一、"), which are not in the body's text; content embedded in another format
//    (w:altChunk: HTML or RTF put in by web exporters), which is counted so the record says so.
#pragma once

#include "model/document.h"

#include <libxml/tree.h>

#include <cstddef>
#include <vector>

namespace xxgk {

struct BodyContent {
  std::vector<Block> blocks;
  int alt_chunks = 0;  // w:altChunk elements met (their content is not read)
};

// Reads the children of w:body. Throws DocumentError("too_large") when the tables claim more
// than `slot_budget` grid slots in all.
BodyContent read_wordml_body(const xmlNode* body, std::size_t slot_budget = 1'000'000);

}  // namespace xxgk
