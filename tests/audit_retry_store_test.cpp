// Retrying a failed document in the store (`xxgk audit --retry-failed`): the new outcome replaces
// the failed one in its row, in one transaction, as if the document had been read right the first
// time; documents that did not fail are never replaced.
#include "audit/sqlite.h"
#include "audit/store.h"
#include "audit_fixtures.h"
#include "pipeline/process.h"
#include "pipeline/sha256.h"

#include <gtest/gtest.h>

namespace {

using namespace audit_test;
using xxgk::Report;
using xxgk::Store;

// The record a worker pool writes for a document whose reader died or ran out of time: the
// source and the error, nothing read.
Report reader_failure(const std::string& path, const std::string& text, const std::string& code) {
  Report r;
  r.source = xxgk::SourceInfo{path, xxgk::sha256_hex(text), "txt", std::nullopt, text.size()};
  r.status = "failed";
  r.error = xxgk::ErrorInfo{code, "the " + code + " message"};
  return r;
}

// A document that failed after it was partly read (an internal error past normalization): like
// process_bytes's failures it keeps its metadata and sections, and so its agency and year.
Report late_failure(const std::string& path, const std::string& text) {
  Report r = make(path, text);
  r.status = "failed";
  r.error = xxgk::ErrorInfo{"internal", "xxgk could not read the document: boom"};
  r.figures.clear();
  r.findings.clear();
  return r;
}

TEST(AuditRetryStore, ARetryReplacesTheFailedOutcomeInItsRowAndLeavesNothingOfIt) {
  TempDir dir;
  {
    Store s((dir / "retried.sqlite").string());
    Report y2023 = make("2023.txt", xinchun_2023());
    // A failure that kept all it had read. Today's readers keep only the metadata and sections of
    // a late failure, but whatever a failed attempt left beside its row must go.
    Report failed = make("2024.txt", seed());
    failed.status = "failed";
    failed.error = xxgk::ErrorInfo{"internal", "xxgk could not read the document: boom"};
    s.store(y2023, "t1");
    s.store(failed, "t2");
    Db db(dir / "retried.sqlite");
    ASSERT_EQ(db.query("SELECT (SELECT count(*) FROM figures WHERE document_id = 2), (SELECT count(*) FROM findings "
                       "WHERE document_id = 2), (SELECT count(*) FROM sections WHERE document_id = 2)"),
              "200|2|6\n");
    Report read = make("2024.txt", seed());
    const auto out = s.store(read, "t3", true);
    EXPECT_FALSE(out.skipped);
    EXPECT_TRUE(out.retried);
    EXPECT_EQ(out.document_id, 2);
    EXPECT_EQ(out.revision, 1);
  }
  {
    Store s((dir / "fresh.sqlite").string());
    Report y2023 = make("2023.txt", xinchun_2023());
    Report read = make("2024.txt", seed());
    s.store(y2023, "t1");
    s.store(read, "t3");
  }
  EXPECT_EQ(dump(dir / "retried.sqlite"), dump(dir / "fresh.sqlite"));
  Db db(dir / "retried.sqlite");
  EXPECT_EQ(db.query("SELECT count(*) FROM sections WHERE document_id = 2"), "6\n");
  EXPECT_EQ(db.query("SELECT rule, col_id FROM findings WHERE document_id = 2 ORDER BY seq"),
            "cross_year.carry|natural_person\ncross_year.carry|total\n");
}

TEST(AuditRetryStore, OnlyAFailedDocumentIsReplacedAndOnlyWhenAsked) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  const std::string partial_text = with_street(
      read_file(fs::path(XXGK_SOURCE_DIR) / "corpus/txt/xinchun-2024-missing-table.txt"), "桃源街道");
  Report failed = reader_failure("a.txt", seed(), "timeout");
  Report partial = make("b.txt", partial_text);
  Report flagged = make("c.txt", taoyuan_2024_flagged());
  ASSERT_EQ(partial.status, "partial");
  s.store(failed, "t1");
  s.store(partial, "t1");
  s.store(flagged, "t1");
  EXPECT_EQ(s.stored_status(failed.source.sha256), "failed");
  EXPECT_EQ(s.stored_status(partial.source.sha256), "partial");
  EXPECT_EQ(s.stored_status(xxgk::sha256_hex("other bytes")), std::nullopt);
  const std::string before = dump(dir / "x.sqlite");
  Report a = make("a.txt", seed());
  Report b = make("b.txt", partial_text);
  Report c = make("c.txt", taoyuan_2024_flagged());
  EXPECT_TRUE(s.store(a, "t2").skipped);
  EXPECT_TRUE(s.store(b, "t2", true).skipped);
  EXPECT_TRUE(s.store(c, "t2", true).skipped);
  EXPECT_EQ(dump(dir / "x.sqlite"), before);
}

TEST(AuditRetryStore, ARetryThatFailsAgainKeepsOneRowWithTheNewError) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  Report crashed = reader_failure("a.txt", seed(), "crashed");
  Report timed_out = reader_failure("a.txt", seed(), "timeout");
  s.store(crashed, "t1");
  const auto out = s.store(timed_out, "t2", true);
  EXPECT_TRUE(out.retried);
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT id, path, status, error_code, error_message, processed_at, revision, is_current FROM documents"),
            "1|a.txt|failed|timeout|the timeout message|t2|1|1\n");
  EXPECT_EQ(db.query("SELECT document_id, status, agency FROM reports"), "1|failed|\\N\n");
}

// a.txt and b.txt are the same report (agency and year), other bytes: b, stored second, is the
// current revision 2 whichever of them failed first and was retried.
TEST(AuditRetryStore, ARetriedReportTakesItsPlaceAmongRevisionsByWhenItWasFirstStored) {
  const std::string a_text = seed(), b_text = seed() + "\n";
  TempDir dir;
  {
    Store s((dir / "fresh.sqlite").string());
    Report a = make("a.txt", a_text), b = make("b.txt", b_text);
    s.store(a, "t1");
    s.store(b, "t2");
  }
  const std::string fresh = dump(dir / "fresh.sqlite");
  EXPECT_NE(fresh.find("2|b.txt|" + xxgk::sha256_hex(b_text) + "|txt|"), std::string::npos);
  {
    SCOPED_TRACE("a failed");
    Store s((dir / "a-failed.sqlite").string());
    Report a_failed = reader_failure("a.txt", a_text, "timeout"), b = make("b.txt", b_text), a = make("a.txt", a_text);
    s.store(a_failed, "t0");
    s.store(b, "t2");
    const auto out = s.store(a, "t1", true);
    EXPECT_EQ(out.superseded_by, 2);
    EXPECT_EQ(dump(dir / "a-failed.sqlite"), fresh);
  }
  {
    SCOPED_TRACE("b failed");
    Store s((dir / "b-failed.sqlite").string());
    Report a = make("a.txt", a_text), b_failed = reader_failure("b.txt", b_text, "timeout"), b = make("b.txt", b_text);
    s.store(a, "t1");
    s.store(b_failed, "t0");
    const auto out = s.store(b, "t2", true);
    EXPECT_EQ(out.superseded, std::vector<std::int64_t>{1});
    EXPECT_EQ(out.revision, 2);
    EXPECT_EQ(dump(dir / "b-failed.sqlite"), fresh);
  }
}

TEST(AuditRetryStore, ARetriedDocumentSupersededAtItsPathMeanwhileStaysSuperseded) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  Report v1_failed = reader_failure("r.txt", seed(), "timeout");
  Report v2 = make("r.txt", taoyuan_2024_flagged());
  s.store(v1_failed, "t1");
  s.store(v2, "t2");
  Report v1 = make("moved/r.txt", seed());  // its bytes found again elsewhere
  const auto out = s.store(v1, "t3", true);
  EXPECT_TRUE(out.retried);
  EXPECT_TRUE(out.superseded.empty());
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT id, path, status, revision, supersedes, is_current FROM documents ORDER BY id"),
            "1|r.txt|ok|1|\\N|0\n2|r.txt|flagged|2|1|1\n");
  EXPECT_EQ(db.query("SELECT document_id, agency, year FROM reports ORDER BY document_id"),
            "1|长春市南关区新春街道办事处|2024\n2|长春市南关区桃源街道办事处|2024\n");
}

TEST(AuditRetryStore, AnInterruptedRetryLeavesTheFailedRowAsItWas) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  Report failed = late_failure("a.txt", seed());
  s.store(failed, "t1");
  const std::string before = dump(dir / "x.sqlite");
  {
    Db db(dir / "x.sqlite");
    db.query("CREATE TRIGGER stop_here BEFORE INSERT ON figures BEGIN SELECT RAISE(ABORT, 'stopped mid-way'); END");
  }
  Report read = make("a.txt", seed());
  EXPECT_THROW(s.store(read, "t2", true), xxgk::sql::StoreError);
  {
    Db db(dir / "x.sqlite");
    db.query("DROP TRIGGER stop_here");
  }
  EXPECT_EQ(dump(dir / "x.sqlite"), before);
  EXPECT_EQ(s.stored_status(read.source.sha256), "failed");
}

}  // namespace
