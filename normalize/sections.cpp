#include "normalize/sections.h"

#include "model/report.h"
#include "normalize/metadata.h"
#include "text/text.h"

#include <array>

namespace xxgk {
namespace {

struct PartDef {
  const char* key;
  std::vector<std::string_view> headings;  // official heading first
};

const std::array<PartDef, 6>& parts() {
  static const std::array<PartDef, 6> defs = {{
      {"overview", {"总体情况", "总体概况", "概述", "基本情况"}},
      {"proactive", {"主动公开政府信息情况", "主动公开政府信息", "主动公开情况", "政府信息主动公开情况"}},
      {"requests",
       {"收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请", "依申请公开政府信息情况",
        "政府信息公开申请情况", "依申请公开情况"}},
      {"review_litigation",
       {"政府信息公开行政复议行政诉讼情况", "政府信息公开行政复议行政诉讼", "行政复议行政诉讼情况",
        "因政府信息公开申请行政复议行政诉讼情况", "政府信息公开行政复议和行政诉讼情况",
        // The pre-2019 format's wording, still printed by some 2019 and later reports.
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况", "因政府信息公开工作被申请行政复议提起行政诉讼情况",
        "因政府信息公开申请行政复议提起行政诉讼的情况", "因政府信息公开申请行政复议提起行政诉讼情况"}},
      {"problems",
       {"存在的主要问题及改进情况", "存在的主要问题和改进情况", "主要问题及改进情况", "存在的问题及改进情况",
        "存在的主要问题及改进措施", "存在的主要问题及改进", "存在的问题和改进措施",
        "政府信息公开工作存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进措施",
        "工作中存在的主要问题及改进情况", "存在的主要问题和改进措施"}},
      {"other", {"其他需要报告的事项", "其他需要报告事项", "其他事项"}},
  }};
  return defs;
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
  for (size_t n = 0; n < kPartWords.size(); ++n)
    if (starts_with(key, kPartWords[n])) {
      key = key.substr(kPartWords[n].size());
      number = static_cast<int>(n) + 1;
    }
  if (key.empty()) return std::nullopt;
  const int len = u8_length(key);
  for (size_t i = 0; i < parts().size(); ++i) {
    const auto& hs = parts()[i].headings;
    for (size_t h = 0; h < hs.size(); ++h) {
      const std::string hk = label_key(hs[h]);
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
  return std::nullopt;
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
