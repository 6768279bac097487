// The site's rankings (issue 23) are `xxgk indicators`'s: a region page's ranking rows, in order,
// with their values, numerators and denominators, and who was left out and why, are exactly those
// aggregate_indicators gives for that region and year (the function the CLI prints); an agency page
// shows its rank in its region; and a report that changes a ranking rewrites the agency pages whose
// rank it moves.
#include "audit/store.h"
#include "audit_fixtures.h"
#include "publish/indicator_aggregates.h"
#include "publish/report_tables.h"
#include "publish/site/site.h"
#include "publish/site/site_html.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <regex>

namespace {

using namespace audit_test;

// A street office's 2024 report (南关区 unless `district` says otherwise): requests received (all of
// natural persons), granted, withheld as state secrets, decided in total.
std::string street(const std::string& name, int received, int granted, int secret, int decided,
                   const std::string& district = "南关区") {
  std::string t = replace_all(with_street(seed(), name), "南关区", district);
  for (int col : {0, 6}) {
    t = set_requests_cell(t, kNewReceived, col, std::to_string(received));
    t = set_requests_cell(t, "（一）予以公开", col, std::to_string(granted));
    t = set_requests_cell(t, "1.属于国家秘密", col, std::to_string(secret));
    t = set_requests_cell(t, "（七）总计", col, std::to_string(decided));
  }
  return t;
}

std::string no_commas(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  return s;
}

std::string cli_number(std::optional<double> v) { return v ? fmt::format("{}", *v) : "—"; }

std::string cli_value(const xxgk::IndicatorDef& def, std::optional<double> v) {
  if (!v) return "—";
  return def.is_rate() ? fmt::format("{:.2f}%", *v) : cli_number(v);
}

std::string between(const std::string& s, const std::string& open, const std::string& close) {
  const size_t a = s.find(open);
  if (a == std::string::npos) return {};
  const size_t b = s.find(close, a);
  return s.substr(a, b == std::string::npos ? std::string::npos : b + close.size() - a);
}

struct PageRow {
  std::string agency_id, rank, name, value, sums;
};

// Every (indicator, year, role) of `groups` that ranks or leaves out anyone is on `page`, row for row
// as the CLI's ranking, with the same left-out counts and reasons; and the page shows no other.
void expect_rankings_as_cli(const std::string& page, const std::vector<xxgk::IndicatorGroup>& groups, int* ties = nullptr,
                            int* left_out = nullptr) {
  static const std::regex row_re(
      "<tr data-agency=\"([^\"]*)\"><td class=\"n\">([0-9]+)</td><td><a href=\"[^\"]*\">([^<]*)</a>(?:<small[^>]*>[^<]*</small>| )*</td>"
      "<td class=\"n\">([^<]*)</td><td class=\"n\">([^<]*)</td></tr>");
  size_t bodies = 0;
  for (const auto& g : groups)
    for (const auto& r : g.indicators) {
      if (r.ranked.empty() && r.under_minimum.empty() && r.null_by_reason.empty()) continue;
      ++bodies;
      const std::string where = fmt::format("{} {} {}", r.def->id, g.year, g.role);
      const std::string details = between(page, "<details class=\"ranking\" data-indicator=\"" + r.def->id + "\">", "</details>");
      ASSERT_FALSE(details.empty()) << where;
      EXPECT_NE(details.find(xxgk::html_escape(xxgk::formula_text(*r.def))), std::string::npos) << where;  // the formula beside the numbers
      const std::string body =
          between(details, fmt::format("<tbody data-year=\"{}\" data-role=\"{}\" data-ranked=\"{}\">", g.year, g.role, r.ranked.size()), "</tbody>");
      ASSERT_FALSE(body.empty()) << where << "\n" << details;
      std::vector<PageRow> rows;
      for (auto it = std::sregex_iterator(body.begin(), body.end(), row_re); it != std::sregex_iterator(); ++it)
        rows.push_back({(*it)[1], (*it)[2], (*it)[3], (*it)[4], (*it)[5]});
      ASSERT_EQ(rows.size(), r.ranked.size()) << where << "\n" << body;
      for (size_t i = 0; i < rows.size(); ++i) {
        const auto& a = r.ranked[i];
        EXPECT_EQ(rows[i].agency_id, a.agency_id) << where << " row " << i;
        EXPECT_EQ(rows[i].rank, std::to_string(a.rank)) << where << " row " << i;
        EXPECT_EQ(rows[i].name, a.agency) << where << " row " << i;
        EXPECT_EQ(no_commas(rows[i].value), cli_value(*r.def, a.value)) << where << " row " << i;
        EXPECT_EQ(no_commas(rows[i].sums), r.def->is_rate() ? cli_number(a.numerator) + " / " + cli_number(a.denominator)
                                                            : cli_number(a.numerator))
            << where << " row " << i;
        if (ties && i > 0 && a.rank == r.ranked[i - 1].rank) ++*ties;
      }
      if (r.under_minimum.empty()) {
        EXPECT_EQ(body.find("class=\"under-minimum\""), std::string::npos) << where;
      } else {
        std::string names;
        for (const auto& a : r.under_minimum) names += fmt::format("{}{}（{}）", names.empty() ? "" : "、", a.agency, cli_number(a.denominator));
        EXPECT_NE(body.find(fmt::format("<span class=\"under-minimum\" data-n=\"{0}\">{0} 个分母不足 {1} denominator under {1}: {2}</span>",
                                        r.under_minimum.size(), cli_number(r.def->min_denominator), names)),
                  std::string::npos)
            << where << "\n" << body;
        if (left_out) *left_out += static_cast<int>(r.under_minimum.size());
      }
      size_t no_value = 0;
      std::string reasons;
      for (const auto& [reason, n] : r.null_by_reason) {
        no_value += n;
        reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", reason, n);
      }
      if (no_value) {
        EXPECT_NE(body.find(fmt::format("<span class=\"no-value\" data-n=\"{0}\">{0} 个无数值 with no value ({1})</span>", no_value, reasons)),
                  std::string::npos)
            << where << "\n" << body;
      }
    }
  size_t on_page = 0;
  for (size_t at = page.find("<tbody data-year="); at != std::string::npos; at = page.find("<tbody data-year=", at + 1)) ++on_page;
  EXPECT_EQ(on_page, bodies);
}

const xxgk::IndicatorGroupResult& indicator(const std::vector<xxgk::IndicatorGroup>& groups, const std::string& id) {
  return *std::find_if(groups.at(0).indicators.begin(), groups.at(0).indicators.end(), [&](const auto& r) { return r.def->id == id; });
}

std::string agency_page(const fs::path& site, xxgk::Store& s, const std::string& agency_id) {
  auto q = s.db().prepare("SELECT agency_key FROM reports WHERE agency_id = ?");
  q.bind(1, agency_id);
  if (!q.step()) return {};
  return read_file(site / xxgk::site::agency_path(xxgk::site::agency_page_key(q.text(0))));
}

// The cell of an agency page's indicator row for its one year: its rank, or why it has none.
std::string rank_cell(const std::string& page, const std::string& indicator_id) {
  const std::string row = between(page, "<tr data-indicator=\"" + indicator_id + "\">", "</tr>");
  static const std::regex rank("<small class=\"rank\"([^>]*)>");
  std::smatch m;
  return std::regex_search(row, m, rank) ? m[1].str() : "";
}

TEST(SiteRankings, ARegionPagesRankingIsTheCliRankingWithWhoIsLeftOutAndTiesInAgencyOrder) {
  TempDir dir;
  xxgk::Store s((dir / "x.sqlite").string());
  // Full disclosure rates: 新春 30/40 = 75 %, 桃源 10/40 = 25 %, 民康 2/2 = 100 % (a denominator under
  // 30), 南岭 45/60 = 75 % (tied with 新春, listed first by agency identity although stored after it),
  // and 站前 in 宽城区 (in 长春市, not in 南关区).
  const std::vector<std::pair<std::string, std::string>> docs = {
      {"a/xinchun.txt", street("新春街道", 40, 30, 10, 40)},  {"a/taoyuan.txt", street("桃源街道", 40, 10, 30, 40)},
      {"a/minkang.txt", street("民康街道", 2, 2, 0, 2)},      {"a/nanling.txt", street("南岭街道", 60, 45, 15, 60)},
      {"b/zhanqian.txt", street("站前街道", 50, 20, 30, 50, "宽城区")}};
  for (const auto& [path, text] : docs) {
    auto r = make(path, text);
    s.store(r, "2026-12-06T00:00:00Z");
  }
  xxgk::site::SiteOptions o;
  o.db = (dir / "x.sqlite").string();
  o.out = (dir / "site").string();
  o.jobs = 2;
  xxgk::site::build_site(o);

  const auto nanguan = xxgk::aggregate_indicators(s, {std::string("220102"), 2024});
  ASSERT_EQ(nanguan.size(), 1u);
  ASSERT_EQ(nanguan[0].role, "government");
  // What the CLI ranks here, so that the comparison below covers a tie and one left out.
  const auto& full = indicator(nanguan, "requests.full_disclosure_rate");
  ASSERT_EQ(full.ranked.size(), 3u);
  EXPECT_EQ(full.ranked[0].agency_id, "220102001/government");  // 南岭
  EXPECT_EQ(full.ranked[1].agency_id, "220102004/government");  // 新春
  EXPECT_EQ(full.ranked[0].rank, 1);
  EXPECT_EQ(full.ranked[1].rank, 1);
  ASSERT_EQ(full.under_minimum.size(), 1u);
  EXPECT_EQ(full.under_minimum[0].agency_id, "220102003/government");  // 民康

  const std::string page = read_file(dir / "site" / xxgk::site::region_path("220102"));
  int ties = 0, left_out = 0;
  expect_rankings_as_cli(page, nanguan, &ties, &left_out);
  EXPECT_GE(ties, 1);
  EXPECT_GE(left_out, 1);
  EXPECT_EQ(page.find("站前街道"), std::string::npos);
  // 新春街道's own page: its government alone, so nothing to rank (its rank is on 南关区's page).
  const std::string xinchun = read_file(dir / "site" / xxgk::site::region_path("220102004"));
  EXPECT_NE(xinchun.find("id=\"ranking-of-one\""), std::string::npos);
  EXPECT_EQ(xinchun.find("<tbody data-year="), std::string::npos);
  // 长春市 holds both districts; the overview every report, as the CLI without --region.
  expect_rankings_as_cli(read_file(dir / "site" / xxgk::site::region_path("2201")), xxgk::aggregate_indicators(s, {std::string("2201"), 2024}));
  expect_rankings_as_cli(read_file(dir / "site/index.html"), xxgk::aggregate_indicators(s, {std::nullopt, 2024}));

  // Agency pages: a street office's rank among the governments of the region above it (南关区), or why
  // there is none.
  EXPECT_EQ(rank_cell(agency_page(dir / "site", s, "220102004/government"), "requests.full_disclosure_rate"), " data-rank=\"1\" data-of=\"3\"");
  EXPECT_EQ(rank_cell(agency_page(dir / "site", s, "220102009/government"), "requests.full_disclosure_rate"), " data-rank=\"3\" data-of=\"3\"");
  EXPECT_EQ(rank_cell(agency_page(dir / "site", s, "220102003/government"), "requests.full_disclosure_rate"), " data-why=\"under_minimum\"");

  // 桃源 revised to 39/40: every ranking of 南关区 moves, so 新春's page (its own report unchanged) is
  // rewritten with rank 2, while 站前's (宽城区: its ranking unchanged) is kept.
  const std::string zhanqian_path = (dir / "site" / xxgk::site::agency_path(xxgk::site::agency_page_key([&] {
                                       auto q = s.db().prepare("SELECT agency_key FROM reports WHERE agency_id = '220103002/government'");
                                       return q.step() ? q.text(0) : std::string();
                                     }())))
                                        .string();
  const auto zhanqian_time = fs::last_write_time(zhanqian_path);
  auto revised = make("a/taoyuan.txt", street("桃源街道", 40, 39, 1, 40));
  s.store(revised, "2026-12-07T00:00:00Z");
  const auto again = xxgk::site::build_site(o);
  EXPECT_GT(again.agency_pages, 1);
  EXPECT_EQ(rank_cell(agency_page(dir / "site", s, "220102004/government"), "requests.full_disclosure_rate"), " data-rank=\"2\" data-of=\"3\"");
  EXPECT_EQ(rank_cell(agency_page(dir / "site", s, "220102009/government"), "requests.full_disclosure_rate"), " data-rank=\"1\" data-of=\"3\"");
  EXPECT_EQ(fs::last_write_time(zhanqian_path), zhanqian_time);
  expect_rankings_as_cli(read_file(dir / "site" / xxgk::site::region_path("220102")), xxgk::aggregate_indicators(s, {std::string("220102"), 2024}));
}

}  // namespace
