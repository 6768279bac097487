// WARC/1.1 (ISO 28500) as a side stream of the downloader, as wget and Heritrix write it: every
// HTTP exchange becomes a `request` and a `response` record (linked by WARC-Concurrent-To), after a
// `warcinfo` record naming the software. The payload is the body as the downloader delivered it
// (decoded: gzip undone, chunks joined), so its WARC-Payload-Digest is the stored document's sha256;
// the response's Content-Encoding / Transfer-Encoding / Content-Length headers are therefore kept
// renamed `X-Crawler-…` and a Content-Length of the payload given, as crawlers that store decoded
// payloads do, so a WARC reader does not decode twice. Digests are `sha256:<hex>`.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace xxgk::fetch {

struct WarcExchange {
  std::string target_uri;
  std::string ip;
  std::string request_head;   // as sent, ending in an empty line
  std::string request_body;
  std::string response_head;  // as received
  std::string_view body_memory;  // the payload, when held in memory …
  std::string body_file;         // … or the file it was streamed to
  std::uint64_t body_bytes = 0;
  std::string payload_sha256;
  std::string truncated;  // "" or WARC-Truncated's reason: length, time, disconnect
};

class WarcWriter {
 public:
  // Appends to `path` (WARC files may be concatenated), starting with a warcinfo record.
  // Throws std::runtime_error when the file cannot be opened.
  WarcWriter(const std::string& path, const std::string& software);
  ~WarcWriter();
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  // Thread-safe: the two records of one exchange are written together.
  void write(const WarcExchange& x);
  std::uint64_t records() const { return records_; }

 private:
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file_;
  std::mutex mutex_;
  std::uint64_t records_ = 0;
};

// The response header block as the WARC keeps it (see above): the encodings renamed, the payload's
// length given. Pure, for tests.
std::string warc_response_head(std::string_view raw_head, std::uint64_t payload_bytes);

}  // namespace xxgk::fetch
