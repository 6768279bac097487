// Character encodings of Chinese pages and text files: declared, detected, and always verified.
#pragma once

#include "text/text.h"

#include <string>
#include <string_view>

namespace xxgk {

struct Decoded {
  std::string utf8;
  std::string charset;         // what was used: UTF-8, GB18030, Big5, UTF-16LE, …
  long invalid_sequences = 0;  // byte sequences no candidate could read, each replaced by U+FFFD
};

// Decodes bytes to UTF-8.
//  1. A BOM wins (UTF-8, UTF-16LE/BE, GB18030).
//  2. Bytes that are valid UTF-8 are UTF-8, whatever is declared: GBK text is almost never valid
//     UTF-8, while pages saved as UTF-8 often keep a stale gb2312 declaration.
//  3. Otherwise `declared` (e.g. from <meta charset>), ICU's detector's candidates, then GB18030,
//     Big5 and (where NUL bytes show it) UTF-16: each must give CJK text with at most a very few
//     invalid sequences (a stray byte, a page cut mid-character). The one whose text holds most of
//     the vocabulary of these reports wins, then the one with fewer invalid sequences, then the
//     declared one. So a wrong declaration does not win against the right decoding, and a clean
//     decoding into gibberish does not win against the right one with a stray byte.
//  4. Invalid sequences of the winner become U+FFFD; `invalid_sequences` says how many.
//  5. A declared non-CJK charset (ISO-8859-1, windows-1252, …) that decodes cleanly.
// GB2312 and GBK are read as GB18030, their superset. Throws DocumentError("encoding") when
// nothing can be verified.
Decoded decode_text(std::string_view bytes, std::string_view declared = {});

// Converts with one charset; returns false (and leaves out untouched) on any invalid sequence.
bool convert_strict(std::string_view bytes, std::string_view charset, std::string& out);

// is_valid_utf8 is text/text.h's.

// Share of CJK code points (ideographs, CJK and full-width punctuation) among non-ASCII ones;
// general punctuation (“” — …), circled numbers and the like count for neither side.
double cjk_ratio(std::string_view utf8);

// The charset name as ICU opens it, with GB2312/GBK folded to GB18030 ("gb2312" → "GB18030").
std::string canonical_charset(std::string_view name);

}  // namespace xxgk
