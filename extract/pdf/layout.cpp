#include "extract/pdf/layout.h"

#include "extract/pdf/chars.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace xxgk::pdf {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

constexpr std::array<std::string_view, 11> kChineseDigits = {"一", "二", "三", "四", "五", "六",
                                                             "七", "八", "九", "十", "〇"};

// Removes a run of Chinese numerals (一 … 十九); false when there is none.
bool eat_chinese_number(std::string_view& s) {
  size_t n = 0;
  for (bool more = true; more;) {
    more = false;
    for (auto d : kChineseDigits)
      if (starts_with(s.substr(n), d)) {
        n += d.size();
        more = true;
        break;
      }
  }
  if (n == 0 || n > 9) return false;
  s.remove_prefix(n);
  return true;
}

bool eat_digits(std::string_view& s) {
  size_t n = 0;
  for (;;) {
    if (n < s.size() && s[n] >= '0' && s[n] <= '9') {
      ++n;
    } else if (starts_with(s.substr(n), "\xEF\xBC") && n + 2 < s.size() &&
               static_cast<unsigned char>(s[n + 2]) >= 0x90 && static_cast<unsigned char>(s[n + 2]) <= 0x99) {
      n += 3;  // full-width digit U+FF10..FF19
    } else {
      break;
    }
  }
  if (n == 0 || n > 9) return false;
  s.remove_prefix(n);
  return true;
}

bool eat_any(std::string_view& s, std::initializer_list<std::string_view> options) {
  for (auto o : options)
    if (starts_with(s, o)) {
      s.remove_prefix(o.size());
      return true;
    }
  return false;
}

// Level of the enumerator `s` starts with: 1 (一、), 2 （一）, 3 (1. 1、 （1）), 0 none. `rest` gets
// what follows it.
int enumerator_level(std::string_view s, std::string_view* rest = nullptr) {
  std::string_view t = s;
  if (eat_chinese_number(t) && eat_any(t, {"、", "．", ".", "，"})) {
    if (rest) *rest = t;
    return 1;
  }
  t = s;
  if (eat_any(t, {"（", "("})) {
    std::string_view u = t;
    if (eat_chinese_number(u) && eat_any(u, {"）", ")"})) {
      if (rest) *rest = u;
      return 2;
    }
    u = t;
    if (eat_digits(u) && eat_any(u, {"）", ")"})) {
      if (rest) *rest = u;
      return 3;
    }
    return 0;
  }
  t = s;
  if (eat_digits(t) && eat_any(t, {"、", "．", ".", "，"})) {
    // "1.5" is a number, not an enumerator.
    if (!t.empty() && t[0] >= '0' && t[0] <= '9') return 0;
    if (rest) *rest = t;
    return 3;
  }
  return 0;
}

int u8_count(std::string_view s) {
  int n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) >> 6) != 0x2) ++n;
  return n;
}

std::string compact(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t c = next_code_point(s, i);
    if (c == ' ' || c == 0x3000 || c == 0xA0) continue;
    out.append(s.substr(start, i - start));
  }
  return out;
}

double vertical_gap(const Line& a, const Line& b) {
  return a.box.y0 < b.box.y0 ? b.box.y0 - a.box.y1 : a.box.y0 - b.box.y1;
}

}  // namespace

bool starts_with_enumerator(std::string_view text) { return enumerator_level(compact(text)) > 0; }

bool looks_like_heading(std::string_view text) {
  const std::string t = compact(text);
  std::string_view rest;
  const int level = enumerator_level(t, &rest);
  if (level != 1 && level != 2) return false;
  if (u8_count(rest) < 2 || u8_count(rest) > 40) return false;
  std::string_view r = rest;
  for (std::string_view p : {"。", "：", ":"})
    if (ends_with(r, p)) r.remove_suffix(p.size());
  for (std::string_view end : {"情况", "事项", "问题", "概况", "概述", "措施"})
    if (ends_with(r, end)) return true;
  return false;
}

BodyMetrics body_metrics(const std::vector<PageLines>& pages) {
  // Running text is what fills long lines without cell gaps; a report whose tables hold more
  // characters than its prose must not make the table font the body font.
  std::map<long, long> by_size;  // font size in half points → characters
  for (int pass = 0; pass < 2 && by_size.empty(); ++pass)
    for (const auto& p : pages)
      for (const auto& l : p.lines) {
        if (pass == 0 && (l.segments.size() != 1 || l.box.width() < 0.5 * p.width)) continue;
        for (const Word* w : l.words) by_size[std::lround(w->size * 2)] += u8_count(w->text);
      }
  BodyMetrics m;
  long best = -1;
  for (const auto& [size, chars] : by_size)
    if (chars > best) {
      best = chars;
      m.size = static_cast<double>(size) / 2;
    }
  std::map<long, int> lefts, rights;
  for (const auto& p : pages)
    for (const auto& l : p.lines)
      if (std::abs(l.size - m.size) <= m.size * 0.1 && l.segments.size() == 1 && l.box.width() >= 0.5 * p.width) {
        ++lefts[std::lround(l.box.x0)];
        ++rights[std::lround(l.box.x1)];
      }
  auto mode = [](const std::map<long, int>& h) {
    long at = 0;
    int n = -1;
    for (const auto& [x, c] : h)
      if (c > n) {
        n = c;
        at = x;
      }
    return static_cast<double>(at);
  };
  m.left = mode(lefts);
  m.right = mode(rights);
  if (m.right <= m.left) m.right = m.left + 30 * m.size;
  return m;
}

std::vector<LayoutItem> find_regions(const std::vector<PageLines>& pages, const BodyMetrics& body) {
  std::vector<LayoutItem> items;
  bool last_was_table_at_foot = false;
  for (const auto& page : pages) {
    const auto& L = page.lines;
    const size_t n = L.size();
    std::vector<bool> in_table(n, false);
    for (size_t i = 0; i < n; ++i) in_table[i] = L[i].segments.size() >= 2;
    // A line without a wide gap joins a neighbouring table line when it is close below or above it
    // and is not running text: not a heading, not a full-width line in the body font.
    auto absorbable = [&](size_t j, size_t k) {
      const Line& a = L[j];
      const Line& b = L[k];
      if (looks_like_heading(a.text())) return false;
      const bool body_font = a.size >= body.size * 0.95;
      if (body_font && a.box.width() >= 0.7 * (body.right - body.left)) return false;
      if (a.size > b.size * 1.2) return false;
      const double h = std::min(a.box.height(), b.box.height());
      return vertical_gap(a, b) <= (body_font ? 1.6 : 3.0) * h;
    };
    for (bool grew = true; grew;) {
      grew = false;
      for (size_t i = 0; i < n; ++i) {
        if (in_table[i]) continue;
        if ((i > 0 && in_table[i - 1] && absorbable(i, i - 1)) || (i + 1 < n && in_table[i + 1] && absorbable(i, i + 1))) {
          in_table[i] = true;
          grew = true;
        }
      }
    }
    for (size_t i = 0; i < n;) {
      size_t j = i;
      while (j < n && in_table[j] == in_table[i]) ++j;
      if (in_table[i]) {
        // A table at the head of this page continues the one that ended at the foot of the last.
        if (i == 0 && last_was_table_at_foot && !items.empty() && std::holds_alternative<TableRegion>(items.back())) {
          auto& region = std::get<TableRegion>(items.back());
          for (size_t k = i; k < j; ++k) region.lines.push_back(&L[k]);
        } else {
          TableRegion region;
          for (size_t k = i; k < j; ++k) region.lines.push_back(&L[k]);
          items.emplace_back(std::move(region));
        }
      } else if (i == 0 && !items.empty() && std::holds_alternative<TextRun>(items.back())) {
        // Running text goes on from the last page (a paragraph broken by the page end).
        auto& run = std::get<TextRun>(items.back());
        for (size_t k = i; k < j; ++k) run.lines.push_back(&L[k]);
      } else {
        TextRun run;
        for (size_t k = i; k < j; ++k) run.lines.push_back(&L[k]);
        items.emplace_back(std::move(run));
      }
      i = j;
    }
    if (n > 0) last_was_table_at_foot = in_table[n - 1];
  }
  return items;
}

std::vector<Paragraph> make_paragraphs(const TextRun& run, const BodyMetrics& body) {
  std::vector<Paragraph> out;
  std::string text;
  std::optional<int> page;
  const Line* prev = nullptr;
  auto flush = [&] {
    if (!text.empty()) out.push_back(Paragraph{text, page});
    text.clear();
  };
  for (const Line* l : run.lines) {
    const std::string t = l->text();
    bool fresh = prev == nullptr;
    if (prev) {
      const double em = std::max(l->size, 1.0);
      const bool same_page = prev->page == l->page;
      if (l->box.x0 >= body.left + 1.0 * em) fresh = true;                       // indented first line
      if (prev->box.x1 < body.right - 1.5 * em) fresh = true;                    // short last line
      if (std::abs(l->size - prev->size) > 0.15 * std::max(l->size, prev->size)) fresh = true;
      if (same_page && l->box.y0 - prev->box.y1 > 1.0 * l->box.height()) fresh = true;  // a blank line
      if (prev->box.x0 > body.left + 4 * em && prev->box.x1 < body.right - 4 * em) fresh = true;  // centred
      if (looks_like_heading(prev->text())) fresh = true;
      if (enumerator_level(compact(t)) == 1 || enumerator_level(compact(t)) == 2) fresh = true;
    }
    if (fresh) {
      flush();
      page = l->page;
    }
    join_text(text, t, true);
    prev = l;
  }
  flush();
  return out;
}

}  // namespace xxgk::pdf
