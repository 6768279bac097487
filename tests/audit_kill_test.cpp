// Safety of the store under a real kill -9 of a running `xxgk audit`, and readers of the store
// while a run writes it.
//
// AuditKill runs a few trials per ctest run (random kill points; the seed is printed so a failing
// trial can be replayed with XXGK_KILL_SEED). tests/audit_kill_trials.sh runs 10 (XXGK_KILL_TRIALS).
#include "audit/schema.h"
#include "audit_fixtures.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

extern char** environ;

namespace {

using namespace audit_test;
using Clock = std::chrono::steady_clock;

constexpr const char* kStreets[] = {"新春街道", "桃源街道", "永吉街道", "曙光街道", "民康街道", "鸿城街道",
                                    "南岭街道", "自强街道", "全安街道", "西长春街道", "东长春街道", "明珠街道"};

std::string fmt_name(size_t agency, int year) { return "a" + std::to_string(agency + 10) + "/" + std::to_string(year) + ".txt"; }

// 12 agencies × 3 years, one flagged each year for every third agency, plus two second copies
// of a report (same agency and year, other path): revisions.
size_t write_many(const fs::path& docs) {
  size_t n = 0;
  for (size_t a = 0; a < std::size(kStreets); ++a)
    for (int year : {2022, 2023, 2024}) {
      std::string t = with_year(with_street(seed(), kStreets[a]), year);
      if (a % 3 == 0) t = set_requests_cell(t, kNewReceived, 0, "1");
      write_file(docs / fmt_name(a, year), t);
      ++n;
    }
  write_file(docs / "zz-copy-1.txt", with_year(with_street(seed(), kStreets[1]), 2023) + "\n");
  write_file(docs / "zz-copy-2.txt", with_year(with_street(seed(), kStreets[2]), 2024) + "\n");
  return n + 2;
}

// Starts `xxgk audit` as a child process (its output discarded) and returns its pid.
pid_t spawn_audit(const fs::path& docs, const fs::path& db, const std::string& jobs) {
  std::vector<std::string> args = {XXGK_BINARY, "audit", docs.string(), "--db", db.string(), "--progress", "none",
                                   "--log-level", "off", "--jobs", jobs};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("posix_spawn failed");
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

// What must hold after any kill: an intact file, no document twice, no document without its
// report, at most one current document per path.
void expect_sound(const fs::path& db_path, const std::string& trial) {
  Db db(db_path);
  EXPECT_EQ(db.query("PRAGMA integrity_check"), "ok\n") << trial;
  if (db.query("PRAGMA user_version") == "0\n") {  // killed before the schema committed: an empty file
    EXPECT_EQ(db.query("SELECT count(*) FROM sqlite_master"), "0\n") << trial;
    return;
  }
  EXPECT_EQ(db.query("SELECT count(*) - count(DISTINCT sha256) FROM documents"), "0\n") << trial;
  EXPECT_EQ(db.query("SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.document_id = d.id)"),
            "0\n")
      << trial;
  EXPECT_EQ(db.query("SELECT count(*) FROM (SELECT path FROM documents WHERE is_current = 1 GROUP BY path HAVING count(*) > 1)"),
            "0\n")
      << trial;
  EXPECT_EQ(db.query("SELECT count(*) FROM documents d WHERE status != 'failed' AND "
                     "(SELECT count(*) FROM figures f WHERE f.document_id = d.id) != 200"),
            "0\n")
      << trial << ": a document stored without all its figures";
}

TEST(AuditKill, KillNineAtRandomPointsThenACleanRerun) {
  TempDir dir;
  const size_t n = write_many(dir / "docs");
  // The reference: one uninterrupted run.
  const auto t0 = Clock::now();
  ASSERT_EQ(wait_for(spawn_audit(dir / "docs", dir / "ref.sqlite", "2")), 0);
  const auto full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
  const std::string reference = dump(dir / "ref.sqlite", false);
  ASSERT_EQ(Db(dir / "ref.sqlite").query("SELECT count(*) FROM documents"), std::to_string(n) + "\n");

  const int trials = std::getenv("XXGK_KILL_TRIALS") ? std::atoi(std::getenv("XXGK_KILL_TRIALS")) : 3;
  const unsigned seed = std::getenv("XXGK_KILL_SEED") ? static_cast<unsigned>(std::atol(std::getenv("XXGK_KILL_SEED")))
                                                      : std::random_device{}();
  std::mt19937 rng(seed);
  std::uniform_int_distribution<long> when(0, std::max<long>(1, static_cast<long>(full_ms)));
  std::printf("kill trials: %d, seed %u, full run %lld ms, %zu documents\n", trials, seed, static_cast<long long>(full_ms), n);
  for (int t = 0; t < trials; ++t) {
    const fs::path db = dir / ("trial" + std::to_string(t) + ".sqlite");
    const long at = when(rng);
    const pid_t pid = spawn_audit(dir / "docs", db, "2");
    std::this_thread::sleep_for(std::chrono::milliseconds(at));
    kill(pid, SIGKILL);
    const int status = wait_for(pid);
    long long stored = 0;
    if (fs::exists(db)) {
      expect_sound(db, "trial " + std::to_string(t));
      Db d(db);
      if (d.count("PRAGMA user_version") > 0) stored = d.count("SELECT count(*) FROM documents");
    }
    std::printf("trial %d: killed after %ld ms (%s), %lld of %zu documents stored\n", t, at,
                WIFSIGNALED(status) ? "mid-run" : "had finished", stored, n);
    ASSERT_EQ(wait_for(spawn_audit(dir / "docs", db, "2")), 0);
    expect_sound(db, "trial " + std::to_string(t) + " after the re-run");
    EXPECT_EQ(dump(db, false), reference) << "trial " << t << " (seed " << seed << ") ends with other data than a clean run";
  }
}

TEST(AuditReaders, ReadersSeeWholeDocumentsWhileARunWrites) {
  TempDir dir;
  size_t n = write_many(dir / "docs");
  // Sixteen times the documents (copies with different bytes: revisions of the same reports), 608 in
  // all: a batch is committed after 256 documents whatever the time (audit/job.cpp), so the run commits
  // twice before its end however fast it reads. Four times as many, committed only by age (a quarter
  // of a second), once fit in the first batch as reading got faster, and no reader saw a state between.
  std::vector<fs::path> originals;  // relative to docs/
  for (const auto& e : fs::recursive_directory_iterator(dir / "docs"))
    if (e.is_regular_file()) originals.push_back(fs::relative(e.path(), dir / "docs"));
  ASSERT_EQ(originals.size(), n);
  for (int k = 1; k <= 15; ++k)
    for (const auto& p : originals) {
      // " k" and a line end: no copy has the bytes of another (zz-copy-* already end in a line end)
      write_file(dir / "docs" / ("copy-" + std::to_string(k)) / p, read_file(dir / "docs" / p) + " " + std::to_string(k) + "\n");
      ++n;
    }
  ASSERT_GT(n, 2 * 256u);
  const fs::path db_path = dir / "x.sqlite";
  std::atomic<bool> running{true};
  std::atomic<int> intermediate{0}, reads{0}, broken{0};
  std::vector<std::string> errors(2);
  auto reader = [&](int k) {
    while (running && !fs::exists(db_path)) std::this_thread::yield();
    try {
      Db db(db_path);
      while (running) {
        if (db.count("PRAGMA user_version") != xxgk::kStoreSchemaVersion) continue;  // the schema is being created
        // One read transaction: a snapshot of committed documents only.
        db.query("BEGIN");
        const long long docs = db.count("SELECT count(*) FROM documents");
        const long long partial = db.count(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.document_id = d.id) OR "
            "(d.status != 'failed' AND (SELECT count(*) FROM figures f WHERE f.document_id = d.id) != 200)");
        db.query("COMMIT");
        ++reads;
        if (partial) ++broken;
        if (docs > 0 && docs < static_cast<long long>(n)) ++intermediate;
      }
    } catch (const std::exception& e) {
      errors[static_cast<size_t>(k)] = e.what();
    }
  };
  std::thread r1(reader, 0), r2(reader, 1);
  const int status = wait_for(spawn_audit(dir / "docs", db_path, "2"));
  running = false;
  r1.join();
  r2.join();
  EXPECT_EQ(status, 0);
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  EXPECT_EQ(broken, 0) << "a reader saw a document without its report or figures";
  EXPECT_GT(intermediate, 0) << "no read happened during the run (" << reads << " reads)";
  EXPECT_EQ(Db(db_path).count("SELECT count(*) FROM documents"), static_cast<long long>(n));
}

}  // namespace
