// `xxgk nightly` end to end: three nights against the fixture portals (what changed each night,
// the figures that changed between the revisions of a report replaced in place), the lock, the
// config's errors, and the store ending the same whether the night audits as it fetches or the
// fetch and the audit run apart.
#include "audit_fixtures.h"
#include "fetch_portals.h"
#include "nightly/lock.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace {

using namespace audit_test;
using namespace fetch_test;

std::string config(const Portals&, const std::string& extra = "") {
  return "sources = sources.tsv\nstore = store\ndb = x.sqlite\ncontact = mailto:nightly-test@example.invalid\n"
         "report = site/audit.html\nchanges = changes\ndelay = 0\ntimeout = 1\nmax_mb = 1\njobs = 2\n" + extra;
}

std::string nightly_cmd(const fs::path& dir) {
  return "cd " + quote(dir) + " && " + XXGK_BINARY + " nightly nightly.conf --log-level error";
}

nlohmann::json latest(const fs::path& dir) { return nlohmann::json::parse(read_file(dir / "changes/latest.json")); }

std::set<std::string> agencies(const nlohmann::json& list) {
  std::set<std::string> out;
  for (const auto& d : list) out.insert(d["agency"].is_string() ? d["agency"].get<std::string>() : "(null)");
  return out;
}

}  // namespace

TEST(NightlyRun, ThreeNightsAndWhatChanged) {
  Portals p;
  TempDir dir;
  write_file(dir / "sources.tsv", p.sources());
  write_file(dir / "nightly.conf", config(p));
  std::string out;

  // Night 1: seventeen new reports, with where they came from; the problems of the night.
  EXPECT_EQ(run(nightly_cmd(dir.path()) + " 2>&1", &out), 1) << out;
  auto night = latest(dir.path());
  EXPECT_EQ(night["schema"], "xxgk.nightly/1");
  EXPECT_EQ(night["run"]["exit_status"], 1);
  EXPECT_EQ(night["new_reports"].size(), 17u) << night.dump(1);
  EXPECT_EQ(agencies(night["new_reports"]),
            (std::set<std::string>{"上海市人民政府办公厅", "淮安市人民政府", "测试市", "长春市南关区新春街道办事处", "示例一市人民政府",
                                   "示例二市人民政府", "示例三市人民政府", "示例四市人民政府", "示例五市人民政府", "示例六市人民政府",
                                   "示例七市人民政府", "示例八市人民政府", "示例九市人民政府", "示例十市人民政府", "示例十一市人民政府",
                                   "示例十四市人民政府", "示例局"}));
  for (const auto& d : night["new_reports"]) {
    EXPECT_TRUE(d["url"].is_string()) << d.dump();
    EXPECT_TRUE(d["page_url"].is_string()) << d.dump();
    EXPECT_TRUE(d["fetched_at"].is_string()) << d.dump();
    EXPECT_NE(d["status"], "failed") << d.dump();
  }
  EXPECT_TRUE(night["revised_reports"].empty());
  std::multiset<std::string> kinds;
  for (const auto& s : night["sources_failed"]) kinds.insert(s["kind"].get<std::string>());
  EXPECT_EQ(kinds, (std::multiset<std::string>{"blocked", "disallowed", "network_error", "redirect_error", "sources_file",
                                               "too_large", "unreachable"}));
  EXPECT_TRUE(night["missing_reports"].is_array());   // the date is the real one: NightlyRun.MissingReports… pins one
  EXPECT_EQ(night["run"]["today"].get<std::string>().size(), 10u);
  EXPECT_NE(out.find("new reports: 17"), std::string::npos) << out;
  EXPECT_TRUE(fs::exists(dir / "site/audit.html"));
  EXPECT_NE(read_file(dir / "site/audit.html").find("示例二市人民政府"), std::string::npos);
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.count("SELECT count(*) FROM documents WHERE url IS NOT NULL AND fetched_at IS NOT NULL"), 17);

  // Night 2: nothing changed.
  EXPECT_EQ(run(nightly_cmd(dir.path()), &out), 1) << out;
  night = latest(dir.path());
  EXPECT_TRUE(night["new_reports"].empty()) << night.dump(1);
  EXPECT_TRUE(night["revised_reports"].empty());
  EXPECT_TRUE(night["new_findings"].empty());
  EXPECT_EQ(night["fetch"]["new_files"], 0);
  EXPECT_EQ(db.count("SELECT count(*) FROM documents"), 17);

  // Night 3: 示例二市's report replaced in place: one revision, the figure that changed, its findings.
  p.revise_one_report();
  EXPECT_EQ(run(nightly_cmd(dir.path()), &out), 1) << out;
  night = latest(dir.path());
  EXPECT_TRUE(night["new_reports"].empty()) << night.dump(1);
  ASSERT_EQ(night["revised_reports"].size(), 1u) << night.dump(1);
  const auto& r = night["revised_reports"][0];
  EXPECT_EQ(r["agency"], "示例二市人民政府");
  EXPECT_EQ(r["revision"], 2);
  EXPECT_EQ(r["url"], p.trs.base() + "/zwgk/ndbg/202501/t20250125_1007.htm");
  EXPECT_EQ(r["changed_figures"], nlohmann::json::parse(R"([{"table":"requests","row":"new_received","col":"natural_person",
                                                             "before":"3001","after":"3011"}])"));
  ASSERT_FALSE(night["new_findings"].empty());
  for (const auto& f : night["new_findings"]) EXPECT_EQ(f["document_id"], r["document_id"]);
  bool row_total = false;
  for (const auto& f : night["new_findings"]) row_total |= f["rule"] == "requests.row_total";
  EXPECT_TRUE(row_total) << night["new_findings"].dump(1);
  EXPECT_NE(out.find("requests.new_received.natural_person: \"3001\" → \"3011\""), std::string::npos) << out;
  // The night's text and JSON are saved by date, and latest.json is the last night's.
  size_t texts = 0, jsons = 0;
  for (const auto& e : fs::directory_iterator(dir / "changes")) {
    texts += e.path().extension() == ".txt";
    jsons += e.path().extension() == ".json";
  }
  EXPECT_EQ(texts, 1u);  // three nights on one day: the day's file is the last night's
  EXPECT_EQ(jsons, 2u);
}

TEST(NightlyRun, ASecondRunWhileOneHoldsTheLockDoesNothing) {
  Portals p;
  TempDir dir;
  write_file(dir / "sources.tsv", p.sources());
  write_file(dir / "nightly.conf", config(p));
  std::string holder;
  auto lock = xxgk::nightly::RunLock::try_acquire((dir / "x.sqlite.lock").string(), holder);
  ASSERT_TRUE(lock);
  EXPECT_EQ(run(nightly_cmd(dir.path()) + " 2>&1"), 5);
  EXPECT_TRUE(p.trs.host.hits().empty());
  EXPECT_FALSE(fs::exists(dir / "x.sqlite"));
  lock.reset();
  std::string again;
  EXPECT_FALSE(xxgk::nightly::RunLock::try_acquire((dir / "x.sqlite.lock").string(), again) == nullptr);
}

TEST(NightlyRun, ABadConfigIsRefusedWithFileAndLine) {
  TempDir dir;
  write_file(dir / "nightly.conf", "sources = s.tsv\nstore = store\nsotre = x\ndb = x.sqlite\ndelay = soon\n");
  std::string out;
  EXPECT_EQ(run(nightly_cmd(dir.path()) + " 2>&1", &out), 2);
  EXPECT_NE(out.find("nightly.conf:3: unknown key sotre"), std::string::npos) << out;
  EXPECT_NE(out.find("nightly.conf:5: delay: soon is not a number of at least 0"), std::string::npos) << out;
  EXPECT_NE(out.find("nightly.conf: contact is required"), std::string::npos) << out;
}

TEST(NightlyRun, TheStoreEndsTheSameWhetherTheNightAuditsAsItFetchesOrNot) {
  Portals p;
  TempDir dir;
  const std::string sources = "agency\tregion\tkind\turl\nA\t\ttrs\t" + p.trs.base() + "/zwgk/ndbg/\nB\t\tucap\t" + p.ucap.base() +
                              "/xxgk/ndbg/home.htm\n";
  for (const char* d : {"one", "two"}) {
    write_file(dir / d / "sources.tsv", sources);
    write_file(dir / d / "nightly.conf", config(p));
  }
  EXPECT_EQ(run(nightly_cmd(dir / "one")), 1);  // TRS's disallowed entry is a problem every night
  const fs::path two = dir / "two";
  EXPECT_EQ(run(std::string(XXGK_BINARY) + " fetch " + quote(two / "sources.tsv") + " --store " + quote(two / "store") + " --db " +
                quote(two / "x.sqlite") + " --delay 0 --contact mailto:t@example.invalid --log-level off >/dev/null"),
            1);  // the disallowed entry
  EXPECT_EQ(run(audit_cmd(two / "store", two / "x.sqlite", "--jobs 2")), 0);
  // The same documents, reports, figures, findings and sections, at the same ids (paths compared
  // inside their own folders).
  EXPECT_EQ(replace_all(dump(dir / "one/x.sqlite", false), (dir / "one").string(), "DIR"),
            replace_all(dump(two / "x.sqlite", false), two.string(), "DIR"));
  const std::string prov = "SELECT id, url, page_url, published FROM documents ORDER BY id";
  EXPECT_EQ(Db(dir / "one/x.sqlite").query(prov), Db(two / "x.sqlite").query(prov));
  EXPECT_EQ(Db(dir / "one/x.sqlite").count("SELECT count(*) FROM documents"), 6);
}

// Issue 18: the agencies of the sources file whose report for last year is still missing once its
// legal deadline (data/regions/deadlines.tsv) has passed, as of the night's date, which the config's
// `today` sets so that a night can be replayed on a fixed date.
TEST(NightlyRun, MissingReportsAreLastYearsPastTheirDeadlineAsOfTheNightsDate) {
  Site site("127.0.0.1");
  site.put("/files/jiaoyu2024.docx", Resource(report_docx("长春市南关区教育局"), "application/octet-stream"));
  site.start();
  TempDir dir;
  // 教育局 published its 2024 report; 财政局 (a department: due 31 January) and the district's
  // government (due 31 March) did not (their URLs answer 404).
  write_file(dir / "sources.tsv", "agency\tregion\tkind\turl\n"
                                  "长春市南关区教育局\t220102\tdocument\t" + site.base() + "/files/jiaoyu2024.docx\n"
                                  "长春市南关区财政局\t220102\tdocument\t" + site.base() + "/files/caizheng2024.docx\n"
                                  "长春市南关区人民政府\t220102\tdocument\t" + site.base() + "/files/zhengfu2024.docx\n");
  auto night_on = [&](const std::string& today, std::string* printed) {
    write_file(dir / "nightly.conf", "sources = sources.tsv\nstore = store\ndb = x.sqlite\ncontact = mailto:t@example.invalid\n"
                                     "delay = 0\ntimeout = 1\njobs = 1\ntoday = " + today + "\n");
    EXPECT_EQ(run(nightly_cmd(dir.path()), printed), 1) << *printed;  // the two 404s are problems of the night
    return latest(dir.path());
  };
  std::string out;
  auto missing = [](const nlohmann::json& n) {
    std::vector<std::string> list;
    for (const auto& m : n["missing_reports"])
      list.push_back(fmt::format("{} {} {} {} {}", m["agency"].get<std::string>(), m["region"].get<std::string>(),
                                 m["year"].get<int>(), m["state"].get<std::string>(), m["due"].get<std::string>()));
    return list;
  };

  // Before any deadline: nobody is late yet.
  auto night = night_on("2025-01-20", &out);
  EXPECT_EQ(night["run"]["today"], "2025-01-20");
  ASSERT_TRUE(night["missing_reports"].is_array()) << night.dump(1);
  EXPECT_TRUE(night["missing_reports"].empty()) << night.dump(1);
  EXPECT_NE(out.find("missing reports for 2024 past the legal deadline (as of 2025-01-20): 0\n"), std::string::npos) << out;
  EXPECT_TRUE(fs::exists(dir / "changes/changes-2025-01-20.json"));
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT r.agency, r.year, r.agency_id FROM reports r"), "长春市南关区教育局|2024|220102/department/教育局\n");

  // Past the departments' deadline: 财政局 only (the government's is 31 March).
  night = night_on("2025-02-15", &out);
  EXPECT_EQ(missing(night), std::vector<std::string>{"长春市南关区财政局 220102 2024 missing 2025-01-31"}) << night.dump(1);
  EXPECT_NE(out.find("missing reports for 2024 past the legal deadline (as of 2025-02-15): 1\n"
                     "  220102 长春市南关区财政局 2024: missing (due 2025-01-31)\n"),
            std::string::npos)
      << out;

  // Past both: the government too; 教育局, which published, never.
  night = night_on("2025-04-01", &out);
  EXPECT_EQ(missing(night), (std::vector<std::string>{"长春市南关区人民政府 220102 2024 missing 2025-03-31",
                                                      "长春市南关区财政局 220102 2024 missing 2025-01-31"}))
      << night.dump(1);

  // A year later the reports due are 2025's: none is stored, so all three are missing.
  night = night_on("2026-04-01", &out);
  EXPECT_EQ(night["missing_reports"].size(), 3u) << night.dump(1);
  for (const auto& m : night["missing_reports"]) EXPECT_EQ(m["year"], 2025);

  // The date is checked like any value.
  write_file(dir / "nightly.conf", "sources = sources.tsv\nstore = store\ndb = x.sqlite\ncontact = mailto:t@example.invalid\n"
                                   "today = 2025-02-30\n");
  EXPECT_EQ(run(nightly_cmd(dir.path()) + " 2>&1", &out), 2);
  EXPECT_NE(out.find("nightly.conf:5: today: 2025-02-30 is not a date written YYYY-MM-DD"), std::string::npos) << out;
}
