// What the fetch reads in a portal page: its links (each with the text of the list entry it sits
// in, where the date is printed), its frames (iframe, embed, object), its inline scripts (pager
// configs, jcms datastores) and its <meta>. libxml2's HTML parser, without network or entities;
// every walk over the tree is iterative (hostile pages nest deep).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::fetch {

struct PageLink {
  std::string href;   // as written (not resolved)
  std::string text;   // the link's text, white space collapsed
  std::string title;  // its title attribute (portals put the full title there, the text is cut short)
  std::string entry;  // text of the largest element around it holding no other link: its list entry
};

struct PageFrame {
  std::string tag;  // iframe, frame, embed, object
  std::string src;  // src (data for <object>)
};

struct PageParts {
  std::vector<PageLink> links;
  std::vector<PageFrame> frames;
  std::vector<std::string> scripts;          // inline script texts, in order
  std::map<std::string, std::string> meta;   // <meta name=…> (lower-case name) → content
  std::string title;                         // <title>
  int table_cells = 0;                       // <td>/<th> in the page (a report page has three tables)
  std::string table_text;                    // the cells' text, '|' after each (what a report page says)
};

// Reads UTF-8 HTML (decoded by decode_page). Never throws: an unreadable page gives empty parts.
PageParts read_page(std::string_view utf8_html);

// White space runs (ASCII and the ideographic space U+3000, &nbsp;) collapsed to one space, trimmed.
std::string collapse_space(std::string_view s);

}  // namespace xxgk::fetch
