// `xxgk extract`: every document to one JSON Lines record, in sorted path order.
#pragma once

#include "pipeline/process.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace xxgk {

struct ExtractJobOptions {
  ProcessOptions process;
  int jobs = 1;
  // Compare the same agency's reports for consecutive years (cross_year.*). Records are then held
  // in a temporary file until the whole batch is read (see run_extract).
  bool cross_year = true;
};

// Processes documents on `jobs` threads and writes their records to `out` in the order of
// `documents`. Returns the exit status: 0 when every document was read, 1 when any failed.
// With options.cross_year (and more than one document), a record may gain cross-year findings from
// a report that sorts after it: records are spooled to a temporary file while a CrossYearIndex keeps
// the few figures the rules read, and written out, with those findings added, once all are read.
int run_extract(const std::vector<std::string>& documents, const ExtractJobOptions& options, std::ostream& out);

// Writes each document's record, pretty-printed, to <document>.expected.json (the golden
// corpus's expected records; regenerated only on purpose). Returns the exit status as above.
int write_expected_records(const std::vector<std::string>& documents, const ExtractJobOptions& options);

// Runs fn(i) for i in [0, n) on `jobs` threads, calling emit(i) in index order as soon as each
// result is ready; at most 4×jobs results wait at a time, so memory does not grow with n.
void parallel_ordered(size_t n, int jobs, const std::function<void(size_t)>& fn, const std::function<void(size_t)>& emit);

}  // namespace xxgk
