// The audit store: one SQLite file holding every document processed, its report, figures,
// findings and sections (schema in docs/schema.md). One writer (the audit coordinator) and any
// number of readers at once (WAL mode).
#pragma once

#include "audit/finding_keys.h"
#include "audit/sqlite.h"
#include "model/report.h"
#include "regions/place.h"
#include "pipeline/process.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace xxgk {

struct StoreOutcome {
  bool skipped = false;            // a document with these bytes (sha256) was already stored
  bool retried = false;            // the bytes were stored as failed; this outcome replaced that one
  std::int64_t document_id = 0;
  int revision = 1;                // > 1: a new revision of an earlier document (same path, or same agency and year)
  std::vector<std::int64_t> superseded;  // documents that stopped being current
  std::optional<std::int64_t> superseded_by;  // a retried document's agency and year had a report stored after it
  int successors_updated = 0;      // next-year reports whose cross-year findings were recomputed
};

class Store {
 public:
  // snapshot: a finished store read as it is (a shard being merged): nothing written, no side file
  // created, its write-ahead log (if any) not read — see audit/merge.h for when that is allowed.
  enum class Access { read_write, read_only, snapshot };
  // Opens or creates the store, bringing its schema to the current version (read_only, snapshot:
  // refuses instead). Throws SchemaError / sql::StoreError with a plain message.
  explicit Store(const std::string& path, Access access = Access::read_write);

  bool has_document(const std::string& sha256);
  // The status the document with these bytes had when it was read (documents.status: ok,
  // flagged, partial, failed), or nothing when no such document is stored.
  std::optional<std::string> stored_status(const std::string& sha256);

  // Stores one processed document in its own transaction (a savepoint inside the caller's, when
  // the caller batches documents in one): the document, its report, figures,
  // findings (with the cross-year findings against last year's current report appended to
  // `report.findings`) and sections; marks what it supersedes; recomputes the cross-year findings
  // of the next year's current report. Nothing of it is visible until it commits.
  // retry_failed: when these bytes are stored as `failed`, this outcome replaces that one in the
  // same row (its id, path and what it superseded kept), as if the document had been read right
  // the first time; without it they are skipped, as are bytes stored with any other status.
  StoreOutcome store(Report& report, const std::string& processed_at, bool retry_failed = false);

  // Off: inside the caller's transaction a document is stored without a savepoint of its own, for a
  // caller that rolls its whole transaction back when a store fails (audit's batches). A savepoint
  // copies every page its document changes the first time it does — for ~200 figures, ~200 pages of
  // what was then the figures' address index — which was a fifth of the audit coordinator's CPU
  // (bench/store).
  void savepoint_each_document(bool on) { savepoints_ = on; }

  // What `xxgk fetch` recorded of these bytes (table fetched_files: the first download of them): the
  // URL, the article page, the date and title the listing showed, when they were fetched, and the
  // region and agency of the sources file's line they came through (which place the report). Empty
  // for bytes the fetch never downloaded.
  Provenance fetched_provenance(const std::string& sha256);

  // The full report of a stored document (both languages of messages kept; error in the language
  // it was stored in).
  Report load(std::int64_t document_id);

  // Places every stored report in its region again (regions/place.h) when the division data or the
  // resolver changed since the store last did (meta.regions_data), or the store has reports placed
  // by no version yet (a store migrated from schema 1). Updates reports.region_code, region_role,
  // agency_id and the region.* findings, in one transaction; returns how many reports changed.
  // `hint_of` gives a document's sources-file hint (its division code and agency); by default, a
  // fetched document's is its provenance's (fetched_provenance), as when it was first read.
  size_t refresh_regions(const std::function<PlaceHint(std::int64_t document_id)>& hint_of = {});

  // Current documents in audit order: flagged first, then partial, failed, ok; by path within.
  // with_superseded: also earlier revisions, each after the current ones of its status.
  void for_each_current(const std::function<void(std::int64_t document_id)>& fn, bool with_superseded = false);

  sql::Connection& db() { return db_; }

 private:
  // A stored document as a retry of its bytes finds it.
  struct StoredDocument {
    std::int64_t id = 0;
    std::string status;
    int revision = 1;
    std::optional<std::int64_t> supersedes;
    bool is_current = false;
    std::optional<std::pair<std::string, int>> key;  // its report's (agency_key, year)
  };
  std::optional<StoredDocument> stored_document(const std::string& sha256);
  PlaceHint fetched_hint(std::int64_t document_id);  // as fetched_provenance gives it, by document
  StoreOutcome store_one(Report& report, const std::string& processed_at, bool retry_failed);
  void insert_contents(std::int64_t document_id, const Report& report, const std::optional<std::string>& agency_key);
  // Writes the region and its ancestors into table regions; false for a code the data lacks.
  bool ensure_region(const std::string& code);
  void delete_contents(std::int64_t document_id);
  std::vector<std::pair<std::int64_t, int>> current_rivals(const Report& report, const std::optional<std::string>& agency_key,
                                                           bool by_path);
  void supersede_retried(const StoredDocument& retried, std::int64_t later);
  std::optional<std::int64_t> current_report(const std::string& agency_key, int year);
  // Writes the findings with their keys and figures (audit/finding_keys.h), read against the
  // document's stored report and figures (which must be written first).
  // `figures`: the figures the document's rows were written from, to look the cells up in (else the
  // store is read).
  void insert_findings(std::int64_t document_id, const std::vector<Finding>& findings, int first_seq = 0,
                       const std::vector<Figure>* figures = nullptr);
  // Every finding's key and figures written anew (its agency identity changed: placed in a region).
  void rekey_findings(std::int64_t document_id);
  // The report's indicators (indicators/compute.h) written from its figures and findings, for a
  // document that has none stored (the caller deletes what it replaces).
  void write_indicators(std::int64_t document_id, const Report& report);
  // A store migrated from before schema 5: the reports it holds are given their indicators and
  // their findings keys, once, in one transaction. Cheap when there is nothing to do.
  void backfill();
  struct FindingContext {
    std::string identity;
    std::optional<int> year;
  };
  FindingContext finding_context(std::int64_t document_id);
  std::optional<FindingCell> stored_cell(std::int64_t document_id, const CellAddress& cell);
  bool recompute_cross_year(std::int64_t document_id, const std::string& agency_key, int year);

  // The reports store() compared new ones against lately (last year's current report is loaded
  // for every document of its agency): a few, by id, dropped when one of them changes, when a
  // store fails, and when another connection committed (PRAGMA data_version).
  const Report& load_recent(std::int64_t document_id);
  void forget(std::int64_t document_id);
  std::vector<std::pair<std::int64_t, Report>> recent_;
  std::int64_t data_version_ = -1;
  bool savepoints_ = true;

  sql::Connection db_;
};

// Whether a finding comes from a rule over the store (cross_year.*), rather than from the document.
bool is_cross_year_rule(const std::string& rule);

// ok / flagged from the findings (any finding of severity error flags); other statuses unchanged.
std::string verdict(const std::string& status, const std::vector<Finding>& findings);

}  // namespace xxgk
