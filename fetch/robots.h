// robots.txt as RFC 9309 reads it: the groups for our product token (or `*`), Allow/Disallow with
// `*` and `$`, the longest match wins and Allow wins a tie; /robots.txt itself is always allowed.
// Crawl-delay (not in the RFC, widely sent) is read from the same group. Parsing is a pure function
// of the bytes, so it is tested and fuzzed alone.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::fetch {

// The most of a robots.txt that is read (the RFC asks for at least 500 KiB).
inline constexpr size_t kRobotsMaxBytes = 512 * 1024;

class RobotsRules {
 public:
  static RobotsRules allow_all();
  static RobotsRules disallow_all();

  // Reads robots.txt for the crawler whose product token is `token` (e.g. "xxgk"): the groups
  // naming it (merged), else the `*` groups (merged), else no rules.
  static RobotsRules parse(std::string_view text, std::string_view token);

  // `path_and_query` as sent on the wire ("/a/b.html?x=1").
  bool allowed(std::string_view path_and_query) const;
  std::optional<double> crawl_delay() const { return crawl_delay_; }
  size_t rule_count() const { return rules_.size(); }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;  // normalised, without a final '$'
    bool anchored = false;  // ended in '$'
    size_t length = 0;      // the pattern's length as written, which decides the longest match
  };
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  bool disallow_everything_ = false;
};

// Octets compared by robots.txt matching: non-ASCII and non-printable bytes percent-encoded, escapes
// of unreserved characters decoded, hex digits upper case (so `/%e6%8a%a5` = `/报` = `/%E6%8A%A5`).
std::string robots_normalise(std::string_view path);

}  // namespace xxgk::fetch
