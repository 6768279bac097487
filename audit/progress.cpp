#include "audit/progress.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <vector>

namespace xxgk {
namespace {

std::string clock_time(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

Progress::Mode Progress::detect() { return isatty(STDERR_FILENO) ? Mode::bar : Mode::lines; }

Progress::Progress(Mode mode, size_t total) : mode_(mode), total_(total) {}

void Progress::done(const std::string& line, bool quiet_in_lines_mode) {
  ++done_;
  if (mode_ == Mode::lines && !quiet_in_lines_mode) spdlog::info("[{}/{}] {}", done_, total_, line);
  else spdlog::debug("[{}/{}] {}", done_, total_, line);
  draw(done_ == total_);
}

void Progress::tick(size_t reading, size_t waiting) {
  reading_ = reading;
  waiting_ = waiting;
  draw(false);
}

void Progress::clear() {
  if (mode_ != Mode::bar) return;
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
  last_draw_ = {};
}

void Progress::draw(bool force) {
  if (mode_ != Mode::bar) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
  constexpr int kWidth = 30;
  const int filled = total_ ? static_cast<int>(kWidth * done_ / total_) : kWidth;
  const std::string eta = rate > 0 && done_ < total_ ? clock_time(static_cast<double>(total_ - done_) / rate) : "--:--";
  fmt::print(stderr, "\r\033[K[{}{}] {}/{} documents  ({} reading, {} waiting)  {:.1f}/s  elapsed {}  ETA {}",
             std::string(static_cast<size_t>(filled), '#'), std::string(static_cast<size_t>(kWidth - filled), '.'), done_,
             total_, reading_, waiting_, rate, clock_time(elapsed), eta);
  std::fflush(stderr);
}

void Progress::finish() {
  if (mode_ != Mode::bar) return;
  draw(true);
  fmt::print(stderr, "\n");
}

void write_summary(std::FILE* out, const RunSummary& s, const std::string& db_path, const std::string& html_path) {
  const double rate = s.seconds > 0 ? static_cast<double>(s.processed) / s.seconds : 0;
  fmt::print(out, "xxgk audit: {} documents listed, {} processed in {:.1f} s ({:.2f} documents/s)\n", s.listed, s.processed,
             s.seconds, rate);
  if (!s.shard.empty())
    fmt::print(out, "  shard {}: {} documents of other shards left to them\n", s.shard, s.outside_shard);
  const std::string retried = s.retry_failed ? fmt::format(", retried {}", s.retried) : "";
  fmt::print(out, "  new {}, revision {}{}, skipped (already stored) {}, not readable files {}\n", s.added, s.revised,
             retried, s.skipped, s.missing);
  std::vector<std::string> st;
  for (const char* k : {"ok", "flagged", "partial", "failed"}) {
    auto it = s.by_status.find(k);
    st.push_back(fmt::format("{} {}", k, it == s.by_status.end() ? 0 : it->second));
  }
  fmt::print(out, "  by status: {}\n", fmt::join(st, ", "));
  if (s.findings_by_rule.empty()) {
    fmt::print(out, "  findings: none\n");
  } else {
    fmt::print(out, "  findings by rule:\n");
    for (const auto& [rule, n] : s.findings_by_rule) fmt::print(out, "    {:<28} {}\n", rule, n);
  }
  fmt::print(out,
             "  open findings in the current reports: {} ({} confirmed, {} changed since reviewed); {} dismissed on "
             "review, not counted\n",
             s.findings_open + s.findings_confirmed + s.findings_changed, s.findings_confirmed, s.findings_changed,
             s.findings_dismissed);
  if (s.successors_updated)
    fmt::print(out, "  next-year reports whose cross-year findings were updated: {}\n", s.successors_updated);
  fmt::print(out, "  database: {}\n", db_path);
  if (!html_path.empty()) fmt::print(out, "  audit report: {}\n", html_path);
}

}  // namespace xxgk
