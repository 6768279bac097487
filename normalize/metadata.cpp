#include "normalize/metadata.h"

#include "normalize/page_metadata.h"
#include "normalize/sections.h"
#include "text/text.h"

#include <algorithm>
#include <array>
#include <optional>

namespace xxgk {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

// A year written in Chinese digits, one code point each (二〇二四, 二零二四, 二○二四, and 二O二四
// with a letter O, NFKC-folded from Ｏ).
constexpr std::array<std::string_view, 13> kChineseDigits = {"〇", "一", "二", "三", "四", "五", "六",
                                                             "七", "八", "九", "零", "○", "O"};

int chinese_digit_before(std::string_view s, size_t pos, size_t& start) {
  for (size_t d = 0; d < kChineseDigits.size(); ++d) {
    const auto& c = kChineseDigits[d];
    if (pos >= c.size() && s.substr(pos - c.size(), c.size()) == c) {
      start = pos - c.size();
      return d <= 9 ? static_cast<int>(d) : 0;
    }
  }
  return -1;
}

struct YearAt {
  int year = 0;
  size_t begin = 0;  // byte offset of the year's first digit
  size_t end = 0;    // byte offset just after its 年
};

// The year written just before the 年 at `nian`: four ASCII digits (not part of a longer number)
// or four Chinese digits.
std::optional<YearAt> year_before(std::string_view s, size_t nian) {
  const auto plausible = [](int y) { return y >= 2000 && y <= 2100; };
  const size_t end = nian + std::string_view("年").size();
  if (nian >= 4) {
    int y = 0;
    bool digits = true;
    for (size_t k = nian - 4; k < nian && digits; ++k) {
      digits = s[k] >= '0' && s[k] <= '9';
      y = y * 10 + (s[k] - '0');
    }
    if (digits) {
      if (nian >= 5 && s[nian - 5] >= '0' && s[nian - 5] <= '9') return std::nullopt;
      if (!plausible(y)) return std::nullopt;
      return YearAt{y, nian - 4, end};
    }
  }
  size_t pos = nian;
  int y = 0;
  for (int n = 0, scale = 1; n < 4; ++n, scale *= 10) {
    size_t start = 0;
    const int d = chinese_digit_before(s, pos, start);
    if (d < 0) return std::nullopt;
    y += d * scale;
    pos = start;
  }
  size_t before = 0;
  if (chinese_digit_before(s, pos, before) >= 0 || !plausible(y)) return std::nullopt;  // 一二〇二四年 is no year
  return YearAt{y, pos, end};
}

// Every year written "YYYY年" in s (normalized, spaces removed), in order. Offsets, not views: the
// caller's string may be a temporary.
std::vector<YearAt> years_in(std::string_view s) {
  std::vector<YearAt> out;
  const std::string_view nian = "年";
  for (size_t p = s.find(nian); p != std::string_view::npos; p = s.find(nian, p + 1))
    if (auto y = year_before(s, p)) out.push_back(*y);
  return out;
}

// Whether byte offset `at` of s stands inside a cited title (《2025年政务公开工作要点》): the year of
// a document the report cites is not the year it covers.
bool inside_cited_title(std::string_view s, size_t at) {
  const size_t open = s.rfind("《", at);
  if (open == std::string_view::npos) return false;
  const size_t close = s.rfind("》", at);
  return close == std::string_view::npos || close < open;
}

// The part of a paragraph the metadata readers look at: its first 64 KB (cut at a character). A title,
// a year or an agency's name is never further into one paragraph, and a text of 20 MB on one line
// was otherwise normalized whole several times over (seconds each).
std::string_view metadata_head(std::string_view s) {
  constexpr size_t kMaxBytes = 64 * 1024;
  if (s.size() <= kMaxBytes) return s;
  size_t end = kMaxBytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

std::string squeezed(std::string_view s) { return strip_spaces(normalize_text(metadata_head(s))); }

// The year the figures cover, from the text: the statistics period first (it names the period
// itself), then "YYYY年度…" / "YYYY年政府信息公开…", then the overview's opening "YYYY年，".
std::optional<int> year_of_text(const std::vector<std::string>& intro, const std::vector<std::string>& overview) {
  for (const auto* ps : {&intro, &overview})
    for (const auto& p : *ps) {
      const std::string k = squeezed(p);
      for (std::string_view marker :
           {"统计期限", "统计数据期限", "数据统计期限", "统计时限", "统计时间", "统计数据时限", "统计周期", "统计区间"}) {
        const size_t m = k.find(marker);
        if (m == std::string::npos) continue;
        if (auto ys = years_in(std::string_view(k).substr(m)); !ys.empty()) return ys.front().year;
      }
    }
  for (const auto* ps : {&intro, &overview})
    for (const auto& p : *ps) {
      const std::string k = squeezed(p);
      for (const auto& y : years_in(k)) {
        const std::string_view rest = std::string_view(k).substr(y.end);
        if (inside_cited_title(k, y.begin)) continue;
        if (starts_with(rest, "度") || starts_with(rest, "政府信息公开") || starts_with(rest, "政务信息公开") ||
            starts_with(rest, "政务公开"))
          return y.year;
      }
    }
  if (!overview.empty()) {
    const std::string k = squeezed(overview.front());
    if (auto ys = years_in(k); !ys.empty() && ys.front().begin == 0) {
      const std::string_view rest = std::string_view(k).substr(ys.front().end);
      if (starts_with(rest, "，") || starts_with(rest, ",") || starts_with(rest, "以来")) return ys.front().year;
    }
  }
  return std::nullopt;
}

bool looks_like_title(std::string_view key) { return looks_like_report_title(key); }

bool has_sentence_punct(std::string_view s) {
  for (std::string_view p : {"。", "，", "；", "：", ",", ";", ":", "！", "?", "？"})
    if (contains(s, p)) return true;
  return false;
}

bool has_digit(std::string_view s) {
  for (char c : s)
    if (c >= '0' && c <= '9') return true;
  return false;
}

// A line that can be the first half of a title printed over two lines: a short name, no
// sentence, no date or number.
bool title_head_like(std::string_view key) {
  return !key.empty() && u8_length(key) <= 25 && !has_sentence_punct(key) && !has_digit(key) &&
         !contains(key, "报告") && static_cast<unsigned char>(key.front()) >= 0xE0;
}

constexpr std::array<std::string_view, 9> kTitleTails = {"政府信息公开工作年度报告", "政府信息公开年度报告",
                                                         "政务公开工作年度报告",     "政府信息公开工作报告",
                                                         "信息公开工作年度报告",     "政务信息公开工作年度报告",
                                                         "政府信息公开年报",         "信息公开年报",
                                                         "年度报告"};

// The agency a title names: the title without its year and its tail.
std::string agency_from_title(std::string_view title) {
  std::string t(title);
  for (auto tail : kTitleTails)
    if (const size_t p = t.find(tail); p != std::string::npos) {
      t = t.substr(0, p);
      break;
    }
  if (auto ys = years_in(t); !ys.empty()) {
    std::string before = t.substr(0, ys.front().begin);
    std::string after = t.substr(ys.front().end);
    if (starts_with(after, "度")) after = after.substr(std::string_view("度").size());
    t = before.empty() ? after : before;
  }
  // "关于淮安市人民政府2024年…", "淮安市人民政府关于2024年度…的公告".
  for (std::string_view junk : {"关于", "（", "("})
    if (starts_with(t, junk)) t = t.substr(junk.size());
  for (std::string_view junk : {"关于", "的", "（", "("})
    if (ends_with(t, junk)) t.resize(t.size() - junk.size());
  return t;
}

// A line holding only the year (and the agency before it) of a title printed over two lines:
// "平潭综合实验区2019年" / "2019年度" above "政府信息公开工作年度报告".
bool title_head_with_year(std::string_view key) {
  if (key.empty() || u8_length(key) > 30 || has_sentence_punct(key) || contains(key, "报告")) return false;
  const auto ys = years_in(key);
  if (ys.size() != 1) return false;
  std::string_view rest = key.substr(ys.front().end);
  if (starts_with(rest, "度")) rest.remove_prefix(std::string_view("度").size());
  return rest.empty() && !has_digit(key.substr(0, ys.front().begin));
}

// Words that stand on a line of their own above a title in text copied from real documents (a
// PDF's 正文 marker, 附件1, a page's 打印 link): never part of the title nor the agency.
constexpr std::array<std::string_view, 14> kStrayLines = {"正文", "附件", "附表", "全文", "原文", "目录", "文字版",
                                                          "图文版", "图解", "解读", "打印", "关闭", "返回", "下载"};

bool is_stray_line(std::string_view line) {
  std::string k = label_key(line);
  // 附件1, 附件一, 附件十二: the word with its number.
  for (bool cut = true; cut && !k.empty();) {
    cut = false;
    if (k.back() >= '0' && k.back() <= '9') {
      k.pop_back();
      cut = true;
    }
    for (std::string_view d : {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"})
      if (!cut && ends_with(k, d)) {
        k.resize(k.size() - d.size());
        cut = true;
      }
  }
  return std::find(kStrayLines.begin(), kStrayLines.end(), k) != kStrayLines.end();
}

// Marks that open an entry of a list (a page's side bar of other reports, printed and OCR'd, where
// the bullet is read as 。): a line opened by one is a link in a list, never the report's title.
constexpr std::array<std::string_view, 14> kListMarks = {"•", "·", "●", "◆", "◇", "■", "□", "▪", "○", "►", "▶", "※", "。", "、"};

bool is_list_entry(std::string_view line) {
  const std::string t = trim(line);
  for (auto m : kListMarks)
    if (starts_with(t, m)) return true;
  return false;
}

struct Title {
  std::string text;
  std::vector<size_t> lines;  // paragraph indices the title was read from
  std::string run_on;         // the text its last line runs on into (display form), part of the intro
};

// A title that runs on into the text after it in one paragraph (OCR joined the two, or a copy
// lost the line break): "测试市2025年政府信息公开工作年度报告根据《条例》规定编制本报告。…".
// The head up to the title's tail is the title when it reads as one on its own (no sentence, no
// cited document); the rest is the text.
std::optional<Title> title_run_into_text(std::string_view paragraph, size_t line) {
  const std::string d = trim(display_form(paragraph));
  for (auto tail : kTitleTails) {
    const size_t at = d.find(tail);
    if (at == std::string::npos) continue;
    const size_t end = at + tail.size();
    const std::string head = strip_spaces(d.substr(0, end));
    if (end >= d.size() || !looks_like_title(head) || has_sentence_punct(head) || contains(head, "《") ||
        u8_length(head) > 40)
      return std::nullopt;
    return Title{head, {line}, trim(d.substr(end))};
  }
  return std::nullopt;
}

std::optional<Title> find_title(const std::vector<std::string>& paras, size_t end) {
  end = std::min(end, static_cast<size_t>(12));
  for (size_t i = 0; i < end; ++i) {
    if (is_list_entry(paras[i])) continue;
    const std::string k = strip_spaces(display_form(metadata_head(paras[i])));
    std::optional<Title> t;
    // A sentence that names the report (现公布2024年…年度报告。) is text, not its title.
    if (looks_like_title(squeezed(paras[i])) && !has_sentence_punct(k)) {
      t = Title{k, {i}, {}};
    } else if (i + 1 < end && (contains(k, "信息公开") || contains(k, "政务公开")) && !has_sentence_punct(k)) {
      // "…政府信息公开工作" / "年度报告": the title's end on the next line.
      const std::string next = strip_spaces(display_form(metadata_head(paras[i + 1])));
      if (u8_length(next) <= 12 && ends_with(next, "报告") && looks_like_title(k + next)) t = Title{k + next, {i, i + 1}, {}};
    }
    if (!t) t = title_run_into_text(paras[i], i);
    if (!t) continue;
    // "淮安市人民政府" / "2024年政府信息公开工作年度报告", "平潭综合实验区2019年" / "政府信息公开工作
    // 年度报告", "平潭综合实验区" / "2019年" / "政府信息公开…": a title that starts with its year or
    // names no agency takes the short lines above it (two at most), never a stray word (正文).
    for (int n = 0; n < 2 && t->lines.front() > 0; ++n) {
      const std::string prev = strip_spaces(display_form(metadata_head(paras[t->lines.front() - 1])));
      const auto ys = years_in(t->text);
      const bool headless = (!ys.empty() && ys.front().begin == 0) || starts_with(t->text, "政府信息公开") ||
                            starts_with(t->text, "政务公开") || agency_from_title(t->text).empty();
      if (!headless || is_stray_line(prev) || is_list_entry(paras[t->lines.front() - 1])) break;
      if (!title_head_like(prev) && !(ys.empty() && title_head_with_year(prev))) break;
      t->text = prev + t->text;
      t->lines.insert(t->lines.begin(), t->lines.front() - 1);
    }
    return t;
  }
  return std::nullopt;
}

// Endings of a place name (…街道, …镇, …乡, …区, …县): a title naming only the place is completed
// from the text.
constexpr std::array<std::string_view, 5> kPlaceOnly = {"街道", "镇", "乡", "区", "县"};
// What a formal name ends with after the place; 办公室 is left out on purpose: the compiling office
// (…人民政府办公室) is not the reporting agency.
constexpr std::array<std::string_view, 3> kAgencySuffixes = {"街道办事处", "办事处", "人民政府"};
// Where a name printed in a sentence starts.
constexpr std::array<std::string_view, 14> kNameStops = {"为", "由", "是", "：", ":", "，", ",", "。",
                                                         "、", "（", "(", "对", "向", "“"};
// A place printed before the core name (长春市南关区…) ends with one of these.
constexpr std::array<std::string_view, 7> kPlaceEnds = {"市", "省", "县", "区", "州", "盟", "旗"};

std::optional<std::string> complete_agency(const std::string& core, const std::vector<std::string>& paragraphs) {
  for (const auto& p : paragraphs) {
    const std::string k = strip_spaces(display_form(metadata_head(p)));
    for (size_t at = k.find(core); at != std::string::npos; at = k.find(core, at + 1)) {
      const std::string_view after = std::string_view(k).substr(at + core.size());
      std::string_view suffix;
      for (auto s : kAgencySuffixes)
        if (starts_with(after, s)) {
          suffix = s;
          break;
        }
      if (suffix.empty()) continue;
      // The place before it, back to the word that introduces the name.
      std::string_view before = std::string_view(k).substr(0, at);
      size_t start = before.size();
      for (int n = 0; n < 8 && start > 0; ++n) {
        size_t b = start - 1;
        while (b > 0 && (static_cast<unsigned char>(before[b]) & 0xC0) == 0x80) --b;
        bool stop = false;
        for (auto s : kNameStops) stop = stop || before.substr(b, start - b) == s;
        if (stop) break;
        start = b;
      }
      std::string place(before.substr(start));
      bool is_place = place.empty();
      for (auto e : kPlaceEnds) is_place = is_place || ends_with(place, e);
      if (!is_place) place.clear();
      return place + core + std::string(suffix);
    }
  }
  return std::nullopt;
}

}  // namespace

Metadata read_metadata(const Document& doc, const MetadataContext& context) {
  Metadata md;
  std::vector<std::string> paras;
  for (const auto& b : doc.blocks)
    if (!b.is_table() && !trim(b.paragraph().text).empty()) paras.push_back(b.paragraph().text);

  Sections sections = read_sections(paras);
  md.sections = std::move(sections.texts);
  md.unplaced_headings = std::move(sections.unplaced);
  const size_t first_heading = sections.first_heading;

  std::optional<Title> title = find_title(paras, first_heading);
  // Titles printed around the report (the page's, the link's): the agency and year when the
  // report's own title lacks them, the title itself when the report prints none.
  std::vector<TitleCandidate> outside = outside_titles(doc, context.link_title);
  // A column's name (政府信息公开年报) names neither agency nor year: no source of either.
  outside.erase(std::remove_if(outside.begin(), outside.end(),
                               [](const TitleCandidate& c) { return years_in(c.text).empty() && agency_from_title(c.text).empty(); }),
                outside.end());
  std::optional<std::string> title_source;
  if (title) {
    md.meta.title = title->text;
  } else if (!outside.empty()) {
    md.meta.title = outside.front().text;
    title_source = outside.front().source;
  }
  std::vector<std::string> intro;  // paragraphs before the first part, the title excluded
  for (size_t i = 0; i < first_heading && i < paras.size(); ++i) {
    bool in_title = false;
    if (title)
      for (size_t l : title->lines) in_title = in_title || l == i;
    if (!in_title) intro.push_back(paras[i]);
    else if (i == title->lines.back() && !title->run_on.empty()) intro.push_back(title->run_on);
  }
  for (const auto& p : intro) {
    const std::string t = trim(display_form(p));
    if (t.empty()) continue;
    if (!md.intro.empty()) md.intro += "\n";
    md.intro += t;
  }
  std::vector<std::string> overview;  // the first paragraphs of the parts
  for (size_t i = first_heading; i < paras.size() && i < first_heading + 6; ++i)
    if (auto h = part_heading(paras[i]); h && !h->rest.empty()) overview.push_back(h->rest);
    else if (!h) overview.push_back(paras[i]);

  if (md.meta.title) {
    if (auto ys = years_in(*md.meta.title); !ys.empty()) md.meta.year = ys.front().year;
  }
  for (size_t c = 0; c < outside.size() && !md.meta.year; ++c)
    if (auto ys = years_in(outside[c].text); !ys.empty()) md.meta.year = ys.front().year;
  if (!md.meta.year) md.meta.year = year_of_text(intro, overview);

  std::string core = md.meta.title ? agency_from_title(*md.meta.title) : std::string();
  std::optional<std::string> source = core.empty() ? std::nullopt : title_source;
  for (size_t c = 0; c < outside.size() && core.empty(); ++c) {
    core = agency_from_title(outside[c].text);
    if (!core.empty()) source = outside[c].source;
  }
  if (!core.empty()) {
    bool place_only = false;
    for (auto s : kPlaceOnly) place_only = place_only || ends_with(core, s);
    std::optional<std::string> full;
    if (place_only) {
      std::vector<std::string> scope = intro;
      scope.insert(scope.end(), overview.begin(), overview.end());
      full = complete_agency(core, scope);
    }
    md.meta.agency = full ? *full : core;
    md.meta.agency_source = source;
  }

  std::vector<std::string> before_parts(paras.begin(), paras.begin() + static_cast<long>(std::min(first_heading, paras.size())));
  md.published = shown_publication_date(doc, before_parts);
  return md;
}

}  // namespace xxgk
