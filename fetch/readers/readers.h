// Inside the listing readers: the registry and what the readers of static HTML listings share
// (entries from links, pager configs drawn by script, numbered page names, next-page links).
#pragma once

#include "fetch/html_page.h"
#include "fetch/listing.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::fetch::readers {

const ListingReader* find(std::string_view kind);

// The pager a listing draws by script: the page count and, where the call names them, the page
// file's name and extension. Read from `createPageHTML(<pages>, <current>, "index", "html")` (TRS)
// and `createPageHTML('div', <pages>, <current>, 'home', 'htm', <records>)` (UCAP), with a variable
// for the count resolved (`var countPage = 12`), or from a config of `recordCount` and
// `prepage`/`perPage`/`pageSize`, or a `pageCount`/`totalPage`/`countPage` value.
struct Pager {
  int pages = 0;  // including the first
  std::string name, ext;
};
std::optional<Pager> pager_in_scripts(const std::vector<std::string>& scripts);

// Pages 2…N of a static listing: <name>_1.<ext> … <name>_{N-1}.<ext> beside the first page
// (in its folder when the listing URL is a folder). The name is the pager's, else the listing
// file's stem, else `default_name`; the extension the pager's, else the listing file's, else
// `entry_ext`, else html. At most 500 pages.
std::vector<Url> numbered_pages(const Url& first, const Pager& pager, std::string_view default_name,
                                std::string_view entry_ext);

// The page a link reading 下一页 / 下页 / 后页 / > / › / » points to, if any.
std::optional<Url> next_page_link(const Url& page, const PageParts& parts);

// The page's links as listing entries (title from the title attribute, else the text; date from
// the list entry around the link). When `shape` accepts some of the links, only those are kept
// (a kind's article URLs, e.g. TRS's ./YYYYMM/tYYYYMMDD_N.html): navigation links go.
using Shape = bool (*)(const Url&);
std::vector<ListingEntry> entries_from_links(const Url& page, const PageParts& parts, Shape shape);

// The most common extension among the entries' URLs (htm, html, shtml), or "".
std::string entry_extension(const std::vector<ListingEntry>& entries);

// The integer after `key` in script text: `key = 12`, `key: '12'`, `"key":12`; nullopt when absent.
std::optional<long> number_after(std::string_view text, std::string_view key);

// The listing's own page read as a static HTML listing (TRS, UCAP, generic), with the kind's
// article shape and default page name.
ListingPage read_static_listing(const Url& url, std::string_view bytes, int page, Shape shape,
                                std::string_view default_name, bool follow_next_links);

}  // namespace xxgk::fetch::readers
