// The audit store: one SQLite file holding every document processed, its report, figures,
// findings and sections (schema in docs/schema.md). One writer (the audit coordinator) and any
// number of readers at once (WAL mode).
#pragma once

#include "audit/sqlite.h"
#include "model/report.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace xxgk {

struct StoreOutcome {
  bool skipped = false;            // a document with these bytes (sha256) was already stored
  std::int64_t document_id = 0;
  int revision = 1;                // > 1: a new revision of an earlier document (same path, or same agency and year)
  std::vector<std::int64_t> superseded;  // documents that stopped being current
  int successors_updated = 0;      // next-year reports whose cross-year findings were recomputed
};

class Store {
 public:
  enum class Access { read_write, read_only };
  // Opens or creates the store, bringing its schema to the current version (read_only: refuses
  // instead). Throws SchemaError / sql::StoreError with a plain message.
  explicit Store(const std::string& path, Access access = Access::read_write);

  bool has_document(const std::string& sha256);

  // Stores one processed document in its own transaction: the document, its report, figures,
  // findings (with the cross-year findings against last year's current report appended to
  // `report.findings`) and sections; marks what it supersedes; recomputes the cross-year findings
  // of the next year's current report. Nothing of it is visible until it commits.
  StoreOutcome store(Report& report, const std::string& processed_at);

  // The full report of a stored document (both languages of messages kept; error in the language
  // it was stored in).
  Report load(std::int64_t document_id);

  // Current documents in audit order: flagged first, then partial, failed, ok; by path within.
  // with_superseded: also earlier revisions, each after the current ones of its status.
  void for_each_current(const std::function<void(std::int64_t document_id)>& fn, bool with_superseded = false);

  sql::Connection& db() { return db_; }

 private:
  std::optional<std::int64_t> current_report(const std::string& agency_key, int year);
  void insert_findings(std::int64_t document_id, const std::vector<Finding>& findings);
  bool recompute_cross_year(std::int64_t document_id, const std::string& agency_key, int year);

  sql::Connection db_;
};

// Whether a finding comes from a rule over the store (cross_year.*), rather than from the document.
bool is_cross_year_rule(const std::string& rule);

// ok / flagged from the findings (any finding of severity error flags); other statuses unchanged.
std::string verdict(const std::string& status, const std::vector<Finding>& findings);

}  // namespace xxgk
