#include "audit/store.h"

#include "audit/report_codec.h"
#include "audit/schema.h"
#include "validate/cross_year.h"
#include "validate/validator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <thread>
#include <utility>

namespace xxgk {
namespace {

// Switching a store to WAL needs the exclusive lock, taken from the shared lock the switch first
// reads under. Two processes opening one new store at once can each hold the shared lock and wait
// for the exclusive one; SQLite then answers SQLITE_BUSY at once, without calling the busy handler
// (waiting would deadlock), and the second audit ended "database is locked" (issue 17 item 4, seen
// 1 trial in 8 in CI-like runs). The switch is retried, as a writer waits, up to `wait`; the other
// process has finished it by then or holds the database for longer than any writer is waited for.
void switch_to_wal(sql::Connection& db, std::chrono::milliseconds wait) {
  const auto until = std::chrono::steady_clock::now() + wait;
  for (int attempt = 0;; ++attempt) {
    try {
      auto s = db.prepare("PRAGMA journal_mode = WAL");
      // The pragma answers the mode in force: the old one when it could not change it.
      if (s.step() && s.text(0) == "wal") return;
      if (std::chrono::steady_clock::now() >= until)
        throw sql::StoreError(db.path() + ": cannot switch to WAL journal mode (database is locked)", SQLITE_BUSY);
    } catch (const sql::StoreError& e) {
      const int code = e.code() & 0xff;
      if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || std::chrono::steady_clock::now() >= until) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2 + 3 * std::min(attempt, 15)));
  }
}

// A number as SQLite should hold it: an INTEGER when it is whole and printed without decimals
// (so `SELECT value` shows 12, not 12.0), else a REAL.
void bind_number(sql::Statement& s, int i, std::optional<double> v, int decimals) {
  if (!v) {
    s.bind_null(i);
  } else if (decimals == 0 && std::floor(*v) == *v && std::fabs(*v) < 9e15) {
    s.bind(i, static_cast<std::int64_t>(*v));
  } else {
    s.bind(i, *v);
  }
}

// The number bind_number stores, as column_number reads it back: the same value (a whole number may
// come back from the NUMERIC column as an integer, of the same value), except that -0 reads back as 0.
std::optional<double> as_stored(std::optional<double> v) {
  if (v && *v == 0) return 0.0;
  return v;
}

std::optional<double> column_number(const sql::Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return s.is_integer(col) ? static_cast<double>(s.int64(col)) : s.real(col);
}

int decimals_of(std::optional<double> v) { return v && std::floor(*v) != *v ? 1 : 0; }

std::optional<std::string> key_of(const Report& r) {
  if (!r.report.agency || !r.report.year) return std::nullopt;
  std::string k = agency_key(*r.report.agency);
  if (k.empty()) return std::nullopt;
  return k;
}

}  // namespace

bool is_cross_year_rule(const std::string& rule) { return rule.rfind("cross_year.", 0) == 0; }

std::string verdict(const std::string& status, const std::vector<Finding>& findings) {
  if (status != "ok" && status != "flagged") return status;
  for (const auto& f : findings)
    if (f.severity == "error") return "flagged";
  return "ok";
}

Store::Store(const std::string& path, Access access)
    : db_(path, access == Access::read_only  ? sql::Connection::Mode::read_write_existing
                : access == Access::snapshot ? sql::Connection::Mode::snapshot
                                             : sql::Connection::Mode::read_write_create) {
  if (access == Access::snapshot) {
    open_schema(db_, false);
    return;
  }
  if (access == Access::read_only) {
    // Opened writable but query-only: a store left by a killed run has a WAL to recover first,
    // which a read-only connection cannot do; query_only still refuses every write.
    db_.exec("PRAGMA query_only = 1");
  } else {
    // A file that is not an xxgk store (or is a newer one's) is refused before anything is written
    // to it: switching it to WAL would already change its bytes.
    check_schema(db_);
    // WAL: readers never block the writer nor see a half-written document. synchronous=NORMAL
    // in WAL mode loses no committed transaction when the process is killed (the OS keeps the
    // WAL pages); only a power cut may lose the last commits, and never corrupts the file.
    switch_to_wal(db_, std::chrono::milliseconds(10000));
    db_.exec("PRAGMA synchronous = NORMAL");
    // Each document is a savepoint inside a batch, and every statement that can fail midway keeps
    // a statement journal: both hold the pages they change in a temporary file unless told
    // otherwise — 140,000 4-byte and 4-KiB writes for 490 documents (bench/store). In memory they
    // are a few MB at most (one document's pages). A larger page cache (16 MiB, not growing with
    // the store) keeps a batch's index pages from spilling into the log before the commit.
    db_.exec("PRAGMA temp_store = MEMORY");
    db_.exec("PRAGMA cache_size = -16384");
  }
  db_.exec("PRAGMA foreign_keys = ON");
  open_schema(db_, access == Access::read_write);
  if (access == Access::read_write) backfill();
}

Provenance Store::fetched_provenance(const std::string& sha256) {
  Provenance p;
  auto s = db_.cached(
      "SELECT url, page_url, published, fetched_at, title, region, agency FROM fetched_files WHERE sha256 = ? "
      "ORDER BY fetched_at, id LIMIT 1");
  s->bind(1, sha256);
  if (!s->step()) return p;
  p.url = s->opt_text(0);
  p.page_url = s->opt_text(1);
  p.published = s->opt_text(2);
  p.fetched_at = s->opt_text(3);
  if (auto title = s->opt_text(4); title && !title->empty()) p.link_title = title;
  if (auto region = s->opt_text(5); region && !region->empty()) p.region = region;
  if (auto agency = s->opt_text(6); agency && !agency->empty()) p.agency = agency;
  return p;
}

bool Store::has_document(const std::string& sha256) { return stored_status(sha256).has_value(); }

std::optional<std::string> Store::stored_status(const std::string& sha256) {
  auto s = db_.cached("SELECT status FROM documents WHERE sha256 = ?");
  s->bind(1, sha256);
  if (!s->step()) return std::nullopt;
  return s->text(0);
}

std::optional<Store::StoredDocument> Store::stored_document(const std::string& sha256) {
  auto s = db_.cached(
      "SELECT d.id, d.status, d.revision, d.supersedes, d.is_current, r.agency_key, r.year "
      "FROM documents d LEFT JOIN reports r ON r.document_id = d.id WHERE d.sha256 = ?");
  s->bind(1, sha256);
  if (!s->step()) return std::nullopt;
  StoredDocument d{s->int64(0), s->text(1), static_cast<int>(s->int64(2)), s->opt_int64(3), s->int64(4) == 1, std::nullopt};
  if (!s->is_null(5) && !s->is_null(6)) d.key.emplace(s->text(5), static_cast<int>(s->int64(6)));
  return d;
}

std::optional<std::int64_t> Store::current_report(const std::string& agency_key, int year) {
  auto s = db_.cached(
      "SELECT d.id FROM documents d JOIN reports r ON r.document_id = d.id "
      "WHERE r.agency_key = ? AND r.year = ? AND d.is_current = 1 ORDER BY d.id DESC LIMIT 1");
  s->bind(1, agency_key).bind(2, year);
  if (!s->step()) return std::nullopt;
  return s->int64(0);
}

void Store::insert_findings(std::int64_t id, const std::vector<Finding>& findings, int first_seq,
                            const std::vector<Figure>* figures) {
  const FindingContext context = findings.empty() ? FindingContext{} : finding_context(id);
  // A finding's cells as stored: from the figures the document's rows were just written from, when
  // the caller has them (the first figure at an address, as stored_cell's ORDER BY seq), else read
  // back. Read back, each cell scanned the document's ~200 rows: 13% of a run's storing (bench/store).
  // A few findings of a few cells each: a scan costs less than indexing 200 figures by address.
  auto cell = [&](const CellAddress& c) -> std::optional<FindingCell> {
    if (!figures) return stored_cell(id, c);
    const auto it = std::find_if(figures->begin(), figures->end(), [&](const Figure& fig) {
      return fig.row == c.row && fig.col == c.col && fig.table == c.table;
    });
    if (it == figures->end()) return std::nullopt;
    return FindingCell{as_stored(it->value), it->raw};
  };
  db_.insert_rows("INSERT INTO findings(document_id, seq, rule, severity, status, table_id, row_id, col_id, expected, "
                  "actual, message_zh, message_en, cells, finding_key, figures)",
                  15, findings.size(), [&](sql::Statement& s, int p, size_t i) {
                    const Finding& f = findings[i];
                    s.bind(p, id).bind(p + 1, first_seq + static_cast<std::int64_t>(i));
                    s.bind_static(p + 2, f.rule).bind_static(p + 3, f.severity).bind_static(p + 4, f.status);
                    s.bind(p + 5, f.table).bind(p + 6, f.row).bind(p + 7, f.col);
                    bind_number(s, p + 8, f.expected, decimals_of(f.expected));
                    bind_number(s, p + 9, f.actual, decimals_of(f.actual));
                    s.bind_static(p + 10, f.message_zh).bind_static(p + 11, f.message_en);
                    s.bind(p + 12, cells_text(f.cells));  // copied: these three are built here
                    s.bind(p + 13, finding_key(context.identity, context.year, f));
                    s.bind(p + 14, finding_figures(f, cell));
                  });
}

// The report of (agency_key, year) lost or changed its predecessor: its cross-year findings are
// recomputed against whatever is now current for year-1 (or dropped when nothing is).
bool Store::recompute_cross_year(std::int64_t id, const std::string& key, int year) {
  forget(id);
  Report cur = load(id);
  std::vector<Finding> kept;
  for (const auto& f : cur.findings)
    if (!is_cross_year_rule(f.rule)) kept.push_back(f);
  if (auto prev = current_report(key, year - 1)) {
    for (auto& f : check_cross_year(load_recent(*prev), cur)) kept.push_back(std::move(f));
  }
  sort_findings(kept);
  if (findings_to_json(kept) == findings_to_json(cur.findings)) return false;
  auto del = db_.cached("DELETE FROM findings WHERE document_id = ?");
  del->bind(1, id).run();
  insert_findings(id, kept);
  auto upd = db_.cached("UPDATE reports SET status = ? WHERE document_id = ?");
  upd->bind(1, verdict(cur.status, kept)).bind(2, id).run();
  cur.findings = std::move(kept);  // the marks of its indicators follow its findings
  auto del_indicators = db_.cached("DELETE FROM indicators WHERE document_id = ?");
  del_indicators->bind(1, id).run();
  write_indicators(id, cur);
  return true;
}

// What a document takes over when it becomes current: the current document at its path (by_path),
// and the current report of its agency and year (two different documents, or the same one).
std::vector<std::pair<std::int64_t, int>> Store::current_rivals(const Report& r, const std::optional<std::string>& key,
                                                                bool by_path) {
  std::vector<std::pair<std::int64_t, int>> old;  // id, revision
  if (by_path) {
    auto s = db_.cached("SELECT id, revision FROM documents WHERE path = ? AND is_current = 1");
    s->bind(1, r.source.path);
    while (s->step()) old.emplace_back(s->int64(0), static_cast<int>(s->int64(1)));
  }
  if (key) {
    auto s = db_.cached(
        "SELECT d.id, d.revision FROM documents d JOIN reports r ON r.document_id = d.id "
        "WHERE r.agency_key = ? AND r.year = ? AND d.is_current = 1");
    s->bind(1, *key).bind(2, *r.report.year);
    while (s->step()) old.emplace_back(s->int64(0), static_cast<int>(s->int64(1)));
  }
  std::sort(old.begin(), old.end());
  old.erase(std::unique(old.begin(), old.end()), old.end());
  return old;
}

StoreOutcome Store::store(Report& r, const std::string& processed_at, bool retry_failed) {
  const auto version = db_.scalar_int("PRAGMA data_version");
  if (version != data_version_) recent_.clear();
  data_version_ = version;
  try {
    return store_one(r, processed_at, retry_failed);
  } catch (...) {
    recent_.clear();  // what was rolled back may have been remembered
    throw;
  }
}

const Report& Store::load_recent(std::int64_t id) {
  for (auto it = recent_.begin(); it != recent_.end(); ++it)
    if (it->first == id) {
      if (it + 1 != recent_.end()) std::rotate(it, it + 1, recent_.end());  // most recent last
      return recent_.back().second;
    }
  if (recent_.size() >= 4) recent_.erase(recent_.begin());
  recent_.emplace_back(id, load(id));
  return recent_.back().second;
}

void Store::forget(std::int64_t id) {
  std::erase_if(recent_, [id](const auto& e) { return e.first == id; });
}

StoreOutcome Store::store_one(Report& r, const std::string& processed_at, bool retry_failed) {
  StoreOutcome out;
  sql::Transaction tx(db_, savepoints_ ? sql::Transaction::Nested::savepoint : sql::Transaction::Nested::joined);
  const auto prior = stored_document(r.source.sha256);
  if (prior && !(retry_failed && prior->status == "failed")) {
    out.skipped = true;
    return out;  // the guard rolls back the empty transaction
  }
  const auto key = key_of(r);
  std::set<std::pair<std::string, int>> touched;  // (agency_key, year) whose successor must be recomputed
  std::optional<std::int64_t> supersedes;
  bool is_current = true;
  std::vector<std::pair<std::int64_t, int>> old;  // what this document supersedes: id, revision
  if (!prior) {
    old = current_rivals(r, key, true);
    if (key) touched.emplace(*key, *r.report.year);
  } else {
    // A retry keeps the failed row (its id, path, and what it superseded when first stored) and
    // drops whatever the failed attempt left beside it, so only the new outcome remains.
    out.retried = true;
    out.document_id = prior->id;
    out.revision = prior->revision;
    supersedes = prior->supersedes;
    is_current = prior->is_current;
    forget(prior->id);
    delete_contents(prior->id);
    // It is already the current document at its path, or a later document superseded it. Still
    // current, it meets its agency and year's current report as if it had been read right the
    // first time: the one stored first is superseded by the other.
    if (is_current) {
      if (prior->key) touched.insert(*prior->key);  // it may stop being that year's report
      if (key) {
        old = current_rivals(r, key, false);
        touched.emplace(*key, *r.report.year);
      }
      if (!old.empty() && old.back().first > prior->id) {
        out.superseded_by = old.back().first;
        supersede_retried(*prior, old.back().first);
        is_current = false;
        old.clear();
      }
    }
  }
  for (const auto& [id, rev] : old) {
    out.revision = std::max(out.revision, rev + 1);
    supersedes = supersedes ? std::max(*supersedes, id) : id;  // the most recent one
    out.superseded.push_back(id);
    auto k = db_.cached("SELECT agency_key, year FROM reports WHERE document_id = ? AND agency_key IS NOT NULL AND year IS NOT NULL");
    k->bind(1, id);
    if (k->step()) touched.emplace(k->text(0), static_cast<int>(k->int64(1)));
    auto upd = db_.cached("UPDATE documents SET is_current = 0 WHERE id = ?");
    upd->bind(1, id).run();
  }

  // Cross-year rules against last year's current report, if the store has one.
  if (key) {
    if (auto prev = current_report(*key, *r.report.year - 1)) {
      for (auto& f : check_cross_year(load_recent(*prev), r)) r.findings.push_back(std::move(f));
      sort_findings(r.findings);
      r.status = verdict(r.status, r.findings);
    }
  }

  // One set of numbered parameters for both statements: a retry updates the row it keeps (the same
  // bytes have the same size; the path stays the one it was first stored at; the provenance is the
  // retry's), a new document inserts one.
  auto doc = prior ? db_.cached(
                         "UPDATE documents SET format = ?3, pages = ?5, status = ?6, error_code = ?7, error_message = ?8, "
                         "processed_at = ?9, revision = ?10, supersedes = ?11, is_current = ?12, url = ?13, "
                         "page_url = ?14, published = ?15, fetched_at = ?16 WHERE id = ?17")
                   : db_.cached(
                         "INSERT INTO documents(path, sha256, format, size, pages, status, error_code, error_message, "
                         "processed_at, revision, supersedes, is_current, url, page_url, published, fetched_at) "
                         "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)");
  if (!prior) doc->bind(1, r.source.path).bind(2, r.source.sha256).bind(4, static_cast<std::int64_t>(r.source.size));
  doc->bind(3, r.source.format).bind(5, r.source.pages).bind(6, r.status);
  if (r.error) doc->bind(7, r.error->code).bind(8, r.error->message);
  doc->bind(9, processed_at).bind(10, out.revision).bind(11, supersedes).bind(12, is_current ? 1 : 0);
  doc->bind(13, r.source.url).bind(14, r.source.page_url).bind(15, r.source.published).bind(16, r.source.fetched_at);
  if (prior) doc->bind(17, prior->id);
  doc->run();
  if (!prior) out.document_id = db_.last_insert_id();
  insert_contents(out.document_id, r, key);

  // A report stored after its successor year's: the successor's cross-year findings were computed
  // against an older predecessor (or none) and are recomputed now, in the same transaction.
  for (const auto& [k, y] : touched)
    if (auto next = current_report(k, y + 1))
      if (recompute_cross_year(*next, k, y + 1)) ++out.successors_updated;

  tx.commit();
  return out;
}

// The current report `later` of a retried document's agency and year was stored after the failed
// attempt: it becomes the retried document's next revision, as it would have been then.
void Store::supersede_retried(const StoredDocument& retried, std::int64_t later) {
  auto upd = db_.cached(
      "UPDATE documents SET revision = max(revision, ?), supersedes = max(coalesce(supersedes, 0), ?) WHERE id = ?");
  upd->bind(1, retried.revision + 1).bind(2, retried.id).bind(3, later).run();
}

void Store::insert_contents(std::int64_t id, const Report& r, const std::optional<std::string>& key) {
  const bool placed = r.report.region && ensure_region(r.report.region->code);
  auto rep = db_.cached(
      "INSERT INTO reports(document_id, title, agency, agency_key, year, template, status, agency_source, "
      "region_code, region_role, agency_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  rep->bind(1, id).bind(2, r.report.title).bind(3, r.report.agency).bind(4, key);
  rep->bind(5, r.report.year).bind(6, r.report.template_version).bind(7, r.status).bind(8, r.report.agency_source);
  if (placed) rep->bind(9, r.report.region->code).bind(10, r.report.region->role);
  if (!r.report.agency_id.empty()) rep->bind(11, r.report.agency_id);
  rep->run();

  db_.insert_rows("INSERT INTO figures(document_id, seq, table_id, row_id, col_id, value, decimals, raw, page, confidence)",
                  10, r.figures.size(), [&](sql::Statement& s, int p, size_t i) {
                    const Figure& f = r.figures[i];
                    s.bind(p, id).bind(p + 1, static_cast<std::int64_t>(i));
                    s.bind_static(p + 2, f.table).bind_static(p + 3, f.row).bind_static(p + 4, f.col);
                    bind_number(s, p + 5, f.value, f.decimals);
                    s.bind(p + 6, f.decimals).bind_static(p + 7, f.raw).bind(p + 8, f.page).bind(p + 9, f.confidence);
                  });
  insert_findings(id, r.findings, 0, &r.figures);
  db_.insert_rows("INSERT INTO sections(document_id, key, text)", 3, r.sections.size(),
                  [&](sql::Statement& s, int p, size_t i) {
                    s.bind(p, id).bind_static(p + 1, r.sections[i].first).bind_static(p + 2, r.sections[i].second);
                  });
  write_indicators(id, r);
}

void Store::delete_contents(std::int64_t id) {
  for (const char* table : {"reports", "figures", "findings", "sections", "indicators"}) {
    auto del = db_.cached(std::string("DELETE FROM ") + table + " WHERE document_id = ?");
    del->bind(1, id).run();
  }
}

Report Store::load(std::int64_t id) {
  Report r;
  auto d = db_.cached(
      "SELECT d.path, d.sha256, d.format, d.size, d.pages, r.status, d.error_code, d.error_message, "
      "r.title, r.agency, r.year, r.template, d.url, d.page_url, d.published, d.fetched_at, r.agency_source, "
      "r.region_code, g.level, r.region_role, g.province, g.city, g.county, g.township, r.agency_id "
      "FROM documents d JOIN reports r ON r.document_id = d.id LEFT JOIN regions g ON g.code = r.region_code "
      "WHERE d.id = ?");
  d->bind(1, id);
  if (!d->step()) throw sql::StoreError("no document with id " + std::to_string(id));
  r.source.path = d->text(0);
  r.source.sha256 = d->text(1);
  r.source.format = d->text(2);
  r.source.pages = d->opt_int(4);
  r.source.size = static_cast<std::uint64_t>(d->int64(3));
  r.status = d->text(5);
  if (auto code = d->opt_text(6)) r.error = ErrorInfo{*code, d->text(7)};
  r.report.title = d->opt_text(8);
  r.report.agency = d->opt_text(9);
  r.report.year = d->opt_int(10);
  r.report.template_version = d->text(11);
  r.source.url = d->opt_text(12);
  r.source.page_url = d->opt_text(13);
  r.source.published = d->opt_text(14);
  r.source.fetched_at = d->opt_text(15);
  r.report.agency_source = d->opt_text(16);
  if (!d->is_null(17) && !d->is_null(18) && !d->is_null(19)) {
    Region g{d->text(17), d->text(18), {}, d->text(19)};
    for (int c = 20; c <= 23; ++c)
      if (!d->is_null(c)) g.names.push_back(d->text(c));
    r.report.region = std::move(g);
  }
  r.report.agency_id = d->opt_text(24).value_or("");

  auto f = db_.cached(
      "SELECT table_id, row_id, col_id, value, decimals, raw, page, confidence FROM figures "
      "WHERE document_id = ? ORDER BY seq");
  f->bind(1, id);
  while (f->step()) {
    Figure x;
    x.table = f->text(0);
    x.row = f->text(1);
    x.col = f->text(2);
    x.value = column_number(*f, 3);
    x.decimals = static_cast<int>(f->int64(4));
    x.raw = f->text(5);
    x.page = f->opt_int(6);
    if (!f->is_null(7)) x.confidence = f->real(7);
    r.figures.push_back(std::move(x));
  }
  auto s = db_.cached("SELECT key, text FROM sections WHERE document_id = ?");
  s->bind(1, id);
  std::vector<std::pair<std::string, std::string>> sections;
  while (s->step()) sections.emplace_back(s->text(0), s->text(1));
  for (const char* k : kSectionKeys)  // the contract's key order, not the index's
    for (auto& kv : sections)
      if (kv.first == k) r.sections.push_back(std::move(kv));

  auto g = db_.cached(
      "SELECT rule, severity, status, table_id, row_id, col_id, expected, actual, message_zh, message_en, cells "
      "FROM findings WHERE document_id = ? ORDER BY seq");
  g->bind(1, id);
  while (g->step()) {
    Finding x;
    x.rule = g->text(0);
    x.severity = g->text(1);
    x.status = g->text(2);
    x.table = g->opt_text(3);
    x.row = g->opt_text(4);
    x.col = g->opt_text(5);
    x.expected = column_number(*g, 6);
    x.actual = column_number(*g, 7);
    x.message_zh = g->text(8);
    x.message_en = g->text(9);
    x.cells = cells_from_json(nlohmann::json::parse(g->text(10)));
    r.findings.push_back(std::move(x));
  }
  return r;
}

void Store::for_each_current(const std::function<void(std::int64_t)>& fn, bool with_superseded) {
  auto s = db_.prepare(std::string(
      "SELECT d.id FROM documents d JOIN reports r ON r.document_id = d.id ") +
      (with_superseded ? "" : "WHERE d.is_current = 1 ") +
      "ORDER BY CASE r.status WHEN 'flagged' THEN 0 WHEN 'partial' THEN 1 WHEN 'failed' THEN 2 ELSE 3 END, "
      "d.is_current DESC, d.path, d.id");
  std::vector<std::int64_t> ids;  // ids only (8 bytes a document), so fn may use the connection
  while (s.step()) ids.push_back(s.int64(0));
  for (auto id : ids) fn(id);
}

}  // namespace xxgk
