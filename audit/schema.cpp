#include "audit/schema.h"

#include <fmt/format.h>

namespace xxgk {
namespace {

// The migrations, as data: entry i brings a database from version i to version i+1. A new
// schema version appends an entry (ALTER TABLE …, new tables, new indices) and never edits an old
// one, so a database of any older version is brought forward step by step. docs/schema.md
// documents the tables of the newest version.
constexpr const char* kMigrations[] = {
    // 0 → 1: the first schema.
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  path          TEXT NOT NULL,
  sha256        TEXT NOT NULL UNIQUE,
  format        TEXT NOT NULL,
  size          INTEGER NOT NULL,
  pages         INTEGER,
  status        TEXT NOT NULL CHECK (status IN ('ok', 'flagged', 'partial', 'failed')),
  error_code    TEXT,
  error_message TEXT,
  processed_at  TEXT NOT NULL,
  revision      INTEGER NOT NULL DEFAULT 1,
  supersedes    INTEGER REFERENCES documents(id),
  is_current    INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1))
);
CREATE INDEX documents_by_path ON documents(path);
CREATE UNIQUE INDEX documents_current_path ON documents(path) WHERE is_current = 1;
CREATE TABLE reports (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  title       TEXT,
  agency      TEXT,
  agency_key  TEXT,
  year        INTEGER,
  template    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('ok', 'flagged', 'partial', 'failed'))
);
CREATE INDEX reports_by_agency_year ON reports(agency_key, year);
CREATE INDEX reports_by_status ON reports(status);
CREATE TABLE figures (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  table_id    TEXT NOT NULL,
  row_id      TEXT NOT NULL,
  col_id      TEXT NOT NULL,
  value       NUMERIC,
  decimals    INTEGER NOT NULL DEFAULT 0,
  raw         TEXT NOT NULL,
  page        INTEGER,
  confidence  REAL,
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE INDEX figures_by_address ON figures(table_id, row_id, col_id);
CREATE TABLE findings (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  rule        TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  status      TEXT NOT NULL CHECK (status IN ('fail', 'not_assessable')),
  table_id    TEXT,
  row_id      TEXT,
  col_id      TEXT,
  expected    NUMERIC,
  actual      NUMERIC,
  message_zh  TEXT NOT NULL,
  message_en  TEXT NOT NULL,
  cells       TEXT NOT NULL,
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE INDEX findings_by_rule ON findings(rule, severity);
CREATE TABLE sections (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (document_id, key)
) WITHOUT ROWID;
CREATE VIEW current_reports AS
  SELECT d.id AS document_id, d.path, d.sha256, d.format, d.size, d.pages, d.revision, d.processed_at,
         r.title, r.agency, r.agency_key, r.year, r.template, r.status, d.error_code, d.error_message
  FROM documents d JOIN reports r ON r.document_id = d.id
  WHERE d.is_current = 1;
)sql",
    // 1 → 2: provenance of a document (the record's source.url, page_url, published, fetched_at;
    // NULL for a local file, and published also for a page that shows no date) and where its
    // report's agency was read when not from its title (record's report.agency_source).
    R"sql(
ALTER TABLE documents ADD COLUMN url TEXT;
ALTER TABLE documents ADD COLUMN page_url TEXT;
ALTER TABLE documents ADD COLUMN published TEXT;
ALTER TABLE documents ADD COLUMN fetched_at TEXT;
ALTER TABLE reports ADD COLUMN agency_source TEXT;
DROP VIEW current_reports;
CREATE VIEW current_reports AS
  SELECT d.id AS document_id, d.path, d.sha256, d.format, d.size, d.pages, d.revision, d.processed_at,
         r.title, r.agency, r.agency_key, r.year, r.template, r.status, d.error_code, d.error_message,
         d.url, d.page_url, d.published, d.fetched_at, r.agency_source
  FROM documents d JOIN reports r ON r.document_id = d.id
  WHERE d.is_current = 1;
)sql",
    // 2 → 3: where each agency sits (report.region), its identity across years, and the regions
    // reports are placed in with their ancestors (a tree the site and coverage read).
    R"sql(
CREATE TABLE regions (
  code     TEXT PRIMARY KEY,
  level    TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
  name     TEXT NOT NULL,
  parent   TEXT REFERENCES regions(code),
  province TEXT NOT NULL,
  city     TEXT,
  county   TEXT,
  township TEXT
) WITHOUT ROWID;
CREATE INDEX regions_by_parent ON regions(parent);
ALTER TABLE reports ADD COLUMN region_code TEXT REFERENCES regions(code);
ALTER TABLE reports ADD COLUMN region_role TEXT CHECK (region_role IN ('government', 'department'));
ALTER TABLE reports ADD COLUMN agency_id TEXT;
CREATE INDEX reports_by_region ON reports(region_code, year);
CREATE INDEX reports_by_agency_id ON reports(agency_id, year);
DROP VIEW current_reports;
CREATE VIEW current_reports AS
  SELECT d.id AS document_id, d.path, d.sha256, d.format, d.size, d.pages, d.revision, d.processed_at,
         r.title, r.agency, r.agency_key, r.year, r.template, r.status, d.error_code, d.error_message,
         d.url, d.page_url, d.published, d.fetched_at, r.agency_source,
         r.region_code, g.level AS region_level, r.region_role, g.province, g.city, g.county, g.township,
         r.agency_id
  FROM documents d JOIN reports r ON r.document_id = d.id LEFT JOIN regions g ON g.code = r.region_code
  WHERE d.is_current = 1;
)sql",
    // 3 → 4: the fetch's state (xxgk fetch): runs, sources, every URL asked with its validators,
    // listing entries, the files downloaded with their provenance, and the night's problems.
    R"sql(
CREATE TABLE fetch_runs (
  id            INTEGER PRIMARY KEY,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  sources_file  TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted')),
  requests      INTEGER NOT NULL DEFAULT 0,
  bytes         INTEGER NOT NULL DEFAULT 0,
  new_files     INTEGER NOT NULL DEFAULT 0,
  revised_files INTEGER NOT NULL DEFAULT 0,
  problems      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE fetch_sources (
  id                    INTEGER PRIMARY KEY,
  kind                  TEXT NOT NULL,
  url                   TEXT NOT NULL,
  agency                TEXT NOT NULL,
  region                TEXT,
  first_seen            TEXT NOT NULL,
  last_walk_at          TEXT,
  last_complete_walk_at TEXT,
  UNIQUE (kind, url)
);
CREATE TABLE fetch_urls (
  url           TEXT PRIMARY KEY,
  role          TEXT NOT NULL CHECK (role IN ('listing', 'article', 'file')),
  etag          TEXT,
  last_modified TEXT,
  sha256        TEXT,
  fingerprint   TEXT,
  http_status   INTEGER,
  first_seen    TEXT NOT NULL,
  last_seen     TEXT,
  last_changed  TEXT
) WITHOUT ROWID;
CREATE TABLE fetch_entries (
  source_id  INTEGER NOT NULL REFERENCES fetch_sources(id),
  url        TEXT NOT NULL,
  title      TEXT NOT NULL,
  published  TEXT,
  first_seen TEXT NOT NULL,
  done_at    TEXT,
  checked_at TEXT,
  PRIMARY KEY (source_id, url)
) WITHOUT ROWID;
CREATE TABLE fetched_files (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT NOT NULL,
  url           TEXT NOT NULL,
  requested_url TEXT NOT NULL,
  page_url      TEXT NOT NULL,
  source_id     INTEGER REFERENCES fetch_sources(id),
  agency        TEXT,
  region        TEXT,
  title         TEXT,
  published     TEXT,
  file_type     TEXT NOT NULL CHECK (file_type IN ('pdf', 'doc', 'wps', 'docx', 'html')),
  file_name     TEXT,
  size          INTEGER NOT NULL,
  store_path    TEXT NOT NULL,
  fetched_at    TEXT NOT NULL,
  etag          TEXT,
  last_modified TEXT,
  content_type  TEXT,
  run_id        INTEGER REFERENCES fetch_runs(id),
  revision_of   INTEGER REFERENCES fetched_files(id),
  UNIQUE (sha256, url)
);
CREATE INDEX fetched_files_by_sha256 ON fetched_files(sha256);
CREATE INDEX fetched_files_by_page ON fetched_files(page_url);
CREATE INDEX fetched_files_by_requested ON fetched_files(requested_url);
CREATE TABLE fetch_problems (
  run_id      INTEGER NOT NULL REFERENCES fetch_runs(id),
  source_id   INTEGER REFERENCES fetch_sources(id),
  host        TEXT,
  url         TEXT,
  kind        TEXT NOT NULL,
  http_status INTEGER,
  message     TEXT NOT NULL,
  at          TEXT NOT NULL
);
CREATE INDEX fetch_problems_by_run ON fetch_problems(run_id);
)sql",
    // 4 → 5: each report's indicators (contract/indicators.tsv, docs/indicators.md); a stable key
    // per finding (agency identity, year, rule, cells: it survives a rerun and a new revision that
    // finds the same) with the figures it read; the auditors' reviews of findings, append-only.
    // Rows stored before are given their indicators and keys by the next writer (Store's backfill).
    R"sql(
ALTER TABLE findings ADD COLUMN finding_key TEXT;
ALTER TABLE findings ADD COLUMN figures TEXT;
CREATE INDEX findings_by_key ON findings(finding_key);
CREATE TABLE indicators (
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,
  indicator     TEXT NOT NULL,
  value         REAL,
  numerator     NUMERIC,
  denominator   NUMERIC,
  null_reason   TEXT CHECK (null_reason IN ('blank', 'not_applicable', 'unread', 'zero_denominator')),
  null_operands TEXT NOT NULL,
  failing_rules TEXT NOT NULL,
  marked        INTEGER NOT NULL CHECK (marked IN (0, 1)),
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE INDEX indicators_by_id ON indicators(indicator);
CREATE TABLE reviews (
  id          INTEGER PRIMARY KEY,
  finding_key TEXT NOT NULL,
  verdict     TEXT NOT NULL CHECK (verdict IN ('confirmed', 'dismissed', 'open')),
  note        TEXT NOT NULL DEFAULT '',
  reviewer    TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  figures     TEXT,
  agency_id   TEXT,
  year        INTEGER,
  rule        TEXT
);
CREATE INDEX reviews_by_key ON reviews(finding_key, reviewed_at);
CREATE TRIGGER reviews_keep_history_update BEFORE UPDATE ON reviews
  BEGIN SELECT RAISE(ABORT, 'reviews are history: add a new review instead of changing one'); END;
CREATE TRIGGER reviews_keep_history_delete BEFORE DELETE ON reviews
  BEGIN SELECT RAISE(ABORT, 'reviews are history: add a new review instead of deleting one'); END;
CREATE VIEW finding_verdicts AS
  SELECT f.document_id, f.seq, f.finding_key, f.rule, f.severity, f.status, f.figures,
         v.verdict AS reviewed_verdict, v.note, v.reviewer, v.reviewed_at, v.figures AS reviewed_figures,
         CASE WHEN v.id IS NULL THEN 'open'
              WHEN v.verdict <> 'open' AND v.figures IS NOT NULL AND v.figures IS NOT f.figures THEN 'changed'
              ELSE v.verdict END AS verdict
  FROM findings f
  LEFT JOIN reviews v ON v.id = (SELECT id FROM reviews WHERE finding_key = f.finding_key
                                 ORDER BY reviewed_at DESC, id DESC LIMIT 1);
)sql",
    // 5 → 6: no address index on figures. Each report's ~200 figures landed on ~200 pages of it,
    // scattered through the whole store: a quarter of the audit coordinator's CPU and a third of
    // the store's size (bench/store), for queries by cell across reports that no reader of ours
    // makes (they go by document). docs/schema.md says how to make it for such queries.
    R"sql(
DROP INDEX figures_by_address;
)sql",
};

constexpr int kVersions = static_cast<int>(std::size(kMigrations));
static_assert(kVersions == kStoreSchemaVersion, "one migration per schema version");

}  // namespace

void check_schema(sql::Connection& db) {
  // One statement, so one snapshot: read apart, another process creating the store could commit
  // between the version (0, still empty) and the table count (tables now), and a new store would be
  // taken for a foreign database (HostileCli.TwoAuditsCreatingOneDatabaseBothSucceed, 2 in 8 under load).
  auto q = db.prepare(
      "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master), "
      "(SELECT count(*) FROM sqlite_master WHERE name = 'meta')");
  q.step();
  const int version = static_cast<int>(q.int64(0));
  const std::int64_t tables = q.int64(1), meta = q.int64(2);
  q.reset();
  if (version > kStoreSchemaVersion)
    throw SchemaError(fmt::format(
        "{} has schema version {}, newer than this xxgk understands (version {}): it was written by a newer xxgk; "
        "use that version, or another --db",
        db.path(), version, kStoreSchemaVersion));
  if (version == 0 && tables > 0)
    throw SchemaError(fmt::format("{} is an SQLite database but not an xxgk store (it has tables but no xxgk schema "
                                  "version): refusing to write into it",
                                  db.path()));
  if (version > 0 && meta == 0)
    throw SchemaError(fmt::format("{} has user_version {} but no meta table: not an xxgk store", db.path(), version));
}

void open_schema(sql::Connection& db, bool writable) {
  check_schema(db);
  if (db.scalar_int("PRAGMA user_version") == kStoreSchemaVersion) return;
  if (!writable)
    throw SchemaError(fmt::format("{} has schema version {}; open it once with `xxgk audit` to bring it to version {}",
                                  db.path(), db.scalar_int("PRAGMA user_version"), kStoreSchemaVersion));
  // Each step and its version stamp commit together: an interrupted migration leaves the old version.
  // The version is read again inside the write transaction (BEGIN IMMEDIATE waits for another
  // writer): a run that created or migrated the database meanwhile has done this step already.
  for (;;) {
    sql::Transaction tx(db);
    check_schema(db);
    const int v = static_cast<int>(db.scalar_int("PRAGMA user_version"));
    if (v >= kStoreSchemaVersion) break;
    db.exec(kMigrations[v]);
    db.exec(fmt::format("PRAGMA user_version = {}", v + 1));
    db.exec(fmt::format("INSERT INTO meta(key, value) VALUES ('schema_version', '{0}') "
                        "ON CONFLICT(key) DO UPDATE SET value = '{0}'",
                        v + 1));
    db.exec("INSERT OR IGNORE INTO meta(key, value) VALUES ('application', 'xxgk')");
    tx.commit();
  }
}

}  // namespace xxgk
