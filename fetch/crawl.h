// `xxgk fetch`: walks every source's listing (all its pages, as its kind paginates), keeps the
// entries whose title names an annual report, opens each article and keeps the report itself (the
// files it links or embeds, or the page when it is the report), content-addressed in the store
// folder, each with its provenance in the database. Incremental: conditional requests, a walk that
// stops where the last complete walk had been, known reports revalidated, unchanged bytes never
// stored twice. Polite: every request goes through the scheduler. The fetch knows nothing of what
// the reports say: `xxgk audit` reads them.
#pragma once

#include "fetch/scheduler.h"
#include "fetch/sources.h"
#include "pipeline/shard.h"

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace xxgk::fetch {

struct FetchOptions {
  std::string sources_path;
  std::string store_dir;
  std::string db_path = "xxgk.sqlite";
  std::string warc_path;  // "" = no WARC
  Politeness politeness;
  ClientOptions client;
  int hosts = 8;                                  // hosts fetched in parallel
  std::uint64_t max_bytes = 200ull << 20;         // a report file
  std::uint64_t page_max_bytes = 16ull << 20;     // a listing or article page
  double revalidate_days = 0;                     // known reports asked again once their last check is this old (0: every run)
  bool full_walk = false;                         // walk every listing to its end, even where nothing is new
  Shard shard;  // only the sources whose host is of this shard (source_shard_key); every source by default
};

// The shard key of a source (`xxgk fetch --shard K/N`): the host name of its URL (the listing, or the
// document), lower case, without scheme or port. Every source of one host is in one shard, so N
// machines fetching at once still ask each host one thing at a time, with the delay between.
std::string source_shard_key(const Source& source);

// A report file stored (or found changed) by this run.
struct FetchedDocument {
  std::string path;  // in the store folder, as `xxgk audit` is to read it
  std::string sha256, url, page_url, agency, title, file_type;
  bool revision = false;  // new bytes at a URL that had a report before
};

struct FetchProblem {
  std::string agency, host, url;
  std::string kind;  // blocked, unreachable, disallowed, http_error, network_error, too_large, redirect_error, listing, store
  int http_status = 0;
  std::string message;
};

struct FetchSummary {
  int sources = 0;           // the sources fetched (those of the shard, with --shard)
  std::string shard;         // "K/N" with --shard, else ""
  int outside_shard = 0;     // sources left to the other shards
  int listing_pages = 0;
  int articles = 0;          // article pages asked (new and revalidated)
  int new_files = 0;         // bytes never downloaded before
  int revised_files = 0;     // new bytes at a known report's URL
  int unchanged = 0;         // answered 304, or the same bytes again
  std::vector<FetchedDocument> documents;  // new and revised, in the order stored
  std::vector<FetchProblem> problems;
  std::vector<SourceError> source_errors;
  std::vector<HostReport> hosts;
  std::uint64_t requests = 0, bytes = 0;
  double seconds = 0, cpu_seconds = 0;
  bool interrupted = false;
  std::int64_t run_id = 0;
};

// Exit status: 0 every source walked without a problem; 1 some source line, listing, page or file
// had a problem (each reported; the others were fetched), or a host was blocked; 4 stopped by
// SIGINT/SIGTERM (what was stored is kept). Throws SchemaError / sql::StoreError when the database
// cannot be used, std::runtime_error when the store folder or WARC file cannot be written.
int run_fetch(const FetchOptions& options, FetchSummary& summary);

}  // namespace xxgk::fetch

namespace xxgk::fetch {

// The run's summary in plain text: sources, pages, files new / revised / unchanged, problems by
// source, hosts stopped, requests, bytes, time and CPU per downloaded MB.
void write_fetch_summary(std::FILE* out, const FetchSummary& s);

}  // namespace xxgk::fetch
