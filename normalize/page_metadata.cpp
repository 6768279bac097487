#include "normalize/page_metadata.h"

#include "text/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace xxgk {
namespace {

// <meta> names CMSs give the article's publication date (TRS PubDate, gkmlpt firstpublishedtime,
// Open Graph article:published_time …), compared case-insensitively.
constexpr std::array<std::string_view, 8> kPubDateMetaNames = {
    "pubdate", "publishdate", "pubtime", "publishtime", "firstpublishedtime", "article:published_time",
    "dc.date.issued", "dcterms.issued"};

// <meta> names that carry the article's own title (TRS ArticleTitle, Hanweb's title meta …).
constexpr std::array<std::string_view, 3> kArticleTitleMetaNames = {"articletitle", "contenttitle", "title"};

// Labels of the publication date in a page's info bar or metadata table. 时间 / 日期 only alone
// (a label word before them, 统计时间 or 成文日期, is not the publication date).
constexpr std::array<std::string_view, 9> kDateLabels = {"发布时间", "发布日期", "公开时间", "公开日期", "发稿时间",
                                                         "上线时间", "信息时间", "时间", "日期"};

// What CMSs write between the title and the column and site names in <title>.
constexpr std::array<std::string_view, 8> kTitleSeparators = {"_", "|", "｜", " - ", "-", "—", "－", "–"};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits at s[pos…] (1 to max of them); advances pos.
std::optional<int> digits(std::string_view s, size_t& pos, size_t max) {
  size_t e = pos;
  int v = 0;
  while (e < s.size() && e - pos < max && is_digit(s[e])) v = v * 10 + (s[e++] - '0');
  if (e == pos || (e < s.size() && is_digit(s[e]))) return std::nullopt;
  pos = e;
  return v;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Whether the code point ending at byte `end` of s is a CJK ideograph (a word character of a label).
bool ideograph_before(std::string_view s, size_t end) {
  if (end < 3) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data() + end - 3);
  if ((p[0] & 0xF0) != 0xE0) return false;
  const unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
  return cp >= 0x4E00 && cp <= 0x9FFF;
}

}  // namespace

std::optional<std::string> parse_date(std::string_view s) {
  size_t pos = 0;
  const auto y = digits(s, pos, 4);
  if (!y || pos != 4 || *y < 2000 || *y > 2100) return std::nullopt;
  std::string_view sep;
  for (std::string_view c : {"-", "/", ".", "年"})
    if (starts_with(s.substr(pos), c)) sep = c;
  if (sep.empty()) return std::nullopt;
  pos += sep.size();
  const auto m = digits(s, pos, 2);
  const std::string_view sep2 = sep == "年" ? "月" : sep;
  if (!m || !starts_with(s.substr(pos), sep2)) return std::nullopt;
  pos += sep2.size();
  const auto d = digits(s, pos, 2);
  if (!d || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  if (*d > kDays[*m - 1] || (*m == 2 && *d == 29 && !leap)) return std::nullopt;
  if (sep == "年" && starts_with(s.substr(pos), "日")) pos += std::string_view("日").size();
  else if (sep == "年") return std::nullopt;
  return fmt::format("{:04}-{:02}-{:02}", *y, *m, *d);
}

std::optional<std::string> labelled_date(std::string_view line, std::string_view next) {
  // Most lines and cells hold no label at all: they are not normalized (ICU) to find out.
  bool may_hold = false;
  for (std::string_view w : {"日期", "时间", "時間"}) may_hold = may_hold || line.find(w) != std::string_view::npos;
  if (!may_hold) return std::nullopt;
  // Spaces kept (one each): they part a date from its time (2020-01-17 15:42).
  const std::string k = normalize_text(line);
  auto skip = [](std::string_view& rest, std::string_view c) {
    while (starts_with(rest, " ")) rest.remove_prefix(1);
    if (starts_with(rest, c)) rest.remove_prefix(c.size());
    while (starts_with(rest, " ")) rest.remove_prefix(1);
  };
  for (std::string_view label : kDateLabels)
    for (size_t at = k.find(label); at != std::string::npos; at = k.find(label, at + 1)) {
      if (ideograph_before(k, at)) continue;  // 统计时间, 成文日期: another label
      std::string_view rest = std::string_view(k).substr(at + label.size());
      skip(rest, ":");
      if (auto d = parse_date(rest)) return d;
      // A label alone (a metadata table's cell, 发布日期 | 2025-01-20): the date on the next line.
      if (rest.empty() && at == 0 && !next.empty())
        if (auto d = parse_date(normalize_text(next))) return d;
    }
  return std::nullopt;
}

std::optional<std::string> shown_publication_date(const Document& doc, const std::vector<std::string>& before_parts) {
  for (const auto& [name, content] : doc.page.meta)
    for (auto n : kPubDateMetaNames)
      if (iequals(name, n))
        if (auto d = parse_date(normalize_text(content))) return d;
  // The info bar stands just above the report (title, date, source); lines further up are menus.
  const auto& before = doc.page.lines_before;
  for (size_t i = before.size(); i-- > 0;)
    if (auto d = labelled_date(before[i], i + 1 < before.size() ? std::string_view(before[i + 1]) : std::string_view()))
      return d;
  const auto& after = doc.page.lines_after;
  for (size_t i = 0; i < after.size(); ++i)
    if (auto d = labelled_date(after[i], i + 1 < after.size() ? std::string_view(after[i + 1]) : std::string_view()))
      return d;
  for (const auto& b : doc.blocks) {
    if (!b.is_table()) continue;
    for (const auto& row : b.table().rows)
      for (size_t c = 0; c < row.size(); ++c)
        if (auto d = labelled_date(row[c].text, c + 1 < row.size() ? std::string_view(row[c + 1].text) : std::string_view()))
          return d;
  }
  for (size_t i = 0; i < before_parts.size(); ++i)
    if (auto d = labelled_date(before_parts[i],
                               i + 1 < before_parts.size() ? std::string_view(before_parts[i + 1]) : std::string_view()))
      return d;
  return std::nullopt;
}

bool looks_like_report_title(std::string_view key) {
  const bool names_report = key.find("报告") != std::string_view::npos || key.find("年报") != std::string_view::npos;
  return names_report &&
         (key.find("信息公开") != std::string_view::npos || key.find("政务公开") != std::string_view::npos) &&
         u8_length(key) <= 70;
}

std::string title_part(std::string_view page_title) {
  const std::string t = trim(display_form(page_title));
  std::vector<std::string> parts = {t};
  for (auto sep : kTitleSeparators) {
    std::vector<std::string> next;
    for (const auto& p : parts) {
      size_t from = 0;
      for (size_t at = p.find(sep); at != std::string::npos; at = p.find(sep, from)) {
        next.push_back(p.substr(from, at - from));
        from = at + sep.size();
      }
      next.push_back(p.substr(from));
    }
    parts = std::move(next);
  }
  // The longest part that reads as a report's title: a column's name (政府信息公开年报) may stand
  // beside the article's title, which holds its words and more.
  std::string best;
  for (const auto& p : parts) {
    std::string k = strip_spaces(p);
    if (looks_like_report_title(strip_spaces(normalize_text(k))) && u8_length(k) > u8_length(best)) best = std::move(k);
  }
  return best;
}

std::vector<TitleCandidate> outside_titles(const Document& doc, const std::optional<std::string>& link_title) {
  std::vector<TitleCandidate> out;
  auto add = [&](std::string_view text, const char* source) {
    std::string t = title_part(text);
    if (!t.empty()) out.push_back({std::move(t), source});
  };
  for (auto n : kArticleTitleMetaNames)
    for (const auto& [name, content] : doc.page.meta)
      if (iequals(name, n)) add(content, "article_title");
  for (const auto& t : doc.page.title_blocks) add(t, "title_block");
  if (!doc.page.title.empty()) add(doc.page.title, "page_title");
  else if (!doc.title_hint.empty()) add(doc.title_hint, doc.format == "html" ? "page_title" : "document_properties");
  if (link_title) add(*link_title, "link_title");
  return out;
}

}  // namespace xxgk
