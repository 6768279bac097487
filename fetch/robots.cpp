#include "fetch/robots.h"

#include "fetch/charset.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace xxgk::fetch {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool unreserved(unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

// `*` matches any run of octets; the pattern must match the whole text, or (prefix) its start.
// Iterative with one backtrack point: O(pattern × text) at worst.
bool wildcard_match(std::string_view p, std::string_view t, bool prefix) {
  size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (prefix && pi == p.size()) return true;
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (pi < p.size() && p[pi] == t[ti]) {
      ++pi;
      ++ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

// The product token of a user-agent line: its leading letters, '-' and '_' ("xxgk/0.1" → "xxgk").
std::string product_token(std::string_view v) {
  v = trim(v);
  size_t n = 0;
  while (n < v.size() && (std::isalpha(static_cast<unsigned char>(v[n])) || v[n] == '-' || v[n] == '_')) ++n;
  if (n == 0 && !v.empty() && v[0] == '*') return "*";
  return ascii_lower(v.substr(0, n));
}

}  // namespace

std::string robots_normalise(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (size_t i = 0; i < path.size(); ++i) {
    const auto c = static_cast<unsigned char>(path[i]);
    if (c == '%' && i + 2 < path.size() && hex_value(path[i + 1]) >= 0 && hex_value(path[i + 2]) >= 0) {
      const auto decoded = static_cast<unsigned char>(hex_value(path[i + 1]) * 16 + hex_value(path[i + 2]));
      if (unreserved(decoded)) {
        out += static_cast<char>(decoded);
      } else {
        out += '%';
        out += kHex[decoded >> 4];
        out += kHex[decoded & 15];
      }
      i += 2;
    } else if (c >= 0x80 || c < 0x21 || c == 0x7F) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

RobotsRules RobotsRules::allow_all() { return RobotsRules(); }

RobotsRules RobotsRules::disallow_all() {
  RobotsRules r;
  r.disallow_everything_ = true;
  return r;
}

RobotsRules RobotsRules::parse(std::string_view text, std::string_view token) {
  if (text.size() > kRobotsMaxBytes) text = text.substr(0, kRobotsMaxBytes);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::string ours = ascii_lower(token);

  struct Group {
    std::vector<std::string> agents;
    std::vector<Rule> rules;
    std::optional<double> crawl_delay;
  };
  std::vector<Group> groups;
  bool in_rules = false;  // the current group has had a rule line: a user-agent line starts a new one

  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find_first_of("\r\n", i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(i, end - i);
    i = end + 1;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = ascii_lower(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (key == "user-agent" || key == "useragent" || key == "user agent") {
      if (groups.empty() || in_rules) groups.emplace_back();
      in_rules = false;
      groups.back().agents.push_back(product_token(value));
    } else if (key == "allow" || key == "disallow") {
      if (groups.empty()) continue;  // a rule before any user-agent line belongs to no group
      in_rules = true;
      if (value.empty()) continue;   // "Disallow:" with no path allows everything: no rule
      Rule r;
      r.allow = key == "allow";
      std::string_view pattern = value;
      r.length = pattern.size();
      if (!pattern.empty() && pattern.back() == '$') {
        r.anchored = true;
        pattern.remove_suffix(1);
      }
      r.pattern = robots_normalise(pattern);
      if (r.pattern.empty() || (r.pattern[0] != '/' && r.pattern[0] != '*')) {
        std::string rooted(1, '/');  // "Disallow: private" means /private
        rooted += r.pattern;
        r.pattern = std::move(rooted);
      }
      if (groups.back().rules.size() < 100000) groups.back().rules.push_back(std::move(r));
    } else if (key == "crawl-delay" || key == "crawl_delay") {
      if (groups.empty()) continue;
      in_rules = true;
      char* stop = nullptr;
      const std::string v(value);
      const double d = std::strtod(v.c_str(), &stop);
      if (stop != v.c_str() && d >= 0 && d < 1e7 && !groups.back().crawl_delay) groups.back().crawl_delay = d;
    }
    // Sitemap, Host and unknown lines neither belong to nor end a group.
  }

  RobotsRules out;
  auto take = [&](std::string_view agent) {
    bool any = false;
    for (const auto& g : groups) {
      if (std::find(g.agents.begin(), g.agents.end(), agent) == g.agents.end()) continue;
      any = true;
      out.rules_.insert(out.rules_.end(), g.rules.begin(), g.rules.end());
      if (!out.crawl_delay_ && g.crawl_delay) out.crawl_delay_ = g.crawl_delay;
    }
    return any;
  };
  if (ours.empty() || !take(ours)) take("*");
  return out;
}

bool RobotsRules::allowed(std::string_view path_and_query) const {
  if (path_and_query == "/robots.txt") return true;
  if (disallow_everything_) return false;
  if (rules_.empty()) return true;
  const std::string path = robots_normalise(path_and_query.empty() ? "/" : path_and_query);
  const Rule* best = nullptr;
  for (const auto& r : rules_) {
    const bool match = wildcard_match(r.pattern, path, !r.anchored);
    if (!match) continue;
    if (!best || r.length > best->length || (r.length == best->length && r.allow && !best->allow)) best = &r;
  }
  return !best || best->allow;
}

}  // namespace xxgk::fetch
