// Helpers shared by the text/ sources (not part of the text/ interface).
#pragma once

#include <unicode/unistr.h>

#include <string>
#include <string_view>
#include <vector>

namespace xxgk::detail {

inline icu::UnicodeString from_utf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

inline std::string to_utf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

// White space in the widest sense: Unicode white space, NBSP, U+3000 and the invisible
// characters web pages and Word exports leave inside cells (zero-width space/joiners, BOM,
// word joiner, soft hyphen).
bool is_space(UChar32 c);

// The invisible ones among them (zero-width, BOM, soft hyphen): removed, never a word break.
bool is_invisible(UChar32 c);

// The normalized form behind normalize_text(), as UTF-16.
icu::UnicodeString normalized_unicode(std::string_view s);

// The rules of ICU's Traditional-Simplified transliterator as text.cpp reads them (the copy built in
// when the ICU in use is the version it was built against), and as the transliterator itself gives
// them: a test holds them equal.
icu::UnicodeString traditional_rules_read();
icu::UnicodeString traditional_rules_from_icu();

// Traditional→Simplified of the whole of `u` (no protected words) by ICU's transliterator, and by
// text.cpp's own reading of its rules (false when that reading takes no shortcut): a test holds
// them equal.
void traditional_to_simplified_by_icu(icu::UnicodeString& u);
bool traditional_to_simplified_by_rules(icu::UnicodeString& u);

std::vector<UChar32> code_points(std::string_view s);

}  // namespace xxgk::detail
