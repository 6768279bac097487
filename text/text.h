// Text normalization applied before any matching (ICU): NFKC folds full-width digits, letters and
// brackets; Traditional→Simplified folds mirror-site copies; spaces, quotes and dashes are unified.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// NFKC + Traditional→Simplified + quotes/dashes unified + runs of white space collapsed to one
// ASCII space (line breaks included) + trimmed. Circled and parenthesised digits (① ⑴ ⒈) are
// written as "1." so they read as enumerators. For narrative text and cell values.
std::string normalize_text(std::string_view s);

// The form text is written to the record in: Traditional→Simplified and full-width letters and
// digits folded to ASCII, punctuation and spacing kept as printed ("２０２４年，" → "2024年，").
// A traditional-script mirror or a full-width copy of a report thus gives the same record.
// Simplified words ICU would wrongly change (乾安县 → 干安县) are kept as printed.
std::string display_form(std::string_view s);

// The key labels are matched by: normalize_text, then every white space, zero-width or format
// character and every punctuation or symbol character removed ("（三）不予公开 1.属于“国家秘密”" →
// "三不予公开1属于国家秘密"). Memoized per thread: tables call it for the same cells many times.
std::string label_key(std::string_view s);

// A lower bound on u8_length(label_key(s)), read without normalizing: the CJK ideographs of `s` that
// no Traditional→Simplified rule reads (NFKC keeps them, the key keeps them, no rule changes them).
// Decides that a long paragraph is no heading or caption without keying it whole.
int least_key_length(std::string_view s);

// Same as label_key but also drops parenthesised asides: "部分公开（区分处理的…）" → "部分公开".
// An aside left open by a wrapped cell ("部分公开（区分处理的，只计这一情") is dropped to its end.
std::string label_key_without_asides(std::string_view s);

// An enumerator printed before a label: 一、 (level 1); （一） (level 2); 1. 1、 1． （1） 1） ① (level 3).
struct LabelSegment {
  int level = 0;     // 0 = no enumerator
  int number = 0;    // the enumerator's number
  std::string text;  // the label after the enumerator, normalized (normalize_text), not keyed
};

// Splits a (merged) label into its enumerated parts:
// "三、本年度办理结果（三）不予公开1.属于国家秘密" → [{1,3,本年度办理结果},{2,3,不予公开},{3,1,属于国家秘密}].
// A level-1 enumerator (一、) is only read at the start: inside a label "一、二" is prose.
// Input may be raw; it is normalized first.
std::vector<LabelSegment> split_label(std::string_view label);

// Whether `s` is well-formed UTF-8 throughout: no overlong form, surrogate, code point past
// U+10FFFF or cut sequence (what ICU reads without a U+FFFD, and nlohmann's JSON decoder accepts).
// Eight bytes at a time while they are ASCII.
bool is_valid_utf8(std::string_view s);

// Removes every white space character (incl. U+3000, NBSP, zero-width) without other changes.
std::string strip_spaces(std::string_view s);

// Trims Unicode white space (incl. U+3000, NBSP and zero-width characters) at both ends.
std::string trim(std::string_view s);

// Parses a number written in Chinese numerals (二十五, 一百零三, 两千零一十, 〇, 三万五千, 壹佰)
// or mixed with Arabic digits (3万5千, 1.5万). nullopt if `s` is not entirely a numeral.
std::optional<long long> parse_chinese_numeral(std::string_view s);

// A count stated in narrative text: "共收到政府信息公开申请二十五件" → {25, "件", …}.
struct CountMention {
  long long value = 0;
  std::string unit;    // the measure word right after the number (件 个 条 次 …), may be empty
  size_t begin = 0;    // byte offsets of the number in the normalized text (normalize_text)
  size_t end = 0;
  bool chinese = false;  // written in Chinese numerals
};

// Every count in `text` (normalized first), in order. Arabic numbers (with thousands separators,
// full-width digits) are always reported; Chinese numerals only when a measure word follows, so
// 一是 / 三安全一稳定 / 一体化 are not read as counts. Years (2024年) and dates are skipped.
std::vector<CountMention> find_counts(std::string_view text);

// Levenshtein distance over code points.
int edit_distance(std::string_view a, std::string_view b);

// Length of the longest common subsequence, over code points.
int lcs_length(std::string_view a, std::string_view b);

// Number of code points.
int u8_length(std::string_view s);

}  // namespace xxgk
