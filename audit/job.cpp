#include "audit/job.h"
#include "pipeline/utc_time.h"

#include "audit/reviews.h"
#include "audit/store.h"
#include "audit/worker_pool.h"
#include "extract/extractor.h"
#include "pipeline/sha256.h"
#include "pipeline/walk.h"
#include "text/shown_name.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <signal.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

namespace xxgk {
namespace {

// What the coordinator learns of a file before deciding whether a worker must read it.
struct FileLook {
  bool readable = false;
  std::string problem;  // why not, in plain words
  std::string sha256;
  std::uint64_t size = 0;
  std::string format;
};

// A file over `max_bytes` is refused by its size, before a byte is read (hashing a 2 GB file took
// 13 s): it is not stored (its digest, the store's key, is unknown) and is reported with the
// files that cannot be read.
FileLook look_at(const std::string& path, std::uint64_t max_bytes) {
  namespace fs = std::filesystem;
  FileLook l;
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return l.problem = "the file does not exist", l;
  if (fs::is_directory(st)) return l.problem = "the folder cannot be read", l;  // a walk could not list it
  if (!fs::is_regular_file(st)) return l.problem = "the path is not a regular file", l;
  const auto size = fs::file_size(path, ec);
  if (ec) return l.problem = "the file cannot be opened for reading", l;
  if (size > max_bytes)
    return l.problem = fmt::format("the file is {} bytes, more than the limit of {} bytes (--max-mb)", size, max_bytes), l;
  std::ifstream in(path, std::ios::binary);
  if (!in) return l.problem = "the file cannot be opened for reading", l;
  Sha256 h;
  static thread_local std::string chunk(256 << 10, '\0');  // one buffer for every file (a fresh 1 MiB each time cost page faults)
  std::string head;
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto n = static_cast<size_t>(in.gcount());
    h.update(std::string_view(chunk.data(), n));
    if (head.empty()) head.assign(chunk.data(), std::min<size_t>(n, 64 << 10));
    l.size += n;
  }
  l.sha256 = h.hex();
  l.format = detect_format(path, head);
  if (l.format.empty()) l.format = "unknown";
  l.readable = true;
  return l;
}

struct Pending {
  enum class Kind { report, skipped, missing } kind = Kind::report;
  Report report;
  std::string problem;
};

std::string result_line(const Report& r, const StoreOutcome& out) {
  std::string line = fmt::format("{}: {}", shown_name(r.source.path), r.status);
  if (r.error) line += fmt::format(" ({}: {})", r.error->code, r.error->message);
  if (!r.findings.empty()) line += fmt::format(", {} findings", r.findings.size());
  if (out.revision > 1) line += fmt::format(", revision {}", out.revision);
  if (out.retried) line += ", retried (stored as failed before)";
  if (out.superseded_by) line += ", superseded by a revision stored after its failed attempt";
  return line;
}

// The shard key of a document (pipeline/shard.h): a file `xxgk fetch` stored is keyed by the URL it
// came from (its first download, as its provenance), found by its place in the store folder —
// `<2 hex>/<sha256>.<ext>` at the end of its path, and a fetched_files row with that sha256 and
// store path — without reading it (no shard reads another's files); any other document by its path
// relative to the folder given. Needs the fetch's tables in the --db (the fetch's database or a copy).
std::string document_shard_key(Store& store, const std::string& document, const std::vector<std::string>& roots) {
  const std::string key = shard_key(document, roots);
  const size_t slash = key.rfind('/');
  if (slash == std::string::npos || slash < 2 || (slash > 2 && key[slash - 3] != '/')) return key;
  const std::string store_path = key.substr(slash - 2);  // "ab/<sha256>.pdf"
  const std::string name = key.substr(slash + 1);
  const std::string sha256 = name.substr(0, name.find('.'));
  if (sha256.size() != 64 || sha256.find_first_not_of("0123456789abcdef") != std::string::npos ||
      store_path.compare(0, 2, sha256, 0, 2) != 0)
    return key;
  auto s = store.db().cached("SELECT url FROM fetched_files WHERE sha256 = ? AND store_path = ? ORDER BY fetched_at, id LIMIT 1");
  s->bind(1, sha256).bind(2, store_path);
  return s->step() ? s->text(0) : key;
}

}  // namespace

std::vector<std::string> worker_arguments(const AuditOptions& o) {
  std::vector<std::string> a = {"audit-worker", "--lang", o.process.lang, "--max-bytes", std::to_string(o.process.max_bytes),
                                "--doc-timeout", fmt::format("{}", o.process.doc_timeout_seconds), "--doc-memory-mb",
                                fmt::format("{}", o.process.doc_memory_mb), "--ocr-dpi",
                                std::to_string(o.process.extract.ocr_dpi)};
  if (!o.process.extract.ocr) a.push_back("--no-ocr");
  a.insert(a.end(), o.worker_args.begin(), o.worker_args.end());
  return a;
}

int run_audit(const AuditOptions& o, RunSummary& sum) {
  signal(SIGPIPE, SIG_IGN);  // a worker that dies mid-request must not take the coordinator with it
  const auto start = std::chrono::steady_clock::now();
  Store store(o.db_path);
  store.savepoint_each_document(false);
  // Reports stored before the store had regions, or placed with older division data, are placed
  // (again) before this run adds to them.
  store.refresh_regions();
  std::vector<std::string> docs = collect_documents(o.paths);  // paths only: records are never kept
  if (!o.shard.whole()) {
    const size_t all = docs.size();
    std::erase_if(docs, [&](const std::string& d) { return !o.shard.owns(document_shard_key(store, d, o.paths)); });
    sum.shard = fmt::format("{}/{}", o.shard.index, o.shard.count);
    sum.outside_shard = all - docs.size();
  }
  sum.listed = docs.size();
  if (docs.empty()) spdlog::warn("no documents found under the paths given");
  Progress progress(o.progress, docs.size());
  const int jobs = std::max(1, std::min<int>(o.jobs, static_cast<int>(std::max<size_t>(1, docs.size()))));
  WorkerPool pool(jobs, WorkerOptions{o.worker_exe, worker_arguments(o), o.process.doc_timeout_seconds, o.recycle_after,
                                      o.process.lang});
  // Records are committed in path order, so a run's revisions and ids do not depend on which
  // worker finished first; at most `window` finished records wait for a slower one (a record is
  // tens of kB, so 16 per worker keeps the others busy behind a slow document — a DOC converted by
  // LibreOffice, a scanned PDF — for a few MB at most).
  const size_t window = static_cast<size_t>(jobs) * 16;
  std::map<size_t, Pending> ready;
  size_t next = 0, committed = 0;
  int exit_status = 0;
  sum.retry_failed = o.retry_failed;

  // Whether document i is already stored and so skipped. With --retry-failed a stored failure is
  // read again instead, once per run however many copies of its bytes are listed.
  std::vector<bool> retry(docs.size());
  std::set<std::string> failures_read;  // sha256 of the failures this run reads or has read (a few)
  auto already_stored = [&](size_t i, const std::string& sha256) {
    const auto status = store.stored_status(sha256);
    if (!status) return false;
    if (!o.retry_failed || *status != "failed" || !failures_read.insert(sha256).second) return true;
    retry[i] = true;
    return false;
  };

  // Documents are committed in batches: one commit per document rewrote every index page the
  // document touched — the figure and finding indices put each of its ~200 rows on a different
  // page — so the log grew by ~2.5 MB a document and storing cost more than reading (bench/store).
  // A batch is committed after kBatchDocuments documents or once it is kBatchSeconds old (checked
  // after each store and before waiting for a worker), and at the end: readers see whole documents,
  // at most that late; a killed run loses at most one batch, which the next run reads again. A
  // document is not a savepoint of its own (Store::savepoint_each_document): one that cannot be
  // stored rolls its whole batch back, as a kill would, and ends the run.
  constexpr size_t kBatchDocuments = 256;
  constexpr auto kBatchSeconds = std::chrono::milliseconds(250);
  std::optional<sql::Transaction> batch;
  auto batch_started = std::chrono::steady_clock::now();
  size_t in_batch = 0;
  auto flush = [&] {
    if (!batch) return;
    batch->commit();
    batch.reset();
  };

  auto commit = [&](size_t i, Pending& p) {
    if (p.kind == Pending::Kind::skipped) {
      ++sum.skipped;
      progress.done(shown_name(docs[i]) + ": already stored, skipped", true);
      return;
    }
    if (p.kind == Pending::Kind::missing) {
      ++sum.missing;
      exit_status = 1;
      progress.clear();
      spdlog::warn("{}: {}; not stored", shown_name(docs[i]), p.problem);
      progress.done(fmt::format("{}: not read: {}", shown_name(docs[i]), p.problem), true);
      return;
    }
    Report& r = p.report;
    if (r.status == "failed") {
      // A fetched document that could not be read (too large, crashed a library, timed out) is still
      // its source's agency's, in its source's region: coverage then says "failed", not "missing".
      const PlaceHint hint = place_hint(store.fetched_provenance(r.source.sha256));
      if (!hint.region_code.empty() || !hint.agency.empty()) place_report(r, hint);
    }
    if (!batch) {
      batch.emplace(store.db());
      batch_started = std::chrono::steady_clock::now();
      in_batch = 0;
    }
    StoreOutcome out;
    try {
      out = store.store(r, utc_now(), retry[i]);
    } catch (...) {
      // The batch holds part of this document: none of it is kept.
      batch.reset();
      progress.clear();
      spdlog::error("{}: could not be stored; the {} documents stored since the last commit were rolled back and the next "
                    "run reads them again",
                    shown_name(r.source.path), in_batch);
      throw;
    }
    if (++in_batch >= kBatchDocuments || std::chrono::steady_clock::now() - batch_started >= kBatchSeconds) flush();
    if (out.skipped) {  // the same bytes appeared twice in this run, or another run stored them meanwhile
      ++sum.skipped;
      progress.done(shown_name(r.source.path) + ": same bytes already stored, skipped", true);
      return;
    }
    ++sum.processed;
    ++(out.retried ? sum.retried : out.revision > 1 ? sum.revised : sum.added);
    ++sum.by_status[r.status];
    for (const auto& f : r.findings) ++sum.findings_by_rule[f.rule];
    sum.successors_updated += static_cast<size_t>(out.successors_updated);
    if (r.status == "failed") {
      if (o.retry_failed) failures_read.insert(r.source.sha256);  // a later copy of these bytes is not read again
      exit_status = 1;
      progress.clear();
      spdlog::warn("{}: failed: {}", shown_name(r.source.path), r.error ? r.error->message : "");
    }
    progress.done(result_line(r, out));
  };

  try {
    // Each turn: collect finished records without blocking, give each worker documents until it
    // holds tasks_per_worker (the one it reads and the next, waiting in its pipe, so it goes on while
    // the coordinator stores), then store one record (the next in path order) — so workers are not
    // left idle while the coordinator stores a run of ready records — or, with nothing to store,
    // wait for a worker.
    while (committed < docs.size()) {
      for (auto& res : pool.wait(0)) ready.emplace(res.index, Pending{Pending::Kind::report, std::move(res.report), {}});
      while (next < docs.size() && next < committed + window && pool.can_take()) {
        const size_t i = next++;
        const FileLook l = look_at(docs[i], o.process.max_bytes);
        Pending p;
        if (!l.readable) {
          p.kind = Pending::Kind::missing;
          p.problem = l.problem;
        } else if (already_stored(i, l.sha256)) {
          p.kind = Pending::Kind::skipped;
        } else {
          // A document `xxgk fetch` downloaded carries where and when it came from (found by its bytes).
          pool.submit(WorkerTask{i, docs[i], l.sha256, l.size, l.format, store.fetched_provenance(l.sha256)});
          continue;
        }
        ready.emplace(i, std::move(p));
      }
      if (auto it = ready.find(committed); it != ready.end()) {
        commit(committed, it->second);
        ready.erase(it);
        ++committed;
      } else {
        if (batch && std::chrono::steady_clock::now() - batch_started >= kBatchSeconds) flush();
        for (auto& res : pool.wait(200)) ready.emplace(res.index, Pending{Pending::Kind::report, std::move(res.report), {}});
      }
      progress.tick(pool.busy(), ready.size());
    }
    flush();
  } catch (...) {
    // Whatever else failed (a worker that could not be started, the poll), it came between two
    // documents: the batch holds whole documents and is kept. A failed store left none to keep.
    try {
      flush();
    } catch (const std::exception&) {  // the failure rolled the whole batch back: nothing more to keep
    }
    throw;
  }
  progress.finish();
  const FindingCounts counts = finding_counts(store);
  sum.findings_open = counts.open;
  sum.findings_confirmed = counts.confirmed;
  sum.findings_changed = counts.changed;
  sum.findings_dismissed = counts.dismissed;
  sum.worker_processes = pool.processes_started();
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return exit_status;
}

}  // namespace xxgk
