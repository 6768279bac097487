// "What changed tonight": a reader of the store (documents, figures, findings, and the fetch's
// tables) that says, for one nightly run, which reports are new, which were revised and which
// figures changed between the revisions, which findings are new, which documents failed, and which
// sources failed or were blocked. Written as text for people and as JSON for the audit site
// (format: docs/nightly.md).
#pragma once

#include "audit/store.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace xxgk {

struct FigureChange {
  std::string table, row, col;
  std::optional<std::string> before, after;  // the printed cell; nullopt where the revision lacks the figure
};

struct NightDocument {
  std::int64_t document_id = 0;
  std::string path, status;
  int revision = 1;
  std::optional<std::int64_t> supersedes;
  std::optional<std::string> agency, title, error_code, error_message;
  std::optional<int> year;
  std::optional<std::string> url, page_url, published, fetched_at;  // from the fetch, when it fetched the bytes
  std::vector<FigureChange> changed_figures;                         // against the superseded revision
};

struct NightFinding {
  std::int64_t document_id = 0;
  std::optional<std::string> agency;
  std::optional<int> year;
  std::string rule, severity, status;
  std::optional<std::string> table, row, col;
  std::string message_zh, message_en;
};

struct NightProblem {
  std::optional<std::string> agency, host, url;
  std::string kind;
  std::optional<int> http_status;
  std::string message;
};

// An agency whose report for a year is still missing after its legal deadline (coverage).
struct NightMissing {
  std::string agency, region, state;
  int year = 0;
  std::string due;  // the deadline that passed, YYYY-MM-DD
};

struct NightReport {
  std::string started_at, finished_at;
  std::string today;  // the date the night counts as (YYYY-MM-DD): missing reports are last year's, as of it
  int exit_status = 0;
  bool interrupted = false;
  std::int64_t fetch_run = 0;
  std::int64_t requests = 0, bytes = 0;
  int new_files = 0, revised_files = 0;
  std::vector<NightDocument> new_reports, revised_reports, failed_documents;
  std::vector<NightFinding> new_findings;
  std::vector<NightProblem> sources_failed;
  // nullopt: coverage was not computed (see docs/nightly.md).
  std::optional<std::vector<NightMissing>> missing_reports;
};

// Reads what fetch run `fetch_run` and the documents stored after `after_document_id` changed.
NightReport read_night(Store& store, std::int64_t fetch_run, std::int64_t after_document_id);

void write_night_text(std::FILE* out, const NightReport& night, const std::string& lang);
nlohmann::json night_json(const NightReport& night);

}  // namespace xxgk
