// URLs as the crawler meets them in portal pages: parsed, resolved against the page and normalised
// by liburiparser (RFC 3986), never by string slicing. Only http and https URLs are usable; anything
// else (javascript:, mailto:, a template placeholder like {{el.url}}) is no URL to the crawler.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace xxgk::fetch {

struct Url {
  std::string scheme;  // http | https
  std::string host;    // lower case; an IPv6 literal keeps its brackets
  int port = 0;        // explicit port, or the scheme's default
  std::string path;    // "/" at least; percent-encoded as on the wire
  std::string query;   // without '?'; empty with has_query false when there is none
  bool has_query = false;

  std::string str() const;             // normalised, without the fragment
  std::string origin() const;          // scheme://host[:port]: the key of a host's politeness state
  std::string path_and_query() const;  // what robots.txt rules are matched against
  bool operator==(const Url& o) const { return str() == o.str(); }
};

// An absolute http(s) URL, normalised (scheme and host lower case, dot segments removed, default port
// dropped, fragment dropped). Raw non-ASCII bytes and spaces, as pasted into pages, are
// percent-encoded first; a backslash is read as '/', as browsers do.
std::optional<Url> parse_url(std::string_view text);

// A link found in the page at `base`, resolved to an absolute http(s) URL; nullopt for anything
// that is not one (javascript:, mailto:, data:, #top, an unfilled template like {{url}} or ${url}).
std::optional<Url> resolve_url(const Url& base, std::string_view ref);

// The value of a query parameter, percent-decoded ('+' as a space); nullopt when absent.
std::optional<std::string> query_param(const Url& url, std::string_view name);

// The URL with the parameter set (replaced where present, appended otherwise).
Url with_query_param(Url url, std::string_view name, std::string_view value);

std::string percent_decode(std::string_view s, bool plus_is_space = false);
std::string percent_encode(std::string_view s);  // every byte outside RFC 3986's unreserved set

// The last path segment, percent-decoded ("报告.pdf"); "" for a directory.
std::string file_name_of(const Url& url);

}  // namespace xxgk::fetch
