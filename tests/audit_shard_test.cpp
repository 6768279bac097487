// Shards and merge: `xxgk audit --shard K/N` and `xxgk merge` through the real binary. The merged
// store of an N-shard run exports byte for byte what one plain run exports (timestamps aside);
// merging is idempotent, incremental, refuses what it must not read, and survives kill -9.
#include "audit/schema.h"
#include "audit_fixtures.h"
#include "pipeline/shard.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>

#include <chrono>
#include <random>
#include <regex>
#include <set>
#include <thread>

extern char** environ;

namespace {

using namespace audit_test;

const std::string kCorpus = std::string(XXGK_SOURCE_DIR) + "/corpus";
// The test corpus without the slow formats (scanned PDFs are OCRed, DOC goes through LibreOffice).
const std::string kCorpusDirs = kCorpus + "/txt " + kCorpus + "/html " + kCorpus + "/pdf " + kCorpus + "/docx";

std::string bin() { return XXGK_BINARY; }

void exec_sql(const fs::path& db, const std::string& sql) {
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(Db(db).h.get(), sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
}

fs::path numbered(const fs::path& dir, const std::string& prefix, int k, const std::string& ext) {
  return dir / (prefix + std::to_string(k) + ext);
}

// The three CSV files of `xxgk export`, with every timestamp (processed_at) blanked.
std::string exported(const fs::path& db, const fs::path& dir) {
  const fs::path csv = dir / ("csv-" + db.filename().string());
  std::string out;
  EXPECT_EQ(run(bin() + " export --log-level off --db " + quote(db) + " --csv " + quote(csv), &out), 0) << out;
  static const std::regex stamp("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  std::string all;
  for (const char* f : {"reports.csv", "figures.csv", "findings.csv"})
    all += std::string(f) + "\n" + std::regex_replace(read_file(csv / f), stamp, "<time>");
  return all;
}

std::string merge(const fs::path& target, const std::vector<fs::path>& shards, int* status = nullptr) {
  std::string cmd = bin() + " merge --db " + quote(target);
  for (const auto& s : shards) cmd += " " + quote(s);
  std::string out;
  const int rc = run(cmd + " 2>&1", &out);
  if (status) *status = rc;
  else EXPECT_EQ(rc, 0) << out;
  return out;
}

std::vector<fs::path> run_shards(const std::string& paths, const fs::path& dir, const std::string& name, int n) {
  std::vector<fs::path> dbs;
  for (int k = 0; k < n; ++k) {
    dbs.push_back(numbered(dir, name, k, ".sqlite"));
    std::string out;
    const int rc = run(bin() + " audit " + paths + " --db " + quote(dbs.back()) + " --progress none --log-level off --jobs 2 --shard " +
                           std::to_string(k) + "/" + std::to_string(n),
                       &out);
    EXPECT_LE(rc, 1) << out;  // 1: some document of the corpus fails on purpose
  }
  return dbs;
}

}  // namespace

TEST(Shard, TheHashIsFixedAndShardsAreParsedStrictly) {
  // FNV-1a 64: pinned, so a shard names the same documents on every machine and version.
  EXPECT_EQ(xxgk::shard_hash(""), 14695981039346656037ull);
  EXPECT_EQ(xxgk::shard_hash("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(xxgk::shard_hash("txt/000_c2afdc98611f7d7b.txt") % 4, xxgk::shard_hash("txt/000_c2afdc98611f7d7b.txt") % 4);
  std::string error;
  const auto s = xxgk::parse_shard("2/4", error);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 2u);
  EXPECT_EQ(s->count, 4u);
  EXPECT_FALSE(xxgk::parse_shard("4/4", error));
  EXPECT_EQ(error, "shards are numbered from 0 to N-1: K must be less than N");
  EXPECT_FALSE(xxgk::parse_shard("1/0", error));
  EXPECT_FALSE(xxgk::parse_shard("1-4", error));
  EXPECT_FALSE(xxgk::parse_shard("-1/4", error));
  EXPECT_FALSE(xxgk::parse_shard("1/4x", error));
  // The key is the path under the folder given, whatever that folder is called or where it is mounted.
  EXPECT_EQ(xxgk::shard_key("/mnt/a/docs/x/y.txt", {"/mnt/a/docs/"}), "x/y.txt");
  EXPECT_EQ(xxgk::shard_key("/nfs/docs/x/y.txt", {"/nfs/docs"}), "x/y.txt");
  EXPECT_EQ(xxgk::shard_key("./one.txt", {"./one.txt"}), "one.txt");  // a file named directly: its path
  int owners = 0;
  for (std::uint32_t k = 0; k < 4; ++k) owners += xxgk::Shard{k, 4}.owns("x/y.txt");
  EXPECT_EQ(owners, 1);
}

TEST(Shard, FourShardsPartitionTheCorpusAndTheirMergeExportsWhatOnePlainRunExports) {
  TempDir dir;
  std::string out;
  ASSERT_LE(run(bin() + " audit " + kCorpusDirs + " --db " + quote(dir / "plain.sqlite") + " --progress none --log-level off --jobs 2", &out), 1);
  const auto shards = run_shards(kCorpusDirs, dir.path(), "shard", 4);
  // Each document in exactly one shard, none empty on this corpus; together they hold every
  // document the plain run stored (and copies of the same bytes the plain run skipped).
  std::multiset<std::string> paths, shas;
  for (const auto& s : shards) {
    const std::string rows = Db(s).query("SELECT path || '|' || sha256 FROM documents ORDER BY path");
    EXPECT_FALSE(rows.empty()) << s;
    std::istringstream in(rows);
    for (std::string p; std::getline(in, p);) paths.insert(p.substr(0, p.find('|'))), shas.insert(p.substr(p.find('|') + 1));
  }
  EXPECT_EQ(std::set<std::string>(paths.begin(), paths.end()).size(), paths.size());
  std::string union_shas;
  for (const auto& h : std::set<std::string>(shas.begin(), shas.end())) union_shas += h + "\n";
  EXPECT_EQ(union_shas, Db(dir / "plain.sqlite").query("SELECT sha256 FROM documents ORDER BY sha256"));
  // The shard of a document does not depend on where the folder is mounted: a copy elsewhere splits alike.
  fs::create_directories(dir / "elsewhere");
  fs::copy(kCorpus + "/txt", dir / "elsewhere/txt", fs::copy_options::recursive);
  ASSERT_LE(run(bin() + " audit " + quote(dir / "elsewhere/txt") + " --db " + quote(dir / "e1.sqlite") +
                    " --progress none --log-level off --shard 1/4"),
            1);
  ASSERT_LE(run(bin() + " audit " + kCorpus + "/txt --db " + quote(dir / "c1.sqlite") + " --progress none --log-level off --shard 1/4"),
            1);
  EXPECT_EQ(Db(dir / "e1.sqlite").query("SELECT sha256 FROM documents ORDER BY sha256"),
            Db(dir / "c1.sqlite").query("SELECT sha256 FROM documents ORDER BY sha256"));

  out = merge(dir / "merged.sqlite", shards);
  EXPECT_NE(out.find("4 shards"), std::string::npos) << out;
  EXPECT_EQ(exported(dir / "merged.sqlite", dir.path()), exported(dir / "plain.sqlite", dir.path()));
  EXPECT_EQ(dump(dir / "merged.sqlite", false), dump(dir / "plain.sqlite", false));
  EXPECT_FALSE(fs::exists(dir / "merged.sqlite.merging"));

  // Idempotent: the same shards again change nothing, not even a timestamp.
  const std::string before = dump(dir / "merged.sqlite");
  out = merge(dir / "merged.sqlite", {shards[2], shards[0]});
  EXPECT_NE(out.find("skipped (already in the target) "), std::string::npos) << out;
  EXPECT_EQ(dump(dir / "merged.sqlite"), before);
}

TEST(Shard, TonightsShardsMergeIntoLastNightsStoreAsAnIncrementalRunWould) {
  TempDir dir;
  // Night 1: 新春街道 2023 and 桃源街道 2024. Night 2 adds 新春街道 2024 (cross-year findings against
  // 2023), a revised 桃源街道 2024 (a new revision) and 2025.
  write_file(dir / "docs/xinchun-2023.txt", xinchun_2023());
  write_file(dir / "docs/taoyuan-2024.txt", taoyuan_2024_flagged());
  const std::string docs = quote(dir / "docs");
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "plain.sqlite")), 0);
  merge(dir / "merged.sqlite", run_shards(docs, dir.path(), "night1-", 3));
  write_file(dir / "docs/xinchun-2024.txt", seed());
  write_file(dir / "docs/taoyuan-2024.txt", with_street(seed(), "桃源街道"));
  write_file(dir / "docs/xinchun-2025.txt", with_year(seed(), 2025));
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "plain.sqlite")), 0);
  const std::string out = merge(dir / "merged.sqlite", run_shards(docs, dir.path(), "night2-", 3));
  EXPECT_NE(out.find("new 2, revision 1, retried 0, skipped (already in the target) 1"), std::string::npos) << out;
  EXPECT_EQ(dump(dir / "merged.sqlite", false), dump(dir / "plain.sqlite", false));
  EXPECT_EQ(Db(dir / "merged.sqlite").count("SELECT count(*) FROM findings WHERE rule LIKE 'cross_year.%'"),
            Db(dir / "plain.sqlite").count("SELECT count(*) FROM findings WHERE rule LIKE 'cross_year.%'"));
  EXPECT_GT(Db(dir / "merged.sqlite").count("SELECT count(*) FROM findings WHERE rule LIKE 'cross_year.%'"), 0);
}

TEST(Shard, MergeRefusesForeignFilesOtherVersionsAndLiveShardsAndChangesNothing) {
  TempDir dir;
  write_three(dir / "docs");
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "good.sqlite")), 0);
  write_file(dir / "notes.sqlite", "not a database at all\n");
  { Db(dir / "other.sqlite", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE).query("CREATE TABLE t(x)"); }
  fs::copy_file(fs::path(XXGK_SOURCE_DIR) / "tests/data/stores/v1.sqlite", dir / "v1.sqlite");
  fs::copy_file(dir / "good.sqlite", dir / "live.sqlite");
  write_file(dir / "live.sqlite-wal", std::string(4096, 'w'));
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "target.sqlite")), 0);
  auto snapshot = [&] {
    std::string s;
    for (const auto& e : fs::directory_iterator(dir.path()))
      if (e.is_regular_file()) s += e.path().filename().string() + ":" + read_file(e.path()) + "\n";
    return s;
  };
  const std::string before = snapshot();
  const std::string good = read_file(dir / "good.sqlite");
  struct Case {
    const char* file;
    const char* says;
  } cases[] = {{"notes.sqlite", "notes.sqlite: not an SQLite database, so not an xxgk store"},
               {"other.sqlite", "other.sqlite: an SQLite database but not an xxgk store"},
               {"v1.sqlite", "v1.sqlite: an xxgk store of schema version 1, this xxgk writes version"},
               {"live.sqlite", "live.sqlite: it has a write-ahead log"},
               {"target.sqlite", "target.sqlite: this is the target itself"}};
  for (const auto& c : cases) {
    int status = 0;
    const std::string out = merge(dir / "target.sqlite", {dir / "good.sqlite", dir / c.file}, &status);
    EXPECT_EQ(status, 2) << c.file << ": " << out;
    EXPECT_NE(out.find("nothing merged, no file changed"), std::string::npos) << out;
    EXPECT_NE(out.find(c.says), std::string::npos) << out;
    if (std::string(c.file) == "target.sqlite") continue;
    int created = 0;
    merge(dir / "new.sqlite", {dir / c.file}, &created);
    EXPECT_EQ(created, 2);
    EXPECT_FALSE(fs::exists(dir / "new.sqlite")) << c.file;
  }
  EXPECT_EQ(snapshot(), before);
  // A shard merged does not change either (read as an immutable snapshot: no -wal or -shm beside it).
  merge(dir / "new.sqlite", {dir / "good.sqlite"});
  EXPECT_FALSE(fs::exists(dir / "good.sqlite-shm"));
  EXPECT_EQ(read_file(dir / "good.sqlite"), good);
}

// Tables the replay does not know by name (a later schema's, or a user's own) are copied with
// their references remapped, once.
TEST(Shard, OtherTablesAreCopiedWithTheirReferencesRemapped) {
  TempDir dir;
  write_three(dir / "docs");
  write_file(dir / "first/xinchun-2023.txt", xinchun_2023());  // the same bytes as one of the shard's
  const std::string extra =
      "CREATE TABLE hosts(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
      "CREATE TABLE notes(document_id INTEGER NOT NULL REFERENCES documents(id), host_id INTEGER REFERENCES hosts(id), text TEXT);"
      "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;";  // no rowid to read back (fetch tables are so)
  ASSERT_EQ(run(audit_cmd(dir / "first", dir / "target.sqlite")), 0);
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "shard.sqlite")), 0);
  exec_sql(dir / "target.sqlite", extra + "INSERT INTO hosts(id, name) VALUES (7, 'b.example'), (8, 'c.example');");
  exec_sql(dir / "shard.sqlite", extra +
                                     "INSERT INTO hosts(id, name) VALUES (1, 'a.example'), (2, 'b.example');"
             "INSERT INTO settings VALUES ('delay', '2'), ('agent', 'xxgk');"
                                     "INSERT INTO notes SELECT id, 1 + (id % 2), 'note of ' || path FROM documents;");
  const std::string out = merge(dir / "target.sqlite", {dir / "shard.sqlite"});
  EXPECT_NE(out.find("hosts: 1 rows copied"), std::string::npos) << out;
  EXPECT_NE(out.find("notes: 2 rows copied"), std::string::npos) << out;  // not the deduplicated document's
  EXPECT_NE(out.find("settings: 2 rows copied"), std::string::npos) << out;
  const Db t(dir / "target.sqlite");
  EXPECT_EQ(t.query("SELECT id, name FROM hosts ORDER BY id"), "7|b.example\n8|c.example\n9|a.example\n");
  const std::string by_path = "SELECT d.path, h.name, n.text FROM notes n JOIN documents d ON d.id = n.document_id "
                              "JOIN hosts h ON h.id = n.host_id WHERE d.path NOT LIKE '%xinchun-2023.txt' ORDER BY d.path";
  const Db s(dir / "shard.sqlite");
  EXPECT_EQ(t.query(by_path), s.query(by_path));
  EXPECT_EQ(t.count("SELECT count(*) FROM notes"), 2);
  merge(dir / "target.sqlite", {dir / "shard.sqlite"});  // again: nothing more
  EXPECT_EQ(t.count("SELECT count(*) FROM notes"), 2);
  EXPECT_EQ(t.count("SELECT count(*) FROM hosts"), 3);
}

TEST(Shard, AMergeKilledAnywhereLeavesTheTargetAsItWasOrComplete) {
  TempDir dir;
  for (int i = 0; i < 120; ++i)
    write_file(numbered(dir / "docs", "r", 100 + i, ".txt"), with_year(seed(), 2000 + i % 25) + std::string(static_cast<size_t>(i), ' ') + "\n");
  const auto shards = run_shards(quote(dir / "docs"), dir.path(), "s", 2);
  const auto t0 = std::chrono::steady_clock::now();
  merge(dir / "complete.sqlite", shards);
  const auto full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  const std::string complete = dump(dir / "complete.sqlite", false);
  // An existing target (the first shard merged) and a new one, killed at random moments.
  merge(dir / "base.sqlite", {shards[0]});
  const std::string base = dump(dir / "base.sqlite", false);
  fs::copy_file(dir / "base.sqlite", dir / "grown.sqlite");  // the existing target merged without a kill
  merge(dir / "grown.sqlite", shards);
  const std::string grown = dump(dir / "grown.sqlite", false);
  EXPECT_NE(grown, base);
  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<long> when(0, std::max<long>(1, static_cast<long>(full_ms)));
  for (int t = 0; t < 4; ++t) {
    const bool fresh = t % 2 == 0;
    const fs::path target = numbered(dir.path(), "trial", t, ".sqlite");
    if (!fresh) fs::copy_file(dir / "base.sqlite", target);
    std::vector<std::string> args = {XXGK_BINARY, "merge", "--log-level", "off", "--db", target.string()};
    for (const auto& s : shards) args.push_back(s.string());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    ASSERT_EQ(posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    const long at = when(rng);
    std::this_thread::sleep_for(std::chrono::milliseconds(at));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    std::printf("merge trial %d (%s target): killed after %ld ms of %lld\n", t, fresh ? "new" : "existing", at,
                static_cast<long long>(full_ms));
    const std::string& whole = fresh ? complete : grown;
    if (fresh && !fs::exists(target)) {
      merge(target, shards);  // the next merge starts over and completes
    } else {
      const std::string now = dump(target, false);
      EXPECT_TRUE(now == whole || (!fresh && now == base)) << "trial " << t << ": a half-merged target";
      merge(target, shards);
    }
    EXPECT_EQ(dump(target, false), whole) << "trial " << t;
  }
}
