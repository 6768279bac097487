// The report's content in reading order: paragraphs (p, div text, h1–h6, li, bare text) and the
// grids of data tables; layout tables are read through, their cells as running content.
#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <vector>

#include "extract/extractor.h"
#include "extract/html/page.h"
#include "model/document.h"

namespace xxgk::html {

// A picture in the report: where it stands among the blocks (the index of the next block).
struct Picture {
  size_t before_block = 0;
};

// Appends the blocks of the report area to doc.blocks and returns the pictures met on the way.
// Checks options' deadline as it goes.
std::vector<Picture> read_flow(const ReportArea& area, const ExtractOptions& options, Document& doc);

}  // namespace xxgk::html
