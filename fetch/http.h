// What an HTTP answer says, read by pure functions (bytes in, result out) so each can be tested
// and fuzzed alone: the header block, Retry-After, HTTP dates, Content-Disposition (RFC 6266 with
// RFC 5987 `filename*=`, and the raw GBK / percent-encoded / RFC 2047 names real servers send).
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgk::fetch {

struct Headers {
  std::vector<std::pair<std::string, std::string>> fields;  // in order, names as sent
  // The first field of that name (case-insensitive), value trimmed.
  std::optional<std::string> get(std::string_view name) const;
};

struct ResponseHead {
  int status = 0;
  std::string status_line;  // "HTTP/1.1 200 OK"
  Headers headers;
};

// Parses the header block of the LAST response in `block` (a 100 Continue or an earlier hop may
// precede it): the status line, then `Name: value` lines; obsolete folded lines are joined to the
// field before. nullopt when there is no status line.
std::optional<ResponseHead> parse_response_head(std::string_view block);

// An HTTP date (IMF-fixdate, RFC 850, asctime) as a UTC time; nullopt if it is none.
std::optional<std::time_t> parse_http_date(std::string_view text);

// Retry-After: delay-seconds or an HTTP date, as seconds to wait from `now` (never negative);
// nullopt when the value is neither. Not clamped: the scheduler clamps.
std::optional<double> parse_retry_after(std::string_view value, std::time_t now);

// The file name a Content-Disposition value gives, as UTF-8 without any path: `filename*` (RFC 5987:
// charset'lang'%XX…, UTF-8 or GBK) wins over `filename`; a plain `filename` may be UTF-8, GBK
// bytes, percent-encoded or RFC 2047 (=?UTF-8?B?…?=). nullopt when no usable name is given.
std::optional<std::string> content_disposition_filename(std::string_view value);

// The charset named by a Content-Type value (`text/html; charset=GBK` → "GBK"), or "".
std::string content_type_charset(std::string_view content_type);

}  // namespace xxgk::fetch
