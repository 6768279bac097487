// `xxgk nightly CONFIG`: the one command a cron job or a systemd timer runs. Under a lock (a second
// run exits at once), it fetches (xxgk fetch), audits what is new or changed (xxgk audit, which runs
// the cross-year rules over the whole database), rewrites the HTML report, and prints and saves
// "what changed tonight" (text and JSON, docs/nightly.md).
#pragma once

#include "nightly/config.h"

#include <cstdio>
#include <string>
#include <vector>

namespace xxgk::nightly {

// Exit statuses (docs/nightly.md).
inline constexpr int kOk = 0;            // everything fetched and read
inline constexpr int kProblems = 1;      // done, but some source, file or document had a problem (in the summary)
inline constexpr int kUsage = 2;         // the config or the database cannot be used: nothing done
inline constexpr int kDatabase = 3;      // the database could not be written during the run
inline constexpr int kInterrupted = 4;   // stopped by SIGINT/SIGTERM: what was done is kept, the next run goes on
inline constexpr int kLocked = 5;        // another nightly run holds the lock: nothing done

struct NightlyProgram {
  std::string worker_exe;                // the xxgk binary, re-executed for the audit's workers
  std::vector<std::string> worker_args;  // global options passed on (log level, log file)
};

int run_nightly(const Config& config, const NightlyProgram& program, std::FILE* out);

}  // namespace xxgk::nightly
