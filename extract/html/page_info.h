// What a web page prints about the article around the report: its <meta> tags, <title>, the
// article's title block and the short lines of its info bar (发布时间：…, 来源：…). Reported as found;
// normalize/page_metadata.h decides what they mean.
#pragma once

#include <libxml/tree.h>

#include "extract/html/page.h"
#include "model/document.h"

namespace xxgk::html {

// Bounded: at most 64 meta tags (content cut at 1 KB), 8 title blocks, the 200 lines nearest before
// the report and the first 100 after it, each line at most 200 bytes (longer ones are prose, not an
// info bar, and are left out).
PageInfo read_page_info(const xmlNode* root, const xmlNode* body, const ReportArea& area);

}  // namespace xxgk::html
