// `xxgk audit --retry-failed` through the real binary: a stored failure is skipped by a plain run
// and read again with the flag, ending as a store that read it right once would be; a failure
// that fails again keeps one row with the new error; copies of its bytes are read once; a
// document that produced a report is never read again.
#include "audit_fixtures.h"

#include <gtest/gtest.h>

namespace {

using namespace audit_test;

size_t occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + what.size())) ++n;
  return n;
}

TEST(AuditRetryRun, AFailureIsSkippedByAPlainRunAndReadAgainWithRetryFailed) {
  TempDir dir;
  write_three(dir / "docs");
  std::string out;
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "fresh.sqlite"), &out), 0) << out;
  // The 2023 report's reader crashes once (a loaded machine, a missing converter …).
  EXPECT_EQ(run("XXGK_WORKER_FAULT=crash:xinchun-2023 " + audit_cmd(dir / "docs", dir / "x.sqlite", "--jobs 1 2>/dev/null"), &out),
            1)
      << out;
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT id, status, error_code FROM documents WHERE path LIKE '%xinchun-2023.txt'"), "2|failed|crashed\n");
  const std::string xinchun_2024_findings =
      "SELECT f.rule, f.col_id FROM findings f JOIN documents d ON d.id = f.document_id "
      "WHERE d.path LIKE '%xinchun-2024.txt' ORDER BY f.seq";
  EXPECT_EQ(db.query(xinchun_2024_findings), "") << "no 2023 report for the 2024 one to be checked against";
  const std::string failed = dump(dir / "x.sqlite");

  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite"), &out), 0) << out;
  EXPECT_NE(out.find("3 documents listed, 0 processed"), std::string::npos) << out;
  EXPECT_EQ(dump(dir / "x.sqlite"), failed);

  const std::string others = "SELECT id, processed_at FROM documents WHERE id != 2 ORDER BY id";
  const std::string others_before = db.query(others);
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite", "--retry-failed"), &out), 0) << out;
  EXPECT_NE(out.find("3 documents listed, 1 processed"), std::string::npos) << out;
  EXPECT_NE(out.find("new 0, revision 0, retried 1, skipped (already stored) 2, not readable files 0"), std::string::npos) << out;
  EXPECT_NE(out.find("by status: ok 1, flagged 0, partial 0, failed 0"), std::string::npos) << out;
  EXPECT_NE(out.find("next-year reports whose cross-year findings were updated: 1"), std::string::npos) << out;
  EXPECT_EQ(dump(dir / "x.sqlite", false), dump(dir / "fresh.sqlite", false));
  EXPECT_EQ(db.query(others), others_before);
  EXPECT_EQ(db.query(xinchun_2024_findings), "cross_year.carry|natural_person\ncross_year.carry|total\n");

  // Nothing failed is left: a second retry reads nothing.
  const std::string retried = dump(dir / "x.sqlite");
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite", "--retry-failed"), &out), 0) << out;
  EXPECT_NE(out.find("new 0, revision 0, retried 0, skipped (already stored) 3"), std::string::npos) << out;
  EXPECT_EQ(dump(dir / "x.sqlite"), retried);
}

TEST(AuditRetryRun, ADocumentThatFailsAgainKeepsOneRowWithTheNewError) {
  TempDir dir;
  write_three(dir / "docs");
  std::string out;
  EXPECT_EQ(run("XXGK_WORKER_FAULT=crash:taoyuan " + audit_cmd(dir / "docs", dir / "x.sqlite", "--jobs 1 2>/dev/null"), &out), 1)
      << out;
  Db db(dir / "x.sqlite");
  const std::string row = "SELECT id, status, error_code, error_message FROM documents WHERE path LIKE '%taoyuan-2024.txt'";
  ASSERT_EQ(db.query("SELECT id, status, error_code FROM documents WHERE path LIKE '%taoyuan-2024.txt'"), "1|failed|crashed\n");
  const std::string first_time = db.query("SELECT processed_at FROM documents WHERE id = 1");

  // Read again, it hangs: stopped at its time limit (at least a second later), stored as failed again.
  EXPECT_EQ(run("XXGK_WORKER_FAULT=hang:taoyuan " +
                    audit_cmd(dir / "docs", dir / "x.sqlite", "--retry-failed --doc-timeout 1 --lang en 2>/dev/null"),
                &out),
            1)
      << out;
  EXPECT_NE(out.find("3 documents listed, 1 processed"), std::string::npos) << out;
  EXPECT_NE(out.find("new 0, revision 0, retried 1, skipped (already stored) 2"), std::string::npos) << out;
  EXPECT_NE(out.find("by status: ok 0, flagged 0, partial 0, failed 1"), std::string::npos) << out;
  EXPECT_EQ(db.query(row),
            "1|failed|timeout|reading took longer than the limit of 1 s (--doc-timeout); the reader was stopped\n");
  EXPECT_NE(db.query("SELECT processed_at FROM documents WHERE id = 1"), first_time);
  EXPECT_EQ(db.query("SELECT count(*), count(DISTINCT sha256) FROM documents"), "3|3\n");
  EXPECT_EQ(db.query("SELECT document_id, status FROM reports ORDER BY document_id"), "1|failed\n2|ok\n3|ok\n");
  EXPECT_EQ(db.query("SELECT count(*) FROM figures WHERE document_id = 1"), "0\n");
}

TEST(AuditRetryRun, CopiesOfAFailedDocumentAreReadOnceARun) {
  TempDir dir;
  write_file(dir / "docs/copy-1.txt", seed());
  write_file(dir / "docs/copy-2.txt", seed());
  const std::string audit = "XXGK_WORKER_FAULT=crash:copy " + std::string(XXGK_BINARY) + " audit " + quote(dir / "docs") +
                            " --db " + quote(dir / "x.sqlite") + " --progress none --log-level warn --jobs 2 ";
  std::string out;
  EXPECT_EQ(run(audit + "2>&1", &out), 1) << out;
  EXPECT_EQ(run(audit + "--retry-failed 2>&1", &out), 1) << out;
  EXPECT_EQ(occurrences(out, "the reader process died"), 1u) << out;
  EXPECT_NE(out.find("new 0, revision 0, retried 1, skipped (already stored) 1"), std::string::npos) << out;
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT id, path LIKE '%copy-1.txt', status, error_code FROM documents"), "1|1|failed|crashed\n");
}

// Issue 17, item 5 through the CLI: two revisions of one report (same agency and year, other
// bytes), one of them failing first. The retried document became revision 1 with no `supersedes`
// and the other kept no successor; now, whichever failed, the store ends as a run that read both
// right would leave it: one chain, revision 1 superseded by revision 2, the later one current.
TEST(AuditRetryRun, ARetriedRevisionTakesItsPlaceInTheRevisionChain) {
  for (const char* failing : {"r-first", "r-second"}) {
    SCOPED_TRACE(failing);
    TempDir dir;
    write_file(dir / "docs/r-first.txt", seed());
    write_file(dir / "docs/r-second.txt", seed() + "\n");
    std::string out;
    ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "fresh.sqlite", "--jobs 1"), &out), 0) << out;
    const std::string chain = "SELECT id, substr(path, instr(path, 'docs/') + 5), status, revision, supersedes, is_current FROM documents ORDER BY id";
    Db fresh(dir / "fresh.sqlite");
    ASSERT_EQ(fresh.query(chain), "1|r-first.txt|ok|1|\\N|0\n2|r-second.txt|ok|2|1|1\n");

    EXPECT_EQ(run("XXGK_WORKER_FAULT=crash:" + std::string(failing) + " " +
                      audit_cmd(dir / "docs", dir / "x.sqlite", "--jobs 1 2>/dev/null"),
                  &out),
              1)
        << out;
    ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite", "--retry-failed --jobs 1"), &out), 0) << out;
    EXPECT_NE(out.find("retried 1"), std::string::npos) << out;
    Db db(dir / "x.sqlite");
    EXPECT_EQ(db.query(chain), fresh.query(chain));
    EXPECT_EQ(dump(dir / "x.sqlite", false), dump(dir / "fresh.sqlite", false));
  }
}

TEST(AuditRetryRun, RetryFailedNeverReadsADocumentThatProducedAReport) {
  TempDir dir;
  write_file(dir / "docs/a-ok.txt", seed());
  write_file(dir / "docs/b-flagged.txt", taoyuan_2024_flagged());
  write_file(dir / "docs/c-partial.txt",
             with_street(read_file(fs::path(XXGK_SOURCE_DIR) / "corpus/txt/xinchun-2024-missing-table.txt"), "永吉街道"));
  write_file(dir / "docs/d-broken.pdf", "%PDF-1.7\nthis is not really a PDF\n");
  std::string out;
  EXPECT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite"), &out), 1) << out;
  Db db(dir / "x.sqlite");
  ASSERT_EQ(db.query("SELECT id, status FROM documents ORDER BY id"), "1|ok\n2|flagged\n3|partial\n4|failed\n");
  const std::string kept = "SELECT * FROM documents WHERE id != 4 ORDER BY id";
  const std::string kept_before = db.query(kept);
  const std::string figures_before = db.query("SELECT * FROM figures ORDER BY document_id, seq");
  const std::string findings_before = db.query("SELECT * FROM findings ORDER BY document_id, seq");

  // Every reader this run starts crashes and says so in a warning: only the failed PDF may be read.
  const std::string cmd = "XXGK_WORKER_FAULT=crash:docs " + std::string(XXGK_BINARY) + " audit " + quote(dir / "docs") +
                          " --db " + quote(dir / "x.sqlite") + " --progress none --log-level warn --retry-failed 2>&1";
  EXPECT_EQ(run(cmd, &out), 1) << out;
  EXPECT_EQ(occurrences(out, "the reader process died"), 1u) << out;
  EXPECT_EQ(occurrences(out, "d-broken.pdf: the reader process died"), 1u) << out;
  EXPECT_NE(out.find("4 documents listed, 1 processed"), std::string::npos) << out;
  EXPECT_NE(out.find("new 0, revision 0, retried 1, skipped (already stored) 3"), std::string::npos) << out;
  EXPECT_EQ(db.query(kept), kept_before);
  EXPECT_EQ(db.query("SELECT * FROM figures ORDER BY document_id, seq"), figures_before);
  EXPECT_EQ(db.query("SELECT * FROM findings ORDER BY document_id, seq"), findings_before);
  EXPECT_EQ(db.query("SELECT id, status, error_code FROM documents WHERE id = 4"), "4|failed|crashed\n");
}

}  // namespace
