// xxgk_province_gen: writes a generated province into a real audit store (see province.h), fast
// enough for 100,000 reports, and plays "a night" on it: K reports revised (new bytes, a figure
// corrected or broken), as a nightly audit would store them.
#include "audit/store.h"
#include "bench/site/province.h"
#include "pipeline/sha256.h"
#include "validate/validator.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <map>
#include <cstdio>
#include <optional>

namespace {

using namespace xxgk;
using namespace xxgk::bench;

std::uint64_t seed_of(const std::string& agency, int year, std::uint64_t seed) {
  const std::string h = sha256_hex(fmt::format("{}|{}|{}", seed, agency, year));
  return std::stoull(h.substr(0, 15), nullptr, 16);
}

// The night a report of `year` is stored: February to April of the next year.
std::string night_of(int year, std::uint64_t k) {
  return fmt::format("{}-{:02}-{:02}T02:{:02}:00Z", year + 1, 2 + k % 3, 1 + k % 28, k % 60);
}

// Until the store places reports in regions itself (the regions issue: reports.region_code and
// region_role, a regions table), --regions writes the generated agencies' places into columns of
// that shape, so the site's region tree, region pages and region filters can be measured.
class RegionWriter {
 public:
  explicit RegionWriter(sql::Connection& db) : db_(db) {
    auto has = [&](const char* table, const char* column) {
      auto s = db_.prepare("SELECT count(*) FROM pragma_table_info(?) WHERE name = ?");
      s.bind(1, table).bind(2, column);
      return s.step() && s.int64(0) > 0;
    };
    if (!has("regions", "code"))
      db_.exec(
          "CREATE TABLE regions (code TEXT PRIMARY KEY, level TEXT NOT NULL, name TEXT NOT NULL, parent TEXT, province TEXT NOT NULL, "
          "city TEXT, county TEXT, township TEXT) WITHOUT ROWID");
    if (!has("reports", "region_code")) db_.exec("ALTER TABLE reports ADD COLUMN region_code TEXT");
    if (!has("reports", "region_role")) db_.exec("ALTER TABLE reports ADD COLUMN region_role TEXT");
  }
  void place(std::int64_t document_id, const GeneratedRegion& r) {
    static const char* const kLevels[] = {"province", "city", "county", "township"};
    static const size_t kWidths[] = {2, 4, 6, 9};
    auto region = db_.prepare("INSERT OR IGNORE INTO regions VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (size_t i = 0; i < r.names.size(); ++i) {
      region.bind(1, r.code.substr(0, kWidths[i])).bind(2, kLevels[i]).bind(3, r.names[i]);
      if (i) region.bind(4, r.code.substr(0, kWidths[i - 1]));
      for (size_t k = 0; k < 4; ++k)
        if (k <= i) region.bind(5 + static_cast<int>(k), r.names[k]);
      region.run();
    }
    auto upd = db_.prepare("UPDATE reports SET region_code = ?, region_role = ? WHERE document_id = ?");
    upd.bind(1, r.code).bind(2, r.role).bind(3, document_id).run();
  }

 private:
  sql::Connection& db_;
};

int generate(const std::string& db, int reports, int first_year, int last_year, double revised, std::uint64_t seed,
             bool with_regions) {
  const int years = last_year - first_year + 1;
  ProvinceShape shape;
  shape.agencies = (reports + years - 1) / years;
  auto agencies = make_province(shape);
  agencies.resize(static_cast<size_t>(shape.agencies));
  Store store(db);
  // A bulk load: documents are stored by Store::store as an audit stores them, but 2,000 to a
  // transaction (each one a savepoint inside it), so the figures index is not rewritten per document.
  store.db().exec("PRAGMA cache_size = -262144");
  store.db().exec("PRAGMA temp_store = MEMORY");  // the savepoints' journals
  // The figures' and findings' secondary indices are dropped while loading and made again at the
  // end from their own definitions (sorting once beats 25 million random inserts).
  std::vector<std::pair<std::string, std::string>> indices;
  {
    auto s = store.db().prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('figures', 'findings') AND sql IS NOT NULL");
    while (s.step()) indices.emplace_back(s.text(0), s.text(1));
  }
  for (const auto& [name, sql] : indices) store.db().exec("DROP INDEX " + name);
  std::optional<RegionWriter> regions;
  if (with_regions) regions.emplace(store.db());
  std::optional<sql::Transaction> batch;
  batch.emplace(store.db());
  std::vector<YearState> states(agencies.size());
  const auto start = std::chrono::steady_clock::now();
  int stored = 0, revisions = 0;
  std::mt19937_64 pick(seed);
  // Year by year, as nights of audits would store them (so cross-year rules meet last year's report).
  for (int year = first_year; year <= last_year && stored < reports; ++year) {
    for (size_t a = 0; a < agencies.size() && stored < reports; ++a) {
      std::mt19937_64 rng(seed_of(agencies[a].name, year, seed));
      const Planted planted = planted_for(rng);
      const YearState before = states[a];
      const auto rng_before = rng;
      Report r = make_report(agencies[a], year, planted, states[a], rng);
      const auto stored_as = store.store(r, night_of(year, a));
      if (regions && r.report.agency) regions->place(stored_as.document_id, agencies[a].region);
      ++stored;
      if (static_cast<double>(pick() % 10000) < revised * 10000) {
        // The same report again, other bytes (a corrected re-publication): stored a few nights later.
        YearState again = before;
        auto rng2 = rng_before;
        Report r2 = make_report(agencies[a], year, planted, again, rng2, 2);
        const auto again_as = store.store(r2, night_of(year, a + 40));
        if (regions && r2.report.agency) regions->place(again_as.document_id, agencies[a].region);
        ++revisions;
      }
      if (stored % 2000 == 0) {
        batch->commit();
        batch.emplace(store.db());
      }
      if (stored % 10000 == 0)
        fmt::print(stderr, "{} reports stored, {:.0f} s\n", stored,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
  }
  batch->commit();
  for (const auto& [name, sql] : indices) store.db().exec(sql);
  fmt::print("{} reports ({} agencies, {}-{}) and {} revisions stored in {} in {:.1f} s\n", stored, agencies.size(),
             first_year, last_year, revisions, db,
             std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return 0;
}

// Places the reports of a store generated without --regions (same --reports and years) in their regions.
int place_existing(const std::string& db, int reports, int first_year, int last_year) {
  ProvinceShape shape;
  shape.agencies = (reports + (last_year - first_year)) / (last_year - first_year + 1);
  auto agencies = make_province(shape);
  std::map<std::string, const GeneratedRegion*> by_name;
  for (const auto& a : agencies) by_name.emplace(a.name, &a.region);
  Store store(db);
  RegionWriter regions(store.db());
  sql::Transaction tx(store.db());
  std::vector<std::pair<std::int64_t, std::string>> docs;
  {
    auto s = store.db().prepare("SELECT document_id, agency FROM reports WHERE agency IS NOT NULL");
    while (s.step()) docs.emplace_back(s.int64(0), s.text(1));
  }
  int n = 0;
  for (const auto& [id, agency] : docs)
    if (auto it = by_name.find(agency); it != by_name.end()) {
      regions.place(id, *it->second);
      ++n;
    }
  tx.commit();
  fmt::print("{} of {} named reports placed in their regions\n", n, docs.size());
  return 0;
}

// A night: `count` current reports (every n-th) come back as new revisions, one figure changed.
int night(const std::string& db, int count, const std::string& at, std::uint64_t seed) {
  Store store(db);
  const auto total = store.db().scalar_int(
      "SELECT count(*) FROM current_reports WHERE status IN ('ok','flagged') AND agency_key IS NOT NULL");
  if (total == 0 || count <= 0) return 0;
  std::vector<std::int64_t> ids;
  {
    auto s = store.db().prepare(
        "SELECT document_id FROM current_reports WHERE status IN ('ok','flagged') AND agency_key IS NOT NULL "
        "ORDER BY document_id LIMIT 1 OFFSET ?");
    std::mt19937_64 rng(seed);
    for (int k = 0; k < count; ++k) {
      s.bind(1, static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(total)));
      if (s.step()) ids.push_back(s.int64(0));
      s.reset();
    }
  }
  const bool placed = store.db().scalar_int("SELECT count(*) FROM pragma_table_info('reports') WHERE name = 'region_code'") > 0;
  int n = 0;
  for (auto id : ids) {
    Report r = store.load(id);
    for (auto& f : r.figures)
      if (f.table == "requests" && f.row == "granted" && f.col == "natural_person" && f.value) {
        f.value = *f.value + 1;  // one more request granted: row total and column identities now break
        f.raw = fmt::format("{}", static_cast<long long>(*f.value));
      }
    r.findings.clear();  // the document's own findings are judged again; cross-year ones by the store
    r.status = r.error ? r.status : "ok";
    validate(r);
    r.status = verdict(r.status, r.findings);
    r.source.sha256 = sha256_hex(fmt::format("{}|night|{}", r.source.sha256, at));
    r.source.path += ".night";
    const auto out = store.store(r, at);
    if (out.skipped) continue;
    ++n;
    if (placed) {  // the revision sits where the report it revises sat
      auto upd = store.db().prepare(
          "UPDATE reports SET (region_code, region_role) = (SELECT region_code, region_role FROM reports WHERE document_id = ?) "
          "WHERE document_id = ?");
      upd.bind(1, id).bind(2, out.document_id).run();
    }
  }
  fmt::print("{} reports revised at {}\n", n, at);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"xxgk_province_gen: a generated province of annual reports in a real audit store (bench/site)"};
  std::string db;
  int reports = 1000, first_year = 2019, last_year = 2024, night_count = 0;
  double revised = 0.015;
  std::uint64_t seed = 1;
  std::string at = "2026-03-01T02:00:00Z";
  bool with_regions = false, place = false;
  app.add_option("--db", db, "The audit store to write (created when missing)")->required();
  app.add_option("--reports", reports, "How many reports to generate")->capture_default_str();
  app.add_option("--first-year", first_year, "First reporting year")->capture_default_str();
  app.add_option("--last-year", last_year, "Last reporting year")->capture_default_str();
  app.add_option("--revised", revised, "Share of reports stored a second time as a new revision")->capture_default_str();
  app.add_option("--seed", seed, "Seed (the same seed gives the same store)")->capture_default_str();
  app.add_flag("--regions", with_regions,
               "Also place each report in its region (reports.region_code, region_role and a regions table, as the "
               "regions issue's store will; added when the store lacks them)");
  app.add_flag("--place-existing", place,
               "Instead of generating: place the reports of a store generated without --regions (give the same "
               "--reports and years)");
  app.add_option("--night", night_count,
                 "Instead of generating: revise this many current reports of an existing store (a night's changes)");
  app.add_option("--at", at, "With --night: the time the night's revisions are stored at")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  try {
    if (place) return place_existing(db, reports, first_year, last_year);
    return night_count > 0 ? night(db, night_count, at, seed) : generate(db, reports, first_year, last_year, revised, seed, with_regions);
  } catch (const std::exception& e) {
    fmt::print(stderr, "xxgk_province_gen: {}\n", e.what());
    return 2;
  }
}
