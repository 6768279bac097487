// What an article page holds for the fetch: its title and date as the page shows them, the report
// files it links or embeds, and whether the page itself carries the report (its tables).
//   attachments: <a href> to a .pdf/.doc/.docx/.wps (by the path, a file-name query parameter or
//   the link text), to a download script (downfile.jsp, download.aspx …, which redirect), a pdf.js
//   viewer's ?file=; <iframe>/<embed>/<object> showing such a file or a viewer; quoted file paths
//   in the page's own scripts on the same host (TRS fills its viewer from them).
//   Not attachments: placeholder hrefs (javascript:;, #, logoutUrl), unfilled templates
//   (ms-attr-src="…viewer.html?file={{…}}", which has no src at all), frames from other hosts that
//   show no file (a weather widget), links to pages.
#pragma once

#include "fetch/html_page.h"
#include "fetch/url.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::fetch {

struct Attachment {
  Url url;
  std::string label;  // the link text, or "iframe" / "embed" / "object" / "viewer" / "script"
};

struct ArticlePage {
  std::optional<std::string> title;      // <meta name="ArticleTitle">, else <title> before its first _ / - / |
  std::optional<std::string> published;  // <meta name="PubDate">, else the first date in <meta name="pubdate"…>
  std::vector<Attachment> attachments;   // in page order, each URL once
  bool has_tables = false;               // the page prints tables (a report page has three)
};

ArticlePage read_article(const Url& url, const PageParts& parts);

// Whether a URL's shape names a report file (pdf, doc, docx, wps) or a download script.
bool looks_like_file(const Url& url, std::string_view label);

}  // namespace xxgk::fetch
