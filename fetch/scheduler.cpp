#include "fetch/scheduler.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

namespace xxgk::fetch {
namespace {

using Clock = std::chrono::steady_clock;

Clock::duration seconds(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, s)));
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

std::string_view status_name(FetchStatus s) {
  switch (s) {
    case FetchStatus::ok: return "ok";
    case FetchStatus::not_modified: return "not_modified";
    case FetchStatus::http_error: return "http_error";
    case FetchStatus::disallowed: return "disallowed";
    case FetchStatus::blocked: return "blocked";
    case FetchStatus::unreachable: return "unreachable";
    case FetchStatus::network_error: return "network_error";
    case FetchStatus::too_large: return "too_large";
    case FetchStatus::redirect_error: return "redirect_error";
    case FetchStatus::cancelled: break;
  }
  return "cancelled";
}

struct Scheduler::Host {
  std::string origin;
  std::mutex busy;  // held for a whole request and the wait before it: one request at a time
  Clock::time_point next = Clock::time_point::min();
  std::optional<RobotsRules> robots;
  Clock::time_point robots_at;
  std::unique_ptr<HttpClient> client;
  int failures = 0;  // consecutive transfers that got no answer
  // Read by hosts() from another thread: guarded by report_mutex.
  std::mutex report_mutex;
  HostReport report;
};

Scheduler::Scheduler(Politeness politeness, ClientOptions client, WarcWriter* warc)
    : politeness_(std::move(politeness)), client_(std::move(client)), warc_(warc) {}

Scheduler::~Scheduler() = default;

Scheduler::Host& Scheduler::host_of(const Url& url) {
  const std::string origin = url.origin();
  std::lock_guard lock(hosts_mutex_);
  auto& h = hosts_[origin];
  if (!h) {
    h = std::make_unique<Host>();
    h->origin = origin;
    h->client = std::make_unique<HttpClient>(client_, warc_);
    h->report.origin = origin;
    h->report.state = "ok";
    h->report.crawl_delay = politeness_.delay;
  }
  return *h;
}

double Scheduler::delay_of(const Host& h) const {
  double d = politeness_.delay;
  if (h.robots && h.robots->crawl_delay()) d = std::max(d, std::min(*h.robots->crawl_delay(), politeness_.max_crawl_delay));
  return d;
}

void Scheduler::wait_turn(Host& h) {
  // Sleeps in short slices so a cancelled run does not sit out a long Retry-After.
  while (!cancelled_ && Clock::now() < h.next)
    std::this_thread::sleep_for(std::min<Clock::duration>(h.next - Clock::now(), std::chrono::milliseconds(100)));
}

void Scheduler::ensure_robots(Host& h, const Url& url) {
  if (h.robots && Clock::now() - h.robots_at < seconds(politeness_.robots_ttl)) return;
  wait_turn(h);
  Request r;
  r.url = url;
  r.url.path = "/robots.txt";
  r.url.query.clear();
  r.url.has_query = false;
  r.max_bytes = kRobotsMaxBytes;
  r.truncate_at_cap = true;
  r.follow_redirects = politeness_.max_redirects;
  const Response res = h.client->perform(r);
  h.next = Clock::now() + seconds(politeness_.delay);
  h.robots_at = Clock::now();
  std::lock_guard lock(h.report_mutex);
  ++h.report.requests;
  h.report.bytes += res.body_bytes;
  if (!res.ok() && !(res.error == TransferError::protocol && is_redirect(res.status))) {
    // Unreachable: RFC 9309 says assume complete disallow.
    h.robots = RobotsRules::disallow_all();
    h.report.state = "unreachable";
    h.report.message = fmt::format("robots.txt could not be fetched ({}: {}): the host is treated as disallowed",
                                   error_name(res.error), res.error_message);
  } else if (res.status >= 200 && res.status < 300) {
    h.robots = RobotsRules::parse(res.body, politeness_.robots_token);
  } else if (res.status == 429 || res.status >= 500) {
    h.robots = RobotsRules::disallow_all();
    h.report.state = "unreachable";
    h.report.status = res.status;
    h.report.message =
        fmt::format("robots.txt answered {}: the host is treated as disallowed for this run (RFC 9309)", res.status);
  } else {
    // 4xx (404 included), or more than five redirects: no restrictions.
    h.robots = RobotsRules::allow_all();
  }
  h.report.crawl_delay = delay_of(h);
  if (h.robots->crawl_delay() && *h.robots->crawl_delay() > politeness_.max_crawl_delay)
    spdlog::info("{}: robots.txt asks a Crawl-delay of {} s; capped at {} s", h.origin, *h.robots->crawl_delay(),
                 politeness_.max_crawl_delay);
}

Fetched Scheduler::fetch(Request req, const Validators& validators) {
  Fetched out;
  const std::string first_url = req.url.str();
  std::set<std::string> seen{first_url};
  int retries = 0;
  for (;;) {
    out.final_url = req.url;
    Host& h = host_of(req.url);
    std::unique_lock busy(h.busy);
    auto stopped = [&]() -> bool {
      std::lock_guard lock(h.report_mutex);
      if (h.report.state == "ok") return false;
      out.status = h.report.state == "blocked" ? FetchStatus::blocked : FetchStatus::unreachable;
      out.message = fmt::format("{}: {}", h.origin, h.report.message);
      return true;
    };
    if (cancelled_) return out.status = FetchStatus::cancelled, out.message = "the run was stopped", out;
    if (stopped()) return out;
    ensure_robots(h, req.url);
    if (stopped()) return out;
    if (!h.robots->allowed(req.url.path_and_query())) {
      out.status = FetchStatus::disallowed;
      out.message = fmt::format("{}: robots.txt disallows it", req.url.str());
      return out;
    }
    wait_turn(h);
    if (cancelled_) return out.status = FetchStatus::cancelled, out.message = "the run was stopped", out;
    Request hop = req;
    if (validators)
      for (auto& kv : validators(req.url)) hop.headers.push_back(std::move(kv));
    out.response = h.client->perform(hop);
    h.next = Clock::now() + seconds(delay_of(h));
    const Response& res = out.response;
    {
      std::lock_guard lock(h.report_mutex);
      ++h.report.requests;
      h.report.bytes += res.body_bytes;
      if (res.status == 304) ++h.report.not_modified;
    }

    if (!res.ok() && res.status == 0) {
      out.status = FetchStatus::network_error;
      out.message = fmt::format("{}: {} ({})", req.url.str(), res.error_message, error_name(res.error));
      if (++h.failures >= politeness_.max_host_failures) {
        std::lock_guard lock(h.report_mutex);
        h.report.state = "unreachable";
        h.report.message = fmt::format("{} transfers in a row got no answer (last: {}); the host is given up for this run",
                                       h.failures, res.error_message);
      }
      return out;
    }
    h.failures = 0;
    if (res.error == TransferError::too_large) {
      out.status = FetchStatus::too_large;
      out.message = fmt::format("{}: {}", req.url.str(), res.error_message);
      return out;
    }
    if (!res.ok()) {
      out.status = FetchStatus::network_error;
      out.message = fmt::format("{}: {} ({})", req.url.str(), res.error_message, error_name(res.error));
      return out;
    }
    if (res.status == 403 || res.status == 412 || res.status == 521) {
      std::lock_guard lock(h.report_mutex);
      h.report.state = "blocked";
      h.report.status = res.status;
      h.report.message = fmt::format("answered {} to {} (a firewall or anti-bot challenge): stopped for this run",
                                     res.status, req.url.str());
      out.status = FetchStatus::blocked;
      out.message = fmt::format("{}: {}", h.origin, h.report.message);
      return out;
    }
    if ((res.status == 429 || res.status == 503) && retries < politeness_.max_retries) {
      const auto value = res.headers.get("Retry-After");
      const auto asked = value ? parse_retry_after(*value, std::time(nullptr)) : std::nullopt;
      const double wait = std::min(asked.value_or(politeness_.default_retry_after), politeness_.max_retry_after);
      if (asked && *asked > politeness_.max_retry_after)
        spdlog::info("{}: Retry-After asks {:.0f} s; waiting {:.0f} s", req.url.str(), *asked, wait);
      h.next = std::max(h.next, Clock::now() + seconds(wait));
      ++retries;
      continue;
    }
    if (is_redirect(res.status)) {
      const auto location = res.headers.get("Location");
      const auto next = location ? resolve_url(req.url, *location) : std::nullopt;
      out.status = FetchStatus::redirect_error;
      if (!next) {
        out.message = fmt::format("{}: redirect to {}, not an http(s) URL", req.url.str(), location.value_or("nothing"));
        return out;
      }
      if (out.redirects >= politeness_.max_redirects) {
        out.message = fmt::format("{}: more than {} redirects", first_url, politeness_.max_redirects);
        return out;
      }
      if (!seen.insert(next->str()).second) {
        out.message = fmt::format("{}: redirect loop back to {}", req.url.str(), next->str());
        return out;
      }
      ++out.redirects;
      if (res.status == 303 || ((res.status == 301 || res.status == 302) && req.method == "POST")) req.method = "GET";
      req.url = *next;
      retries = 0;
      continue;
    }
    if (res.status == 304) {
      out.status = FetchStatus::not_modified;
    } else if (res.status >= 200 && res.status < 300) {
      out.status = FetchStatus::ok;
    } else {
      out.status = FetchStatus::http_error;
      out.message = fmt::format("{}: HTTP {}", req.url.str(), res.status);
    }
    return out;
  }
}

std::vector<HostReport> Scheduler::hosts() {
  std::vector<HostReport> out;
  std::lock_guard lock(hosts_mutex_);
  for (auto& [origin, h] : hosts_) {
    std::lock_guard r(h->report_mutex);
    out.push_back(h->report);
  }
  return out;
}

}  // namespace xxgk::fetch
