#include "normalize/metadata.h"

#include "text/text.h"

#include <array>
#include <optional>

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
        "因政府信息公开申请行政复议行政诉讼情况", "政府信息公开行政复议和行政诉讼情况"}},
      {"problems",
       {"存在的主要问题及改进情况", "存在的主要问题和改进情况", "主要问题及改进情况", "存在的问题及改进情况",
        "存在的主要问题及改进措施", "存在的主要问题及改进", "存在的问题和改进措施"}},
      {"other", {"其他需要报告的事项", "其他需要报告事项", "其他事项"}},
  }};
  return defs;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string display_text(std::string_view s) { return display_form(s); }

std::optional<int> year_before(std::string_view s, size_t pos) {
  // The four ASCII digits ending at pos (exclusive).
  if (pos < 4) return std::nullopt;
  int y = 0;
  for (size_t k = pos - 4; k < pos; ++k) {
    if (s[k] < '0' || s[k] > '9') return std::nullopt;
    y = y * 10 + (s[k] - '0');
  }
  if (pos >= 5 && s[pos - 5] >= '0' && s[pos - 5] <= '9') return std::nullopt;
  if (y < 2000 || y > 2100) return std::nullopt;
  return y;
}

// Every "YYYY年" in s (normalized, spaces removed), with the text that follows it.
std::vector<std::pair<int, std::string_view>> years_in(std::string_view s) {
  std::vector<std::pair<int, std::string_view>> out;
  const std::string_view nian = "年";
  for (size_t p = s.find(nian); p != std::string_view::npos; p = s.find(nian, p + 1))
    if (auto y = year_before(s, p)) out.emplace_back(*y, s.substr(p + nian.size()));
  return out;
}

std::optional<int> year_of_title(std::string_view title_key) {
  auto ys = years_in(title_key);
  if (ys.empty()) return std::nullopt;
  return ys.front().first;
}

std::optional<int> year_of_text(const std::vector<std::string>& paragraphs) {
  // The statistics period is the most reliable statement; then "YYYY年(度)政府/政务信息公开".
  for (const auto& p : paragraphs) {
    std::string k = strip_spaces(normalize_text(p));
    for (std::string_view marker : {"统计期限", "统计数据期限", "数据统计期限", "统计时限", "统计时间"}) {
      size_t m = k.find(marker);
      if (m == std::string::npos) continue;
      auto ys = years_in(std::string_view(k).substr(m));
      if (!ys.empty()) return ys.front().first;
    }
  }
  for (const auto& p : paragraphs) {
    std::string k = strip_spaces(normalize_text(p));
    for (auto& [y, rest] : years_in(k))
      if (starts_with(rest, "度") || starts_with(rest, "政府信息公开") || starts_with(rest, "政务信息公开") ||
          starts_with(rest, "政务公开"))
        return y;
  }
  return std::nullopt;
}

bool looks_like_title(std::string_view key) {
  return key.find("报告") != std::string::npos &&
         (key.find("信息公开") != std::string::npos || key.find("政务公开") != std::string::npos) &&
         u8_length(key) <= 70;
}

bool has_sentence_punct(std::string_view s) {
  for (std::string_view p : {"。", "，", "；", "：", ",", ";", ":"})
    if (s.find(p) != std::string_view::npos) return true;
  return false;
}

// Suffixes that end a formal agency name; a title naming only a place (…街道, …镇) is completed
// from the text, where the full name (…街道办事处, …镇人民政府) is usually printed.
constexpr std::array<std::string_view, 4> kPlaceOnly = {"街道", "镇", "乡", "区"};

std::string agency_from_title(std::string_view title) {
  // "淮安市人民政府2024年政府信息公开工作年度报告" | "2024年南关区新春街道政府信息公开工作年度报告"
  std::string t(title);
  for (std::string_view tail : {"政府信息公开工作年度报告", "政府信息公开年度报告", "政务公开工作年度报告",
                                "政府信息公开工作报告", "信息公开工作年度报告", "年度报告"}) {
    size_t p = t.find(tail);
    if (p != std::string::npos) {
      t = t.substr(0, p);
      break;
    }
  }
  // Drop the year wherever it stands ("2024年", "2024年度").
  auto ys = years_in(t);
  if (!ys.empty()) {
    size_t p = t.find(std::to_string(ys.front().first) + "年");
    std::string before = t.substr(0, p);
    std::string after = t.substr(p + 4 + std::string_view("年").size());
    if (starts_with(after, "度")) after = after.substr(std::string_view("度").size());
    t = before.empty() ? after : before;
  }
  for (std::string_view junk : {"关于", "（", "("}) {
    if (starts_with(t, junk)) t = t.substr(junk.size());
  }
  return t;
}

std::optional<std::string> complete_agency(const std::string& core, const std::vector<std::string>& paragraphs) {
  for (const auto& p : paragraphs) {
    std::string k = strip_spaces(display_text(p));
    for (std::string_view intro : {"受理机构为", "受理机构：", "受理机构:", "本报告由", "工作机构为"}) {
      size_t m = k.find(intro);
      if (m == std::string::npos) continue;
      size_t start = m + intro.size();
      size_t end = k.size();
      for (std::string_view stop : {"。", "，", "；", "根据", "编制", "依据", "按照", ",", ";", "（", "("}) {
        size_t e = k.find(stop, start);
        if (e != std::string::npos && e < end) end = e;
      }
      std::string name = k.substr(start, end - start);
      if (name.find(core) != std::string::npos && name.size() > core.size() && u8_length(name) <= 30) return name;
    }
  }
  return std::nullopt;
}

}  // namespace

int part_heading_index(std::string_view paragraph) {
  auto segs = split_label(paragraph);
  if (segs.empty()) return -1;
  const LabelSegment& head = segs.front();
  std::string key = label_key(head.text);
  for (size_t s = 1; s < segs.size(); ++s) key += label_key(segs[s].text);
  // "第三部分收到和处理…" numbering.
  for (std::string_view prefix : {"第一部分", "第二部分", "第三部分", "第四部分", "第五部分", "第六部分"})
    if (starts_with(key, prefix)) key = key.substr(prefix.size());
  if (key.empty() || u8_length(key) > 40) return -1;
  for (size_t i = 0; i < parts().size(); ++i) {
    const auto& hs = parts()[i].headings;
    for (size_t h = 0; h < hs.size(); ++h) {
      std::string hk = label_key(hs[h]);
      bool match = key == hk;
      // A heading followed by a short remark ("二、主动公开政府信息情况（单位：件）").
      if (!match && starts_with(key, hk) && u8_length(key) - u8_length(hk) <= 6 && h == 0) match = true;
      if (!match) continue;
      // An enumerated heading must carry the part's number (so "（一）主动公开情况" inside the
      // overview is not part two), unless it prints the official heading itself.
      if (head.level != 0 && head.number != static_cast<int>(i) + 1 && h != 0) return -1;
      return static_cast<int>(i);
    }
  }
  return -1;
}

Metadata read_metadata(const Document& doc) {
  Metadata md;
  std::vector<std::string> paras;
  for (const auto& b : doc.blocks)
    if (!b.is_table() && !trim(b.paragraph().text).empty()) paras.push_back(b.paragraph().text);

  // Part headings, accepted in increasing order.
  std::vector<int> part_of(paras.size(), -1);
  int last = -1;
  size_t first_heading = paras.size();
  for (size_t i = 0; i < paras.size(); ++i) {
    int p = part_heading_index(paras[i]);
    if (p > last) {
      part_of[i] = p;
      last = p;
      if (first_heading == paras.size()) first_heading = i;
    }
  }

  // Title: the first short paragraph naming a 年度报告 before the parts; a short line just
  // before it that is not a sentence is the first line of a title printed over two lines.
  const size_t search_end = std::min(first_heading, static_cast<size_t>(12));
  std::optional<size_t> title_at;
  for (size_t i = 0; i < search_end; ++i) {
    if (looks_like_title(strip_spaces(normalize_text(paras[i])))) {
      title_at = i;
      break;
    }
  }
  std::vector<std::string> intro;  // paragraphs before the first part, the title excluded
  if (title_at) {
    std::string title = strip_spaces(display_text(paras[*title_at]));
    if (*title_at > 0) {
      const std::string& prev = paras[*title_at - 1];
      std::string pk = strip_spaces(display_text(prev));
      if (u8_length(pk) <= 25 && !has_sentence_punct(pk) && years_in(pk).empty() &&
          !years_in(title).empty() && starts_with(title, pk) == false)
        title = pk + title;
    }
    // A title continued on the next line ("…年度" / "报告").
    md.meta.title = title;
  } else if (!doc.title_hint.empty()) {
    std::string hint = strip_spaces(display_text(doc.title_hint));
    for (std::string_view sep : {"_", "|", "－", "-", "—"}) {
      size_t p = hint.find(sep);
      if (p != std::string::npos) {
        std::string a = hint.substr(0, p), b = hint.substr(p + sep.size());
        hint = looks_like_title(a) ? a : (looks_like_title(b) ? b : hint);
      }
    }
    if (looks_like_title(hint)) md.meta.title = hint;
  }
  for (size_t i = 0; i < first_heading && i < paras.size(); ++i)
    if (!title_at || (i != *title_at && i + 1 != *title_at)) intro.push_back(paras[i]);

  // Year: the title's, else the statistics period's, else "YYYY年度…".
  if (md.meta.title) md.meta.year = year_of_title(*md.meta.title);
  if (!md.meta.year) {
    std::vector<std::string> scope = intro;
    for (size_t i = first_heading; i < paras.size() && i < first_heading + 6; ++i) scope.push_back(paras[i]);
    md.meta.year = year_of_text(scope);
  }

  // Agency: named in the title; completed from the text when the title names only a place.
  if (md.meta.title) {
    std::string core = agency_from_title(*md.meta.title);
    if (!core.empty()) {
      bool place_only = false;
      for (auto s : kPlaceOnly)
        if (core.size() >= s.size() && core.compare(core.size() - s.size(), s.size(), s) == 0) place_only = true;
      std::optional<std::string> full;
      if (place_only) full = complete_agency(core, intro);
      md.meta.agency = full ? *full : core;
    }
  }

  // Section texts: the paragraphs under each heading, tables left out.
  std::vector<std::string> texts(6);
  std::vector<bool> present(6, false);
  int current = -1;
  for (size_t i = 0; i < paras.size(); ++i) {
    if (part_of[i] >= 0) {
      current = part_of[i];
      present[static_cast<size_t>(current)] = true;
      continue;
    }
    if (current < 0) continue;
    std::string t = trim(display_text(paras[i]));
    if (t.empty()) continue;
    auto& s = texts[static_cast<size_t>(current)];
    if (!s.empty()) s += "\n";
    s += t;
  }
  for (size_t i = 0; i < 6; ++i)
    if (present[i]) md.sections.emplace_back(parts()[i].key, texts[i]);
  for (const auto& p : intro) {
    std::string t = trim(display_text(p));
    if (t.empty()) continue;
    if (!md.intro.empty()) md.intro += "\n";
    md.intro += t;
  }
  return md;
}

}  // namespace xxgk
