// The scheduler: every request of a fetch goes through it, and all politeness lives here, in one
// place (the listing readers know nothing of it):
//   - robots.txt per host (RFC 9309), fetched once per run (re-fetched after 24 h), through ≤ 5
//     redirects; 2xx is read, 4xx means no restrictions, 5xx / 429 / unreachable means the whole
//     host is disallowed (and reported);
//   - one request at a time per host, with a delay between them (the larger of --delay and the
//     host's Crawl-delay, the latter capped); many hosts in parallel from different threads;
//   - 429 / 503: wait Retry-After (seconds or an HTTP date), clamped, then retry a few times;
//   - 403 / 412 / 521 (WAF, anti-bot challenge): the host is stopped for the run and reported,
//     never asked again; so is a host that fails to answer several times in a row;
//   - redirects followed hop by hop (≤ 5, only to http/https, loops caught), each hop polite to its
//     own host and checked against that host's robots.txt.
#pragma once

#include "fetch/downloader.h"
#include "fetch/robots.h"
#include "fetch/url.h"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace xxgk::fetch {

struct Politeness {
  double delay = 2.0;               // seconds between two requests to one host
  double max_crawl_delay = 30;      // robots.txt Crawl-delay honoured up to this many seconds
  double max_retry_after = 120;     // Retry-After honoured up to this many seconds
  double default_retry_after = 30;  // the wait after a 429/503 that gives no Retry-After (clamped too)
  int max_retries = 2;              // 429/503 retried at most this many times per URL
  int max_redirects = 5;
  int max_host_failures = 3;        // consecutive failures to answer before a host is given up
  double robots_ttl = 24 * 3600;    // seconds a robots.txt is kept
  std::string robots_token = "xxgk";  // the product token robots.txt groups are matched against
};

enum class FetchStatus {
  ok,             // 2xx
  not_modified,   // 304 to a conditional request
  http_error,     // another status (404, 500, a 429 that kept coming …)
  disallowed,     // robots.txt disallows the URL
  blocked,        // the host is stopped for the run (403/412/521 now or before)
  unreachable,    // the host's robots.txt could not be had, or it stopped answering
  network_error,  // this transfer failed (timeout, connection refused, TLS …)
  too_large,      // the body passed the size cap
  redirect_error, // too many redirects, a loop, or a redirect to something not http(s)
  cancelled,
};
std::string_view status_name(FetchStatus s);

struct Fetched {
  FetchStatus status = FetchStatus::ok;
  Response response;  // of the last hop
  Url final_url;      // after redirects
  int redirects = 0;
  std::string message;  // plain words, for the log and the night's summary
};

// What a run did to a host, for the summary.
struct HostReport {
  std::string origin;
  std::string state;  // ok | blocked | unreachable
  int status = 0;     // the HTTP status that stopped it, if any
  std::string message;
  int requests = 0;
  int not_modified = 0;
  std::uint64_t bytes = 0;
  double crawl_delay = 0;  // the delay used between its requests
};

class Scheduler {
 public:
  // Conditional request headers (If-None-Match, If-Modified-Since) for a URL, asked per hop.
  using Validators = std::function<std::vector<std::pair<std::string, std::string>>(const Url&)>;

  Scheduler(Politeness politeness, ClientOptions client, WarcWriter* warc);
  ~Scheduler();

  // Thread-safe; blocks while another thread talks to the same host and while the host's delay runs.
  Fetched fetch(Request request, const Validators& validators = {});

  // Makes every waiting and later fetch return `cancelled` (a signal handler's flag is polled).
  void cancel() { cancelled_ = true; }
  bool cancelled() const { return cancelled_; }

  std::vector<HostReport> hosts();

 private:
  struct Host;
  Host& host_of(const Url& url);
  void ensure_robots(Host& h, const Url& url);
  void wait_turn(Host& h);
  double delay_of(const Host& h) const;

  Politeness politeness_;
  ClientOptions client_;
  WarcWriter* warc_;
  std::mutex hosts_mutex_;
  std::map<std::string, std::unique_ptr<Host>> hosts_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace xxgk::fetch
