#include "text/shown_name.h"

#include <unicode/utf8.h>

#include <fmt/format.h>

namespace xxgk {

std::string shown_name(std::string_view bytes, bool controls) {
  std::string out;
  out.reserve(bytes.size());
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int64_t>(bytes.size());
  for (int64_t i = 0; i < length;) {
    const int64_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {  // an invalid sequence: its first byte escaped, then go on from the next byte
      out += fmt::format("\\x{:02X}", s[start]);
      i = start + 1;
    } else if (controls && (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))) {
      if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c < 0x80) out += fmt::format("\\x{:02X}", c);
      else out += fmt::format("\\u{:04X}", c);
    } else {
      out.append(bytes.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

}  // namespace xxgk
