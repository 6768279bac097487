// The fetch's memory between nights, in the store's SQLite database (tables fetch_* and
// fetched_files, docs/schema.md): every URL asked with its validators (ETag, Last-Modified), the
// sha256 of its last body and when it was last seen; each source's listing entries and whether its
// last walk was complete; every file downloaded with its provenance; the runs and their problems.
// Thread-safe (one connection, one mutex); every change is its own small transaction, so a run
// killed at any moment leaves nothing half-written.
#pragma once

#include "audit/store.h"
#include "fetch/listing.h"
#include "fetch/sources.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace xxgk::fetch {

struct UrlState {
  std::optional<std::string> etag, last_modified, sha256, fingerprint;
};

struct KnownEntry {
  std::string url, title;
  std::optional<std::string> published;
  bool done = false;
  std::optional<std::string> checked_at;
};

// One downloaded body and where it came from.
struct FileRecord {
  std::string sha256;
  std::string url;            // after redirects
  std::string requested_url;  // the link followed
  std::string page_url;       // the article that published it
  std::int64_t source_id = 0;
  std::string agency, region;
  std::string title;
  std::optional<std::string> published;
  std::string file_type;
  std::optional<std::string> file_name;
  std::uint64_t size = 0;
  std::string store_path;
  std::string fetched_at;
  std::optional<std::string> etag, last_modified, content_type, fingerprint;
  std::int64_t run_id = 0;
};

struct FileOutcome {
  bool fresh = false;    // bytes never downloaded before (from anywhere)
  bool revision = false; // new bytes at a URL that had others: a revision of that report
  bool already = false;  // these bytes at this URL were recorded before
};

class FetchState {
 public:
  // Opens (creating or migrating) the store database. Throws SchemaError / sql::StoreError.
  explicit FetchState(const std::string& db_path);

  std::int64_t begin_run(const std::string& sources_file, const std::string& at);
  void end_run(std::int64_t run, const std::string& status, const std::string& at, std::uint64_t requests,
               std::uint64_t bytes, int new_files, int revised_files, int problems);

  std::int64_t source_id(const Source& s, const std::string& at);
  bool walk_was_complete(std::int64_t source);
  void walk_ended(std::int64_t source, bool complete, const std::string& at);

  // Adds an entry when new; returns whether it was known.
  bool remember_entry(std::int64_t source, const ListingEntry& e, const std::string& at);
  std::vector<KnownEntry> entries(std::int64_t source);
  void entry_checked(std::int64_t source, const std::string& url, bool done, const std::string& at);

  UrlState url_state(const std::string& url);
  // An answer to a URL (200 or 304): its validators and, for a 200, its body's digest.
  void url_answered(const std::string& url, const std::string& role, int status, const std::optional<std::string>& etag,
                    const std::optional<std::string>& last_modified, const std::optional<std::string>& sha256,
                    const std::optional<std::string>& fingerprint, const std::string& at);

  // Records a downloaded file (and the answer to its URL) in one transaction.
  FileOutcome record_file(const FileRecord& f);
  // The links followed from an article page to the files it published (for a page answered 304).
  std::vector<std::string> files_of_page(const std::string& page_url);
  bool has_file(const std::string& sha256);

  void problem(std::int64_t run, std::optional<std::int64_t> source, const std::string& host, const std::string& url,
               const std::string& kind, int http_status, const std::string& message, const std::string& at);

 private:
  std::mutex mutex_;
  Store store_;
};

}  // namespace xxgk::fetch
