// The downloader: bytes over HTTP(S) with libcurl, one transfer at a time per client (a client
// belongs to one host, so its connection is kept alive). It knows nothing of
// politeness (the scheduler decides when and whether to ask) nor of what the bytes mean.
//   - the body streams into memory or a file while it is hashed; the size cap is enforced in the
//     write callback, so a chunked body (no length to check first) is cut at the cap too, and a
//     gzip body is capped at its decoded size;
//   - timeouts on connect, on the whole transfer and on a stalled one (low speed);
//   - only http and https; redirects are NOT followed here (the scheduler follows them hop by hop,
//     each hop polite to its own host), except for robots.txt, which curl follows (≤ 5, http/https);
//   - gzip/deflate/br decoded (Accept-Encoding from libcurl's build);
//   - every exchange written to the WARC side stream when one is set.
#pragma once

#include "fetch/http.h"
#include "fetch/url.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace xxgk::fetch {

class WarcWriter;

struct ClientOptions {
  std::string user_agent = "xxgk";
  double connect_timeout = 15;    // seconds to set up a connection
  double timeout = 300;           // seconds for a whole transfer
  long low_speed_bytes = 512;     // a transfer slower than this many bytes/s …
  long low_speed_seconds = 60;    // … for this long is abandoned
};

struct Request {
  std::string method = "GET";
  Url url;
  std::vector<std::pair<std::string, std::string>> headers;  // added to libcurl's own
  std::uint64_t max_bytes = 200ull << 20;
  bool truncate_at_cap = false;  // keep the first max_bytes and call it a success (robots.txt)
  std::string body_file;         // set: the body streams into this file; else it is kept in memory
  bool insecure_tls = false;     // a source's TLS exception (expired or self-signed certificate)
  int follow_redirects = 0;      // > 0: libcurl follows up to this many (robots.txt only)
};

enum class TransferError { none, connect, timeout, too_large, tls, protocol, other };
std::string_view error_name(TransferError e);

struct Response {
  TransferError error = TransferError::none;
  std::string error_message;
  int status = 0;
  Headers headers;
  std::string raw_head;    // the response's header block as received
  std::string sent_head;   // the request's header block as sent (kept only when a WARC is written)
  std::string body;        // when kept in memory
  std::uint64_t body_bytes = 0;
  std::string sha256;      // of the (decoded) body
  bool truncated = false;  // cut at the cap (truncate_at_cap)
  std::string ip;
  std::string effective_url;  // after libcurl's redirects (robots.txt only)
  double seconds = 0;
  std::string fetched_at;  // RFC 3339 UTC, when the transfer ended

  bool ok() const { return error == TransferError::none; }
};

class HttpClient {
 public:
  HttpClient(ClientOptions options, WarcWriter* warc);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Never throws for what the network does: failures are in Response::error.
  Response perform(const Request& request);

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  ClientOptions options_;
  WarcWriter* warc_;
};

// RFC 3339 UTC time of now, to the second ("2026-01-05T02:14:09Z").
std::string utc_timestamp();

}  // namespace xxgk::fetch
