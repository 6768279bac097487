// Schema 5 in-process: each report's indicators stored beside it (and kept in step with the
// findings the store adds later), each finding's stable key and figures, and a v4 store given both
// by its migration. The indicators themselves are checked by hand in indicators_test.
#include "audit/finding_keys.h"
#include "audit/store.h"
#include "audit_fixtures.h"
#include "indicators/compute.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

namespace {

using namespace audit_test;
using xxgk::Store;

const fs::path kFixtures = fs::path(XXGK_SOURCE_DIR) / "tests/data/stores";

const std::string kGranted = "（一）予以公开";
const std::string kPartial = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
const std::string kProcessedTotal = "（七）总计";

// 新春街道 2024: 40 new requests of natural persons, 25 granted, 5 granted in part (30 decided),
// 10 carried into next year. Balanced: no requests finding.
std::string xinchun_with_requests() {
  std::string t = seed();
  for (int col : {0, 6}) {
    t = set_requests_cell(t, kNewReceived, col, "40");
    t = set_requests_cell(t, kGranted, col, "25");
    t = set_requests_cell(t, kPartial, col, "5");
    t = set_requests_cell(t, kProcessedTotal, col, "30");
    t = set_requests_cell(t, kCarriedForward, col, "10");
  }
  return t;
}

struct Row {
  std::optional<double> value, numerator, denominator;
  std::optional<std::string> null_reason;
  std::string null_operands, failing_rules;
  int marked = 0;
};

std::optional<double> number(const xxgk::sql::Statement& s, int c) {
  if (s.is_null(c)) return std::nullopt;
  return s.is_integer(c) ? static_cast<double>(s.int64(c)) : s.real(c);
}

Row stored(Store& s, std::int64_t id, const std::string& indicator) {
  auto q = s.db().prepare(
      "SELECT value, numerator, denominator, null_reason, null_operands, failing_rules, marked FROM indicators "
      "WHERE document_id = ? AND indicator = ?");
  q.bind(1, id).bind(2, indicator);
  if (!q.step()) throw std::runtime_error("no indicator " + indicator + " for document " + std::to_string(id));
  return Row{number(q, 0), number(q, 1), number(q, 2), q.opt_text(3), q.text(4), q.text(5), static_cast<int>(q.int64(6))};
}

std::string json_list(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }

// Every stored indicator of the document equals what indicators/compute.h makes of its stored report.
void expect_stored_as_computed(Store& s, std::int64_t id) {
  const auto computed = xxgk::compute_indicators(s.load(id));
  EXPECT_EQ(s.db().scalar_int("SELECT count(*) FROM indicators WHERE document_id = " + std::to_string(id)),
            static_cast<std::int64_t>(computed.size()));
  for (const auto& v : computed) {
    SCOPED_TRACE(v.def->id);
    const Row r = stored(s, id, v.def->id);
    EXPECT_EQ(r.value, v.value);
    EXPECT_EQ(r.numerator, v.numerator);
    EXPECT_EQ(r.denominator, v.denominator);
    EXPECT_EQ(r.null_reason, v.null_reason);
    EXPECT_EQ(r.null_operands, json_list(v.null_operands));
    EXPECT_EQ(r.failing_rules, json_list(v.failing_rules));
    EXPECT_EQ(r.marked, v.failing_rules.empty() ? 0 : 1);
  }
}

TEST(StoreIndicators, EveryReportsIndicatorsAreStoredWithNumeratorDenominatorAndWhyNull) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  auto with = make("a/xinchun-2024.txt", xinchun_with_requests());
  const auto id = s.store(with, "2026-12-06T00:00:00Z").document_id;
  // By hand: (25 + 5) / 30, 25 / 30, 10 / (40 + 0), 40 + 0.
  Row r = stored(s, id, "requests.substantive_disclosure_rate");
  EXPECT_EQ(r.value, 100.0);
  EXPECT_EQ(r.numerator, 30.0);
  EXPECT_EQ(r.denominator, 30.0);
  EXPECT_EQ(r.null_reason, std::nullopt);
  EXPECT_EQ(r.failing_rules, "[]");
  EXPECT_EQ(r.marked, 0);
  r = stored(s, id, "requests.full_disclosure_rate");
  EXPECT_DOUBLE_EQ(*r.value, 100.0 * 25 / 30);
  EXPECT_EQ(r.numerator, 25.0);
  r = stored(s, id, "requests.backlog_rate");
  EXPECT_EQ(r.value, 25.0);
  EXPECT_EQ(r.denominator, 40.0);
  r = stored(s, id, "requests.handled");
  EXPECT_EQ(r.value, 40.0);
  EXPECT_EQ(r.numerator, 40.0);
  EXPECT_EQ(r.denominator, std::nullopt);
  // No case decided on review: a zero denominator, not a rate of 0.
  r = stored(s, id, "review.correction_rate");
  EXPECT_EQ(r.value, std::nullopt);
  EXPECT_EQ(r.null_reason, "zero_denominator");
  EXPECT_EQ(r.numerator, 0.0);
  EXPECT_EQ(r.denominator, 0.0);
  expect_stored_as_computed(s, id);
  EXPECT_EQ(s.db().scalar_int("SELECT count(*) FROM indicators"), 12);
}

TEST(StoreIndicators, AReportStoredLaterMarksItsSuccessorsIndicators) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  auto y2024 = make("a/xinchun-2024.txt", seed());
  const auto id = s.store(y2024, "2026-12-06T00:00:00Z").document_id;
  EXPECT_EQ(stored(s, id, "requests.handled").failing_rules, "[]");
  // 2023 carried one request forward that 2024 does not carry over: cross_year.carry fails on
  // 2024's carried_over, which requests.handled and requests.backlog_rate read.
  auto y2023 = make("a/xinchun-2023.txt", xinchun_2023());
  EXPECT_EQ(s.store(y2023, "2026-12-06T00:00:01Z").successors_updated, 1);
  EXPECT_EQ(stored(s, id, "requests.handled").failing_rules, "[\"cross_year.carry\"]");
  EXPECT_EQ(stored(s, id, "requests.handled").marked, 1);
  EXPECT_EQ(stored(s, id, "requests.backlog_rate").failing_rules, "[\"cross_year.carry\"]");
  EXPECT_EQ(stored(s, id, "requests.substantive_disclosure_rate").marked, 0);
  expect_stored_as_computed(s, id);
}

std::string keys_and_figures(Store& s, std::int64_t id) {
  return Db(s.db().path()).query("SELECT rule, finding_key, figures FROM findings WHERE document_id = " + std::to_string(id) +
                                 " ORDER BY seq");
}

TEST(StoreFindingKeys, ARevisionWithTheSameFindingsHasTheSameKeysAndFigures) {
  TempDir dir;
  Store s((dir / "x.sqlite").string());
  auto first = make("a/taoyuan.txt", taoyuan_2024_flagged());
  const auto a = s.store(first, "2026-12-06T00:00:00Z").document_id;
  const std::string before = keys_and_figures(s, a);
  ASSERT_NE(before.find("requests.balance|"), std::string::npos) << before;
  // The same report at another path, its bytes changed (a trailing line): a new revision.
  auto again = make("b/taoyuan.txt", taoyuan_2024_flagged() + "\n");
  const auto revised = s.store(again, "2026-12-06T00:00:01Z");
  EXPECT_EQ(revised.revision, 2);
  EXPECT_NE(revised.document_id, a);
  EXPECT_EQ(keys_and_figures(s, revised.document_id), before);
  // A revision printing other numbers: the same findings (same keys), other figures.
  auto changed = make("c/taoyuan.txt", set_requests_cell(with_street(seed(), "桃源街道"), kNewReceived, 0, "2"));
  const auto c = s.store(changed, "2026-12-06T00:00:02Z").document_id;
  const std::string after = keys_and_figures(s, c);
  auto column = [](const std::string& rows, int k) {
    std::istringstream in(rows);
    std::string out;
    for (std::string line; std::getline(in, line);) {
      for (int i = 0; i < k; ++i) line = line.substr(line.find('|') + 1);
      out += line.substr(0, line.find('|')) + "\n";
    }
    return out;
  };
  EXPECT_EQ(column(after, 1), column(before, 1));
  EXPECT_NE(column(after, 2), column(before, 2));
  // The balance finding read 总计 0 against the rows' 1, now 2: its figures say so.
  EXPECT_NE(after.find("\"requests.new_received.natural_person\":2"), std::string::npos) << after;
  // Another agency's same finding has another key.
  auto other = make("d/xinchun.txt", set_requests_cell(seed(), kNewReceived, 0, "1"));
  const auto d = s.store(other, "2026-12-06T00:00:03Z").document_id;
  std::set<std::string> taoyuan_keys, xinchun_keys;
  {
    std::istringstream in(column(before, 1)), in2(column(keys_and_figures(s, d), 1));
    for (std::string l; std::getline(in, l);) taoyuan_keys.insert(l);
    for (std::string l; std::getline(in2, l);) xinchun_keys.insert(l);
  }
  ASSERT_EQ(xinchun_keys.size(), taoyuan_keys.size());
  for (const auto& k : xinchun_keys) EXPECT_EQ(taoyuan_keys.count(k), 0u) << k;
}

TEST(StoreFindingKeys, AKeyIsMadeOfIdentityYearRuleAndCellsNotPages) {
  xxgk::Finding f;
  f.rule = "requests.balance";
  f.table = "requests";
  f.col = "total";
  f.cells = {{"requests", "new_received", "total", 3}, {"requests", "processed_total", "total", 3}};
  const auto k = xxgk::finding_key("220102004/government", 2024, f);
  EXPECT_EQ(k.size(), 16u);
  auto moved = f;
  for (auto& c : moved.cells) c.page = 5;  // the same table on another page of a revision
  EXPECT_EQ(xxgk::finding_key("220102004/government", 2024, moved), k);
  EXPECT_NE(xxgk::finding_key("220102004/government", 2023, f), k);
  EXPECT_NE(xxgk::finding_key("220102/government", 2024, f), k);
  auto other_rule = f;
  other_rule.rule = "requests.row_total";
  EXPECT_NE(xxgk::finding_key("220102004/government", 2024, other_rule), k);
  auto fewer = f;
  fewer.cells.pop_back();
  EXPECT_NE(xxgk::finding_key("220102004/government", 2024, fewer), k);
  EXPECT_EQ(xxgk::finding_identity(std::nullopt, std::string("某局"), "ab"), "name/某局");
  EXPECT_EQ(xxgk::finding_identity(std::string(""), std::nullopt, "ab"), "document/ab");
}

TEST(StoreMigration, AVersion4StoreGainsEveryReportsIndicatorsAndEveryFindingsKey) {
  TempDir dir;
  const fs::path db_path = dir / "store.sqlite";
  fs::copy_file(kFixtures / "v4.sqlite", db_path);
  const auto reports = Db(db_path).count("SELECT count(*) FROM reports WHERE status <> 'failed'");
  const auto findings = Db(db_path).count("SELECT count(*) FROM findings");
  ASSERT_EQ(reports, 12);  // make_fixture.sh: 13 documents, one failed
  ASSERT_EQ(findings, 6);
  Store s(db_path.string());
  Db db(db_path);
  EXPECT_EQ(db.count("SELECT count(*) FROM indicators"), 12 * reports);
  EXPECT_EQ(db.count("SELECT count(*) FROM findings"), findings);
  EXPECT_EQ(db.count("SELECT count(*) FROM findings WHERE finding_key IS NULL OR figures IS NULL"), 0);
  std::vector<std::int64_t> ids;
  {
    auto q = s.db().prepare("SELECT document_id FROM reports WHERE status <> 'failed' ORDER BY 1");
    while (q.step()) ids.push_back(q.int64(0));
  }
  for (auto id : ids) expect_stored_as_computed(s, id);
  // A finding's key is what its identity, year, rule and cells make; the same in every revision.
  EXPECT_EQ(db.count("SELECT count(DISTINCT f.finding_key) FROM findings f JOIN documents d ON d.id = f.document_id "
                     "WHERE d.is_current = 1") ,
            db.count("SELECT count(*) FROM (SELECT DISTINCT coalesce(r.agency_id, r.agency_key), r.year, f.rule, "
                     "f.table_id, f.row_id, f.col_id, f.cells FROM findings f JOIN reports r ON r.document_id = f.document_id "
                     "JOIN documents d ON d.id = f.document_id WHERE d.is_current = 1)"));
  // Opened again: nothing left to give.
  const std::string before = dump(db_path);
  { Store again(db_path.string()); }
  EXPECT_EQ(dump(db_path), before);
  // The reviews table is history: written once, never changed.
  s.db().exec("INSERT INTO reviews(finding_key, verdict, note, reviewer, reviewed_at) VALUES ('k', 'dismissed', '', 'a', 't')");
  EXPECT_THROW(s.db().exec("UPDATE reviews SET verdict = 'open'"), xxgk::sql::StoreError);
  EXPECT_THROW(s.db().exec("DELETE FROM reviews"), xxgk::sql::StoreError);
  EXPECT_EQ(db.count("SELECT count(*) FROM reviews WHERE verdict = 'dismissed'"), 1);
}

}  // namespace
