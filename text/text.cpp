#include "text/text.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace xxgk {
namespace {

const icu::Normalizer2& nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status) || !n) throw std::runtime_error("ICU NFKC normalizer unavailable");
  return *n;
}

// ICU transliterators are not safe to share between threads; one per thread, made on first use.
icu::Transliterator& traditional_to_simplified() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> tr(
        icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !tr) throw std::runtime_error("ICU Traditional-Simplified unavailable");
    return tr;
  }();
  return *t;
}

bool is_space(UChar32 c) {
  return u_isUWhiteSpace(c) || c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF ||
         c == 0x00A0 || c == 0x3000;
}

// Circled and parenthesised digits (①, ⑴, ⒈) would NFKC to bare digits or "(1)"; write them as
// an explicit enumerator first so "①属于国家秘密" reads as item 1.
void expand_enclosed_digits(icu::UnicodeString& u) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    int n = 0;
    if (c >= 0x2460 && c <= 0x2473) n = c - 0x2460 + 1;       // ①..⑳
    else if (c >= 0x2488 && c <= 0x249B) n = c - 0x2488 + 1;  // ⒈..⒛
    else if (c >= 0x2474 && c <= 0x2487) n = c - 0x2474 + 1;  // ⑴..⒇
    if (n) {
      out.append(icu::UnicodeString::fromUTF8(std::to_string(n) + "."));
    } else {
      out.append(c);
    }
  }
  u = out;
}

UChar32 unify_char(UChar32 c) {
  switch (c) {
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x300C: case 0x300D:
    case 0x300E: case 0x300F: case 0x301D: case 0x301E:
      return '"';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
      return '\'';
    case 0x2010: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2043: case 0x2E3A:
      return 0x2014;  // every dash → EM DASH (the "not applicable" mark)
    case 0x2212:
      return '-';
    case 0x3002: case 0xFF61:
      return 0x3002;
    default:
      return c;
  }
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

icu::UnicodeString normalized_unicode(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  expand_enclosed_digits(u);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString n = nfkc().normalize(u, status);
  if (U_FAILURE(status)) n = u;
  // Only run the (slow) transliterator when there is a character it could change: ASCII-only
  // and already-simplified text is common.
  bool has_cjk = false;
  for (int32_t i = 0; i < n.length(); ++i)
    if (n.charAt(i) >= 0x3400) { has_cjk = true; break; }
  if (has_cjk) traditional_to_simplified().transliterate(n);
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < n.length();) {
    UChar32 c = n.char32At(i);
    i += U16_LENGTH(c);
    if (is_space(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (pending_space) out.append(static_cast<UChar>(' '));
    pending_space = false;
    out.append(unify_char(c));
  }
  return out;
}

bool is_cn_numeral(UChar32 c) {
  switch (c) {
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: case 0x516D: case 0x4E03:
    case 0x516B: case 0x4E5D: case 0x5341:  // 一二三四五六七八九十
      return true;
    default:
      return false;
  }
}

int cn_digit(UChar32 c) {
  switch (c) {
    case 0x96F6: case 0x3007: return 0;  // 零 〇
    case 0x4E00: return 1;
    case 0x4E8C: case 0x4E24: return 2;  // 二 两
    case 0x4E09: return 3;
    case 0x56DB: return 4;
    case 0x4E94: return 5;
    case 0x516D: return 6;
    case 0x4E03: return 7;
    case 0x516B: return 8;
    case 0x4E5D: return 9;
    default: return -1;
  }
}

// Tries to read an enumerator at position i of u. Returns the end position (0 if none).
int32_t match_enumerator(const icu::UnicodeString& u, int32_t i, bool at_start, int& level, int& number) {
  const int32_t n = u.length();
  auto numeral_run = [&](int32_t j, int32_t& end) {
    end = j;
    while (end < n && is_cn_numeral(u.charAt(end))) ++end;
    return end > j;
  };
  auto digit_run = [&](int32_t j, int32_t& end) {
    end = j;
    while (end < n && u.charAt(end) >= '0' && u.charAt(end) <= '9' && end - j < 3) ++end;
    return end > j;
  };
  int32_t e = 0;
  UChar c = u.charAt(i);
  if (c == '(') {
    if (numeral_run(i + 1, e) && e < n && u.charAt(e) == ')') {
      level = 2;
      number = static_cast<int>(*parse_chinese_numeral(to_utf8(u.tempSubStringBetween(i + 1, e))));
      return e + 1;
    }
    if (digit_run(i + 1, e) && e < n && u.charAt(e) == ')') {
      level = 3;
      number = std::stoi(to_utf8(u.tempSubStringBetween(i + 1, e)));
      return e + 1;
    }
    return 0;
  }
  if (c >= '0' && c <= '9') {
    if (i > 0 && u.charAt(i - 1) >= '0' && u.charAt(i - 1) <= '9') return 0;
    if (digit_run(i, e) && e < n && (u.charAt(e) == 0x3001 || u.charAt(e) == '.') &&
        !(e + 1 < n && u.charAt(e + 1) >= '0' && u.charAt(e + 1) <= '9')) {
      level = 3;
      number = std::stoi(to_utf8(u.tempSubStringBetween(i, e)));
      return e + 1;
    }
    return 0;
  }
  // 一、 only at the start of a label: inside one, "一、二" is prose, not an enumerator.
  if (at_start && numeral_run(i, e) && e < n && (u.charAt(e) == 0x3001 || u.charAt(e) == '.')) {
    level = 1;
    number = static_cast<int>(*parse_chinese_numeral(to_utf8(u.tempSubStringBetween(i, e))));
    return e + 1;
  }
  return 0;
}

}  // namespace

std::string normalize_text(std::string_view s) { return to_utf8(normalized_unicode(s)); }

std::string display_form(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  bool has_cjk = false;
  for (int32_t i = 0; i < u.length(); ++i) {
    UChar c = u.charAt(i);
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
      u.setCharAt(i, static_cast<UChar>(c - 0xFEE0));
    else if (c >= 0x3400)
      has_cjk = true;
  }
  if (has_cjk) traditional_to_simplified().transliterate(u);
  return to_utf8(u);
}

std::string label_key(std::string_view s) {
  icu::UnicodeString u = normalized_unicode(s);
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (is_space(c) || u_ispunct(c)) continue;
    int8_t t = u_charType(c);
    if (t == U_MATH_SYMBOL || t == U_CURRENCY_SYMBOL || t == U_MODIFIER_SYMBOL || t == U_OTHER_SYMBOL)
      continue;
    out.append(c);
  }
  return to_utf8(out);
}

std::string label_key_without_asides(std::string_view s) {
  icu::UnicodeString u = normalized_unicode(s);
  icu::UnicodeString kept;
  int depth = 0;
  for (int32_t i = 0; i < u.length(); ++i) {
    UChar c = u.charAt(i);
    if (c == '(' || c == '[') { ++depth; continue; }
    if ((c == ')' || c == ']') && depth > 0) { --depth; continue; }
    if (depth == 0) kept.append(c);
  }
  return label_key(to_utf8(kept));
}

std::vector<LabelSegment> split_label(std::string_view label) {
  icu::UnicodeString u = normalized_unicode(label);
  std::vector<LabelSegment> out;
  LabelSegment cur;
  int32_t text_start = 0;
  int level = 0, number = 0;
  if (int32_t e = match_enumerator(u, 0, true, level, number); e > 0) {
    cur.level = level;
    cur.number = number;
    text_start = e;
  }
  for (int32_t i = text_start; i < u.length(); ++i) {
    if (i == text_start) continue;
    int32_t e = match_enumerator(u, i, false, level, number);
    if (e > 0) {
      cur.text = trim(to_utf8(u.tempSubStringBetween(text_start, i)));
      out.push_back(cur);
      cur = LabelSegment{level, number, {}};
      text_start = e;
      i = e - 1;
    }
  }
  cur.text = trim(to_utf8(u.tempSubStringBetween(text_start, u.length())));
  if (!cur.text.empty() || cur.level != 0 || out.empty()) out.push_back(cur);
  // Drop empty leftovers such as a lone "三、" whose text sits in another cell.
  return out;
}

std::string strip_spaces(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (!is_space(c)) out.append(c);
  }
  return to_utf8(out);
}

std::string trim(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  int32_t b = 0, e = u.length();
  while (b < e) {
    UChar32 c = u.char32At(b);
    if (!is_space(c)) break;
    b += U16_LENGTH(c);
  }
  while (e > b) {
    UChar32 c = u.char32At(e - 1);
    if (!is_space(c)) break;
    e -= U16_LENGTH(c);
  }
  return to_utf8(u.tempSubStringBetween(b, e));
}

std::optional<long long> parse_chinese_numeral(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (u.isEmpty()) return std::nullopt;
  long long total = 0;    // completed 万 groups
  long long section = 0;  // within the current 万 group
  long long digit = -1;   // pending digit
  bool any = false;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    int d = cn_digit(c);
    if (d >= 0) {
      digit = d;
      any = true;
      continue;
    }
    long long unit = 0;
    switch (c) {
      case 0x5341: unit = 10; break;     // 十
      case 0x767E: unit = 100; break;    // 百
      case 0x5343: unit = 1000; break;   // 千
      case 0x4E07: unit = 10000; break;  // 万
      default: return std::nullopt;
    }
    any = true;
    if (unit == 10000) {
      section += digit > 0 ? digit : 0;
      total += (section == 0 ? 1 : section) * 10000;
      section = 0;
    } else {
      section += (digit < 0 ? 1 : digit) * unit;  // 十五 = 15
    }
    digit = -1;
  }
  if (!any) return std::nullopt;
  if (digit > 0) section += digit;
  return total + section;
}

namespace {
std::vector<UChar32> code_points(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  std::vector<UChar32> out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    out.push_back(c);
    i += U16_LENGTH(c);
  }
  return out;
}
}  // namespace

int lcs_length(std::string_view a, std::string_view b) {
  const auto x = code_points(a), y = code_points(b);
  std::vector<int> prev(y.size() + 1, 0), cur(y.size() + 1, 0);
  for (size_t i = 1; i <= x.size(); ++i) {
    for (size_t j = 1; j <= y.size(); ++j)
      cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

int edit_distance(std::string_view a, std::string_view b) {
  const auto x = code_points(a), y = code_points(b);
  std::vector<int> prev(y.size() + 1), cur(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= x.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= y.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

int u8_length(std::string_view s) {
  int n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace xxgk
