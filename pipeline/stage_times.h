// Where a run's CPU time goes, stage by stage (issue 25: bench/speed's per-stage table). Each stage
// is charged this thread's CPU time (CLOCK_THREAD_CPUTIME_ID) between two laps of a StageTimer, summed
// over all threads of the process. Off unless `xxgk extract --stage-times` turns it on: a lap is then
// a single load of a flag.
#pragma once

#include <cstddef>
#include <string>

namespace xxgk {

enum class Stage {
  hash,        // the file's SHA-256
  read,        // format detection and the extractor: bytes to pages, tables and paragraphs
  normalize,   // labels to categories, numbers parsed, metadata, regions' text
  validate,    // the rules, the report's status and its place among the regions
  cross_year,  // the batch's cross-year index (extract) and its findings
  write,       // the record: JSON built and written
  count,
};

void enable_stage_times();
bool stage_times_enabled();

// Charges this thread's CPU time since construction (or the last lap) to a stage.
class StageTimer {
 public:
  StageTimer();
  void lap(Stage stage);

 private:
  long long last_ns_ = 0;
};

// Seconds charged to a stage so far (all threads).
double stage_seconds(Stage stage);
const char* stage_name(Stage stage);

// One line per stage: seconds, milliseconds per document, share of the stages' sum; then the
// process's own CPU time (getrusage), whose excess over the stages is start-up and everything
// between documents (ICU's data, the catalogue, the divisions index, the walk).
std::string stage_times_report(std::size_t documents);

}  // namespace xxgk
