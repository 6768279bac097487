// `xxgk review` through the real binary: a verdict on a finding's stable key holds after a rerun
// and in a new revision that finds the same, comes back as needing a new look when the finding's
// numbers change, keeps its history, and moves to a new database through the TSV unchanged.
#include "audit_fixtures.h"

#include <gtest/gtest.h>

namespace {

using namespace audit_test;

std::string review(const fs::path& db, const std::string& args, int* status = nullptr) {
  std::string out;
  const int rc = run(std::string(XXGK_BINARY) + " review --db " + quote(db) + " " + args + " --log-level error 2>&1", &out);
  if (status) *status = rc;
  else EXPECT_EQ(rc, 0) << args << "\n" << out;
  return out;
}

std::string audit(const fs::path& docs, const fs::path& db) {
  std::string out;
  run(audit_cmd(docs, db), &out);
  return out;
}

// The key of the current report's finding of `rule` (on the 总计 column, when the rule has several).
std::string key_of(const fs::path& db, const std::string& rule) {
  const std::string k = Db(db).query(
      "SELECT f.finding_key FROM findings f JOIN documents d ON d.id = f.document_id WHERE d.is_current = 1 AND f.rule = '" +
      rule + "' ORDER BY f.col_id = 'total' DESC, f.seq LIMIT 1");
  EXPECT_EQ(k.size(), 17u) << rule;
  return k.substr(0, 16);
}

// The audit summary's line on the current reports' failing findings.
std::string fmt_open(long long not_dismissed, int confirmed, int changed, int dismissed) {
  return "open findings in the current reports: " + std::to_string(not_dismissed) + " (" + std::to_string(confirmed) +
         " confirmed, " + std::to_string(changed) + " changed since reviewed); " + std::to_string(dismissed) +
         " dismissed on review, not counted";
}

std::string state_of(const fs::path& db, const std::string& key) {
  return Db(db).query("SELECT v.verdict FROM finding_verdicts v JOIN documents d ON d.id = v.document_id "
                      "WHERE d.is_current = 1 AND v.finding_key = '" + key + "'");
}

TEST(Review, ADismissedFindingStaysDismissedAfterARerunAndAnUnchangedRevisionAndComesBackWhenItsNumbersChange) {
  TempDir dir;
  const fs::path db = dir / "x.sqlite";
  write_file(dir / "docs/taoyuan.txt", taoyuan_2024_flagged());
  audit(dir / "docs", db);
  const std::string balance = key_of(db, "requests.balance");
  const std::string row_total = key_of(db, "requests.row_total");
  EXPECT_EQ(state_of(db, balance), "open\n");
  const std::string set = review(db, "set " + balance + " --verdict dismissed --note '总计 printed on the next page' --by alice");
  EXPECT_NE(set.find(balance + " dismissed (220102009/government 2024 requests.balance) by alice at "), std::string::npos) << set;
  EXPECT_EQ(state_of(db, balance), "dismissed\n");
  EXPECT_EQ(state_of(db, row_total), "open\n");
  // The audit's summary counts the open findings without the dismissed one, and says so.
  const auto fails = Db(db).count("SELECT count(*) FROM findings WHERE status = 'fail'");
  std::string summary = audit(dir / "docs", db);  // a rerun: nothing read again
  EXPECT_NE(summary.find("skipped (already stored) 1"), std::string::npos) << summary;
  EXPECT_NE(summary.find(fmt_open(fails - 1, 0, 0, 1)), std::string::npos) << summary;
  EXPECT_EQ(state_of(db, balance), "dismissed\n");
  // The HTML report counts them the same way, and says so.
  run(audit_cmd(dir / "docs", db, "--html " + quote(dir / "audit.html")));
  const std::string html = read_file(dir / "audit.html");
  EXPECT_NE(html.find("<b id=\"open-findings\">" + std::to_string(fails - 1) + "</b>"), std::string::npos);
  EXPECT_NE(html.find("dismissed, not counted: <b id=\"dismissed-findings\">1</b>"), std::string::npos);

  // A new revision of the same report (other bytes, same agency and year) that finds the same.
  write_file(dir / "docs2/taoyuan-again.txt", taoyuan_2024_flagged() + "\n");
  audit(dir / "docs2", db);
  EXPECT_EQ(Db(db).query("SELECT revision, path LIKE '%taoyuan-again.txt' FROM documents WHERE is_current = 1"), "2|1\n");
  EXPECT_EQ(state_of(db, balance), "dismissed\n");
  EXPECT_NE(review(db, "list --verdict dismissed").find(balance + "\t"), std::string::npos);

  // A revision whose numbers differ: the same finding (key), reviewed with other numbers.
  write_file(dir / "docs3/taoyuan-third.txt", set_requests_cell(with_street(seed(), "桃源街道"), kNewReceived, 0, "2"));
  audit(dir / "docs3", db);
  EXPECT_EQ(state_of(db, balance), "changed\n");
  const std::string changed = review(db, "list --verdict changed");
  EXPECT_NE(changed.find(balance + "\t"), std::string::npos) << changed;
  EXPECT_NE(changed.find("changed (was dismissed by alice at "), std::string::npos) << changed;
  EXPECT_NE(changed.find("needs a new look"), std::string::npos) << changed;
  EXPECT_EQ(review(db, "list --verdict dismissed").find(balance), std::string::npos);
  // Looked at again: confirmed. History keeps both verdicts, oldest first.
  review(db, "set " + balance + " --verdict confirmed --by bob");
  EXPECT_EQ(state_of(db, balance), "confirmed\n");
  const std::string history = review(db, "history " + balance);
  EXPECT_EQ(std::count(history.begin(), history.end(), '\n'), 2) << history;
  EXPECT_LT(history.find("\tdismissed\talice\t总计 printed on the next page\t"), history.find("\tconfirmed\tbob\t\t")) << history;
  EXPECT_EQ(Db(db).count("SELECT count(*) FROM reviews"), 2);
}

TEST(Review, BadKeysAndVerdictsAreRefusedAndNothingIsWritten) {
  TempDir dir;
  const fs::path db = dir / "x.sqlite";
  write_file(dir / "docs/taoyuan.txt", taoyuan_2024_flagged());
  audit(dir / "docs", db);
  int status = 0;
  const std::string out = review(db, "set 0123456789abcdef --verdict dismissed --by a", &status);
  EXPECT_EQ(status, 2);
  EXPECT_NE(out.find("no finding of a current report has the key '0123456789abcdef'"), std::string::npos) << out;
  review(db, "set " + key_of(db, "requests.balance") + " --verdict wrong --by a", &status);
  EXPECT_EQ(status, 2);
  write_file(dir / "bad.tsv", "finding_key\tverdict\nabc\tdismissed\nabc\tmaybe\n");
  const std::string bad = review(db, "import " + quote(dir / "bad.tsv"), &status);
  EXPECT_EQ(status, 2);
  EXPECT_NE(bad.find("bad.tsv:3: unknown verdict 'maybe'"), std::string::npos) << bad;
  EXPECT_EQ(Db(db).count("SELECT count(*) FROM reviews"), 0);
}

TEST(Review, ExportThenImportIntoANewDatabaseGivesTheSameReviewsAndImportingAgainAddsNothing) {
  TempDir dir;
  const fs::path one = dir / "one.sqlite", two = dir / "two.sqlite";
  write_three(dir / "docs");
  audit(dir / "docs", one);
  const std::string balance = key_of(one, "requests.balance");
  const std::string carry = key_of(one, "cross_year.carry");
  review(one, "set " + balance + " --verdict confirmed --note 'rows: 1, 总计: 0' --by alice");
  review(one, "set " + carry + " --verdict dismissed --note 'a tab\there and\na new line' --by bob");
  review(one, "set " + carry + " --verdict open --by carol");
  review(one, "export " + quote(dir / "reviews.tsv"));
  const std::string tsv = read_file(dir / "reviews.tsv");
  EXPECT_EQ(tsv.substr(0, tsv.find('\n')), "finding_key\tverdict\tnote\treviewer\treviewed_at\tfigures\tagency_id\tyear\trule");
  EXPECT_EQ(std::count(tsv.begin(), tsv.end(), '\n'), 4);
  EXPECT_NE(tsv.find("\ta tab\\there and\\na new line\tbob\t"), std::string::npos) << tsv;

  audit(dir / "docs", two);  // another database of the same reports
  EXPECT_NE(review(two, "import " + quote(dir / "reviews.tsv")).find("3 reviews added, 0 already there"), std::string::npos);
  review(two, "export " + quote(dir / "again.tsv"));
  EXPECT_EQ(read_file(dir / "again.tsv"), tsv);
  const std::string verdicts = "SELECT finding_key, verdict, note, reviewer, reviewed_at, reviewed_figures IS figures "
                               "FROM finding_verdicts ORDER BY finding_key, document_id";
  EXPECT_EQ(Db(two).query(verdicts), Db(one).query(verdicts));
  EXPECT_EQ(state_of(two, balance), "confirmed\n");
  EXPECT_EQ(state_of(two, carry), "open\n");
  // Idempotent: importing the same file again adds nothing.
  EXPECT_NE(review(two, "import " + quote(dir / "reviews.tsv")).find("0 reviews added, 3 already there"), std::string::npos);
  EXPECT_EQ(Db(two).count("SELECT count(*) FROM reviews"), 3);
  // An empty new database takes them too (the reviews wait for their findings).
  const fs::path empty = dir / "empty.sqlite";
  write_file(dir / "nothing/.keep", "");
  audit(dir / "nothing", empty);
  review(empty, "import " + quote(dir / "reviews.tsv"));
  review(empty, "export " + quote(dir / "from-empty.tsv"));
  EXPECT_EQ(read_file(dir / "from-empty.tsv"), tsv);
}

TEST(Review, ReviewsMadeOnAShardAreMergedOnceAndHoldInTheTarget) {
  // `xxgk merge` copies the reviews table as a table of rows not tied to a document: once, whatever
  // the number of merges, and the target's findings take their verdicts.
  TempDir dir;
  const fs::path shard = dir / "shard.sqlite", target = dir / "target.sqlite";
  write_three(dir / "docs");
  audit(dir / "docs", shard);
  const std::string balance = key_of(shard, "requests.balance");
  const std::string carry = key_of(shard, "cross_year.carry");
  review(shard, "set " + balance + " --verdict confirmed --by alice");
  review(shard, "set " + carry + " --verdict dismissed --note 'printed the year before' --by bob");
  review(shard, "export " + quote(dir / "shard.tsv"));
  const std::string merge = std::string(XXGK_BINARY) + " merge --log-level error --db " + quote(target) + " " + quote(shard) + " 2>&1";
  std::string out;
  ASSERT_EQ(run(merge, &out), 0) << out;
  EXPECT_NE(out.find("reviews: 2 rows copied"), std::string::npos) << out;
  review(target, "export " + quote(dir / "target.tsv"));
  EXPECT_EQ(read_file(dir / "target.tsv"), read_file(dir / "shard.tsv"));
  EXPECT_EQ(state_of(target, balance), "confirmed\n");
  EXPECT_EQ(state_of(target, carry), "dismissed\n");
  ASSERT_EQ(run(merge, &out), 0) << out;  // again: nothing more
  EXPECT_EQ(out.find("reviews:"), std::string::npos) << out;
  EXPECT_EQ(Db(target).count("SELECT count(*) FROM reviews"), 2);
}

}  // namespace
