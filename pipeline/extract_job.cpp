#include "pipeline/extract_job.h"

#include "output/json_record.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <fstream>
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

int run_extract(const std::vector<std::string>& documents, const ExtractJobOptions& options, std::ostream& out) {
  std::vector<std::optional<Report>> results(documents.size());
  int exit_status = 0;
  parallel_ordered(
      documents.size(), options.jobs,
      [&](size_t i) { results[i] = process_file(documents[i], options.process); },
      [&](size_t i) {
        const Report& r = *results[i];
        if (r.status == "failed") {
          exit_status = 1;
          spdlog::warn("{}: failed: {}", r.source.path, r.error ? r.error->message : "");
        } else {
          spdlog::info("{}: {} ({} figures, {} findings)", r.source.path, r.status, r.figures.size(), r.findings.size());
        }
        out << record_line(r, options.process.lang) << '\n';
        out.flush();
        results[i].reset();
      });
  return exit_status;
}

int write_expected_records(const std::vector<std::string>& documents, const ExtractJobOptions& options) {
  int exit_status = 0;
  for (const auto& d : documents) {
    const Report r = process_file(d, options.process);
    if (r.status == "failed") exit_status = 1;
    std::ofstream out(d + ".expected.json", std::ios::binary | std::ios::trunc);
    out << record_json(r, options.process.lang).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    spdlog::info("{}: wrote {}.expected.json ({})", d, d, r.status);
  }
  return exit_status;
}

}  // namespace xxgk
