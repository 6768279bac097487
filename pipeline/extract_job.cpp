#include "pipeline/extract_job.h"

#include "output/json_record.h"
#include "pipeline/stage_times.h"
#include "text/shown_name.h"
#include "validate/cross_year_index.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <condition_variable>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace xxgk {

void parallel_ordered(size_t n, int jobs, const std::function<void(size_t)>& fn, const std::function<void(size_t)>& emit) {
  if (jobs <= 1 || n <= 1) {
    for (size_t i = 0; i < n; ++i) {
      fn(i);
      emit(i);
    }
    return;
  }
  const size_t window = static_cast<size_t>(jobs) * 4;
  std::mutex m;
  std::condition_variable cv;
  std::vector<char> done(n, 0);
  size_t next = 0;     // next index to hand out
  size_t emitted = 0;  // indices below this have been emitted
  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return next >= n || next < emitted + window; });
        if (next >= n) return;
        i = next++;
      }
      fn(i);
      {
        std::lock_guard lock(m);
        done[i] = 1;
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < jobs; ++t) threads.emplace_back(worker);
  while (emitted < n) {
    {
      std::unique_lock lock(m);
      cv.wait(lock, [&] { return done[emitted] != 0; });
    }
    emit(emitted);
    {
      std::lock_guard lock(m);
      ++emitted;
    }
    cv.notify_all();
  }
  for (auto& t : threads) t.join();
}

namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
// The buffer POSIX getline grows; freed however the copy ends.
struct LineBuffer {
  char* data = nullptr;
  size_t capacity = 0;
  LineBuffer() = default;
  LineBuffer(const LineBuffer&) = delete;
  LineBuffer& operator=(const LineBuffer&) = delete;
  ~LineBuffer() { std::free(data); }
};
using File = std::unique_ptr<FILE, FileCloser>;

// Copies the spooled records to `out`, adding each record's cross-year findings.
bool write_spooled(FILE* spool, const CrossYearIndex& index, const std::string& lang, std::ostream& out,
                   size_t& findings, size_t& reports) {
  if (std::fseek(spool, 0, SEEK_SET) != 0) return false;
  LineBuffer buf;
  size_t record_index = 0;
  for (ssize_t n; (n = ::getline(&buf.data, &buf.capacity, spool)) >= 0; ++record_index) {
    std::string_view line(buf.data, static_cast<size_t>(n));
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    const auto extra = index.findings_for(record_index);
    if (extra.empty()) {
      out << line << '\n';
    } else {
      findings += extra.size();
      ++reports;
      auto record = nlohmann::ordered_json::parse(line);
      for (const auto& f : extra) record["findings"].push_back(finding_json(f, lang));
      mark_indicators(record, extra);
      out << record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
  }
  out.flush();
  return true;
}

}  // namespace

int run_extract(const std::vector<std::string>& documents, const ExtractJobOptions& options, std::ostream& out) {
  std::vector<std::optional<Report>> results(documents.size());
  int exit_status = 0;
  File spool;
  if (options.cross_year && documents.size() > 1) {
    spool.reset(std::tmpfile());
    if (!spool) spdlog::warn("no temporary file for the cross-year pass: records are written without cross_year findings");
  }
  CrossYearIndex index;
  bool spool_ok = true;
  const std::string& lang = options.process.lang;
  parallel_ordered(
      documents.size(), options.jobs,
      [&](size_t i) { results[i] = process_file(documents[i], options.process); },
      [&](size_t i) {
        const Report& r = *results[i];
        if (r.status == "failed") {
          exit_status = 1;
          spdlog::warn("{}: failed: {}", shown_name(r.source.path), r.error ? r.error->message : "");
        } else {
          spdlog::info("{}: {} ({} figures, {} findings)", shown_name(r.source.path), r.status, r.figures.size(),
                       r.findings.size());
        }
        StageTimer timer;
        const std::string line = record_line(r, lang) + '\n';
        timer.lap(Stage::write);
        if (spool) {
          index.add(i, r);
          timer.lap(Stage::cross_year);
          spool_ok = spool_ok && std::fwrite(line.data(), 1, line.size(), spool.get()) == line.size();
        } else {
          out << line;
          out.flush();
        }
        timer.lap(Stage::write);
        results[i].reset();
      });
  if (spool) {
    StageTimer timer;
    index.finish();
    timer.lap(Stage::cross_year);
    size_t findings = 0, reports = 0;
    const bool written =
        spool_ok && std::fflush(spool.get()) == 0 && write_spooled(spool.get(), index, lang, out, findings, reports);
    timer.lap(Stage::write);  // the spool copied out, with the cross-year findings added to their records
    if (!written) {
      spdlog::error("the temporary file of the cross-year pass could not be written or read back");
      return 1;
    }
    spdlog::info("cross-year: {} reports with agency and year, {} findings on {} reports", index.size(), findings, reports);
  }
  return exit_status;
}

int write_expected_records(const std::vector<std::string>& documents, const ExtractJobOptions& options) {
  int exit_status = 0;
  for (const auto& d : documents) {
    const Report r = process_file(d, options.process);
    if (r.status == "failed") exit_status = 1;
    std::ofstream out(d + ".expected.json", std::ios::binary | std::ios::trunc);
    out << record_json(r, options.process.lang).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    spdlog::info("{}: wrote {}.expected.json ({})", shown_name(d), shown_name(d), r.status);
  }
  return exit_status;
}

}  // namespace xxgk
