#include "fetch/url.h"

#include <uriparser/Uri.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace xxgk::fetch {
namespace {

// An UriUriA owns its members once parsed; this frees them on every path. Its text ranges point
// into the parsed string, which is kept here for as long as the URI lives.
struct ParsedUri {
  UriUriA uri{};
  std::string text;
  bool live = false;
  ParsedUri() = default;
  ParsedUri(const ParsedUri&) = delete;
  ParsedUri& operator=(const ParsedUri&) = delete;
  ~ParsedUri() {
    if (live) uriFreeUriMembersA(&uri);
  }
  bool parse(std::string s) {
    text = std::move(s);
    const char* error_pos = nullptr;
    live = uriParseSingleUriExA(&uri, text.data(), text.data() + text.size(), &error_pos) == URI_SUCCESS;
    return live;
  }
};

std::string range(const UriTextRangeA& r) {
  if (!r.first || !r.afterLast) return {};
  return std::string(r.first, r.afterLast);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// What a browser does to an href before parsing it: leading and trailing spaces go, tabs and line
// breaks inside go, a backslash is a slash; bytes RFC 3986 does not allow in a URI (non-ASCII text
// of Chinese file names, spaces, quotes, braces) are percent-encoded, and a '%' that starts no
// escape becomes %25.
std::string prepare(std::string_view text) {
  size_t b = 0, e = text.size();
  auto space = [](unsigned char c) { return c <= 0x20; };
  while (b < e && space(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && space(static_cast<unsigned char>(text[e - 1]))) --e;
  text = text.substr(b, e - b);
  // Brackets are allowed only around an IPv6 host: up to the end of the authority.
  size_t authority_end = 0;
  if (const size_t sep = text.find("//"); sep != std::string_view::npos && sep <= 6) {
    authority_end = text.find_first_of("/?#", sep + 2);
    if (authority_end == std::string_view::npos) authority_end = text.size();
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  bool seen_hash = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\t' || c == '\n' || c == '\r') continue;
    const bool in_tail = text.find_first_of("?#") < i;
    if (c == '\\' && !in_tail) {
      out += '/';
      continue;
    }
    const bool bad_percent = c == '%' && !(i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2]));
    const bool bracket = (c == '[' || c == ']') && i >= authority_end;
    const bool second_hash = c == '#' && seen_hash;
    if (c == '#') seen_hash = true;
    if (bad_percent || bracket || second_hash || c >= 0x80 || c <= 0x20 || c == 0x7F || c == '"' || c == '<' ||
        c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

int default_port(const std::string& scheme) { return scheme == "https" ? 443 : 80; }

// Reads the components of an absolute, normalised http(s) URI; nullopt for any other.
std::optional<Url> components(UriUriA& uri) {
  if (uriNormalizeSyntaxA(&uri) != URI_SUCCESS) return std::nullopt;
  Url u;
  u.scheme = lower(range(uri.scheme));
  if (u.scheme != "http" && u.scheme != "https") return std::nullopt;
  u.host = lower(range(uri.hostText));
  if (u.host.empty()) return std::nullopt;
  if (uri.hostData.ip6 || uri.hostData.ipFuture.first) u.host = "[" + u.host + "]";
  const std::string port = range(uri.portText);
  if (port.empty()) {
    u.port = default_port(u.scheme);
  } else {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }))
      return std::nullopt;
    u.port = std::stoi(port);
    if (u.port <= 0 || u.port > 65535) return std::nullopt;
  }
  for (const UriPathSegmentA* s = uri.pathHead; s; s = s->next) u.path += "/" + range(s->text);
  if (u.path.empty()) u.path = "/";
  u.has_query = uri.query.first != nullptr;
  u.query = range(uri.query);
  return u;
}

bool unusable_reference(std::string_view ref) {
  if (ref.find("{{") != std::string_view::npos || ref.find("}}") != std::string_view::npos ||
      ref.find("${") != std::string_view::npos || ref.find("<%") != std::string_view::npos)
    return true;  // an unfilled template (avalon, Vue, JSP), not a link
  std::string head;
  for (char c : ref.substr(0, 16)) {
    if (static_cast<unsigned char>(c) <= 0x20) continue;
    head += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (const char* scheme : {"javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:", "file:", "ftp:"})
    if (head.rfind(scheme, 0) == 0) return true;
  return head.empty() || head[0] == '#';
}

}  // namespace

std::string Url::origin() const {
  std::string o = scheme + "://" + host;
  if (port != default_port(scheme)) o += ":" + std::to_string(port);
  return o;
}

std::string Url::path_and_query() const { return has_query ? path + "?" + query : path; }

std::string Url::str() const { return origin() + path_and_query(); }

std::optional<Url> parse_url(std::string_view text) {
  if (unusable_reference(text)) return std::nullopt;
  ParsedUri p;
  if (!p.parse(prepare(text))) return std::nullopt;
  return components(p.uri);
}

std::optional<Url> resolve_url(const Url& base, std::string_view ref) {
  if (unusable_reference(ref)) return std::nullopt;
  ParsedUri b, r;
  if (!b.parse(base.str()) || !r.parse(prepare(ref))) return std::nullopt;
  ParsedUri out;
  if (uriAddBaseUriExA(&out.uri, &r.uri, &b.uri, URI_RESOLVE_STRICTLY) != URI_SUCCESS) return std::nullopt;
  out.live = true;
  return components(out.uri);
}

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<std::string> query_param(const Url& url, std::string_view name) {
  std::string_view q = url.query;
  while (!q.empty()) {
    const size_t amp = q.find('&');
    const std::string_view pair = q.substr(0, amp);
    const size_t eq = pair.find('=');
    if (percent_decode(pair.substr(0, eq), true) == name)
      return eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true);
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

Url with_query_param(Url url, std::string_view name, std::string_view value) {
  std::string out;
  bool replaced = false;
  std::string_view q = url.query;
  while (!q.empty()) {
    const size_t amp = q.find('&');
    const std::string_view pair = q.substr(0, amp);
    if (!out.empty()) out += '&';
    if (!replaced && percent_decode(pair.substr(0, pair.find('=')), true) == name) {
      out += percent_encode(name) + "=" + percent_encode(value);
      replaced = true;
    } else {
      out += pair;
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  if (!replaced) out += (out.empty() ? "" : "&") + percent_encode(name) + "=" + percent_encode(value);
  url.query = out;
  url.has_query = true;
  return url;
}

std::string file_name_of(const Url& url) {
  const size_t slash = url.path.rfind('/');
  return percent_decode(url.path.substr(slash == std::string::npos ? 0 : slash + 1));
}

}  // namespace xxgk::fetch
