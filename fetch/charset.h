// Text conversions the fetch needs (ICU underneath): file names and pages in UTF-8, GBK, GB18030.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace xxgk::fetch {

bool valid_utf8(std::string_view s);

// `bytes` in `charset` as UTF-8. GB2312 and GBK are read as GB18030 (their superset). strict: nullopt
// on any invalid sequence; else invalid sequences become U+FFFD. nullopt for an unknown charset.
std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset, bool strict);

std::string ascii_lower(std::string_view s);

}  // namespace xxgk::fetch
