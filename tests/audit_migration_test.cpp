// Migrations from every earlier schema version, on real database files: tests/data/stores/vN.sqlite
// was written by the xxgk of schema version N (make_fixture.sh beside it). Each is copied, opened
// by today's Store (which migrates it), and must keep every row and every value it had: a
// migration adds, it never loses. The migrated store must then still load and take new documents.
#include "audit/schema.h"
#include "audit/store.h"
#include "audit_fixtures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

namespace {

using namespace audit_test;
using xxgk::Store;

const fs::path kFixtures = fs::path(XXGK_SOURCE_DIR) / "tests/data/stores";

std::vector<fs::path> fixtures() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kFixtures))
    if (std::regex_match(e.path().filename().string(), std::regex(R"(v[0-9]+\.sqlite)"))) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

int version_of(const fs::path& p) { return std::stoi(p.stem().string().substr(1)); }

std::vector<std::string> column_names(Db& db, const std::string& schema, const std::string& table) {
  std::vector<std::string> out;
  std::istringstream in(db.query("SELECT name FROM pragma_table_info('" + table + "', '" + schema + "')"));
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// A copy of `fixture` in `dir`, opened once by today's Store (which migrates it).
fs::path migrated_copy(const fs::path& fixture, const TempDir& dir) {
  const fs::path db_path = dir / "store.sqlite";
  fs::copy_file(fixture, db_path);
  { Store s(db_path.string()); }
  return db_path;
}

TEST(AuditMigration, ThereIsAFixtureForEverySchemaVersion) {
  std::set<int> have;
  for (const auto& f : fixtures()) have.insert(version_of(f));
  for (int v = 1; v <= xxgk::kStoreSchemaVersion; ++v) EXPECT_TRUE(have.count(v)) << "no tests/data/stores/v" << v << ".sqlite";
  EXPECT_FALSE(have.empty());
}

TEST(AuditMigration, EveryEarlierVersionMigratesWithEveryRowAndValueKept) {
  for (const auto& fixture : fixtures()) {
    SCOPED_TRACE(fixture.filename().string());
    TempDir dir;
    const fs::path db_path = migrated_copy(fixture, dir);
    Db db(db_path, SQLITE_OPEN_READWRITE);
    EXPECT_EQ(db.query("PRAGMA user_version"), std::to_string(xxgk::kStoreSchemaVersion) + "\n");
    EXPECT_EQ(db.query("SELECT value FROM meta WHERE key = 'schema_version'"), std::to_string(xxgk::kStoreSchemaVersion) + "\n");
    db.query("ATTACH '" + fixture.string() + "' AS old");
    std::istringstream tables(db.query("SELECT name FROM old.sqlite_master WHERE type = 'table' ORDER BY name"));
    int compared = 0;
    for (std::string table; std::getline(tables, table);) {
      SCOPED_TRACE(table);
      const auto columns = column_names(db, "old", table);
      ASSERT_FALSE(columns.empty());
      std::string match;
      for (const auto& c : columns) match += (match.empty() ? "" : " AND ") + ("n." + c + " IS o." + c);
      // The version stamp is the one value a migration must change.
      const std::string skip = table == "meta" ? " AND o.key <> 'schema_version'" : "";
      EXPECT_EQ(db.query("SELECT count(*) FROM old." + table + " o WHERE NOT EXISTS (SELECT 1 FROM main." + table +
                         " n WHERE " + match + ")" + skip),
                "0\n")
          << "rows of " << table << " lost or changed by the migration";
      EXPECT_EQ(db.query("SELECT count(*) FROM main." + table), db.query("SELECT count(*) FROM old." + table));
      ++compared;
    }
    EXPECT_GE(compared, 5);
  }
}

// Migrated step by step, a store ends with the newest schema exactly as a new store gets it: the
// same tables, columns, indexes (version 6 dropped figures_by_address), views and triggers.
TEST(AuditMigration, EveryEarlierVersionEndsWithANewStoresSchema) {
  const std::string schema = "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name";
  TempDir fresh_dir;
  { Store s((fresh_dir / "new.sqlite").string()); }
  const std::string fresh = Db(fresh_dir / "new.sqlite").query(schema);
  EXPECT_EQ(fresh.find("figures_by_address"), std::string::npos);
  EXPECT_NE(fresh.find("index|findings_by_rule|findings"), std::string::npos) << fresh;
  for (const auto& fixture : fixtures()) {
    SCOPED_TRACE(fixture.filename().string());
    TempDir dir;
    Db db(migrated_copy(fixture, dir));
    EXPECT_EQ(db.query(schema), fresh);
    for (const char* table : {"documents", "reports", "figures", "findings", "sections", "indicators", "reviews"})
      EXPECT_EQ(db.query(std::string("SELECT name, type FROM pragma_table_info('") + table + "')"),
                Db(fresh_dir / "new.sqlite").query(std::string("SELECT name, type FROM pragma_table_info('") + table + "')"))
          << table;
  }
}

TEST(AuditMigration, AMigratedStoreLoadsItsReportsAndTakesNewOnes) {
  for (const auto& fixture : fixtures()) {
    SCOPED_TRACE(fixture.filename().string());
    TempDir dir;
    const fs::path db_path = dir / "store.sqlite";
    fs::copy_file(fixture, db_path);
    Store s(db_path.string());
    const auto documents = s.db().scalar_int("SELECT count(*) FROM documents");
    EXPECT_GE(documents, 8);
    int loaded = 0;
    s.for_each_current([&](std::int64_t id) {
      const auto r = s.load(id);
      EXPECT_FALSE(r.source.sha256.empty());
      ++loaded;
    }, true);
    EXPECT_EQ(loaded, documents);
    auto report = make("new/taoyuan-2024.txt", taoyuan_2024_flagged());
    const auto out = s.store(report, "2026-12-06T00:00:00Z");
    EXPECT_FALSE(out.skipped);
    EXPECT_EQ(s.db().scalar_int("SELECT count(*) FROM documents"), documents + 1);
  }
}

TEST(AuditMigration, AStoreFromBeforeRegionsIsPlacedOnceByTheNextAudit) {
  TempDir dir;
  const fs::path db_path = dir / "store.sqlite";
  fs::copy_file(kFixtures / "v1.sqlite", db_path);
  Store s(db_path.string());
  auto region_of = [&](const std::string& agency) {
    Db db(db_path);
    return db.query("SELECT DISTINCT region_code, region_role, agency_id FROM reports WHERE agency = '" + agency + "'");
  };
  EXPECT_EQ(region_of("长春市南关区新春街道办事处"), "\\N|\\N|\\N\n");  // migrated: not placed yet
  const size_t findings_before = static_cast<size_t>(s.db().scalar_int("SELECT count(*) FROM findings"));
  // The seed's reports (3) and 淮安市人民政府's (4) are placed; the failed document has no agency.
  EXPECT_EQ(s.refresh_regions(), 7u);
  EXPECT_EQ(region_of("长春市南关区新春街道办事处"), "220102004|government|220102004/government\n");
  EXPECT_EQ(region_of("淮安市人民政府"), "3208|government|3208/government\n");
  Db db(db_path);
  EXPECT_EQ(db.query("SELECT code, level, name, parent, province, city, county, township FROM regions ORDER BY code"),
            "22|province|吉林省|\\N|吉林省|\\N|\\N|\\N\n"
            "2201|city|长春市|22|吉林省|长春市|\\N|\\N\n"
            "220102|county|南关区|2201|吉林省|长春市|南关区|\\N\n"
            "220102004|township|新春街道|220102|吉林省|长春市|南关区|新春街道\n"
            "32|province|江苏省|\\N|江苏省|\\N|\\N|\\N\n"
            "3208|city|淮安市|32|江苏省|淮安市|\\N|\\N\n");
  // Every agency of the fixture is a known place: no region finding was added, nothing else changed.
  EXPECT_EQ(static_cast<size_t>(s.db().scalar_int("SELECT count(*) FROM findings")), findings_before);
  // Placed once: the same data places nothing again.
  EXPECT_EQ(s.refresh_regions(), 0u);
  const auto seed_id = s.db().scalar_int("SELECT min(document_id) FROM reports WHERE agency = '长春市南关区新春街道办事处'");
  const auto r = s.load(seed_id);
  ASSERT_TRUE(r.report.region);
  EXPECT_EQ(r.report.region->names, (std::vector<std::string>{"吉林省", "长春市", "南关区", "新春街道"}));
}

TEST(AuditMigration, PlacingAgainReplacesOnlyTheRegionFindings) {
  TempDir dir;
  const fs::path db_path = dir / "store.sqlite";
  fs::copy_file(kFixtures / "v3.sqlite", db_path);
  Store s(db_path.string());
  // Forget which data placed the reports and what it found: placing again writes the same.
  const std::string before = Db(db_path).query("SELECT document_id, seq, rule, message_en FROM findings ORDER BY 1, 2");
  s.db().exec("DELETE FROM meta WHERE key = 'regions_data'");
  s.db().exec("UPDATE reports SET region_code = NULL, region_role = NULL, agency_id = NULL");
  s.db().exec("DELETE FROM findings WHERE rule LIKE 'region.%'");
  EXPECT_GE(s.refresh_regions(), 8u);
  EXPECT_EQ(Db(db_path).query("SELECT document_id, seq, rule, message_en FROM findings ORDER BY 1, 2"), before);
}

TEST(AuditMigration, TheFetchsStateAndProvenanceSurviveAndOlderStoresGainEmptyFetchTables) {
  // v4.sqlite holds a real fetch (make_fixture.sh): a source with its division code, the URLs asked
  // with their validators, the listing's entries, two files with their provenance, two problems.
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"fetch_runs", "1"}, {"fetch_sources", "1"}, {"fetch_urls", "5"},
      {"fetch_entries", "3"}, {"fetched_files", "2"}, {"fetch_problems", "2"}};
  for (const auto& fixture : fixtures()) {
    SCOPED_TRACE(fixture.filename().string());
    TempDir dir;
    const fs::path db_path = dir / "store.sqlite";
    fs::copy_file(fixture, db_path);
    Store s(db_path.string());
    for (const auto& [table, rows] : expected)
      EXPECT_EQ(Db(db_path).query("SELECT count(*) FROM " + table), (version_of(fixture) >= 4 ? rows : "0") + "\n") << table;
    if (version_of(fixture) < 4) continue;
    Db db(db_path);
    EXPECT_EQ(db.query("SELECT kind, agency, region FROM fetch_sources"), "generic|长春市南关区人民政府|220102\n");
    EXPECT_EQ(db.query("SELECT kind FROM fetch_problems ORDER BY kind"), "http_error\nsources_file\n");
    // Each fetched document still finds where it came from, by its bytes, as the audit asks.
    std::istringstream files(db.query("SELECT sha256, url, page_url, published FROM fetched_files ORDER BY id"));
    int found = 0;
    for (std::string line; std::getline(files, line); ++found) {
      const auto sha = line.substr(0, line.find('|'));
      const auto p = s.fetched_provenance(sha);
      ASSERT_TRUE(p.url && p.page_url && p.published && p.fetched_at) << line;
      EXPECT_EQ(sha + "|" + *p.url + "|" + *p.page_url + "|" + *p.published, line);
      EXPECT_EQ(db.query("SELECT url, page_url, published FROM documents WHERE sha256 = '" + sha + "'"),
                *p.url + "|" + *p.page_url + "|" + *p.published + "\n");
    }
    EXPECT_EQ(found, 2);
  }
}

}  // namespace
