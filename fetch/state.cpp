#include "fetch/state.h"

namespace xxgk::fetch {

FetchState::FetchState(const std::string& db_path) : store_(db_path) {}

std::int64_t FetchState::begin_run(const std::string& sources_file, const std::string& at) {
  std::lock_guard lock(mutex_);
  auto s = store_.db().prepare("INSERT INTO fetch_runs(started_at, sources_file, status) VALUES (?, ?, 'running')");
  s.bind(1, at).bind(2, sources_file).run();
  return store_.db().last_insert_id();
}

void FetchState::end_run(std::int64_t run, const std::string& status, const std::string& at, std::uint64_t requests,
                         std::uint64_t bytes, int new_files, int revised_files, int problems) {
  std::lock_guard lock(mutex_);
  auto s = store_.db().prepare(
      "UPDATE fetch_runs SET status = ?, finished_at = ?, requests = ?, bytes = ?, new_files = ?, revised_files = ?, "
      "problems = ? WHERE id = ?");
  s.bind(1, status).bind(2, at).bind(3, static_cast<std::int64_t>(requests)).bind(4, static_cast<std::int64_t>(bytes));
  s.bind(5, new_files).bind(6, revised_files).bind(7, problems).bind(8, run).run();
}

std::int64_t FetchState::source_id(const Source& src, const std::string& at) {
  std::lock_guard lock(mutex_);
  auto& db = store_.db();
  auto ins = db.prepare(
      "INSERT INTO fetch_sources(kind, url, agency, region, first_seen) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT(kind, url) DO UPDATE SET agency = excluded.agency, region = excluded.region");
  ins.bind(1, src.kind).bind(2, src.url.str()).bind(3, src.agency);
  if (src.region.empty()) ins.bind_null(4);
  else ins.bind(4, src.region);
  ins.bind(5, at).run();
  auto q = db.prepare("SELECT id FROM fetch_sources WHERE kind = ? AND url = ?");
  q.bind(1, src.kind).bind(2, src.url.str());
  q.step();
  return q.int64(0);
}

bool FetchState::walk_was_complete(std::int64_t source) {
  std::lock_guard lock(mutex_);
  auto q = store_.db().prepare("SELECT last_complete_walk_at IS NOT NULL FROM fetch_sources WHERE id = ?");
  q.bind(1, source);
  return q.step() && q.int64(0) != 0;
}

void FetchState::walk_ended(std::int64_t source, bool complete, const std::string& at) {
  std::lock_guard lock(mutex_);
  auto s = store_.db().prepare(complete ? "UPDATE fetch_sources SET last_walk_at = ?1, last_complete_walk_at = ?1 WHERE id = ?2"
                                        : "UPDATE fetch_sources SET last_walk_at = ?1 WHERE id = ?2");
  s.bind(1, at).bind(2, source).run();
}

bool FetchState::remember_entry(std::int64_t source, const ListingEntry& e, const std::string& at) {
  std::lock_guard lock(mutex_);
  auto s = store_.db().prepare(
      "INSERT INTO fetch_entries(source_id, url, title, published, first_seen) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT(source_id, url) DO NOTHING");
  s.bind(1, source).bind(2, e.url.str()).bind(3, e.title).bind(4, e.published).bind(5, at).run();
  return store_.db().changes() == 0;
}

std::vector<KnownEntry> FetchState::entries(std::int64_t source) {
  std::lock_guard lock(mutex_);
  std::vector<KnownEntry> out;
  auto q = store_.db().prepare(
      "SELECT url, title, published, done_at IS NOT NULL, checked_at FROM fetch_entries WHERE source_id = ? "
      "ORDER BY first_seen, url");
  q.bind(1, source);
  while (q.step()) out.push_back({q.text(0), q.text(1), q.opt_text(2), q.int64(3) != 0, q.opt_text(4)});
  return out;
}

void FetchState::entry_checked(std::int64_t source, const std::string& url, bool done, const std::string& at) {
  std::lock_guard lock(mutex_);
  auto s = store_.db().prepare(done ? "UPDATE fetch_entries SET done_at = coalesce(done_at, ?1), checked_at = ?1 "
                                      "WHERE source_id = ?2 AND url = ?3"
                                    : "UPDATE fetch_entries SET checked_at = ?1 WHERE source_id = ?2 AND url = ?3");
  s.bind(1, at).bind(2, source).bind(3, url).run();
}

UrlState FetchState::url_state(const std::string& url) {
  std::lock_guard lock(mutex_);
  auto q = store_.db().prepare("SELECT etag, last_modified, sha256, fingerprint FROM fetch_urls WHERE url = ?");
  q.bind(1, url);
  if (!q.step()) return {};
  return {q.opt_text(0), q.opt_text(1), q.opt_text(2), q.opt_text(3)};
}

namespace {

void upsert_url(sql::Connection& db, const std::string& url, const std::string& role, int status,
                const std::optional<std::string>& etag, const std::optional<std::string>& last_modified,
                const std::optional<std::string>& sha256, const std::optional<std::string>& fingerprint,
                const std::string& at) {
  // A 304 keeps the digest; a 200 replaces it (and dates the change when it differs).
  auto s = db.prepare(
      "INSERT INTO fetch_urls(url, role, etag, last_modified, sha256, fingerprint, http_status, first_seen, last_seen, "
      "last_changed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, CASE WHEN ?5 IS NULL THEN NULL ELSE ?8 END) "
      "ON CONFLICT(url) DO UPDATE SET etag = coalesce(?3, etag), last_modified = coalesce(?4, last_modified), "
      "last_changed = CASE WHEN ?5 IS NOT NULL AND ?5 IS NOT sha256 THEN ?8 ELSE last_changed END, "
      "sha256 = coalesce(?5, sha256), fingerprint = CASE WHEN ?5 IS NOT NULL THEN ?6 ELSE fingerprint END, "
      "http_status = ?7, last_seen = ?8");
  s.bind(1, url).bind(2, role).bind(3, etag).bind(4, last_modified).bind(5, sha256).bind(6, fingerprint);
  s.bind(7, status).bind(8, at).run();
}

}  // namespace

void FetchState::url_answered(const std::string& url, const std::string& role, int status,
                              const std::optional<std::string>& etag, const std::optional<std::string>& last_modified,
                              const std::optional<std::string>& sha256, const std::optional<std::string>& fingerprint,
                              const std::string& at) {
  std::lock_guard lock(mutex_);
  upsert_url(store_.db(), url, role, status, etag, last_modified, sha256, fingerprint, at);
}

FileOutcome FetchState::record_file(const FileRecord& f) {
  std::lock_guard lock(mutex_);
  auto& db = store_.db();
  sql::Transaction tx(db);
  FileOutcome out;
  {
    auto q = db.prepare("SELECT count(*) FROM fetched_files WHERE sha256 = ?");
    q.bind(1, f.sha256);
    q.step();
    out.fresh = q.int64(0) == 0;
  }
  std::optional<std::int64_t> previous;
  {
    auto q = db.prepare("SELECT id, sha256 = ?2 FROM fetched_files WHERE url = ?1 ORDER BY id DESC LIMIT 1");
    q.bind(1, f.url).bind(2, f.sha256);
    if (q.step()) {
      if (q.int64(1) != 0) out.already = true;
      else previous = q.int64(0);
    }
  }
  if (!out.already) {
    auto s = db.prepare(
        "INSERT INTO fetched_files(sha256, url, requested_url, page_url, source_id, agency, region, title, published, "
        "file_type, file_name, size, store_path, fetched_at, etag, last_modified, content_type, run_id, revision_of) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256, url) DO NOTHING");
    s.bind(1, f.sha256).bind(2, f.url).bind(3, f.requested_url).bind(4, f.page_url);
    if (f.source_id) s.bind(5, f.source_id);
    else s.bind_null(5);
    s.bind(6, f.agency);
    if (f.region.empty()) s.bind_null(7);
    else s.bind(7, f.region);
    s.bind(8, f.title).bind(9, f.published).bind(10, f.file_type).bind(11, f.file_name);
    s.bind(12, static_cast<std::int64_t>(f.size)).bind(13, f.store_path).bind(14, f.fetched_at).bind(15, f.etag);
    s.bind(16, f.last_modified).bind(17, f.content_type).bind(18, f.run_id).bind(19, previous).run();
    if (db.changes() == 0) out.already = true;  // these bytes came from this URL once before, earlier than the last
    else out.revision = previous.has_value();
  }
  if (out.already) out.fresh = false;
  upsert_url(db, f.url, "file", 200, f.etag, f.last_modified, f.sha256, f.fingerprint, f.fetched_at);
  tx.commit();
  return out;
}

std::vector<std::string> FetchState::files_of_page(const std::string& page_url) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  auto q = store_.db().prepare(
      "SELECT DISTINCT requested_url FROM fetched_files WHERE page_url = ?1 AND requested_url <> ?1 ORDER BY requested_url");
  q.bind(1, page_url);
  while (q.step()) out.push_back(q.text(0));
  return out;
}

bool FetchState::has_file(const std::string& sha256) {
  std::lock_guard lock(mutex_);
  auto q = store_.db().prepare("SELECT 1 FROM fetched_files WHERE sha256 = ? LIMIT 1");
  q.bind(1, sha256);
  return q.step();
}

void FetchState::problem(std::int64_t run, std::optional<std::int64_t> source, const std::string& host,
                         const std::string& url, const std::string& kind, int http_status, const std::string& message,
                         const std::string& at) {
  std::lock_guard lock(mutex_);
  auto s = store_.db().prepare(
      "INSERT INTO fetch_problems(run_id, source_id, host, url, kind, http_status, message, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, run).bind(2, source).bind(3, host).bind(4, url).bind(5, kind);
  if (http_status > 0) s.bind(6, http_status);
  else s.bind_null(6);
  s.bind(7, message).bind(8, at).run();
}

}  // namespace xxgk::fetch
