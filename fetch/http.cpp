#include "fetch/http.h"

#include "fetch/charset.h"
#include "fetch/url.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace xxgk::fetch {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

int month_of(std::string_view s) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  if (s.size() < 3) return -1;
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (iequals(s.substr(0, 3), kMonths[i]) && (s.size() == 3 || s.size() <= 9)) return static_cast<int>(i);
  return -1;
}

std::string decode_base64(std::string_view s) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned acc = 0;
  int bits = 0;
  for (char c : s) {
    const int v = value(c);
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

// RFC 2047 encoded words (=?charset?B?…?= / =?charset?Q?…?=), as some servers send file names.
std::optional<std::string> decode_encoded_words(std::string_view s) {
  if (s.find("=?") == std::string_view::npos) return std::nullopt;
  std::string out;
  size_t i = 0;
  bool any = false;
  while (i < s.size()) {
    const size_t start = s.find("=?", i);
    if (start == std::string_view::npos) {
      out += s.substr(i);
      break;
    }
    const size_t q1 = s.find('?', start + 2);
    const size_t q2 = q1 == std::string_view::npos ? q1 : s.find('?', q1 + 1);
    const size_t end = q2 == std::string_view::npos ? q2 : s.find("?=", q2 + 1);
    if (end == std::string_view::npos || q2 != q1 + 2) {
      out += s.substr(i);
      break;
    }
    std::string between(trim(s.substr(i, start - i)));
    if (!any || !between.empty()) out += s.substr(i, start - i);  // white space between encoded words is dropped
    const std::string_view charset = s.substr(start + 2, q1 - start - 2);
    const char enc = static_cast<char>(std::toupper(static_cast<unsigned char>(s[q1 + 1])));
    const std::string_view text = s.substr(q2 + 1, end - q2 - 1);
    std::string bytes;
    if (enc == 'B') {
      bytes = decode_base64(text);
    } else if (enc == 'Q') {
      std::string t(text);
      std::replace(t.begin(), t.end(), '_', ' ');
      for (size_t k = 0; k < t.size(); ++k) t[k] = t[k] == '=' ? '%' : t[k];
      bytes = percent_decode(t);
    } else {
      return std::nullopt;
    }
    const auto utf8 = to_utf8(bytes, charset, false);
    if (!utf8) return std::nullopt;
    out += *utf8;
    any = true;
    i = end + 2;
  }
  return any ? std::optional<std::string>(out) : std::nullopt;
}

// A plain filename= value in whatever the server used: percent-encoded UTF-8 or GBK, raw UTF-8,
// raw GBK bytes.
std::string decode_plain_name(std::string_view v) {
  if (auto words = decode_encoded_words(v)) return *words;
  bool escaped = false;
  for (size_t i = 0; i + 2 < v.size(); ++i)
    if (v[i] == '%' && std::isxdigit(static_cast<unsigned char>(v[i + 1])) && std::isxdigit(static_cast<unsigned char>(v[i + 2])))
      escaped = true;
  if (escaped) {
    const std::string bytes = percent_decode(v);
    if (valid_utf8(bytes)) return bytes;
    if (auto gbk = to_utf8(bytes, "GB18030", true)) return *gbk;
  }
  if (valid_utf8(v)) return std::string(v);
  if (auto gbk = to_utf8(v, "GB18030", false)) return *gbk;
  return {};
}

std::optional<std::string> clean_file_name(std::string name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  std::string out;
  for (char c : name)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
  const std::string_view t = trim(out);
  if (t.empty() || t == "." || t == "..") return std::nullopt;
  return std::string(t);
}

struct Param {
  std::string name;  // lower case
  std::string value;
};

// The parameters after the first ';' of a header value: name=token or name="quoted \"string\"".
std::vector<Param> parameters(std::string_view v) {
  std::vector<Param> out;
  size_t i = v.find(';');
  while (i != std::string_view::npos && i < v.size()) {
    ++i;
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == ';')) ++i;
    const size_t eq = v.find_first_of("=;", i);
    if (eq == std::string_view::npos || v[eq] == ';') {
      i = eq;
      continue;
    }
    Param p;
    p.name = ascii_lower(trim(v.substr(i, eq - i)));
    size_t j = eq + 1;
    while (j < v.size() && (v[j] == ' ' || v[j] == '\t')) ++j;
    if (j < v.size() && v[j] == '"') {
      ++j;
      while (j < v.size() && v[j] != '"') {
        if (v[j] == '\\' && j + 1 < v.size()) ++j;
        p.value += v[j++];
      }
      i = v.find(';', j);
    } else {
      const size_t end = v.find(';', j);
      p.value = std::string(trim(v.substr(j, end == std::string_view::npos ? std::string_view::npos : end - j)));
      i = end;
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

std::optional<std::string> Headers::get(std::string_view name) const {
  for (const auto& [k, v] : fields)
    if (iequals(k, name)) return std::string(trim(v));
  return std::nullopt;
}

std::optional<ResponseHead> parse_response_head(std::string_view block) {
  std::vector<std::string_view> lines;
  size_t i = 0;
  while (i < block.size()) {
    size_t nl = block.find('\n', i);
    if (nl == std::string_view::npos) nl = block.size();
    std::string_view line = block.substr(i, nl - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    i = nl + 1;
  }
  size_t start = lines.size();
  for (size_t k = 0; k < lines.size(); ++k)
    if (lines[k].rfind("HTTP/", 0) == 0) start = k;
  if (start == lines.size()) return std::nullopt;
  ResponseHead head;
  head.status_line = std::string(lines[start]);
  const size_t sp = lines[start].find(' ');
  if (sp == std::string_view::npos) return std::nullopt;
  const std::string_view code = lines[start].substr(sp + 1, 3);
  if (code.size() != 3 || !all_digits(code)) return std::nullopt;
  head.status = std::stoi(std::string(code));
  for (size_t k = start + 1; k < lines.size() && !lines[k].empty(); ++k) {
    const std::string_view line = lines[k];
    if ((line[0] == ' ' || line[0] == '\t') && !head.headers.fields.empty()) {
      head.headers.fields.back().second += " " + std::string(trim(line));
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    head.headers.fields.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return head;
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '-')) ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != ',' && text[j] != '-') ++j;
    if (j > i) tokens.push_back(text.substr(i, j - i));
    i = j;
  }
  int month = -1, day = -1, year = -1, hh = -1, mm = -1, ss = -1;
  for (const auto t : tokens) {
    if (t.find(':') != std::string_view::npos) {
      if (t.size() != 8 || t[2] != ':' || t[5] != ':' || !all_digits(t.substr(0, 2)) || !all_digits(t.substr(3, 2)) ||
          !all_digits(t.substr(6, 2)))
        return std::nullopt;
      hh = std::stoi(std::string(t.substr(0, 2)));
      mm = std::stoi(std::string(t.substr(3, 2)));
      ss = std::stoi(std::string(t.substr(6, 2)));
    } else if (all_digits(t)) {
      if (t.size() > 4) return std::nullopt;
      const int n = std::stoi(std::string(t));
      if (day < 0 && t.size() <= 2) day = n;
      else if (year < 0) year = t.size() == 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
      else return std::nullopt;
    } else if (month < 0 && month_of(t) >= 0 && t.size() == 3) {
      month = month_of(t);
    } else if (!iequals(t, "GMT") && !iequals(t, "UTC") && !std::all_of(t.begin(), t.end(), [](unsigned char c) {
                 return std::isalpha(c);
               })) {
      return std::nullopt;
    }
  }
  if (month < 0 || day < 1 || day > 31 || year < 1970 || year > 9999 || hh < 0 || hh > 23 || mm > 59 || ss > 60)
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month;
  tm.tm_mday = day;
  tm.tm_hour = hh;
  tm.tm_min = mm;
  tm.tm_sec = ss;
  return timegm(&tm);
}

std::optional<double> parse_retry_after(std::string_view value, std::time_t now) {
  value = trim(value);
  if (all_digits(value)) return value.size() > 9 ? 1e9 : std::stod(std::string(value));
  const auto date = parse_http_date(value);
  if (!date) return std::nullopt;
  return std::max(0.0, std::difftime(*date, now));
}

std::optional<std::string> content_disposition_filename(std::string_view value) {
  if (value.size() > 8192) value = value.substr(0, 8192);
  std::optional<std::string> plain, extended;
  for (const auto& p : parameters(value)) {
    if (p.name == "filename*" && !extended) {
      // charset'language'percent-encoded (RFC 5987 / 8187)
      const size_t q1 = p.value.find('\'');
      const size_t q2 = q1 == std::string::npos ? q1 : p.value.find('\'', q1 + 1);
      if (q2 == std::string::npos) continue;
      const std::string charset = p.value.substr(0, q1);
      const std::string bytes = percent_decode(std::string_view(p.value).substr(q2 + 1));
      auto utf8 = to_utf8(bytes, charset.empty() ? "UTF-8" : charset, true);
      if (!utf8 && ascii_lower(charset) == "utf-8") utf8 = to_utf8(bytes, "GB18030", true);  // mislabelled GBK
      if (utf8) extended = clean_file_name(*utf8);
    } else if (p.name == "filename" && !plain) {
      plain = clean_file_name(decode_plain_name(p.value));
    }
  }
  return extended ? extended : plain;
}

std::string content_type_charset(std::string_view content_type) {
  for (const auto& p : parameters(content_type))
    if (p.name == "charset") return p.value;
  return {};
}

}  // namespace xxgk::fetch
