// What the site reads from the audit store, read-only: documents with their revision state, the
// revisions of a report, the fingerprint of everything a report's page shows (for incremental
// rebuilds), agencies with their documents, and the rows of the reports index. Every listing is
// streamed from SQLite in the order its pages are written; nothing holds all reports at once.
#pragma once

#include "audit/store.h"
#include "model/report.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgk::site {

// The figures the index, the overview and the agency pages show for every report: each a sum of
// canonical cells, null when any of them is missing or blank (a blank is not a zero).
struct KeyFigure {
  std::string_view id, zh, en;
  std::vector<std::array<std::string_view, 3>> cells;  // table, row, col
};
const std::vector<KeyFigure>& key_figures();
std::optional<double> key_value(const Report& r, const KeyFigure& k);

// Where an agency sits (the contract's report.region), when the store knows it.
struct Region {
  std::string code, level, role;
  std::vector<std::string> names;  // from the province down
};

struct DocumentMeta {
  std::int64_t id = 0;
  int revision = 1;
  bool is_current = true;
  std::optional<std::int64_t> supersedes;
  std::string processed_at;
  std::optional<std::string> agency_key;
  std::optional<int> year;
  std::string status;  // the report's verdict now (reports.status)
  std::optional<Region> region;
  // The agency a review of this report's findings is recorded under (reviews.agency_id, as `xxgk
  // review` writes it): reports.agency_id, else name/ + agency_key; none when the report names no agency.
  std::optional<std::string> review_agency;
};

// A finding of a stored document as its review control shows it: its stable key and numbers (what a
// verdict is recorded against, `xxgk review`), and the verdict the store holds for it now.
struct FindingReview {
  std::string key, figures, status;  // status: fail, not_assessable (only failing findings are reviewed)
  std::string verdict;               // open, confirmed, dismissed, changed (finding_verdicts.verdict)
  std::optional<std::string> reviewed_verdict, reviewer, reviewed_at, note;  // the latest review, if any
};

// One row of the reports index (a current report).
struct IndexRow {
  std::int64_t id = 0;
  std::optional<int> year;
  std::string name;        // the agency, or the file name when the document named none
  std::string agency_page;  // agency_page_key, "" without an agency
  std::string region_code;  // "" when not placed
  std::optional<Region> region;
  std::string status, format;
  int revision = 1;
  int errors = 0, warnings = 0;
  std::vector<std::string> rules;  // rules with a finding, sorted
  std::vector<std::optional<double>> keys;  // key_figures() in order
  // Failing findings not dismissed on review (open, confirmed, changed: what `xxgk review` counts as
  // open), and those dismissed.
  long open_findings = 0, dismissed_findings = 0;
  std::string shard;  // the index shard the row is written to
};

class SiteData {
 public:
  explicit SiteData(const std::string& db_path);
  SiteData(const SiteData&) = delete;
  SiteData& operator=(const SiteData&) = delete;

  Store& store() { return store_; }
  sql::Connection& db() { return store_.db(); }
  bool has_regions() const { return has_regions_; }

  DocumentMeta meta(std::int64_t id);
  Report load(std::int64_t id) { return store_.load(id); }
  // The stored document's own columns (path, format, size, sha256, processed_at, and whatever a
  // later schema adds: url, page_url, published, fetched_at …), NULLs left out.
  std::vector<std::pair<std::string, std::string>> provenance(std::int64_t id);
  // The document's revisions (same path, or same agency and year, and what they superseded),
  // oldest first, itself included.
  std::vector<std::int64_t> history(std::int64_t id);
  // A digest of every stored row the document's page shows: its documents and reports rows, its
  // findings, and the revision state of its history (figures and sections never change for a
  // stored document; a retried failure changes processed_at).
  std::string fingerprint(std::int64_t id);
  // The document's findings (store order, as Report::findings) with their keys and verdicts.
  std::vector<FindingReview> finding_reviews(std::int64_t id);

  // Agencies in agency_key order with their documents (every revision), streamed; only those
  // whose key hashes to `part` of `parts` (workers split the agencies this way).
  void for_each_agency(int part, int parts,
                       const std::function<void(const std::string& agency_key, const std::vector<std::int64_t>& documents)>& fn);
  // Documents whose report names no agency (failed documents mostly).
  std::vector<std::int64_t> documents_without_agency();

  // Current reports as index rows, grouped by shard (then by id).
  void for_each_index_row(const std::function<void(const IndexRow&)>& fn);
  // The years of the current reports, newest first (reports without a year, or year 0, left out).
  std::vector<int> report_years();
  // The first `limit` current reports in the index's default order: flagged, partial, failed, ok;
  // the latest year first; by agency.
  std::vector<IndexRow> first_rows(int limit);

 private:
  IndexRow index_row(sql::Statement& s);
  std::string index_select() const;

  Store store_;
  bool has_regions_ = false;
  sql::Statement meta_, docs_row_, reports_row_, findings_rows_, verdict_rows_, same_key_, same_path_;
};

// The shard a row is written to: its city (the first 4 digits of its region code), its province
// for a province's own agencies, or one of 16 buckets of unplaced agencies by their key; and its year.
std::string shard_of(const std::string& region_code, const std::string& agency_key, std::optional<int> year);

// 64-bit FNV-1a as 16 hex digits: the fingerprints of pages.
class Digest {
 public:
  void add(std::string_view s);
  void add_column(const sql::Statement& s, int col);  // type-tagged, so NULL, 1 and '1' differ
  std::string hex() const;

 private:
  std::uint64_t h_ = 1469598103934665603ULL;
};

}  // namespace xxgk::site
