// Enumerators printed before labels and headings, and the split of a merged label into its parts.
#include "text/icu_util.h"
#include "text/memo.h"
#include "text/text.h"

#include <unicode/uchar.h>

#include <string>
#include <vector>

namespace xxgk {
namespace {

using detail::to_utf8;

bool is_cn_numeral(UChar c) {
  switch (c) {
    case u'一': case u'二': case u'三': case u'四': case u'五': case u'六': case u'七': case u'八':
    case u'九': case u'十':
      return true;
    default:
      return false;
  }
}

bool is_digit(UChar c) { return c >= '0' && c <= '9'; }

// The marks that close an enumerator: 、 . (and ．, folded to . by NFKC).
bool is_enum_stop(UChar c) { return c == 0x3001 || c == '.'; }

int chinese_number(const icu::UnicodeString& u, int32_t b, int32_t e) {
  return static_cast<int>(parse_chinese_numeral(to_utf8(u.tempSubStringBetween(b, e))).value_or(0));
}

int arabic_number(const icu::UnicodeString& u, int32_t b, int32_t e) {
  int n = 0;
  for (int32_t k = b; k < e; ++k) n = n * 10 + (u.charAt(k) - '0');
  return n;
}

// Tries to read an enumerator at position i of normalized text u. Returns the position after it
// (0 if there is none) and sets level and number.
int32_t match_enumerator(const icu::UnicodeString& u, int32_t i, bool at_start, int& level, int& number) {
  const int32_t n = u.length();
  auto run = [&](int32_t j, bool (*pred)(UChar), int32_t max_len) {
    int32_t e = j;
    while (e < n && pred(u.charAt(e)) && e - j < max_len) ++e;
    return e;
  };
  const UChar c = u.charAt(i);
  if (c == '(') {  // （一） or （1）: NFKC folds the full-width brackets
    int32_t e = run(i + 1, is_cn_numeral, 3);
    if (e > i + 1 && e < n && u.charAt(e) == ')') {
      level = 2;
      number = chinese_number(u, i + 1, e);
      return e + 1;
    }
    e = run(i + 1, is_digit, 2);
    if (e > i + 1 && e < n && u.charAt(e) == ')') {
      level = 3;
      number = arabic_number(u, i + 1, e);
      return e + 1;
    }
    return 0;
  }
  if (is_digit(c)) {
    if (i > 0 && (is_digit(u.charAt(i - 1)) || u.charAt(i - 1) == '.')) return 0;  // inside a number
    const int32_t e = run(i, is_digit, 3);
    if (e >= n || e - i > 2) return 0;
    const UChar stop = u.charAt(e);
    // 1. 1、 1) — but not a decimal (1.5) or a number running on.
    if ((is_enum_stop(stop) || stop == ')') && !(e + 1 < n && is_digit(u.charAt(e + 1)))) {
      level = 3;
      number = arabic_number(u, i, e);
      return e + 1;
    }
    // "3:危及…": a colon for the point (OCR reads one for the other), before a Han character.
    if ((stop == ':' || stop == 0xFF1A) && e + 1 < n && u.charAt(e + 1) >= 0x3400) {
      level = 3;
      number = arabic_number(u, i, e);
      return e + 1;
    }
    // "1 属于国家秘密": the mark lost, a space left, at the start of a label only.
    if (at_start && stop == ' ' && e + 1 < n && u.charAt(e + 1) >= 0x3400) {
      level = 3;
      number = arabic_number(u, i, e);
      return e + 1;
    }
    return 0;
  }
  // 一、 only at the start of a label: inside one, "一、二" is prose, not an enumerator.
  if (at_start && is_cn_numeral(c)) {
    const int32_t e = run(i, is_cn_numeral, 3);
    if (e < n && is_enum_stop(u.charAt(e))) {
      level = 1;
      number = chinese_number(u, i, e);
      return e + 1;
    }
  }
  return 0;
}

std::string trimmed(const icu::UnicodeString& u, int32_t b, int32_t e) {
  while (b < e && u.charAt(b) == ' ') ++b;
  while (e > b && u.charAt(e - 1) == ' ') --e;
  return to_utf8(u.tempSubStringBetween(b, e));
}

}  // namespace

namespace {

std::vector<LabelSegment> split_label_uncached(std::string_view label);

}  // namespace

std::vector<LabelSegment> split_label(std::string_view label) {
  // Memoized per thread, as label_key is: the table reader splits the same cells again for every
  // candidate join and every header it tries (9% of an HTML report's time).
  thread_local detail::Memo<std::vector<LabelSegment>> memo;
  return memo.get(label, split_label_uncached);
}

namespace {

std::vector<LabelSegment> split_label_uncached(std::string_view label) {
  const icu::UnicodeString u = detail::normalized_unicode(label);
  std::vector<LabelSegment> out;
  LabelSegment cur;
  int32_t text_start = 0;
  int level = 0, number = 0;
  if (u.isEmpty()) return {cur};
  if (int32_t e = match_enumerator(u, 0, true, level, number); e > 0) {
    cur.level = level;
    cur.number = number;
    text_start = e;
  }
  for (int32_t i = text_start; i < u.length(); ++i) {
    if (i == 0) continue;  // read above, as the start of the label
    const int32_t e = match_enumerator(u, i, false, level, number);
    if (e == 0) continue;
    cur.text = trimmed(u, text_start, i);
    out.push_back(cur);
    cur = LabelSegment{level, number, {}};
    text_start = e;
    i = e - 1;
  }
  cur.text = trimmed(u, text_start, u.length());
  // A lone enumerator ("三、") is kept: its text may stand in another cell.
  if (!cur.text.empty() || cur.level != 0 || out.empty()) out.push_back(cur);
  return out;
}

}  // namespace

}  // namespace xxgk
