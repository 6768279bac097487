#include "text/text.h"

#include "text/icu_util.h"
#include "text/memo.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uniset.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace xxgk {

std::string_view hant_hans_rules_txt();  // text/CMakeLists.txt: "ICU version\n" then the rules

namespace detail {

bool is_invisible(UChar32 c) {
  switch (c) {
    case 0x00AD: case 0x180E: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
      return true;
    default:
      return false;
  }
}

bool is_space(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');  // ASCII's White_Space, without ICU's lookup
  switch (c) {
    case 0x00A0: case 0x00AD: case 0x180E: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
    case 0x3000: case 0xFEFF:
      return true;
    default:
      return u_isUWhiteSpace(c) != 0;
  }
}

std::vector<UChar32> code_points(std::string_view s) {
  std::vector<UChar32> out;
  const icu::UnicodeString u = from_utf8(s);
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    out.push_back(c);
    i += U16_LENGTH(c);
  }
  return out;
}

}  // namespace detail

using detail::from_utf8;
using detail::is_space;
using detail::to_utf8;

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

// The transliterator's rules as toRules gives them, from the copy built in when this runs against the
// ICU version the build asked (tools/translit_rules.cpp): creating the transliterator initializes
// ICU's registry of every transliterator, ~170 M instructions, 40% of a worker process's start-up,
// paid by each process of an audit even when no text needs converting. False: ask ICU.
bool built_in_rules(icu::UnicodeString& rules) {
  const std::string_view text = hant_hans_rules_txt();
  const size_t nl = text.find('\n');
  if (nl == std::string_view::npos) return false;
  UVersionInfo v;
  u_getVersion(v);
  char version[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(v, version);
  if (text.substr(0, nl) != version) return false;
  rules = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data() + nl + 1, static_cast<int32_t>(text.size() - nl - 1)));
  return true;
}

// Calls f(c, begin, end) for each code point of `s` read as UTF-8, with its byte range. Returns
// false at the first ill-formed sequence (ICU would read it as U+FFFD), having called f on the
// code points before it.
template <class F>
bool for_each_code_point(std::string_view s, F f) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto length = static_cast<int64_t>(s.size());
  for (int64_t i = 0; i < length;) {
    const int64_t begin = i;
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c < 0) return false;
    f(c, static_cast<size_t>(begin), static_cast<size_t>(i));
  }
  return true;
}

// A set of code points looked up for every character of a text: a bit each for the BMP, ICU's
// set beyond it (UnicodeSet::contains alone cost ~1% of an HTML report's instructions).
class CodePointSet {
 public:
  void add(UChar32 c) {
    if (c <= 0xFFFF) bmp_.set(static_cast<size_t>(c));
    else rest_.add(c);
  }
  void freeze() { rest_.freeze(); }
  bool contains(UChar32 c) const { return c <= 0xFFFF ? bmp_.test(static_cast<size_t>(c)) : rest_.contains(c); }

 private:
  std::bitset<0x10000> bmp_;
  icu::UnicodeSet rest_;
};

// ICU's Traditional-Simplified rules, read from their text (ICU's own, toRules) and applied here:
// every rule is `KEY > OUTPUT;` without context (~3,900 rules, ~2,900 of them rewriting something;
// the others, identities like 了 > 了, keep their key from the rules after them), so ICU's reading
// is: at each position the first rule in order whose key matches there replaces it, and the reading
// goes on after the output; where none matches, one character is kept. ICU refuses rules where an
// earlier key masks a later one, so the first match is also the longest. Applying them here costs a
// tenth of ICU's rule machinery per call, and a process need not create the transliterator (~170 M
// instructions, ICU's registry of every transliterator) to convert one traditional page. A test holds
// this reading equal to the transliterator on every key and on random and real text. Rules of any
// other shape (none in ICU 72) make every text go through ICU's transliterator whole.
class TraditionalRules {
 public:
  TraditionalRules() {
    const icu::UnicodeString rules = detail::traditional_rules_read();
    for (int32_t pos = 0; pos < rules.length();) {
      int32_t end = rules.indexOf(u'\n', pos);
      if (end < 0) end = rules.length();
      const icu::UnicodeString line = rules.tempSubString(pos, end - pos);
      pos = end + 1;
      if (line.isEmpty()) continue;
      const int32_t arrow = line.indexOf(u" > ");
      if (arrow <= 0 || line.charAt(line.length() - 1) != u';' || line.indexOf(u';') != line.length() - 1 ||
          line.indexOf(u' ') != arrow || line.indexOf(u' ', arrow + 3) >= 0 ||
          line.indexOf(u'\\') >= 0 || line.indexOf(u'\'') >= 0 || line.indexOf(u'$') >= 0 || line.indexOf(u'{') >= 0 ||
          line.indexOf(u'}') >= 0 || line.indexOf(u':') >= 0 || line.indexOf(u'[') >= 0 || line.indexOf(u'|') >= 0) {
        always_ = true;  // a rule this reading does not understand: take no shortcut
        return;
      }
      const icu::UnicodeString key = line.tempSubString(0, arrow), out = line.tempSubString(arrow + 3, line.length() - 1 - (arrow + 3));
      const UChar32 first = key.char32At(0);
      starts_.add(first);
      for (int32_t i = 0; i < key.length(); i += U16_LENGTH(key.char32At(i))) in_keys_.add(key.char32At(i));
      by_first_[first].push_back(Rule{key, out, detail::to_utf8(key), key != out});
      if (key == out) continue;
      first_.add(first);
    }
    starts_.freeze();
    first_.freeze();
    in_keys_.freeze();
    if (by_first_.empty()) always_ = true;
  }
  // No shortcut: every text with CJK characters goes through ICU's transliterator whole.
  bool always() const { return always_; }
  // Whether a rewriting rule's key occurs in `u` (where the rules would change it).
  bool rewrites(const icu::UnicodeString& u) const {
    for (int32_t i = 0; i < u.length();) {
      const UChar32 c = u.char32At(i);
      if (first_.contains(c))
        for (const Rule& r : by_first_.at(c))
          if (r.rewrites && u.compare(i, r.key.length(), r.key) == 0) return true;
      i += U16_LENGTH(c);
    }
    return false;
  }
  // Whether a rewriting rule's key starts at byte `begin` of the UTF-8 text `s`, where `c` starts.
  bool rewrites_at(std::string_view s, size_t begin, UChar32 c) const {
    if (!first_.contains(c)) return false;
    for (const Rule& r : by_first_.at(c))
      if (r.rewrites && s.compare(begin, r.key8.size(), r.key8) == 0) return true;
    return false;
  }
  // Whether some rule's key (an identity's too) holds `c`: where no rule reads a character, the
  // rules leave it as it is.
  bool in_some_key(UChar32 c) const { return in_keys_.contains(c); }
  // The rules applied to the whole of `u`, as ICU's transliterator applies them.
  void apply(icu::UnicodeString& u) const {
    icu::UnicodeString out;
    int32_t kept = 0;  // u[kept, i) is copied unchanged when a rewriting rule fires
    bool changed = false;
    for (int32_t i = 0; i < u.length();) {
      const UChar32 c = u.char32At(i);
      const Rule* hit = nullptr;
      if (starts_.contains(c))
        for (const Rule& r : by_first_.at(c))
          if (u.compare(i, r.key.length(), r.key) == 0) {
            hit = &r;
            break;
          }
      if (!hit) {
        i += U16_LENGTH(c);
      } else if (!hit->rewrites) {
        i += hit->key.length();
      } else {
        out.append(u, kept, i - kept).append(hit->out);
        i += hit->key.length();
        kept = i;
        changed = true;
      }
    }
    if (!changed) return;
    out.append(u, kept, u.length() - kept);
    u = std::move(out);
  }

 private:
  struct Rule {
    icu::UnicodeString key, out;
    std::string key8;  // the key in UTF-8
    bool rewrites;     // out != key
  };
  bool always_ = false;
  CodePointSet starts_;   // the first characters of every rule's key
  CodePointSet first_;    // the first characters of the rewriting rules' keys
  CodePointSet in_keys_;  // every character of every rule's key
  std::unordered_map<UChar32, std::vector<Rule>> by_first_;  // each character's rules, in ICU's order
};

// Read once per process: the rules are only read after construction.
const TraditionalRules& traditional_rules() {
  static const TraditionalRules rules;
  return rules;
}

// Characters that are correct simplified Chinese in some words but that ICU's
// Traditional-Simplified rewrites everywhere (乾 → 干, 瞭 → 了). In these words they are kept:
// 乾安县 (Jilin) and 乾县 (Shaanxi) are place names agencies carry in their titles.
struct ProtectedWord {
  UChar32 ch;
  std::u16string_view next;  // the character following `ch` in a protected word
};
constexpr std::array<ProtectedWord, 6> kProtected = {{
    {0x4E7E, u"安"}, {0x4E7E, u"县"}, {0x4E7E, u"縣"}, {0x4E7E, u"隆"}, {0x4E7E, u"坤"}, {0x77AD, u"望"},
}};
// Stand-ins from the private use area (never printed in a report, in no rule's key) while the
// transliterator runs.
constexpr UChar placeholder_of(UChar32 ch) { return ch == 0x4E7E ? 0xE000 : 0xE001; }
constexpr UChar32 original_of(UChar c) { return c == 0xE000 ? 0x4E7E : 0x77AD; }

// Traditional→Simplified with the protected words kept. Most text holds no rewriting key (reports
// are simplified Chinese already) and is left as it is without applying the rules.
void transliterate_protected(icu::UnicodeString& u) {
  bool has_cjk = false;
  for (int32_t i = 0; i < u.length() && !has_cjk; ++i) has_cjk = u.charAt(i) >= 0x3400;
  // ASCII-only and Latin text is common (figures).
  if (!has_cjk) return;
  const TraditionalRules& rules = traditional_rules();
  if (!rules.always() && !rules.rewrites(u)) return;
  bool protected_any = false;
  for (int32_t i = 0; i + 1 < u.length(); ++i)
    for (size_t k = 0; k < kProtected.size(); ++k)
      if (u.charAt(i) == kProtected[k].ch && u.charAt(i + 1) == kProtected[k].next[0]) {
        u.setCharAt(i, placeholder_of(kProtected[k].ch));
        protected_any = true;
      }
  if (rules.always()) traditional_to_simplified().transliterate(u);
  else rules.apply(u);
  if (!protected_any) return;
  for (int32_t i = 0; i < u.length(); ++i)
    if (u.charAt(i) == 0xE000 || u.charAt(i) == 0xE001) u.setCharAt(i, static_cast<UChar>(original_of(u.charAt(i))));
}

// Circled and parenthesised digits (①, ⑴, ⒈) would NFKC to bare digits or "(1)"; write them as
// an explicit enumerator first so "①属于国家秘密" reads as item 1.
void expand_enclosed_digits(icu::UnicodeString& u) {
  bool any = false;
  for (int32_t i = 0; i < u.length() && !any; ++i) any = u.charAt(i) >= 0x2460 && u.charAt(i) <= 0x249B;
  if (!any) return;
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    int n = 0;
    if (c >= 0x2460 && c <= 0x2473) n = c - 0x2460 + 1;       // ①..⑳
    else if (c >= 0x2474 && c <= 0x2487) n = c - 0x2474 + 1;  // ⑴..⒇
    else if (c >= 0x2488 && c <= 0x249B) n = c - 0x2488 + 1;  // ⒈..⒛
    if (n) out.append(from_utf8(std::to_string(n) + "."));
    else out.append(c);
  }
  u = out;
}

UChar32 unify_char(UChar32 c) {
  switch (c) {
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x300C: case 0x300D:
    case 0x300E: case 0x300F: case 0x301D: case 0x301E: case 0x301F: case 0x00AB: case 0x00BB:
      return '"';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x0060: case 0x00B4:
      return '\'';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2043:
    case 0x2E3A: case 0x2E3B: case 0x2500: case 0x2501: case 0x30FC: case 0xFE58:
      return 0x2014;  // every dash → EM DASH (the "not applicable" mark)
    case 0x2212:
      return '-';
    case 0xFF61:
      return 0x3002;
    default:
      return c;
  }
}

bool all_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

std::string compute_label_key(std::string_view s) {
  const icu::UnicodeString u = detail::normalized_unicode(s);
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (is_space(c) || u_ispunct(c)) continue;
    const int8_t t = u_charType(c);
    if (t == U_MATH_SYMBOL || t == U_CURRENCY_SYMBOL || t == U_MODIFIER_SYMBOL || t == U_OTHER_SYMBOL ||
        t == U_FORMAT_CHAR || t == U_CONTROL_CHAR)
      continue;
    out.append(c);
  }
  return to_utf8(out);
}

}  // namespace

namespace detail {

icu::UnicodeString traditional_rules_read() {
  icu::UnicodeString rules;
  return built_in_rules(rules) ? rules : traditional_rules_from_icu();
}

void traditional_to_simplified_by_icu(icu::UnicodeString& u) { traditional_to_simplified().transliterate(u); }

bool traditional_to_simplified_by_rules(icu::UnicodeString& u) {
  if (traditional_rules().always()) return false;
  traditional_rules().apply(u);
  return true;
}

icu::UnicodeString traditional_rules_from_icu() {
  icu::UnicodeString rules;
  traditional_to_simplified().toRules(rules, false);
  return rules;
}

icu::UnicodeString normalized_unicode(std::string_view s) {
  icu::UnicodeString n;
  if (all_ascii(s)) {
    n = from_utf8(s);  // NFKC and Traditional→Simplified leave ASCII as it is
  } else {
    icu::UnicodeString u = from_utf8(s);
    expand_enclosed_digits(u);
    UErrorCode status = U_ZERO_ERROR;
    n = nfkc().normalize(u, status);
    if (U_FAILURE(status)) n = u;
    transliterate_protected(n);
  }
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < n.length();) {
    UChar32 c = n.char32At(i);
    i += U16_LENGTH(c);
    if (detail::is_invisible(c)) continue;  // zero-width: not even a word break
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

}  // namespace detail

std::string normalize_text(std::string_view s) {
  thread_local detail::Memo<std::string> memo;
  return memo.get(s, [](std::string_view x) { return to_utf8(detail::normalized_unicode(x)); });
}

std::string display_form(std::string_view s) {
  if (all_ascii(s)) return std::string(s);
  // Most text is already in display form: well-formed UTF-8 with no full-width letter or digit and
  // no rewriting key is returned as it is, without a round trip through UTF-16 (read in one pass).
  bool changes = false;
  const TraditionalRules& rules = traditional_rules();
  if (!rules.always() && for_each_code_point(s, [&](UChar32 c, size_t begin, size_t) {
        changes = changes || (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) ||
                  rules.rewrites_at(s, begin, c);
      }) && !changes)
    return std::string(s);
  icu::UnicodeString u = from_utf8(s);
  for (int32_t i = 0; i < u.length(); ++i) {
    UChar c = u.charAt(i);
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
      u.setCharAt(i, static_cast<UChar>(c - 0xFEE0));
  }
  transliterate_protected(u);
  return to_utf8(u);
}

int least_key_length(std::string_view s) {
  const TraditionalRules& rules = traditional_rules();
  if (rules.always()) return 0;
  int n = 0;
  // Read up to an ill-formed sequence: the ideographs before it are kept all the same.
  for_each_code_point(s, [&](UChar32 c, size_t, size_t) {
    if (((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) && !rules.in_some_key(c)) ++n;
  });
  return n;
}

std::string label_key(std::string_view s) {
  thread_local detail::Memo<std::string> memo;
  return memo.get(s, compute_label_key);
}

std::string label_key_without_asides(std::string_view s) {
  thread_local detail::Memo<std::string> memo;
  return memo.get(s, [](std::string_view x) {
    const icu::UnicodeString u = detail::normalized_unicode(x);
    icu::UnicodeString kept;
    int depth = 0;
    for (int32_t i = 0; i < u.length(); ++i) {
      const UChar c = u.charAt(i);
      if (c == '(' || c == '[' || c == 0x3010) {  // ( [ 【
        ++depth;
        continue;
      }
      if ((c == ')' || c == ']' || c == 0x3011) && depth > 0) {
        --depth;
        continue;
      }
      if (depth == 0) kept.append(c);
    }
    return compute_label_key(to_utf8(kept));
  });
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // A page is mostly ASCII markup: eight bytes at a time while none has its high bit set.
    if (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Chinese text is mostly three-byte sequences: checked at once (E0 must not be overlong, ED must
    // not be a surrogate), the rest below.
    if ((c & 0xF0) == 0xE0 && i + 3 <= s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
      if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || (c == 0xE0 && b1 < 0xA0) || (c == 0xED && b1 >= 0xA0)) return false;
      i += 3;
      continue;
    }
    // Two- and four-byte sequences; a three-byte one here is cut short, and a byte that starts none is
    // ill-formed.
    const size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    if (n == 2 && c < 0xC2) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    if (n == 4) {
      unsigned cp = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12);
      if (cp < 0x10000 || cp > 0x10FFFF) return false;
    }
    i += n;
  }
  return true;
}

// strip_spaces and trim read the UTF-8 in place and copy its bytes: a round trip through UTF-16 for
// every table cell was ~7% of an HTML report's instructions (issue 25). Text that is not UTF-8
// throughout is read by ICU as before, each ill-formed sequence becoming U+FFFD.
std::string strip_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t from = 0;  // the bytes from here to the next space are copied in one go
  if (for_each_code_point(s, [&](UChar32 c, size_t begin, size_t end) {
        if (!is_space(c)) return;
        out.append(s.data() + from, begin - from);
        from = end;
      })) {
    out.append(s.data() + from, s.size() - from);
    return out;
  }
  const icu::UnicodeString u = from_utf8(s);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (!is_space(c)) kept.append(c);
  }
  return to_utf8(kept);
}

std::string trim(std::string_view s) {
  if (is_valid_utf8(s)) {
    // Only the ends are read, code point by code point; the middle is copied as it is.
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto length = static_cast<int64_t>(s.size());
    int64_t begin = 0, end = length;
    while (begin < length) {
      int64_t i = begin;
      UChar32 c;
      U8_NEXT(p, i, length, c);
      if (!is_space(c)) break;
      begin = i;
    }
    while (end > begin) {
      int64_t start = end - 1;  // the last code point's lead byte (the text is well-formed)
      while (start > begin && (p[start] & 0xC0) == 0x80) --start;
      int64_t i = start;
      UChar32 c;
      U8_NEXT(p, i, length, c);
      if (!is_space(c)) break;
      end = start;
    }
    return std::string(s.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin)));
  }
  const icu::UnicodeString u = from_utf8(s);
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

int lcs_length(std::string_view a, std::string_view b) {
  const auto x = detail::code_points(a), y = detail::code_points(b);
  std::vector<int> prev(y.size() + 1, 0), cur(y.size() + 1, 0);
  for (size_t i = 1; i <= x.size(); ++i) {
    for (size_t j = 1; j <= y.size(); ++j)
      cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

int edit_distance(std::string_view a, std::string_view b) {
  const auto x = detail::code_points(a), y = detail::code_points(b);
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
