#include "extract/pdf/lines.h"

#include "extract/pdf/chars.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>

namespace xxgk::pdf {
namespace {

double overlap(double a0, double a1, double b0, double b1) { return std::min(a1, b1) - std::max(a0, b0); }

// A gap wider than this many font sizes separates two cells; word processors never put one inside
// a line of running text (the space before a number is about a quarter of it).
constexpr double kCellGapEm = 1.0;
constexpr double kNumberGapEm = 0.4;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Removes a leading run of digits (1-4 of them); false when there is none.
bool eat_number(std::string_view& s) {
  size_t n = 0;
  while (n < s.size() && n < 5 && s[n] >= '0' && s[n] <= '9') ++n;
  if (n == 0 || n > 4) return false;
  s.remove_prefix(n);
  return true;
}

bool eat(std::string_view& s, std::string_view p) {
  if (!starts_with(s, p)) return false;
  s.remove_prefix(p.size());
  return true;
}

// Dashes, tildes and dots printed around page numbers.
bool eat_decoration(std::string_view& s) {
  for (std::string_view d : {"-", "—", "–", "－", "~", "～", "·", "•", "‐", "−"})
    if (eat(s, d)) return true;
  return false;
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t c = next_code_point(s, i);
    if (c == ' ' || c == 0x3000 || c == 0xA0 || c == '\t') continue;
    out.append(s.substr(start, i - start));
  }
  return out;
}

// The text with every digit run replaced by '#': running footers differ only in their numbers.
std::string digit_shape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      if (out.empty() || out.back() != '#') out += '#';
    } else {
      out += s[i];
    }
  }
  return out;
}

// A web page printed to PDF keeps the site's chrome around the report. These marks are the
// site's, never a report's: a line with a navigation or header mark is dropped; a footer mark
// ends the page's content (what follows it is the site's footer).
constexpr std::array<std::string_view, 7> kChromeLine = {"当前位置：", "当前位置:", "首页>", "【字体：", "字体：大中小",
                                                         "浏览次数", "【打印本页】"};
constexpr std::array<std::string_view, 8> kChromeFooter = {"分享到：", "【关闭窗口】", "网站地图", "主办单位：", "相关链接",
                                                           "ICP备", "网站标识码", "分辨率浏览"};

template <size_t N>
bool contains_any(std::string_view text, const std::array<std::string_view, N>& marks) {
  return std::any_of(marks.begin(), marks.end(), [&](std::string_view m) { return text.find(m) != std::string_view::npos; });
}

int u8_count(std::string_view s) {
  int n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) >> 6) != 0x2) ++n;
  return n;
}

// Whole lines of a site's header: its search button, the end of a wrapped 【字体：大 中 小】.
constexpr std::array<std::string_view, 2> kChromeWhole = {"搜索", "小】"};

// A link of a site's menu: a short line behind a bullet.
bool is_menu_link(std::string_view text) { return text.substr(0, 3) == "•" && u8_count(text) <= 24; }

}  // namespace

void drop_web_chrome(std::vector<std::vector<Line>>& pages) {
  // An article page prints the site's header and menus, the article's title, then a line of
  // publication details (发布日期：… 来源：… 浏览次数): above it only the title is the report's.
  if (!pages.empty()) {
    auto& first = pages.front();
    for (size_t i = 0; i < first.size() && i < 40; ++i) {
      const std::string t = without_spaces(first[i].text());
      if (t.find("发布日期") == std::string::npos && t.find("浏览次数") == std::string::npos) continue;
      if (i >= 2) first.erase(first.begin(), first.begin() + static_cast<long>(i - 1));
      break;
    }
  }
  for (auto& lines : pages) {
    std::vector<Line> kept;
    for (auto& l : lines) {
      const std::string t = without_spaces(l.text());
      if (contains_any(t, kChromeFooter)) break;
      if (contains_any(t, kChromeLine) || is_menu_link(t) ||
          std::find(kChromeWhole.begin(), kChromeWhole.end(), t) != kChromeWhole.end())
        continue;
      kept.push_back(std::move(l));
    }
    lines = std::move(kept);
  }
}

void join_text(std::string& text, std::string_view next, bool gap) {
  if (next.empty()) return;
  if (gap && !text.empty() && text.back() != ' ') {
    const char32_t a = last_code_point(text), b = first_code_point(next);
    if (!is_cjk(a) && !is_cjk(b)) text += ' ';
  }
  text.append(next);
}

std::string Line::segment_text(const Segment& s) const {
  std::string out;
  for (size_t i = s.first; i <= s.last; ++i) {
    bool gap = false;
    if (i > s.first) {
      const Word& prev = *words[i - 1];
      gap = prev.space_after || words[i]->box.x0 - prev.box.x1 > 0.2 * std::min(prev.size, words[i]->size);
    }
    join_text(out, words[i]->text, gap);
  }
  return out;
}

std::string Line::text() const {
  std::string out;
  for (size_t k = 0; k < segments.size(); ++k) join_text(out, segment_text(segments[k]), k > 0);
  return out;
}

std::vector<Line> group_lines(const PageText& page) {
  std::vector<const Word*> words;
  words.reserve(page.words.size());
  for (const auto& w : page.words) words.push_back(&w);
  auto center = [](const Word* w) { return (w->box.y0 + w->box.y1) / 2; };
  std::stable_sort(words.begin(), words.end(), [&](const Word* a, const Word* b) { return center(a) < center(b); });

  // A word joins a line when it shares at least half of the shorter height with the line's first
  // word: a value centred beside a label of one line joins it, a value between two label lines
  // (overlapping each by a sliver) does not, and a line never drifts down a column.
  std::vector<Line> lines;
  for (const Word* w : words) {
    Line* target = nullptr;
    for (size_t k = lines.size(); k > 0 && k + 3 > lines.size(); --k) {
      Line& l = lines[k - 1];
      const Word* first = l.words.front();
      const double h = std::min(first->box.height(), w->box.height());
      if (overlap(first->box.y0, first->box.y1, w->box.y0, w->box.y1) >= 0.5 * h) {
        target = &l;
        break;
      }
    }
    if (!target) {
      lines.emplace_back();
      target = &lines.back();
      target->page = page.number;
    }
    target->words.push_back(w);
  }
  for (auto& l : lines) {
    std::stable_sort(l.words.begin(), l.words.end(), [](const Word* a, const Word* b) { return a->box.x0 < b->box.x0; });
    l.box = l.words.front()->box;
    for (const Word* w : l.words) {
      l.box.x0 = std::min(l.box.x0, w->box.x0);
      l.box.y0 = std::min(l.box.y0, w->box.y0);
      l.box.x1 = std::max(l.box.x1, w->box.x1);
      l.box.y1 = std::max(l.box.y1, w->box.y1);
      l.size = std::max(l.size, w->size);
    }
    Segment seg{0, 0, l.words.front()->box};
    for (size_t i = 1; i < l.words.size(); ++i) {
      const Word& prev = *l.words[i - 1];
      const Word& cur = *l.words[i];
      const double em = std::min(prev.size, cur.size);
      // Between Latin words a justified space may be wide; anywhere else (Chinese, digits) the
      // widest gap running text has is the quarter-em set around numbers.
      const bool latin = is_ascii_alnum(last_code_point(prev.text)) && is_ascii_alnum(first_code_point(cur.text)) &&
                         !(std::isdigit(static_cast<unsigned char>(prev.text.back())) &&
                           std::isdigit(static_cast<unsigned char>(cur.text.front())));
      // Two runs of Chinese never stand apart inside running text (a run is one box).
      const bool chinese = is_cjk(last_code_point(prev.text)) && is_cjk(first_code_point(cur.text));
      const double gap = cur.box.x0 - seg.box.x1;
      if (gap > (latin ? kCellGapEm : kNumberGapEm) * em || (chinese && gap > 0.25 * em)) {
        l.segments.push_back(seg);
        seg = Segment{i, i, cur.box};
        continue;
      }
      seg.last = i;
      seg.box.x1 = std::max(seg.box.x1, cur.box.x1);
      seg.box.y0 = std::min(seg.box.y0, cur.box.y0);
      seg.box.y1 = std::max(seg.box.y1, cur.box.y1);
    }
    l.segments.push_back(seg);
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.box.y0 < b.box.y0; });
  return lines;
}

bool is_page_number(std::string_view raw) {
  const std::string text = without_spaces(raw);
  std::string_view s = text;
  while (eat_decoration(s)) {
  }
  while (!s.empty()) {  // trailing decoration
    std::string_view t = s;
    bool cut = false;
    for (std::string_view d : {"-", "—", "–", "－", "~", "～", "·", "•", "‐", "−"})
      if (t.size() >= d.size() && t.substr(t.size() - d.size()) == d) {
        s.remove_suffix(d.size());
        cut = true;
        break;
      }
    if (!cut) break;
  }
  if (s.empty()) return false;
  std::string_view t = s;
  if (eat_number(t) && t.empty()) return true;  // 3
  t = s;
  if (eat_number(t) && eat(t, "/") && eat_number(t) && t.empty()) return true;  // 3/6
  t = s;
  if (eat(t, "第") && eat_number(t) && eat(t, "页")) {  // 第3页, 第3页共6页, 第3页/共6页
    if (t.empty()) return true;
    eat(t, "，") || eat(t, ",") || eat(t, "/");
    if (eat(t, "共") && eat_number(t) && eat(t, "页") && t.empty()) return true;
  }
  t = s;
  if (eat(t, "共") && eat_number(t) && eat(t, "页")) {  // 共6页第3页
    eat(t, "，") || eat(t, ",");
    if (eat(t, "第") && eat_number(t) && eat(t, "页") && t.empty()) return true;
  }
  t = s;
  if ((eat(t, "Page") || eat(t, "page")) && eat_number(t)) {
    if (t.empty()) return true;
    if ((eat(t, "of") || eat(t, "/")) && eat_number(t) && t.empty()) return true;
  }
  return false;
}

void drop_page_furniture(std::vector<std::vector<Line>>& pages, const std::vector<PageText>& texts) {
  // Margins: the top 12% and the bottom 15% of the page hold headers, footers and page numbers
  // (a landscape page's footer stands higher up, relatively, than a portrait page's).
  auto in_margin = [&](const Line& l, const PageText& t) {
    return l.box.y1 <= t.height * 0.12 || l.box.y0 >= t.height * 0.85;
  };
  // Lines repeated on several pages at the same height, numbers aside.
  std::map<std::pair<std::string, long>, int> seen;
  auto key = [](const Line& l) { return std::make_pair(digit_shape(without_spaces(l.text())), std::lround(l.box.y0 / 4)); };
  if (pages.size() >= 3)
    for (size_t p = 0; p < pages.size(); ++p)
      for (const auto& l : pages[p])
        if (in_margin(l, texts[p])) ++seen[key(l)];
  const int repeated = std::max(3, static_cast<int>(pages.size() / 2));
  for (size_t p = 0; p < pages.size(); ++p) {
    auto& lines = pages[p];
    std::vector<bool> furniture(lines.size(), false);
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& l = lines[i];
      if (!in_margin(l, texts[p])) continue;
      auto it = seen.find(key(l));
      furniture[i] = (l.box.width() < texts[p].width * 0.3 && is_page_number(l.text())) ||
                     (it != seen.end() && it->second >= repeated);
    }
    // Furniture stands outside the content: above all of it or below all of it (a lone figure at
    // the foot of a table is not a page number).
    double content_top = 1e9, content_bottom = -1e9;
    for (size_t i = 0; i < lines.size(); ++i)
      if (!furniture[i]) {
        content_top = std::min(content_top, lines[i].box.y0);
        content_bottom = std::max(content_bottom, lines[i].box.y1);
      }
    std::vector<Line> kept;
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& l = lines[i];
      if (furniture[i] && (l.box.y0 >= content_bottom || l.box.y1 <= content_top)) continue;
      kept.push_back(std::move(lines[i]));
    }
    lines = std::move(kept);
  }
}

}  // namespace xxgk::pdf
