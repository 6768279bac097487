// Now, as an RFC 3339 UTC time to the second ("2026-01-05T02:14:09Z"): the one form every stored and
// logged timestamp of the pipeline takes (documents.processed_at, reviews, the fetch's state).
#pragma once

#include <ctime>
#include <string>

namespace xxgk {

inline std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace xxgk
