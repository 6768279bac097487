// Text normalization applied before any matching (ICU): NFKC folds full-width digits, letters and
// brackets; Traditional→Simplified folds mirror-site copies; spaces, quotes and dashes are unified.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// NFKC + Traditional→Simplified + quotes/dashes unified + runs of white space collapsed to one
// ASCII space (line breaks included) + trimmed. For narrative text and cell values.
std::string normalize_text(std::string_view s);

// The form text is written to the record in: Traditional→Simplified and full-width letters and
// digits folded to ASCII, punctuation and spacing kept as printed ("２０２４年，" → "2024年，").
// A traditional-script mirror or a full-width copy of a report thus gives the same record.
std::string display_form(std::string_view s);

// The key labels are matched by: normalize_text, then every white space and every punctuation or
// symbol character removed ("（三）不予公开 1.属于“国家秘密”" → "三不予公开1属于国家秘密"). Use on text
// whose enumerator has already been split off (see split_label).
std::string label_key(std::string_view s);

// Same as label_key but also drops parenthesised asides: "部分公开（区分处理的…）" → "部分公开".
std::string label_key_without_asides(std::string_view s);

// An enumerator printed before a label: 一、 (level 1), （一） (level 2), 1. 1、 1． （1） (level 3).
struct LabelSegment {
  int level = 0;   // 0 = no enumerator
  int number = 0;  // the enumerator's number
  std::string text;  // the label after the enumerator, normalized (normalize_text), not keyed
};

// Splits a (merged) label into its enumerated parts:
// "三、本年度办理结果（三）不予公开1.属于国家秘密" → [{1,3,本年度办理结果},{2,3,不予公开},{3,1,属于国家秘密}].
// Input may be raw; it is normalized first.
std::vector<LabelSegment> split_label(std::string_view label);

// Removes every white space character (incl. U+3000, NBSP, zero-width) without other changes.
std::string strip_spaces(std::string_view s);

// Trims Unicode white space (incl. U+3000 and NBSP) at both ends.
std::string trim(std::string_view s);

// Parses a number written in Chinese numerals (二十五, 一百零三, 两千零一十, 〇) or mixed with Arabic
// digits (1万2千 is not supported). nullopt if `s` is not entirely a Chinese numeral.
std::optional<long long> parse_chinese_numeral(std::string_view s);

// Levenshtein distance over code points.
int edit_distance(std::string_view a, std::string_view b);

// Length of the longest common subsequence, over code points.
int lcs_length(std::string_view a, std::string_view b);

// Number of code points.
int u8_length(std::string_view s);

}  // namespace xxgk
