// Inside the crawl: what every worker thread shares while it walks its hosts' sources.
#pragma once

#include "fetch/crawl.h"
#include "fetch/doc_store.h"
#include "fetch/listing.h"
#include "fetch/state.h"

#include <mutex>
#include <set>

namespace xxgk::fetch {

struct CrawlContext {
  const FetchOptions& options;
  Scheduler& scheduler;
  FetchState& state;
  DocumentStore& store;
  std::int64_t run_id = 0;
  std::mutex mutex;  // guards summary and reported_hosts
  FetchSummary& summary;
  std::set<std::string> reported_hosts;

  // Records a problem (in the database and the summary); a blocked or unreachable host once per run.
  void problem(const Source& src, std::int64_t source_id, const Url& url, const Fetched& f);
  void problem(const Source& src, std::int64_t source_id, const std::string& url, const std::string& kind, int status,
               const std::string& message);
};

// One article (or a listing entry that is the file itself): fetched, its files and, where it is
// the report, its page stored. Returns whether everything it needed was fetched (else it is
// tried again next run).
bool harvest_article(CrawlContext& c, const Source& src, std::int64_t source_id, const KnownEntry& entry);

// A single report URL (kind `document`).
bool harvest_document(CrawlContext& c, const Source& src, std::int64_t source_id);

}  // namespace xxgk::fetch
