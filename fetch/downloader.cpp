#include "fetch/downloader.h"
#include "pipeline/utc_time.h"

#include "fetch/warc.h"
#include "pipeline/sha256.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace xxgk::fetch {
namespace {

struct EasyCleanup {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct FileClose {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Where the body goes while it streams in.
struct Sink {
  std::string* memory = nullptr;
  std::FILE* file = nullptr;
  Sha256 hash;
  std::uint64_t bytes = 0;
  std::uint64_t cap = 0;
  bool truncate_at_cap = false;
  bool over_cap = false;
  bool write_failed = false;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t len = size * n;
  if (sink->bytes + len > sink->cap) {
    // The cap: a chunked body has no length to check up front, so it is enforced here, as the
    // bytes arrive. Returning less than given makes libcurl stop the transfer.
    sink->over_cap = true;
    if (!sink->truncate_at_cap) return 0;
    len = static_cast<size_t>(sink->cap - sink->bytes);
  }
  const std::string_view chunk(data, len);
  sink->hash.update(chunk);
  if (sink->memory) sink->memory->append(chunk);
  if (sink->file && std::fwrite(data, 1, len, sink->file) != len) {
    sink->write_failed = true;
    return 0;
  }
  sink->bytes += len;
  return sink->over_cap ? 0 : size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* head = static_cast<std::string*>(user);
  const std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) head->clear();  // a 100 Continue, or an earlier hop (robots.txt)
  if (head->size() < (1u << 20)) head->append(line);
  return size * n;
}

int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type == CURLINFO_HEADER_OUT) static_cast<std::string*>(user)->assign(data, size);
  return 0;
}

TransferError classify(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return TransferError::timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT: return TransferError::connect;
    case CURLE_FILESIZE_EXCEEDED: return TransferError::too_large;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE: return TransferError::tls;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_TOO_MANY_REDIRECTS: return TransferError::protocol;
    default: return TransferError::other;
  }
}

}  // namespace

std::string_view error_name(TransferError e) {
  switch (e) {
    case TransferError::none: return "none";
    case TransferError::connect: return "connect";
    case TransferError::timeout: return "timeout";
    case TransferError::too_large: return "too_large";
    case TransferError::tls: return "tls";
    case TransferError::protocol: return "protocol";
    case TransferError::other: break;
  }
  return "other";
}

std::string utc_timestamp() { return utc_now(); }

struct HttpClient::Handle {
  std::unique_ptr<CURL, EasyCleanup> easy;
};

HttpClient::HttpClient(ClientOptions options, WarcWriter* warc)
    : handle_(std::make_unique<Handle>()), options_(std::move(options)), warc_(warc) {
  global_init();
  handle_->easy.reset(curl_easy_init());
}

HttpClient::~HttpClient() = default;

Response HttpClient::perform(const Request& req) {
  Response res;
  CURL* c = handle_->easy.get();
  if (!c) {
    res.error = TransferError::other;
    res.error_message = "libcurl could not make a handle";
    return res;
  }
  // A reset keeps the live connection, and the DNS cache: one host, one connection.
  curl_easy_reset(c);
  std::unique_ptr<std::FILE, FileClose> file;
  if (!req.body_file.empty()) {
    file.reset(std::fopen(req.body_file.c_str(), "wb"));
    if (!file) {
      res.error = TransferError::other;
      res.error_message = fmt::format("cannot write {}", req.body_file);
      return res;
    }
  }
  Sink sink;
  sink.memory = file ? nullptr : &res.body;
  sink.file = file.get();
  sink.cap = req.max_bytes;
  sink.truncate_at_cap = req.truncate_at_cap;

  const std::string url = req.url.str();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, req.follow_redirects > 0 ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, static_cast<long>(req.follow_redirects));
  curl_easy_setopt(c, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl decodes: gzip, deflate, br
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout * 1000));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout * 1000));
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, options_.low_speed_seconds);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for timeouts
  // No cookie engine: the crawl needs no session, and libcurl 7.88 leaks its cookie-file list
  // when CURLOPT_COOKIEFILE is set on a handle that is later reset.
  if (!req.truncate_at_cap) curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(req.max_bytes));
  if (req.insecure_tls) {
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (req.method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  else if (req.method != "GET") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req.method.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &res.raw_head);
  if (warc_) {
    // The request head as sent, for the WARC: only the debug callback sees it, and only in verbose
    // mode (whose formatting costs CPU on every transfer: so only when a WARC is written).
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, on_debug);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, &res.sent_head);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
  }
  std::unique_ptr<curl_slist, SlistFree> headers;
  for (const auto& [k, v] : req.headers) {
    // curl_slist_append returns the same head, or null (and frees nothing) when it fails.
    if (curl_slist* head = curl_slist_append(headers.get(), fmt::format("{}: {}", k, v).c_str())) {
      (void)headers.release();
      headers.reset(head);
    }
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

  const auto start = std::chrono::steady_clock::now();
  const CURLcode code = curl_easy_perform(c);
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  res.fetched_at = utc_timestamp();
  if (file) {
    if (std::fflush(file.get()) != 0) sink.write_failed = true;
    file.reset();
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  res.status = static_cast<int>(status);
  if (const char* ip = nullptr; curl_easy_getinfo(c, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip) res.ip = ip;
  if (const char* eff = nullptr; curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK && eff) res.effective_url = eff;
  if (auto head = parse_response_head(res.raw_head)) res.headers = std::move(head->headers);
  res.body_bytes = sink.bytes;
  res.sha256 = sink.hash.hex();
  res.truncated = sink.over_cap && req.truncate_at_cap;

  if (sink.write_failed) {
    res.error = TransferError::other;
    res.error_message = fmt::format("the body could not be written to {}", req.body_file);
  } else if (sink.over_cap && !req.truncate_at_cap) {
    res.error = TransferError::too_large;
    res.error_message = fmt::format("the body is larger than the limit of {} bytes", req.max_bytes);
  } else if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && res.truncated)) {
    res.error = classify(code);
    res.error_message = curl_easy_strerror(code);
    if (code == CURLE_FILESIZE_EXCEEDED)
      res.error_message = fmt::format("the declared length is larger than the limit of {} bytes", req.max_bytes);
  }
  if (warc_ && res.status > 0) {
    WarcExchange x;
    x.target_uri = req.follow_redirects > 0 && !res.effective_url.empty() ? res.effective_url : url;
    x.ip = res.ip;
    x.request_head = res.sent_head;
    x.response_head = res.raw_head;
    if (req.body_file.empty()) x.body_memory = res.body;
    x.body_file = req.body_file;
    x.body_bytes = res.body_bytes;
    x.payload_sha256 = res.sha256;
    if (sink.over_cap) x.truncated = "length";
    else if (res.error == TransferError::timeout) x.truncated = "time";
    else if (!res.ok()) x.truncated = "disconnect";
    warc_->write(x);
  }
  return res;
}

}  // namespace xxgk::fetch
