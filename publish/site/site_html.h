// What every page of the site shares: where each kind of page lives (one place for the paths, so
// a link and the file it points at cannot disagree), the page shell (head, navigation, footer),
// status and rule labels, numbers as people read them, and small inline SVG charts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgk::site {

// Paths of pages relative to the site's root. Report pages are bucketed by a thousand ids and
// agency pages by the first two characters of their key, so no folder holds 100,000 files.
std::string report_path(std::int64_t document_id);
std::string agency_path(const std::string& agency_page_key);
std::string region_path(const std::string& region_code);
// The stable key of an agency's page: the first 12 hex digits of SHA-256 of its agency_key.
std::string agency_page_key(const std::string& agency_key);
// From a page at `from` (a root-relative path) to `to`: "../../a/3f/3fa9….html".
std::string rel(const std::string& from, const std::string& to);

struct StatusLabel {
  std::string_view status, zh, en;
};
inline constexpr StatusLabel kStatuses[] = {
    {"flagged", "数据不符", "flagged"},
    {"partial", "部分读出", "partial"},
    {"failed", "未能读取", "failed"},
    {"ok", "通过", "ok"},
};
std::string_view status_zh(std::string_view status);
std::string badge(std::string_view status);  // <span class="badge flagged">数据不符</span>

// 12,345 / 1.5 / — for a missing value.
std::string number(std::optional<double> v);

// The page shell: `<!DOCTYPE html>…<body>` with the stylesheet, the navigation bar and the title,
// and the closing part. `self` is the page's own root-relative path (links are made relative to it,
// so the site works from file:// and from any folder of a web server).
std::string page_head(const std::string& self, const std::string& title, std::string_view kind,
                      const std::vector<std::string>& scripts = {});
std::string page_tail(const std::string& self);

// Breadcrumbs of a region path: 江淮省 › 青山市 › 白河县, each a link to its region page.
struct RegionCrumb {
  std::string code, name;
};
std::string breadcrumbs(const std::string& self, const std::vector<RegionCrumb>& crumbs);
// The crumbs of a region from its province down (division codes nest: 2, 4, 6, 9 digits).
std::vector<RegionCrumb> region_crumbs(const std::string& code, const std::vector<std::string>& names);
// The code of the ancestor of `code` at depth `level` (0 province … 3 township).
std::string region_prefix(const std::string& code, size_t level);

// Inline SVG charts, each given its numbers (the caller prints them in a table beside it).
struct Series {
  std::string name, css_class;  // legend and fill (status classes, k0…k3 for key figures)
  std::vector<double> values;   // one per category
};
// Vertical bars, stacked series, one bar per category.
std::string stacked_bars_svg(const std::vector<std::string>& categories, const std::vector<Series>& series, int width,
                             int height, std::string_view aria_label);
// Horizontal bars, one per label.
std::string horizontal_bars_svg(const std::vector<std::pair<std::string, double>>& bars, int width,
                                std::string_view aria_label);
// A small line of bars for one figure over the years (null values leave a gap marked "—").
std::string sparkbars_svg(const std::vector<std::pair<int, std::optional<double>>>& by_year, std::string_view aria_label);

}  // namespace xxgk::site
