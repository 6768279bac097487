// The listing readers: what one CMS kind's listing pages mean (their entries and their further
// pages). One small reader per kind behind this interface, as one extractor per format; none of
// them fetches anything or knows of politeness: the crawl asks the scheduler for the pages and
// hands each reader the bytes.
#pragma once

#include "fetch/url.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::fetch {

struct ListingEntry {
  std::string title;                     // as the listing gives it (the title attribute when there is one)
  Url url;                               // the article (or, on some portals, the file itself)
  std::optional<std::string> published;  // YYYY-MM-DD as the listing prints it
};

struct ListingPage {
  std::vector<ListingEntry> entries;  // every entry of the page, in page order, not yet filtered by title
  std::vector<Url> more;              // further listing pages this page makes known, in order
  std::string problem;                // why the page could not be read, in plain words ("" when it could)
};

class ListingReader {
 public:
  virtual ~ListingReader() = default;
  virtual std::string_view kind() const = 0;
  // Reads one fetched listing page (the raw bytes; the reader decodes them). `page` counts from 1.
  virtual ListingPage read(const Url& url, std::string_view bytes, int page) const = 0;
};

// The reader of a sources-file kind (trs, jcms, gkmlpt, ucap, generic); nullptr for `document`
// (a single report URL, no listing) and for unknown kinds.
const ListingReader* listing_reader(std::string_view kind);

// The kinds a sources file may name.
bool is_known_kind(std::string_view kind);

// Which listing titles name an annual disclosure report: an ICU regular expression over the title,
// case-insensitive; a title must also name its reporting year (below) and not match `exclude`.
inline constexpr const char* kDefaultTitlePattern = "年度报告|年报";
inline constexpr const char* kDefaultExcludePattern = "图解|解读|一图读懂|图说";

class TitleFilter {
 public:
  // Throws std::invalid_argument with ICU's reason when a pattern does not compile. An empty
  // exclude pattern excludes nothing.
  TitleFilter(const std::string& pattern, const std::string& exclude);
  ~TitleFilter();
  TitleFilter(TitleFilter&&) noexcept;
  TitleFilter& operator=(TitleFilter&&) noexcept;
  bool matches(std::string_view title) const;

 private:
  struct Patterns;  // ICU's compiled patterns
  std::unique_ptr<Patterns> patterns_;
};

// The reporting year a title names: the first 4-digit year (ASCII or full-width digits) followed by
// 年 (2024年, 2024 年度); nullopt when none, or outside 2000–2099.
std::optional<int> year_in_title(std::string_view title);

// The first date printed in a text (2025-01-20, 2025/1/20, 2025.01.20, 2025年1月20日), as
// YYYY-MM-DD; nullopt when none or not a calendar date.
std::optional<std::string> date_in_text(std::string_view text);

}  // namespace xxgk::fetch
