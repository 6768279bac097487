// The audit store in-process: schema versioning, a report's round trip, revisions, skipping, and
// cross-year findings over the store in either order of arrival.
#include "audit/report_codec.h"
#include "audit/schema.h"
#include "audit/store.h"
#include "audit_fixtures.h"
#include "pipeline/process.h"

#include <gtest/gtest.h>

namespace {

using namespace audit_test;
using xxgk::Report;
using xxgk::Store;

std::vector<std::string> rules_of(const Report& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.rule + ":" + f.col.value_or("-"));
  return out;
}

TEST(AuditStore, NewStoreHasSchemaVersionInPragmaAndMeta) {
  TempDir dir;
  { Store s((dir / "x.sqlite").string()); }
  Db db(dir / "x.sqlite");
  const std::string version = std::to_string(xxgk::kStoreSchemaVersion) + "\n";
  EXPECT_EQ(db.query("PRAGMA user_version"), version);
  EXPECT_EQ(db.query("SELECT value FROM meta WHERE key = 'schema_version'"), version);
  EXPECT_EQ(db.query("PRAGMA journal_mode"), "wal\n");
}

TEST(AuditStore, RefusesANewerSchemaVersionWithAPlainMessage) {
  TempDir dir;
  const auto path = (dir / "x.sqlite").string();
  { Store s(path); }
  {
    Db db(dir / "x.sqlite", SQLITE_OPEN_READWRITE);
    db.query("PRAGMA user_version = 7");
  }
  try {
    Store s(path);
    FAIL() << "opened a version 7 store";
  } catch (const xxgk::SchemaError& e) {
    const std::string expected = "schema version 7, newer than this xxgk understands (version " +
                                 std::to_string(xxgk::kStoreSchemaVersion) + ")";
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos)
        << e.what();
  }
}

TEST(AuditStore, RefusesADatabaseThatIsNotAnXxgkStore) {
  TempDir dir;
  {
    Db db(dir / "other.sqlite", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.query("CREATE TABLE t(x)");
  }
  EXPECT_THROW(Store s((dir / "other.sqlite").string()), xxgk::SchemaError);
}

TEST(AuditStore, StoredReportLoadsBackUnchanged) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  Report r = make("a/flagged.txt", taoyuan_2024_flagged());
  ASSERT_EQ(r.status, "flagged");
  const auto before = xxgk::report_to_json(r);
  const auto out = s.store(r, "2026-01-01T00:00:00Z");
  EXPECT_FALSE(out.skipped);
  EXPECT_EQ(out.revision, 1);
  EXPECT_EQ(xxgk::report_to_json(s.load(out.document_id)), before);
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT count(*) FROM figures"), "200\n");
  // A blank is NULL, a printed 0 is the integer 0.
  EXPECT_EQ(db.query("SELECT typeof(value), raw FROM figures WHERE row_id = 'new_received' AND col_id = 'natural_person'"),
            "integer|1\n");
}

TEST(AuditStore, ProvenanceAndTheAgencysSourceLoadBackAndShowInTheView) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  Report fetched = make("fetched/flagged.txt", taoyuan_2024_flagged());
  fetched.source.url = "http://127.0.0.1:8080/attach/flagged.txt";
  fetched.source.page_url = "http://127.0.0.1:8080/ndbg/t20250120_1.html";
  fetched.source.published = "2025-01-20";
  fetched.source.fetched_at = "2026-02-01T03:04:05Z";
  fetched.report.agency_source = "article_title";
  const auto before = xxgk::report_to_json(fetched);
  const auto out = s.store(fetched, "2026-02-01T04:00:00Z");
  EXPECT_EQ(xxgk::report_to_json(s.load(out.document_id)), before);
  Report local = make("local/seed.txt", seed());
  const auto local_out = s.store(local, "2026-02-01T04:00:00Z");
  const Report loaded = s.load(local_out.document_id);
  EXPECT_FALSE(loaded.source.url || loaded.source.page_url || loaded.source.published || loaded.source.fetched_at ||
               loaded.report.agency_source);
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT path, url, page_url, published, fetched_at, agency_source FROM current_reports ORDER BY path"),
            "fetched/flagged.txt|http://127.0.0.1:8080/attach/flagged.txt|http://127.0.0.1:8080/ndbg/t20250120_1.html|"
            "2025-01-20|2026-02-01T03:04:05Z|article_title\n"
            "local/seed.txt|\\N|\\N|\\N|\\N|\\N\n");
}

TEST(AuditStore, SameBytesAreSkipped) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  Report a = make("a.txt", seed());
  Report b = make("copy/of/a.txt", seed());
  EXPECT_FALSE(s.store(a, "t1").skipped);
  EXPECT_TRUE(s.has_document(a.source.sha256));
  EXPECT_TRUE(s.store(b, "t2").skipped);
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT count(*) FROM documents"), "1\n");
}

// A bulk load (bench/site's generator) stores many documents in one transaction of its own: each
// Store::store is then a savepoint inside it, undone alone when it is skipped, and nothing is
// visible to a reader until the outer transaction commits.
TEST(AuditStore, DocumentsStoredInsideACallersTransactionCommitWithIt) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  {
    xxgk::sql::Transaction batch(s.db());
    Report a = make("a.txt", seed());
    Report b = make("b/flagged.txt", taoyuan_2024_flagged());
    Report again = make("copy/of/a.txt", seed());
    EXPECT_FALSE(s.store(a, "t1").skipped);
    EXPECT_FALSE(s.store(b, "t1").skipped);
    EXPECT_TRUE(s.store(again, "t2").skipped);  // its savepoint rolled back, the others kept
    {
      Db reader(dir / "x.sqlite");
      EXPECT_EQ(reader.query("SELECT count(*) FROM documents"), "0\n");
    }
    batch.commit();
  }
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT path FROM documents ORDER BY id"), "a.txt\nb/flagged.txt\n");
  EXPECT_EQ(db.query("SELECT count(*) FROM figures"), "400\n");
  // A batch that is not committed leaves nothing, the savepoints inside it included.
  {
    xxgk::sql::Transaction batch(s.db());
    Report c = make("c.txt", with_street(seed(), "桃源街道"));
    EXPECT_FALSE(s.store(c, "t3").skipped);
  }
  EXPECT_EQ(db.query("SELECT count(*) FROM documents"), "2\n");
}

// Audit's batches store a document without a savepoint of its own (Store::savepoint_each_document):
// a skip still writes nothing, the batch commits every document stored in it, and a document that
// cannot be stored leaves the batch half-written, which the caller then rolls back whole.
TEST(AuditStore, WithoutSavepointsAFailedStoreIsUndoneWithItsBatch) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  s.savepoint_each_document(false);
  {
    xxgk::sql::Transaction batch(s.db());
    Report a = make("a.txt", seed());
    Report again = make("copy/of/a.txt", seed());
    Report b = make("b/flagged.txt", taoyuan_2024_flagged());
    EXPECT_FALSE(s.store(a, "t1").skipped);
    EXPECT_TRUE(s.store(again, "t1").skipped);
    EXPECT_FALSE(s.store(b, "t1").skipped);
    batch.commit();
  }
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT path FROM documents ORDER BY id"), "a.txt\nb/flagged.txt\n");
  EXPECT_EQ(db.query("SELECT count(*) FROM figures"), "400\n");
  {
    xxgk::sql::Transaction batch(s.db());
    Report c = make("c.txt", with_street(seed(), "桃源街道"));
    EXPECT_FALSE(s.store(c, "t2").skipped);
    Report bad = make("d.txt", with_year(seed(), 2019));
    bad.status = "unknown";  // not a status the documents table takes: its insert fails
    EXPECT_THROW(s.store(bad, "t2"), std::exception);
  }  // not committed: rolled back, c with it
  EXPECT_EQ(db.query("SELECT path FROM documents ORDER BY id"), "a.txt\nb/flagged.txt\n");
  EXPECT_EQ(db.query("SELECT count(*) FROM figures"), "400\n");
  EXPECT_EQ(db.query("SELECT count(*) FROM reports"), "2\n");
}

TEST(AuditStore, ChangedDocumentAtTheSamePathIsANewRevision) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  Report v1 = make("r.txt", seed());
  Report v2 = make("r.txt", taoyuan_2024_flagged());  // other bytes, other agency, same path
  const auto o1 = s.store(v1, "t1");
  const auto o2 = s.store(v2, "t2");
  EXPECT_EQ(o2.revision, 2);
  EXPECT_EQ(o2.superseded, std::vector<std::int64_t>{o1.document_id});
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT id, revision, supersedes, is_current FROM documents ORDER BY id"),
            "1|1|\\N|0\n2|2|1|1\n");
}

TEST(AuditStore, AnotherDocumentForTheSameAgencyAndYearIsANewRevision) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  Report html = make("site/report.txt", seed());
  Report pdf = make("attachments/report-copy.txt", seed() + "\n");  // the same report, other bytes, other path
  s.store(html, "t1");
  const auto o = s.store(pdf, "t2");
  EXPECT_EQ(o.revision, 2);
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT path, revision FROM current_reports"), "attachments/report-copy.txt|2\n");
}

// The 2023 report says it carried 1 request forward; the 2024 report says 0 were carried over.
void expect_carry_findings(const Report& r2024) {
  EXPECT_EQ(rules_of(r2024), (std::vector<std::string>{"cross_year.carry:natural_person", "cross_year.carry:total"}));
  EXPECT_EQ(r2024.findings[0].expected, 1);
  EXPECT_EQ(r2024.findings[0].actual, 0);
  EXPECT_EQ(r2024.findings[0].severity, "warning");
}

TEST(AuditStore, CrossYearRulesUseLastYearsReportInTheStore) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  Report y2023 = make("2023.txt", xinchun_2023());
  Report y2024 = make("2024.txt", seed());
  ASSERT_TRUE(y2024.findings.empty());
  s.store(y2023, "t1");
  const auto o = s.store(y2024, "t2");
  expect_carry_findings(y2024);  // appended to the report as stored
  expect_carry_findings(s.load(o.document_id));
  EXPECT_EQ(o.successors_updated, 0);
}

TEST(AuditStore, AReportStoredAfterItsSuccessorUpdatesTheSuccessorsFindings) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  Report y2024 = make("2024.txt", seed());
  Report y2023 = make("2023.txt", xinchun_2023());
  const auto o2024 = s.store(y2024, "t1");
  EXPECT_TRUE(s.load(o2024.document_id).findings.empty());
  const auto o2023 = s.store(y2023, "t2");
  EXPECT_EQ(o2023.successors_updated, 1);
  expect_carry_findings(s.load(o2024.document_id));
  // A corrected 2023 revision that carried nothing forward clears them again.
  Report fixed = make("2023.txt", with_year(seed(), 2023));
  const auto o3 = s.store(fixed, "t3");
  EXPECT_EQ(o3.revision, 2);
  EXPECT_EQ(o3.successors_updated, 1);
  EXPECT_TRUE(s.load(o2024.document_id).findings.empty());
}

TEST(AuditStore, CurrentReportsComeFlaggedFirst) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  Report ok = make("a-ok.txt", seed());
  Report bad = make("z-flagged.txt", taoyuan_2024_flagged());
  s.store(ok, "t1");
  s.store(bad, "t2");
  std::vector<std::string> order;
  s.for_each_current([&](std::int64_t id) { order.push_back(s.load(id).source.path); });
  EXPECT_EQ(order, (std::vector<std::string>{"z-flagged.txt", "a-ok.txt"}));
}

}  // namespace
