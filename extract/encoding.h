// Character encodings of Chinese pages and text files: declared, detected, and always verified.
#pragma once

#include <string>
#include <string_view>

namespace xxgk {

struct Decoded {
  std::string utf8;
  std::string charset;  // what was used: UTF-8, GB18030, Big5, UTF-16LE, …
};

// Decodes bytes to UTF-8. A BOM wins; then `declared` (e.g. from <meta charset>), if decoding
// with it is clean; then UTF-8 when the bytes are valid UTF-8; then ICU's charset detector's
// candidates, each verified (no invalid sequences, CJK text present). GB2312 and GBK are read as
// GB18030, their superset. Throws DocumentError("encoding") when nothing decodes cleanly.
Decoded decode_text(std::string_view bytes, std::string_view declared = {});

// Converts with one charset; returns false (and leaves out untouched) on any invalid sequence.
bool convert_strict(std::string_view bytes, std::string_view charset, std::string& out);

bool is_valid_utf8(std::string_view s);

// Share of code points that are CJK ideographs, among non-space, non-ASCII-punctuation ones.
double cjk_ratio(std::string_view utf8);

}  // namespace xxgk
