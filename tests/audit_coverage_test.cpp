// `xxgk coverage`: a generated roster of 吉林省 agencies against a store the real `xxgk audit` wrote,
// with 5 agencies planted missing; and the states failed, partial and late on a store built here.
#include "audit/store.h"
#include "audit_fixtures.h"
#include "publish/coverage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace {

using namespace audit_test;

// The seed rewritten as `agency`'s report for `year`: its title and every mention of its agency.
std::string report_of(const std::string& agency, int year = 2024) {
  std::string t = seed();
  t = replace_all(t, "2024年南关区新春街道政府信息公开工作年度报告", "@TITLE@");
  t = replace_all(t, "长春市南关区新春街道办事处", "@AGENCY@");
  t = replace_all(t, "新春街道", "本单位");
  t = replace_all(t, "南关区", "本区");
  t = with_year(t, year);
  t = replace_all(t, "@TITLE@", agency + std::to_string(year) + "年政府信息公开工作年度报告");
  return replace_all(t, "@AGENCY@", agency);
}

const std::vector<std::string> kPublished = {
    "长春市南关区人民政府", "长春市宽城区人民政府", "长春市朝阳区人民政府", "长春市二道区人民政府",
    "长春市绿园区人民政府", "长春市双阳区人民政府", "长春市九台区人民政府", "农安县人民政府",
    "榆树市人民政府",       "德惠市人民政府",       "公主岭市人民政府",     "吉林市昌邑区人民政府",
    "吉林市龙潭区人民政府", "吉林市船营区人民政府", "吉林市丰满区人民政府", "永吉县人民政府",
    "蛟河市人民政府",       "桦甸市人民政府",       "舒兰市人民政府",       "磐石市人民政府",
    "长春市南关区教育局",   "长春市南关区财政局",   "长春市南关区新春街道办事处",
    "长春市南关区桃源街道办事处", "长春市南关区永吉街道办事处"};

const std::vector<std::string> kMissing = {"梅河口市人民政府", "长春市南关区卫生健康局", "长春市南关区曙光街道办事处",
                                           "集安市人民政府", "吉林市昌邑区教育局"};

TEST(Coverage, ARosterWithFivePlantedMissingAgenciesNamesExactlyThoseFive) {
  TempDir dir;
  for (size_t i = 0; i < kPublished.size(); ++i)
    write_file(dir / "docs" / ("r" + std::to_string(100 + i) + ".txt"), report_of(kPublished[i]));
  std::string out;
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite"), &out), 0) << out;

  // A sources file: the published agencies, some printed otherwise than their reports print them
  // (without their city, by a former name, with a division code), and the five missing ones.
  std::string roster = "agency\tregion\tkind\turl\n";
  for (const auto& a : kPublished) {
    std::string name = a, code;
    if (a == "长春市南关区新春街道办事处") name = "南关区新春街道";
    if (a == "长春市九台区人民政府") name = "九台市人民政府";
    if (a == "长春市南关区教育局") name = "教育局", code = "220102";
    if (a == "长春市南关区桃源街道办事处") name = "桃源街道办事处", code = "220102";
    roster += name + "\t" + code + "\tgeneric\thttp://127.0.0.1/" + std::to_string(roster.size()) + "\n";
  }
  roster += "长春市南关区新春街道办事处\t\tdocument\thttp://127.0.0.1/again\n";  // listed twice: one agency
  for (const auto& a : kMissing) roster += a + "\t\tgeneric\thttp://127.0.0.1/m\n";
  write_file(dir / "roster.tsv", roster);

  ASSERT_EQ(run(std::string(XXGK_BINARY) + " coverage --db " + quote(dir / "x.sqlite") + " --roster " +
                    quote(dir / "roster.tsv") + " --year 2024 --csv",
                &out),
            0)
      << out;
  EXPECT_EQ(out,
            "\xEF\xBB\xBF" "agency,region,year,state,region_names,detail\r\n"
            "长春市南关区卫生健康局,220102,2024,missing,吉林省 · 长春市 · 南关区,no document for 2024 in the store\r\n"
            "长春市南关区曙光街道办事处,220102007,2024,missing,吉林省 · 长春市 · 南关区 · 曙光街道,no document for 2024 in the store\r\n"
            "吉林市昌邑区教育局,220202,2024,missing,吉林省 · 吉林市 · 昌邑区,no document for 2024 in the store\r\n"
            "梅河口市人民政府,220581,2024,missing,吉林省 · 通化市 · 梅河口市,no document for 2024 in the store\r\n"
            "集安市人民政府,220582,2024,missing,吉林省 · 通化市 · 集安市,no document for 2024 in the store\r\n");

  // The text form: a summary, then the agencies by region.
  ASSERT_EQ(run(std::string(XXGK_BINARY) + " coverage --db " + quote(dir / "x.sqlite") + " --roster " +
                    quote(dir / "roster.tsv") + " --year 2024",
                &out),
            0);
  EXPECT_NE(out.find("xxgk coverage: 2024 reports of the 30 agencies on "), std::string::npos) << out;
  EXPECT_NE(out.find(": 25 ok, 5 missing, 0 failed, 0 partial, 0 late; publication date unknown for 25"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("吉林省 · 通化市 · 集安市 (220582)\n  missing  集安市人民政府"), std::string::npos) << out;

  // Another year: everyone is missing.
  ASSERT_EQ(run(std::string(XXGK_BINARY) + " coverage --db " + quote(dir / "x.sqlite") + " --roster " +
                    quote(dir / "roster.tsv") + " --year 2023 --csv",
                &out),
            0);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 31);

  // The site with the roster: coverage.html lists the same five under their regions, the overview
  // and each region page count their own.
  ASSERT_EQ(run(std::string(XXGK_BINARY) + " site --db " + quote(dir / "x.sqlite") + " --out " + quote(dir / "site") +
                    " --jobs 1 --roster " + quote(dir / "roster.tsv"),
                &out),
            0)
      << out;
  const std::string page = read_file(dir / "site" / "coverage.html");
  EXPECT_NE(page.find("<h2>2024 年度 <small class=\"note\">30 个机关 · 未发布 <b data-count=\"missing\">5</b> · "
                      "未能读取 <b data-count=\"failed\">0</b> · 部分读出 <b data-count=\"partial\">0</b> · 逾期发布 "
                      "<b data-count=\"late\">0</b> · 已发布 <b data-count=\"ok\">25</b>"),
            std::string::npos);
  EXPECT_EQ(page.find("<h2>2023 年度"), std::string::npos) << "a year the store has no report of";
  size_t rows = 0;
  for (size_t at = page.find("<tr data-state=\"missing\">"); at != std::string::npos;
       at = page.find("<tr data-state=\"missing\">", at + 1))
    ++rows;
  EXPECT_EQ(rows, 5u);
  for (const auto& a : kMissing) EXPECT_NE(page.find("<tr data-state=\"missing\"><th>" + a + "</th>"), std::string::npos) << a;
  EXPECT_NE(page.find("<span id=\"y2024-2205\"></span><span id=\"y2024-220581\"></span>吉林省 · 通化市 · 梅河口市"),
            std::string::npos);
  const std::string overview = read_file(dir / "site" / "index.html");
  EXPECT_NE(overview.find("<tr data-year=\"2024\"><th><a href=\"coverage.html#y2024-_\">2024</a></th><td class=\"n\">30</td>"
                          "<td class=\"n\" data-state=\"missing\">5</td>"),
            std::string::npos);
  // 南关区: its government, 教育局, 财政局, 新春, 桃源 and 永吉街道 published; 卫生健康局 and 曙光街道 did not.
  const std::string nanguan = read_file(dir / "site" / "g" / "220102.html");
  EXPECT_NE(nanguan.find("<tr data-year=\"2024\"><th><a href=\"../coverage.html#y2024-220102\">2024</a></th><td class=\"n\">8</td>"
                         "<td class=\"n\" data-state=\"missing\">2</td><td class=\"n\" data-state=\"failed\">0</td>"
                         "<td class=\"n\" data-state=\"partial\">0</td><td class=\"n\" data-state=\"late\">0</td>"
                         "<td class=\"n\" data-state=\"ok\">6</td></tr>"),
            std::string::npos)
      << nanguan;
  EXPECT_NE(page.find("<span id=\"y2024-220102\"></span>吉林省 · 长春市 · 南关区"), std::string::npos);
  // 集安市 has no report in the store, only its government on the roster: it still has a page, with
  // its roster coverage (1 agency, 1 missing), and 通化市 above it counts its two missing.
  ASSERT_TRUE(std::filesystem::exists(dir / "site" / "g" / "220582.html"));
  const std::string jian = read_file(dir / "site" / "g" / "220582.html");
  EXPECT_NE(jian.find("<p>0 份现行报告 current reports"), std::string::npos) << jian;
  EXPECT_NE(jian.find("<tr data-year=\"2024\"><th><a href=\"../coverage.html#y2024-220582\">2024</a></th><td class=\"n\">1</td>"
                      "<td class=\"n\" data-state=\"missing\">1</td>"),
            std::string::npos)
      << jian;
  const std::string tonghua = read_file(dir / "site" / "g" / "2205.html");
  EXPECT_NE(tonghua.find("<td class=\"n\">2</td><td class=\"n\" data-state=\"missing\">2</td>"), std::string::npos) << tonghua;
  EXPECT_NE(read_file(dir / "site" / "g" / "index.html").find("通化市"), std::string::npos);

  // A roster that cannot be read is an error before any page is written.
  EXPECT_EQ(run(std::string(XXGK_BINARY) + " site --db " + quote(dir / "x.sqlite") + " --out " + quote(dir / "site2") +
                    " --roster " + quote(dir / "nowhere.tsv"),
                &out),
            2);
  EXPECT_FALSE(std::filesystem::exists(dir / "site2" / "index.html"));
}

TEST(Coverage, ARosterWithoutAnAgencyColumnIsAPlainError) {
  TempDir dir;
  write_file(dir / "bad.tsv", "name\turl\n南关区教育局\thttp://127.0.0.1/\n");
  EXPECT_THROW(xxgk::read_roster((dir / "bad.tsv").string()), xxgk::RosterError);
  try {
    xxgk::read_roster((dir / "bad.tsv").string());
  } catch (const xxgk::RosterError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.tsv:1: the header names no `agency` column"), std::string::npos) << e.what();
  }
  const auto plain = [&] {
    write_file(dir / "plain.tsv", "agency\n南关区教育局\n南关区教育局\n");
    return xxgk::read_roster((dir / "plain.tsv").string());
  }();
  ASSERT_EQ(plain.entries.size(), 1u);
  EXPECT_EQ(plain.entries[0].agency, "南关区教育局");
  EXPECT_EQ(plain.entries[0].line, 2u);
  EXPECT_TRUE(plain.problems.empty());
}

// A bad line of a roster (a sources file, most often) is reported with its line and skipped, and the
// rest is read, as the sources file reader does: one typo must not hide every agency from coverage.
TEST(Coverage, ABadRosterLineIsReportedAndTheRestKept) {
  TempDir dir;
  write_file(dir / "blank.tsv",
             "agency\tregion\tkind\turl\n南关区教育局\t220102\ttrs\thttp://127.0.0.1/a/\n\t220102\ttrs\thttp://127.0.0.1/b/\n"
             "南关区\xB2\xC6政局\t220102\ttrs\thttp://127.0.0.1/c/\n南关区民政局\t220102\ttrs\thttp://127.0.0.1/d/\n");
  const auto roster = xxgk::read_roster((dir / "blank.tsv").string());
  ASSERT_EQ(roster.entries.size(), 2u);
  EXPECT_EQ(roster.entries[0].agency, "南关区教育局");
  EXPECT_EQ(roster.entries[1].agency, "南关区民政局");
  EXPECT_EQ(roster.entries[1].line, 5u);
  ASSERT_EQ(roster.problems.size(), 2u);
  EXPECT_EQ(roster.problems[0].line, 3u);
  EXPECT_EQ(roster.problems[0].message, (dir / "blank.tsv").string() + ":3: the line has no agency; skipped");
  EXPECT_EQ(roster.problems[1].message,
            (dir / "blank.tsv").string() + ":4: the line is not UTF-8 text (save the file as UTF-8); skipped");

  // `xxgk coverage` counts the others, says which line it skipped, and exits 1.
  {
    xxgk::Store s((dir / "x.sqlite").string());
  }
  std::string out;
  EXPECT_EQ(run(std::string(XXGK_BINARY) + " coverage --db " + quote(dir / "x.sqlite") + " --roster " + quote(dir / "blank.tsv") +
                    " --year 2024 2>&1",
                &out),
            1);
  EXPECT_NE(out.find("blank.tsv:3: the line has no agency; skipped"), std::string::npos) << out;
  EXPECT_NE(out.find("2024 reports of the 2 agencies on"), std::string::npos) << out;
}

TEST(Coverage, FailedPartialAndLateByTheDeadlineOfTheirRole) {
  TempDir dir;
  xxgk::Store s((dir / "x.sqlite").string());
  auto store = [&](const std::string& agency, const std::string& status, const std::string& published) {
    xxgk::Report r = xxgk::process_bytes("docs/" + agency + ".txt", report_of(agency), xxgk::ProcessOptions{});
    ASSERT_EQ(r.report.agency, agency);
    r.status = status;
    if (!published.empty()) r.source.published = published;
    s.store(r, "2025-06-01T00:00:00Z");
  };
  store("长春市南关区教育局", "partial", "");
  store("长春市南关区财政局", "failed", "");
  store("长春市南关区人民政府", "ok", "2025-03-20");           // a county government: due 31 March
  store("长春市宽城区人民政府", "ok", "2025-04-02");           // … published after it
  store("长春市南关区桃源街道办事处", "ok", "2025-02-10");     // a township's government: due 31 January
  store("长春市南关区民政局", "flagged", "2025-02-01");        // a department: due 31 January
  store("长春市南关区永吉街道办事处", "partial", "2025-03-01");  // partial, and late too
  std::vector<xxgk::RosterEntry> roster;
  for (const char* a : {"长春市南关区教育局", "长春市南关区财政局", "长春市南关区人民政府", "长春市宽城区人民政府",
                        "长春市南关区桃源街道办事处", "长春市南关区民政局", "长春市南关区永吉街道办事处"})
    roster.push_back({a, "", 0});
  const auto c = xxgk::coverage(s, roster, 2024);
  std::map<std::string, std::pair<std::string, std::string>> got;
  for (const auto& r : c.rows) got[r.agency] = {r.state, r.detail};
  EXPECT_EQ(got["长春市南关区教育局"].first, "partial");
  EXPECT_EQ(got["长春市南关区财政局"].first, "failed");
  EXPECT_EQ(got["长春市南关区财政局"].second, "only failed documents: docs/长春市南关区财政局.txt (failed)");
  EXPECT_EQ(got["长春市南关区人民政府"].first, "ok");
  EXPECT_EQ(got["长春市宽城区人民政府"].first, "late");
  EXPECT_EQ(got["长春市宽城区人民政府"].second, "published 2025-04-02, due 2025-03-31: docs/长春市宽城区人民政府.txt");
  EXPECT_EQ(got["长春市南关区桃源街道办事处"].first, "late");
  EXPECT_EQ(got["长春市南关区桃源街道办事处"].second, "published 2025-02-10, due 2025-01-31: docs/长春市南关区桃源街道办事处.txt");
  EXPECT_EQ(got["长春市南关区民政局"].first, "late");
  EXPECT_EQ(got["长春市南关区永吉街道办事处"].first, "partial");
  EXPECT_EQ(got["长春市南关区永吉街道办事处"].second,
            "only partly read: docs/长春市南关区永吉街道办事处.txt (partial); also published late (2025-03-01, due 2025-01-31)");
  EXPECT_EQ(c.dates_unknown, 1u);  // the partial 教育局 report has no date
}

}  // namespace
