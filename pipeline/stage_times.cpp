#include "pipeline/stage_times.h"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <sys/resource.h>
#include <time.h>

namespace xxgk {
namespace {

std::atomic<bool> g_enabled{false};
std::array<std::atomic<long long>, static_cast<size_t>(Stage::count)> g_ns{};

long long thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

}  // namespace

void enable_stage_times() { g_enabled.store(true, std::memory_order_relaxed); }
bool stage_times_enabled() { return g_enabled.load(std::memory_order_relaxed); }

StageTimer::StageTimer() {
  if (stage_times_enabled()) last_ns_ = thread_cpu_ns();
}

void StageTimer::lap(Stage stage) {
  if (!stage_times_enabled()) return;
  const long long now = thread_cpu_ns();
  g_ns[static_cast<size_t>(stage)].fetch_add(now - last_ns_, std::memory_order_relaxed);
  last_ns_ = now;
}

double stage_seconds(Stage stage) {
  return static_cast<double>(g_ns[static_cast<size_t>(stage)].load(std::memory_order_relaxed)) / 1e9;
}

const char* stage_name(Stage stage) {
  switch (stage) {
    case Stage::hash: return "hash";
    case Stage::read: return "read";
    case Stage::normalize: return "normalize";
    case Stage::validate: return "validate";
    case Stage::cross_year: return "cross_year";
    case Stage::write: return "write";
    case Stage::count: break;
  }
  return "?";
}

std::string stage_times_report(std::size_t documents) {
  double sum = 0;
  for (size_t i = 0; i < static_cast<size_t>(Stage::count); ++i) sum += stage_seconds(static_cast<Stage>(i));
  const double per = documents ? 1000.0 / static_cast<double>(documents) : 0;
  std::string out = fmt::format("stage CPU times over {} documents (thread CPU time, all threads):\n", documents);
  for (size_t i = 0; i < static_cast<size_t>(Stage::count); ++i) {
    const auto s = static_cast<Stage>(i);
    out += fmt::format("stage {:<10} {:9.3f} s {:9.3f} ms/doc {:5.1f} %\n", stage_name(s), stage_seconds(s),
                       stage_seconds(s) * per, sum > 0 ? 100.0 * stage_seconds(s) / sum : 0.0);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const double process = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  out += fmt::format("stage {:<10} {:9.3f} s {:9.3f} ms/doc\n", "stages", sum, sum * per);
  out += fmt::format("stage {:<10} {:9.3f} s {:9.3f} ms/doc (process CPU; the rest is start-up and the walk)\n",
                     "process", process, process * per);
  return out;
}

}  // namespace xxgk
