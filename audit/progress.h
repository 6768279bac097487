// What a person watching an audit sees: a progress bar on a terminal (documents done/total,
// rate, ETA), plain log lines otherwise, and the run summary at the end.
#pragma once

#include <chrono>
#include <cstdio>
#include <map>
#include <string>

namespace xxgk {

struct RunSummary {
  size_t listed = 0;     // documents named by the paths (of this shard, with --shard)
  std::string shard;          // "K/N" when the run read one shard
  size_t outside_shard = 0;   // documents named by the paths that belong to other shards
  size_t processed = 0;  // read and stored in this run
  size_t added = 0;      // stored as the first revision of a document
  size_t revised = 0;    // stored as a new revision (same path, or same agency and year)
  size_t retried = 0;    // stored as failed before and read again (--retry-failed); their new outcome replaced the old
  size_t skipped = 0;    // already stored (same sha256)
  size_t missing = 0;    // paths that are not readable files (not stored)
  size_t successors_updated = 0;
  std::map<std::string, size_t> by_status;  // of the documents stored in this run
  std::map<std::string, size_t> findings_by_rule;
  double seconds = 0;
  int worker_processes = 0;
  bool retry_failed = false;  // the run was asked to retry failures: the summary counts them
  // The failing findings of the store's current reports, by review state (xxgk review), after the run.
  size_t findings_open = 0, findings_confirmed = 0, findings_changed = 0, findings_dismissed = 0;
};

// Writes the summary in plain text (several lines).
void write_summary(std::FILE* out, const RunSummary& s, const std::string& db_path, const std::string& html_path);

class Progress {
 public:
  enum class Mode { bar, lines, none };
  Progress(Mode mode, size_t total);

  // One more document done; `line` is its log line (shown in lines mode, logged at info level).
  void done(const std::string& line, bool quiet_in_lines_mode = false);
  // Redraws the bar (at most a few times a second). reading: documents in workers; waiting: read
  // but not stored yet (records are stored in path order, behind a slower document).
  void tick(size_t reading = 0, size_t waiting = 0);
  void clear();   // erases the bar so that a log line starts on a clean line (it is redrawn on the next tick)
  void finish();  // clears the bar

  static Mode detect();  // bar when standard error is a terminal, else lines

 private:
  void draw(bool force);
  Mode mode_;
  size_t total_;
  size_t done_ = 0;
  size_t reading_ = 0;
  size_t waiting_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace xxgk
