// bench/fetch: are the hosts really fetched in parallel, and what does a downloaded MB cost?
//
//   build/xxgk_fetch_bench [--hosts 40] [--reports 20] [--delay 0.2] [--xxgk build/xxgk]
//
// Starts N fixture portals in this process (TRS-shaped, `reports` page-body reports each, 10 to a
// listing page), each on its own address 127.0.0.11, .12, … (never outside 127.0.0.0/8), then times
// the real `xxgk fetch` with a per-host delay:
//   one host:   the first portal alone, --hosts 1
//   N hosts:    all N portals, --hosts N
// Per-host politeness makes one host's time about (requests × delay); with the hosts in parallel the
// N-host run should take about as long as the one-host run (the acceptance: at most 1.3×). CPU is
// the xxgk process's user + system time (wait4 rusage), per MB of bodies downloaded (fetch_runs.bytes).
#include "fetch_portals.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

namespace fs = std::filesystem;

namespace {

double self_cpu() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Run {
  double wall = 0, cpu = 0, servers_cpu = 0;
  long long bytes = 0, requests = 0, files = 0;
  int status = 0;
};

long long scalar(const fs::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> guard(h, sqlite3_close);
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return -1;
  long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  return v;
}

Run fetch(const std::string& xxgk, const fs::path& dir, const std::string& sources, int hosts, double delay) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "sources.tsv") << sources;
  const std::vector<std::string> args = {xxgk, "fetch", (dir / "sources.tsv").string(), "--store", (dir / "store").string(), "--db",
                                         (dir / "x.sqlite").string(), "--delay", fmt::format("{}", delay), "--hosts",
                                         std::to_string(hosts), "--contact", "mailto:bench@example.invalid", "--log-level", "off"};
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  const double served_before = self_cpu();
  const pid_t pid = fork();
  if (pid == 0) {
    if (!freopen("/dev/null", "w", stdout)) _exit(127);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage use{};
  wait4(pid, &status, 0, &use);
  Run r;
  r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.servers_cpu = self_cpu() - served_before;
  r.cpu = static_cast<double>(use.ru_utime.tv_sec + use.ru_stime.tv_sec) +
          static_cast<double>(use.ru_utime.tv_usec + use.ru_stime.tv_usec) / 1e6;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.bytes = scalar(dir / "x.sqlite", "SELECT bytes FROM fetch_runs");
  r.requests = scalar(dir / "x.sqlite", "SELECT requests FROM fetch_runs");
  r.files = scalar(dir / "x.sqlite", "SELECT count(*) FROM fetched_files");
  return r;
}

std::string line(const char* what, const Run& r) {
  const double mb = static_cast<double>(r.bytes) / (1024.0 * 1024.0);
  return fmt::format("| {} | {:.2f} s | {} | {} | {:.2f} MB | {:.2f} s | {:.3f} s/MB | {:.2f} s |", what, r.wall, r.requests, r.files, mb,
                     r.cpu, mb > 0 ? r.cpu / mb : 0.0, r.servers_cpu);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The fetch benchmark: N fixture hosts fetched in parallel against one host alone (bench/fetch/README.md)"};
  int hosts = 40, reports = 20;
  int file_kb = 0;
  double delay = 0.2;
  std::string xxgk = (fs::path(argv[0]).parent_path() / "xxgk").string();
  app.add_option("--hosts", hosts, "Fixture hosts (127.0.0.11 …)")->check(CLI::Range(1, 200))->capture_default_str();
  app.add_option("--reports", reports, "Reports per host")->check(CLI::Range(1, 1000))->capture_default_str();
  app.add_option("--delay", delay, "Per-host delay, seconds (xxgk fetch --delay)")->capture_default_str();
  app.add_option("--xxgk", xxgk, "The xxgk binary")->capture_default_str();
  app.add_option("--file-kb", file_kb, "0: the reports are the article pages (~13 KB); else each article links a PDF of this many KB")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  std::vector<std::unique_ptr<fetch_test::Site>> sites;
  std::string one = "agency\tregion\tkind\turl\n", all = one;
  for (int i = 0; i < hosts; ++i) {
    sites.push_back(std::make_unique<fetch_test::Site>(fmt::format("127.0.0.{}", 11 + i)));
    sites.back()->precompress(true);
    fetch_test::simple_portal(*sites.back(), reports, fmt::format("基准{}号区", i), static_cast<size_t>(file_kb) * 1024);
    sites.back()->start();
    const std::string row = fmt::format("基准{}号区\t\ttrs\t{}/ndbg/\n", i, sites.back()->base());
    if (i == 0) one += row;
    all += row;
  }
  const fs::path scratch = fs::temp_directory_path() / fmt::format("xxgk-fetch-bench-{}", getpid());
  const Run single = fetch(xxgk, scratch / "one", one, 1, delay);
  const Run many = fetch(xxgk, scratch / "all", all, hosts, delay);
  fs::remove_all(scratch);
  fmt::print("xxgk fetch, per-host delay {} s, {} reports per host ({})\n\n", delay, reports,
             file_kb ? fmt::format("an article page linking a {} KB PDF each", file_kb) : "page-body reports, ~13 KB each");
  fmt::print("| run | wall | requests | files | downloaded | xxgk CPU (user+sys) | xxgk CPU per MB | fixture servers' CPU |\n"
             "|---|---|---|---|---|---|---|---|\n");
  fmt::print("{}\n", line("1 host, --hosts 1", single));
  fmt::print("{}\n", line(fmt::format("{} hosts, --hosts {}", hosts, hosts).c_str(), many));
  fmt::print("\n{} hosts in {:.2f}× the time of one host (acceptance: ≤ 1.3×); exit statuses {} and {}\n", hosts,
             many.wall / single.wall, single.status, many.status);
  return single.status == 0 && many.status == 0 && many.files == static_cast<long long>(hosts) * reports ? 0 : 1;
}
