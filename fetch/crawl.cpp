#include "fetch/crawl.h"

#include "fetch/crawl_context.h"
#include "fetch/warc.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <ctime>
#include <deque>
#include <map>
#include <thread>

namespace xxgk::fetch {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_stop_signal(int) { g_stop = 1; }

double cpu_seconds() {
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

// Whether a known report is due to be asked again.
bool due(const KnownEntry& e, double days, const std::string& now) {
  if (!e.done || !e.checked_at || days <= 0) return true;
  std::tm a{}, b{};
  if (!strptime(e.checked_at->c_str(), "%Y-%m-%dT%H:%M:%SZ", &a) || !strptime(now.c_str(), "%Y-%m-%dT%H:%M:%SZ", &b)) return true;
  return std::difftime(timegm(&b), timegm(&a)) >= days * 86400 - 1;
}

// Walks a source's listing, page by page, remembering every entry. Stops at the listing's end, or
// (after a complete walk before) at the first page with nothing new on it. Returns whether the
// walk was complete.
void walk_listing(CrawlContext& c, const Source& src, std::int64_t sid, const ListingReader& reader) {
  const bool known_before = !c.options.full_walk && c.state.walk_was_complete(sid);
  std::deque<Url> queue{src.url};
  std::set<std::string> queued{src.url.str()};
  bool complete = true;
  int page = 0;
  while (!queue.empty()) {
    if (page >= src.max_pages) {
      spdlog::warn("{}: stopped after {} listing pages (max_pages)", src.agency, page);
      break;
    }
    const Url url = queue.front();
    queue.pop_front();
    ++page;
    Request r;
    r.url = url;
    r.max_bytes = c.options.page_max_bytes;
    r.insecure_tls = src.insecure_tls;
    // The first page is asked conditionally once a walk went to the end: unchanged means nothing new.
    Scheduler::Validators v;
    if (known_before && page == 1)
      v = [&c](const Url& u) {
        std::vector<std::pair<std::string, std::string>> h;
        const auto s = c.state.url_state(u.str());
        if (s.etag) h.emplace_back("If-None-Match", *s.etag);
        if (s.last_modified) h.emplace_back("If-Modified-Since", *s.last_modified);
        return h;
      };
    const Fetched f = c.scheduler.fetch(r, v);
    if (f.status == FetchStatus::not_modified) {
      c.state.url_answered(f.final_url.str(), "listing", 304, f.response.headers.get("ETag"),
                           f.response.headers.get("Last-Modified"), std::nullopt, std::nullopt, f.response.fetched_at);
      break;
    }
    if (f.status != FetchStatus::ok) {
      c.problem(src, sid, f.final_url, f);
      complete = false;
      break;
    }
    c.state.url_answered(f.final_url.str(), "listing", f.response.status, f.response.headers.get("ETag"),
                         f.response.headers.get("Last-Modified"), f.response.sha256, std::nullopt, f.response.fetched_at);
    const ListingPage lp = reader.read(f.final_url, f.response.body, page);
    {
      std::lock_guard lock(c.mutex);
      ++c.summary.listing_pages;
    }
    if (!lp.problem.empty()) {
      c.problem(src, sid, f.final_url.str(), "listing", 0, fmt::format("{}: {}", f.final_url.str(), lp.problem));
      if (lp.entries.empty()) {
        complete = false;
        break;
      }
    }
    bool all_known = !lp.entries.empty();
    const std::string now = utc_timestamp();
    for (const auto& e : lp.entries)
      if (!c.state.remember_entry(sid, e, now)) all_known = false;
    if (known_before && all_known) break;  // where the last complete walk had been
    for (const auto& m : lp.more)
      if (queued.insert(m.str()).second) queue.push_back(m);
  }
  c.state.walk_ended(sid, complete, utc_timestamp());
}

void crawl_source(CrawlContext& c, const Source& src) {
  if (c.scheduler.cancelled()) return;
  const std::int64_t sid = c.state.source_id(src, utc_timestamp());
  if (src.kind == "document") {
    harvest_document(c, src, sid);
    return;
  }
  const ListingReader* reader = listing_reader(src.kind);
  if (!reader) return;
  walk_listing(c, src, sid, *reader);
  const TitleFilter filter(src.pattern, src.exclude);
  const std::string now = utc_timestamp();
  for (const auto& e : c.state.entries(sid)) {
    if (c.scheduler.cancelled()) return;
    if (!filter.matches(e.title) || !due(e, c.options.revalidate_days, now)) continue;
    const bool done = harvest_article(c, src, sid, e);
    if (!c.scheduler.cancelled()) c.state.entry_checked(sid, e.url, done, utc_timestamp());
  }
}

}  // namespace

void CrawlContext::problem(const Source& src, std::int64_t source_id, const Url& url, const Fetched& f) {
  if (f.status == FetchStatus::cancelled) return;
  const bool host_wide = f.status == FetchStatus::blocked || f.status == FetchStatus::unreachable;
  if (host_wide) {
    std::lock_guard lock(mutex);
    if (!reported_hosts.insert(url.origin()).second) return;  // once per host per run
  }
  problem(src, source_id, url.str(), std::string(status_name(f.status)), f.response.status, f.message);
}

void CrawlContext::problem(const Source& src, std::int64_t source_id, const std::string& url, const std::string& kind,
                           int status, const std::string& message) {
  const auto u = parse_url(url);
  const std::string host = u ? u->origin() : "";
  spdlog::warn("{}: {}: {}", src.agency, kind, message);
  state.problem(run_id, source_id, host, url, kind, status, message, utc_timestamp());
  std::lock_guard lock(mutex);
  summary.problems.push_back({src.agency, host, url, kind, status, message});
}

std::string source_shard_key(const Source& source) { return source.url.host; }

int run_fetch(const FetchOptions& o, FetchSummary& sum) {
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_seconds();
  SourcesFile sources = read_sources(o.sources_path);
  // Bad lines are every shard's to report: each read the whole file, and a bad line has no host.
  sum.source_errors = sources.errors;
  for (const auto& e : sources.errors) spdlog::error("{}", e.message);
  if (!o.shard.whole()) {
    const size_t all = sources.sources.size();
    std::erase_if(sources.sources, [&](const Source& s) { return !o.shard.owns(source_shard_key(s)); });
    sum.shard = fmt::format("{}/{}", o.shard.index, o.shard.count);
    sum.outside_shard = static_cast<int>(all - sources.sources.size());
  }
  sum.sources = static_cast<int>(sources.sources.size());

  FetchState state(o.db_path);
  DocumentStore store(o.store_dir);
  std::unique_ptr<WarcWriter> warc;
  if (!o.warc_path.empty()) warc = std::make_unique<WarcWriter>(o.warc_path, "xxgk/0.1 (" + o.client.user_agent + ")");
  Scheduler scheduler(o.politeness, o.client, warc.get());
  sum.run_id = state.begin_run(o.sources_path, utc_timestamp());
  for (const auto& e : sources.errors)
    state.problem(sum.run_id, std::nullopt, "", "", "sources_file", 0, e.message, utc_timestamp());
  CrawlContext c{o, scheduler, state, store, sum.run_id, {}, sum, {}};

  // One queue entry per listing host: its sources are walked one after another by one thread, so
  // a host never has two of our requests at once (the scheduler guarantees it anyway, also for
  // files on other hosts); hosts run in parallel.
  std::map<std::string, std::vector<const Source*>> by_host;
  for (const auto& s : sources.sources) by_host[s.url.origin()].push_back(&s);
  std::vector<const std::vector<const Source*>*> groups;
  for (const auto& [host, list] : by_host) groups.push_back(&list);
  std::atomic<size_t> next{0};

  g_stop = 0;
  auto old_int = std::signal(SIGINT, on_stop_signal);
  auto old_term = std::signal(SIGTERM, on_stop_signal);
  std::atomic<bool> finished{false};
  std::thread watcher([&] {
    while (!finished) {
      if (g_stop) scheduler.cancel();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  std::vector<std::thread> workers;
  const int threads = std::max(1, std::min<int>(o.hosts, static_cast<int>(groups.size())));
  std::exception_ptr failure;
  std::mutex failure_mutex;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&] {
      try {
        for (size_t i; (i = next++) < groups.size();)
          for (const Source* s : *groups[i]) crawl_source(c, *s);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        scheduler.cancel();
      }
    });
  for (auto& w : workers) w.join();
  finished = true;
  watcher.join();
  std::signal(SIGINT, old_int);
  std::signal(SIGTERM, old_term);

  sum.hosts = scheduler.hosts();
  for (const auto& h : sum.hosts) {
    sum.requests += static_cast<std::uint64_t>(h.requests);
    sum.bytes += h.bytes;
  }
  sum.interrupted = scheduler.cancelled();
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sum.cpu_seconds = cpu_seconds() - cpu_start;
  state.end_run(sum.run_id, sum.interrupted ? "interrupted" : "done", utc_timestamp(), sum.requests, sum.bytes,
                sum.new_files, sum.revised_files, static_cast<int>(sum.problems.size()));
  if (failure) std::rethrow_exception(failure);
  if (sum.interrupted) return 4;
  return sum.problems.empty() && sum.source_errors.empty() ? 0 : 1;
}

}  // namespace xxgk::fetch
