#include "normalize/sections.h"

#include "model/report.h"
#include "normalize/catalogue.h"
#include "normalize/metadata.h"
#include "text/text.h"

#include <algorithm>
#include <array>

namespace xxgk {
namespace {

const std::vector<PartHeadings>& parts() { return part_heading_catalogue(); }

// The catalogue's headings keyed (label_key) once, in its order: every paragraph is compared with
// all of them, and keying them again each time (a memo lookup and a copy each) was 570,000 calls
// over 315 pages.
const std::vector<std::vector<std::string>>& heading_keys() {
  static const std::vector<std::vector<std::string>> keys = [] {
    std::vector<std::vector<std::string>> out;
    for (const auto& p : parts()) {
      auto& part = out.emplace_back();
      for (auto h : p.headings) part.push_back(label_key(h));
    }
    return out;
  }();
  return keys;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

constexpr std::array<std::string_view, 6> kPartWords = {"第一部分", "第二部分", "第三部分",
                                                        "第四部分", "第五部分", "第六部分"};

// The display-form text after the first `key_chars` characters of the paragraph's key.
std::string text_after_key_chars(std::string_view paragraph, int key_chars) {
  const std::string d = trim(display_form(paragraph));
  size_t pos = 0;
  int seen = 0;
  while (pos < d.size() && seen < key_chars) {
    size_t len = 1;
    while (pos + len < d.size() && (static_cast<unsigned char>(d[pos + len]) & 0xC0) == 0x80) ++len;
    seen += u8_length(label_key(d.substr(pos, len)));
    pos += len;
  }
  std::string rest = trim(d.substr(pos));
  // The mark that ended the heading: 。 ： : ， or a closing remark.
  for (std::string_view p : {"。", "：", ":", "，", ",", "．", "."})
    if (starts_with(rest, p)) return trim(rest.substr(p.size()));
  return rest;
}

// A table caption a copy left outside its table ("第二十条第（一）项" above a proactive sub-table,
// "（本列数据的勾稽关系为：…）" above requests): not prose of the part.
bool is_table_caption(std::string_view paragraph) {
  if (least_key_length(paragraph) > 40) return false;
  const std::string k = label_key(paragraph);
  const int n = u8_length(k);
  if (n <= 16 && starts_with(k, "第") && (k.find("条第") != std::string::npos) && k.size() >= 3 &&
      std::string_view(k).substr(k.size() - 3) == "项")
    return true;
  return n <= 40 && k.find("勾稽关系") != std::string::npos;
}

// The first `n` code points of s.
std::string_view first_code_points(std::string_view s, int n) {
  size_t pos = 0;
  for (int k = 0; k < n && pos < s.size(); ++k) {
    ++pos;
    while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
  }
  return s.substr(0, pos);
}

std::optional<PartHeading> heading_in(std::string_view text, std::string_view paragraph);

// A numbered paragraph short enough to be a heading: its words before the mark that ends a
// heading (。 ： :), enumerator and asides dropped, and what is printed after that mark.
struct HeadingWords {
  std::string key;   // label_key of the heading's words without the enumerator (第N部分 too)
  std::string rest;  // run-on text after the heading, display form
};

constexpr int kMaxHeadingChars = 40;

std::optional<HeadingWords> heading_words(std::string_view paragraph) {
  const std::string d = trim(display_form(first_code_points(paragraph, 200)));
  size_t cut = d.size(), mark = 0;
  for (std::string_view m : {"。", "：", ":"})
    if (const size_t p = d.find(m); p != std::string::npos && p < cut) {
      cut = p;
      mark = m.size();
    }
  const auto segs = split_label(std::string_view(d).substr(0, cut));
  if (segs.empty()) return std::nullopt;
  std::string words;
  for (const auto& sg : segs) words += sg.text;
  HeadingWords h{label_key_without_asides(words), cut < d.size() ? trim(d.substr(cut + mark)) : std::string()};
  for (auto w : kPartWords)
    if (starts_with(h.key, w)) h.key = h.key.substr(w.size());
  if (h.key.empty() || u8_length(h.key) > kMaxHeadingChars) return std::nullopt;
  // A paragraph longer than its heading by a sentence without a mark is prose, not a heading.
  if (cut == d.size() &&
      (least_key_length(paragraph) > kMaxHeadingChars + 4 || u8_length(label_key(paragraph)) > kMaxHeadingChars + 4))
    return std::nullopt;
  return h;
}

// Similarity a numbered heading needs to one of its part's headings, and the edits it may differ
// by (one per four characters): the bounds labels are read by (catalogue.h match_label).
constexpr double kMinHeadingSimilarity = 0.8;

// Part `part`'s heading printed with its number but in words of its own (四、政府信息公开行政法复议、
// 行政诉讼情况): taken when close to one of the part's headings.
std::optional<PartHeading> similar_heading(int part, std::string_view paragraph) {
  const auto h = heading_words(paragraph);
  if (!h) return std::nullopt;
  const int len = u8_length(h->key);
  for (const std::string& k : heading_keys()[static_cast<size_t>(part)]) {
    const int klen = u8_length(k);
    const double sim = 2.0 * lcs_length(h->key, k) / (len + klen);
    if (sim >= kMinHeadingSimilarity && edit_distance(h->key, k) <= std::max(1, std::max(len, klen) / 4))
      return PartHeading{part, h->rest};
  }
  return std::nullopt;
}

}  // namespace

// A heading is decided by the paragraph's first words: the longest heading with its enumerator is
// under 40 key characters, and a paragraph whose key is longer than the heading by more than 6 is
// run-on text, read from the paragraph itself. Normalizing only a prefix keeps long paragraphs
// cheap (every paragraph is asked, by the sections, the grid and the metadata).
std::optional<PartHeading> part_heading(std::string_view paragraph) {
  constexpr int kPrefix = 100;
  const std::string_view head = first_code_points(paragraph, kPrefix);
  if (head.size() < paragraph.size() && u8_length(label_key(head)) <= 48) return heading_in(paragraph, paragraph);
  return heading_in(head, paragraph);
}

namespace {

// part_heading() on `text`, the paragraph or a prefix of it long enough to decide.
std::optional<PartHeading> heading_in(std::string_view text, std::string_view paragraph) {
  const auto segs = split_label(text);
  if (segs.empty()) return std::nullopt;
  const LabelSegment& head = segs.front();
  std::string key;
  for (const auto& s : segs) key += label_key(s.text);
  int number = head.level == 1 || head.level == 2 ? head.number : 0;
  bool numbered_by_word = false;
  for (size_t n = 0; n < kPartWords.size(); ++n)
    if (starts_with(key, kPartWords[n])) {
      key = key.substr(kPartWords[n].size());
      number = static_cast<int>(n) + 1;
      numbered_by_word = true;
    }
  if (key.empty()) return std::nullopt;
  const int len = u8_length(key);
  for (size_t i = 0; i < parts().size(); ++i) {
    const auto& hs = heading_keys()[i];
    for (size_t h = 0; h < hs.size(); ++h) {
      const std::string& hk = hs[h];
      if (!starts_with(key, hk)) continue;
      const int extra = len - u8_length(hk);
      // An enumerated heading must carry the part's number (so "（一）主动公开情况" inside the
      // overview is not part two), unless it prints the official heading itself.
      if (number != 0 && number != static_cast<int>(i) + 1 && h != 0) return std::nullopt;
      if (extra == 0) return PartHeading{static_cast<int>(i), {}};
      // A short remark after the official heading: "二、主动公开政府信息情况（单位：件）".
      if (h == 0 && extra <= 6 && len <= 40) return PartHeading{static_cast<int>(i), {}};
      // A numbered heading with its text run on in the same paragraph.
      if (number == static_cast<int>(i) + 1 || (number != 0 && h == 0)) {
        const std::string full = label_key(text);
        const size_t at = full.find(hk);
        if (at == std::string::npos) return std::nullopt;
        const int upto = u8_length(std::string_view(full).substr(0, at)) + u8_length(hk);
        return PartHeading{static_cast<int>(i), text_after_key_chars(paragraph, upto)};
      }
      return std::nullopt;
    }
  }
  if (number >= 1 && number <= 6 && (head.level == 1 || numbered_by_word)) return similar_heading(number - 1, paragraph);
  return std::nullopt;
}

}  // namespace

namespace {

// The part number (1–6) a short paragraph is numbered with as a part (一、 or 第N部分), 0 otherwise.
int unplaced_number(std::string_view paragraph) {
  const auto segs = split_label(first_code_points(paragraph, 60));
  if (segs.empty()) return 0;
  int number = 0;
  if (segs.front().level == 1 && segs.front().number >= 1 && segs.front().number <= 6) {
    number = segs.front().number;
  } else {
    const std::string k = label_key(first_code_points(paragraph, 8));
    for (size_t n = 0; n < kPartWords.size() && number == 0; ++n)
      if (starts_with(k, kPartWords[n])) number = static_cast<int>(n) + 1;
  }
  // Whether it is short enough to be a heading is asked last: it normalizes the paragraph's first
  // 200 characters, and most paragraphs are not numbered as a part.
  return number != 0 && heading_words(paragraph) ? number : 0;
}

}  // namespace

int part_heading_index(std::string_view paragraph) {
  const auto h = part_heading(paragraph);
  return h ? h->part : -1;
}

Sections read_sections(const std::vector<std::string>& paragraphs) {
  Sections out;
  out.first_heading = paragraphs.size();
  std::vector<std::string> texts(6);
  std::vector<bool> present(6, false);
  int current = -1;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    std::string text;
    if (auto h = part_heading(paragraphs[i]); h && h->part > current) {
      current = h->part;
      present[static_cast<size_t>(current)] = true;
      if (out.first_heading == paragraphs.size()) out.first_heading = i;
      text = h->rest;
    } else if (auto n = unplaced_number(paragraphs[i]); !h && n > current + 1) {
      // Numbered as a later part but no part's heading: kept, for the missing part's finding to quote.
      out.unplaced.push_back(UnplacedHeading{n - 1, trim(display_form(paragraphs[i]))});
      if (current >= 0) text = trim(display_form(paragraphs[i]));
    } else if (current >= 0 && !is_table_caption(paragraphs[i])) {
      text = trim(display_form(paragraphs[i]));
    }
    if (current < 0 || text.empty()) continue;
    auto& s = texts[static_cast<size_t>(current)];
    if (!s.empty()) s += "\n";
    s += text;
  }
  for (size_t i = 0; i < 6; ++i)
    if (present[i]) out.texts.emplace_back(parts()[i].key, texts[i]);
  return out;
}

}  // namespace xxgk
