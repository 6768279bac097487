// `xxgk audit` and `xxgk export` through the real binary: incremental re-runs, revisions, exit
// statuses, crash and timeout isolation, and the CSV export.
#include "audit/schema.h"
#include "audit/worker_pool.h"
#include "audit_fixtures.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <vector>

namespace {

using namespace audit_test;

TEST(AuditRun, SecondRunProcessesNothingAndChangesNothing) {
  TempDir dir;
  write_three(dir / "docs");
  std::string out;
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite"), &out), 0) << out;
  EXPECT_NE(out.find("3 documents listed, 3 processed"), std::string::npos) << out;
  EXPECT_NE(out.find("by status: ok 2, flagged 1, partial 0, failed 0"), std::string::npos) << out;
  const std::string first = dump(dir / "x.sqlite");
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite"), &out), 0) << out;
  EXPECT_NE(out.find("3 documents listed, 0 processed"), std::string::npos) << out;
  EXPECT_NE(out.find("skipped (already stored) 3"), std::string::npos) << out;
  EXPECT_EQ(dump(dir / "x.sqlite"), first);  // processed_at included: not a byte of data changed
}

// The hand-off a fetched document's provenance takes to the worker that reads it: the record gets
// its source fields, and the title of the listing's link names the agency the body leaves out.
TEST(AuditRun, AWorkerHandedProvenanceWritesItAndReadsTheAgencyFromTheLinksTitle) {
  TempDir dir;
  std::string text = read_file(fs::path(XXGK_SOURCE_DIR) / "corpus/txt/testcity-2025-split-title.tsv.txt");
  ASSERT_EQ(text.rfind("测试市2025年\n", 0), 0u);
  text.erase(0, std::string("测试市2025年\n").size());  // the body's title names no agency now
  write_file(dir / "attach.txt", text);
  EXPECT_EQ(xxgk::task_line("a.txt", {}), "{\"path\":\"a.txt\"}\n");  // a local file's request as before

  xxgk::Provenance fetched;
  fetched.url = "http://127.0.0.1:8080/attach/report.txt";
  fetched.page_url = "http://127.0.0.1:8080/ndbg/202601/t20260116_1.htm";
  fetched.published = "2026-01-16";
  fetched.fetched_at = "2026-02-01T03:04:05Z";
  fetched.link_title = "测试市2025年政府信息公开工作年度报告";
  const auto [path, back] = xxgk::parse_task_line(xxgk::task_line((dir / "attach.txt").string(), fetched));
  EXPECT_EQ(back.link_title, fetched.link_title);
  EXPECT_EQ(back.fetched_at, fetched.fetched_at);

  xxgk::WorkerPool pool(1, xxgk::WorkerOptions{XXGK_BINARY, {"audit-worker", "--lang", "zh", "--no-ocr"}, 0, 200, "zh"});
  auto read = [&](const xxgk::Provenance& p) {
    pool.submit(xxgk::WorkerTask{0, (dir / "attach.txt").string(), "", text.size(), "txt", p});
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < until)
      for (auto& r : pool.wait(200)) return r.report;
    ADD_FAILURE() << "no record within 60 s";
    return xxgk::Report{};
  };
  const xxgk::Report local = read({});
  EXPECT_EQ(local.status, "ok");
  EXPECT_FALSE(local.report.agency);
  EXPECT_FALSE(local.source.url || local.source.published || local.report.agency_source);

  const xxgk::Report r = read(fetched);
  EXPECT_EQ(r.status, "ok");
  EXPECT_EQ(r.report.agency, "测试市");
  EXPECT_EQ(r.report.agency_source, "link_title");
  EXPECT_EQ(r.report.year, 2025);
  EXPECT_EQ(r.source.url, fetched.url);
  EXPECT_EQ(r.source.page_url, fetched.page_url);
  EXPECT_EQ(r.source.published, "2026-01-16");
  EXPECT_EQ(r.source.fetched_at, fetched.fetched_at);
}

// Runs the pool until `total` records came (at most 60 s), giving it the documents of `more`
// whenever a worker can take one. Every record is kept, so one recorded twice shows.
std::vector<xxgk::WorkerResult> drain(xxgk::WorkerPool& pool, size_t total, std::vector<xxgk::WorkerTask> more = {}) {
  std::vector<xxgk::WorkerResult> got;
  size_t given = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (got.size() < total && std::chrono::steady_clock::now() < until) {
    while (given < more.size() && pool.can_take()) pool.submit(std::move(more[given++]));
    for (auto& r : pool.wait(200)) got.push_back(std::move(r));
  }
  return got;
}

xxgk::WorkerTask task(size_t index, const fs::path& path) { return xxgk::WorkerTask{index, path.string(), "", 0, "txt", {}}; }

// Each worker holds two documents: the one it reads and the next, waiting in its pipe. A worker
// that dies on the first has not read the second: the second goes to the fresh worker, and each
// record is that of its own document, the crashed one recorded once.
TEST(AuditRun, ADocumentQueuedBehindOneThatCrashesItsWorkerIsReadByTheNext) {
  TempDir dir;
  write_file(dir / "crash-here.txt", seed());
  write_file(dir / "b.txt", xinchun_2023());
  write_file(dir / "c.txt", with_year(seed(), 2025));
  setenv("XXGK_WORKER_FAULT", "crash:crash-here", 1);  // inherited by the workers: they crash on that file only
  xxgk::WorkerPool pool(1, xxgk::WorkerOptions{XXGK_BINARY, {"audit-worker", "--lang", "en", "--no-ocr"}, 0, 200, "en"});
  xxgk::WorkerTask crashing = task(0, dir / "crash-here.txt");
  crashing.sha256 = "ab";
  ASSERT_TRUE(pool.can_take());
  pool.submit(std::move(crashing));
  ASSERT_TRUE(pool.can_take());
  pool.submit(task(1, dir / "b.txt"));
  EXPECT_FALSE(pool.can_take());  // two documents a worker
  EXPECT_EQ(pool.busy(), 1u);
  std::vector<xxgk::WorkerTask> more;
  more.push_back(task(2, dir / "c.txt"));
  auto got = drain(pool, 3, std::move(more));
  unsetenv("XXGK_WORKER_FAULT");
  ASSERT_EQ(got.size(), 3u);
  std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
  EXPECT_EQ(got[0].index, 0u);
  EXPECT_EQ(got[0].report.status, "failed");
  ASSERT_TRUE(got[0].report.error);
  EXPECT_EQ(got[0].report.error->code, "crashed");
  EXPECT_EQ(got[0].report.source.sha256, "ab");  // what the coordinator knew of it
  EXPECT_EQ(got[1].index, 1u);
  EXPECT_EQ(got[1].report.status, "ok");
  EXPECT_EQ(got[1].report.source.path, (dir / "b.txt").string());
  EXPECT_EQ(got[1].report.report.year, 2023);
  EXPECT_EQ(got[2].index, 2u);
  EXPECT_EQ(got[2].report.status, "ok");
  EXPECT_EQ(got[2].report.source.path, (dir / "c.txt").string());
  EXPECT_EQ(got[2].report.report.year, 2025);
  EXPECT_EQ(pool.processes_started(), 2);
}

// A document queued behind one that hangs: the hanging one is stopped at its limit and recorded
// once; the queued one, never started, is read in full by the worker started in its place.
TEST(AuditRun, ADocumentQueuedBehindAHangingOneIsReadByTheNextWorker) {
  TempDir dir;
  write_file(dir / "hang-here.txt", seed());
  write_file(dir / "b.txt", xinchun_2023());
  setenv("XXGK_WORKER_FAULT", "hang:hang-here", 1);
  xxgk::WorkerPool pool(1, xxgk::WorkerOptions{XXGK_BINARY, {"audit-worker", "--lang", "en", "--no-ocr"}, 0.5, 200, "en"});
  pool.submit(task(0, dir / "hang-here.txt"));
  pool.submit(task(1, dir / "b.txt"));
  auto got = drain(pool, 2);
  unsetenv("XXGK_WORKER_FAULT");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].index, 0u);  // the queued one cannot come first: it waited behind the hanging one
  EXPECT_EQ(got[0].report.status, "failed");
  ASSERT_TRUE(got[0].report.error);
  EXPECT_EQ(got[0].report.error->code, "timeout");
  EXPECT_EQ(got[0].report.error->message,
            "reading took longer than the limit of 0.5 s (--doc-timeout); the reader was stopped");
  EXPECT_EQ(got[1].index, 1u);
  EXPECT_EQ(got[1].report.status, "ok");
  EXPECT_EQ(got[1].report.source.path, (dir / "b.txt").string());
  EXPECT_EQ(got[1].report.report.year, 2023);
  EXPECT_EQ(pool.processes_started(), 2);
  // Through the command: the first of three documents hangs, the others are stored as read.
  write_three(dir / "docs");
  std::string out;
  EXPECT_EQ(run("XXGK_WORKER_FAULT=hang:taoyuan " +
                    audit_cmd(dir / "docs", dir / "x.sqlite", "--jobs 1 --doc-timeout 1 --lang en 2>/dev/null"),
                &out),
            1)
      << out;
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT substr(path, -16), status, error_code FROM documents ORDER BY path"),
            "taoyuan-2024.txt|failed|timeout\nxinchun-2023.txt|ok|\\N\nxinchun-2024.txt|ok|\\N\n");
}

// A queued document's time limit runs from when its worker started it (when the record before it
// came), not from when it was handed over: each of two documents here takes 4 s of a limit of 6 s
// (4 s and the grace of 2), so the second, handed over at once, finishes 8 s after it was handed
// over. Either way 2 s of margin: with 2 s of a 3 s limit, reading the document under the sanitizers
// on a loaded machine once took the rest.
TEST(AuditRun, AQueuedDocumentsTimeLimitRunsFromWhenItsWorkerStartsIt) {
  TempDir dir;
  write_file(dir / "slow-a.txt", seed());
  write_file(dir / "slow-b.txt", xinchun_2023());
  setenv("XXGK_WORKER_FAULT", "slow:slow-", 1);
  xxgk::WorkerPool pool(1, xxgk::WorkerOptions{XXGK_BINARY, {"audit-worker", "--lang", "en", "--no-ocr"}, 4, 200, "en"});
  pool.submit(task(0, dir / "slow-a.txt"));
  pool.submit(task(1, dir / "slow-b.txt"));
  auto got = drain(pool, 2);
  unsetenv("XXGK_WORKER_FAULT");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].index, 0u);
  EXPECT_EQ(got[0].report.status, "ok");
  EXPECT_EQ(got[0].report.report.year, 2024);
  EXPECT_EQ(got[1].index, 1u);
  EXPECT_EQ(got[1].report.status, "ok");
  EXPECT_EQ(got[1].report.report.year, 2023);
  EXPECT_EQ(pool.processes_started(), 1);
}

// A worker due for recycling takes no more documents; it finishes those it holds and the next
// document starts its successor: 5 documents, 2 a process, 3 processes, each record its own.
TEST(AuditRun, AWorkerIsRecycledAfterTheDocumentsItHolds) {
  TempDir dir;
  std::vector<xxgk::WorkerTask> tasks;
  for (int i = 0; i < 5; ++i) {
    write_file(dir / fmt::format("r{}.txt", i), with_year(seed(), 2020 + i));
    tasks.push_back(task(static_cast<size_t>(i), dir / fmt::format("r{}.txt", i)));
  }
  xxgk::WorkerPool pool(1, xxgk::WorkerOptions{XXGK_BINARY, {"audit-worker", "--lang", "en", "--no-ocr"}, 0, 2, "en"});
  const auto got = drain(pool, 5, std::move(tasks));
  ASSERT_EQ(got.size(), 5u);
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].index, i);
    EXPECT_EQ(got[i].report.status, "ok") << i;
    EXPECT_EQ(got[i].report.source.path, (dir / fmt::format("r{}.txt", i)).string());
    EXPECT_EQ(got[i].report.report.year, 2020 + static_cast<int>(i));
  }
  EXPECT_EQ(pool.processes_started(), 3);
}

TEST(AuditRun, ChangedDocumentIsStoredAsARevisionAndNamedInTheSummary) {
  TempDir dir;
  write_three(dir / "docs");
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite")), 0);
  // The agency republished its flagged report with the total corrected.
  write_file(dir / "docs/taoyuan-2024.txt", set_requests_cell(taoyuan_2024_flagged(), kNewReceived, 6, "1"));
  std::string out;
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite", "--html " + quote(dir / "a.html")), &out), 0) << out;
  EXPECT_NE(out.find("new 0, revision 1, skipped (already stored) 2"), std::string::npos) << out;
  // The audit report shows both: the current revision, then the superseded one.
  const std::string html = read_file(dir / "a.html");
  const auto current = html.find("<section class=\"report flagged\"");
  const auto earlier = html.find("<section class=\"report flagged superseded\"");
  EXPECT_NE(current, std::string::npos);
  EXPECT_NE(earlier, std::string::npos);
  EXPECT_LT(current, earlier);
  EXPECT_NE(html.find("<td id=\"count-superseded\">1</td>"), std::string::npos);
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT count(*) FROM documents WHERE path LIKE '%taoyuan-2024.txt'"), "2\n");
  EXPECT_EQ(db.query("SELECT revision, status FROM current_reports WHERE path LIKE '%taoyuan-2024.txt'"), "2|flagged\n")
      << "1 received but 0 processed or carried forward still breaks requests.balance";
  EXPECT_EQ(db.query("SELECT count(*) FROM findings f JOIN current_reports c ON c.document_id = f.document_id "
                     "WHERE c.path LIKE '%taoyuan-2024.txt' AND f.rule = 'requests.row_total'"),
            "0\n");
}

TEST(AuditRun, CrossYearFindingsAreStoredWhicheverYearComesFirst) {
  TempDir dir;
  write_three(dir / "docs");
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite")), 0);
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT f.rule, f.col_id, f.expected, f.actual FROM findings f JOIN documents d ON d.id = f.document_id "
                     "WHERE d.path LIKE '%xinchun-2024.txt' ORDER BY f.seq"),
            "cross_year.carry|natural_person|1|0\ncross_year.carry|total|1|0\n");
}

TEST(AuditRun, FailedDocumentsExitOneAndAreStoredWithTheirError) {
  TempDir dir;
  write_file(dir / "docs/good.txt", seed());
  write_file(dir / "docs/broken.pdf", "%PDF-1.7\nthis is not really a PDF\n");
  std::string out;
  EXPECT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite"), &out), 1) << out;
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT status, error_code IS NOT NULL FROM documents WHERE path LIKE '%broken.pdf'"), "failed|1\n");
  // Nothing new on the second run, so nothing failed in it.
  EXPECT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite"), &out), 0) << out;
}

TEST(AuditRun, UsageErrorsExitTwo) {
  TempDir dir;
  EXPECT_EQ(run(std::string(XXGK_BINARY) + " audit --db " + quote(dir / "x.sqlite") + " 2>/dev/null"), 2);  // no path
  EXPECT_EQ(run(std::string(XXGK_BINARY) + " audit x --jobs 0 2>/dev/null"), 2);
  {
    Db db(dir / "newer.sqlite", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.query("PRAGMA user_version = " + std::to_string(xxgk::kStoreSchemaVersion + 1));
    db.query("CREATE TABLE meta(key, value)");
  }
  write_file(dir / "docs/a.txt", seed());
  EXPECT_EQ(run(audit_cmd(dir / "docs", dir / "newer.sqlite") + " 2>/dev/null"), 2);
}

TEST(AuditRun, AWorkerCrashBecomesAFailedRecordAndTheRunGoesOn) {
  TempDir dir;
  write_three(dir / "docs");
  std::string out;
  EXPECT_EQ(run("XXGK_WORKER_FAULT=crash:taoyuan " + audit_cmd(dir / "docs", dir / "x.sqlite", "--jobs 1 2>/dev/null"), &out), 1)
      << out;
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT path LIKE '%taoyuan-2024.txt', status, error_code FROM documents ORDER BY path"),
            "1|failed|crashed\n0|ok|\\N\n0|ok|\\N\n");
  EXPECT_NE(db.query("SELECT error_message FROM documents WHERE status = 'failed'").find("崩溃"), std::string::npos);
}

TEST(AuditRun, AHangingDocumentIsStoppedAtItsTimeLimit) {
  TempDir dir;
  write_three(dir / "docs");
  std::string out;
  EXPECT_EQ(run("XXGK_WORKER_FAULT=hang:xinchun-2023 " +
                    audit_cmd(dir / "docs", dir / "x.sqlite", "--jobs 2 --doc-timeout 1 --lang en 2>/dev/null"),
                &out),
            1)
      << out;
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT status, error_code, error_message FROM documents WHERE path LIKE '%xinchun-2023.txt'"),
            "failed|timeout|reading took longer than the limit of 1 s (--doc-timeout); the reader was stopped\n");
  EXPECT_EQ(db.query("SELECT count(*) FROM documents WHERE status != 'failed'"), "2\n");
}

// Refused by their size before a byte is read (issue 17, item 8): not stored (their digest, the
// store's key, is unknown), reported as not read; a later run with a higher limit reads them.
TEST(AuditRun, TooLargeDocumentsAreRefusedWithoutBeingRead) {
  TempDir dir;
  write_file(dir / "docs/big.txt", seed() + std::string(2 << 20, ' '));
  EXPECT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite", "--max-mb 1")), 1);
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT count(*) FROM documents"), "0\n");
  EXPECT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite", "--max-mb 3")), 0);
  EXPECT_EQ(db.query("SELECT status, size > 2000000 FROM documents"), "ok|1\n");
}

TEST(AuditExport, WritesTidyCsvWithBomAndBlanksKeptApartFromZeros) {
  TempDir dir;
  std::string blank = set_requests_cell(seed(), kNewReceived, 1, "");  // 商业企业 left blank
  write_file(dir / "docs/blank.txt", blank);
  write_file(dir / "docs/flagged.txt", taoyuan_2024_flagged());
  ASSERT_LE(run(audit_cmd(dir / "docs", dir / "x.sqlite")), 1);
  std::string out;
  ASSERT_EQ(run(std::string(XXGK_BINARY) + " export --db " + quote(dir / "x.sqlite") + " --csv " + quote(dir / "csv"), &out), 0);
  EXPECT_NE(out.find("2 reports, 400 figures"), std::string::npos) << out;
  const std::string figures = read_file(dir / "csv/figures.csv");
  ASSERT_EQ(figures.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(figures.substr(3, figures.find('\n') - 3), "document_id,path,agency,year,table,row,col,value,raw,page\r");
  EXPECT_NE(figures.find(",requests,new_received,commercial,,,\r\n"), std::string::npos) << "a blank: empty value and raw";
  EXPECT_NE(figures.find(",requests,new_received,research,0,0,\r\n"), std::string::npos) << "a zero: 0 and 0";
  const std::string findings = read_file(dir / "csv/findings.csv");
  EXPECT_NE(findings.find(",requests.row_total,error,fail,requests,new_received,,1,0,"), std::string::npos) << findings;
  const std::string reports = read_file(dir / "csv/reports.csv");
  EXPECT_NE(reports.find("长春市南关区桃源街道办事处,,220102009,township,government,吉林省,长春市,南关区,桃源街道,"
                         "220102009/government,2024,2021,flagged"),
            std::string::npos)
      << reports;
}

}  // namespace
