// `xxgk audit`: every document named by the paths, read in worker processes, stored in the
// SQLite store in sorted path order, each document whole (committed in batches); already stored documents
// (same sha256) are skipped, unless they failed and retry_failed asks for them again. The HTML
// audit report is written by its reader (publish/html_report.h) once the run is over.
#pragma once

#include "audit/progress.h"
#include "pipeline/process.h"
#include "pipeline/shard.h"

#include <string>
#include <vector>

namespace xxgk {

struct AuditOptions {
  std::vector<std::string> paths;
  std::string db_path = "xxgk.sqlite";
  int jobs = 1;
  ProcessOptions process;
  std::string worker_exe;                 // the xxgk binary, re-executed as `xxgk audit-worker`
  std::vector<std::string> worker_args;   // global options passed on to workers (log level, log file)
  int recycle_after = 1000;  // WorkerOptions::recycle_after
  bool retry_failed = false;  // read documents stored as failed again, replacing their outcome
  Progress::Mode progress = Progress::Mode::lines;
  Shard shard;  // only the documents of this shard (pipeline/shard.h); the whole batch by default
};

// Returns the exit status: 0 when every document listed was read (or was already stored), 1 when
// some document failed or a path is not a readable file. Throws SchemaError / sql::StoreError when
// the store cannot be opened or written.
int run_audit(const AuditOptions& options, RunSummary& summary);

// The worker-mode arguments that carry `options` to `xxgk audit-worker`.
std::vector<std::string> worker_arguments(const AuditOptions& options);

}  // namespace xxgk
