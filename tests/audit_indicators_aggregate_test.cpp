// `xxgk indicators` in-process: a region's indicator is the ratio of the sums over its reports (not
// the mean of their rates), and a ranking leaves out, and names, an agency under the minimum.
#include "audit/store.h"
#include "audit_fixtures.h"
#include "publish/indicator_aggregates.h"

#include <gtest/gtest.h>

namespace {

using namespace audit_test;

// A 南关区 street office's 2024 report: requests received (all of natural persons), granted,
// withheld as state secrets, decided in total, carried into next year.
std::string street(const std::string& name, int received, int granted, int secret, int decided, int carried) {
  std::string t = with_street(seed(), name);
  for (int col : {0, 6}) {
    t = set_requests_cell(t, kNewReceived, col, std::to_string(received));
    t = set_requests_cell(t, "（一）予以公开", col, std::to_string(granted));
    t = set_requests_cell(t, "1.属于国家秘密", col, std::to_string(secret));
    t = set_requests_cell(t, "（七）总计", col, std::to_string(decided));
    t = set_requests_cell(t, kCarriedForward, col, std::to_string(carried));
  }
  return t;
}

TEST(IndicatorAggregates, ARegionsRateIsTheRatioOfSumsNotTheMeanOfRatesAndARankingNamesWhoIsLeftOut) {
  TempDir dir;
  xxgk::Store s((dir / "x.sqlite").string());
  // Full disclosure rates 30/40 = 75 %, 10/40 = 25 %, 2/2 = 100 % (a denominator under 30).
  auto a = make("a/xinchun.txt", street("新春街道", 40, 30, 10, 40, 0));
  auto b = make("a/taoyuan.txt", street("桃源街道", 40, 10, 30, 40, 0));
  auto c = make("a/minkang.txt", street("民康街道", 2, 2, 0, 2, 0));
  for (auto* r : {&a, &b, &c}) s.store(*r, "2026-12-06T00:00:00Z");
  const auto groups = xxgk::aggregate_indicators(s, {std::string("220102"), 2024});
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].role, "government");
  EXPECT_EQ(groups[0].region_name, "南关区");
  const auto& full = *std::find_if(groups[0].indicators.begin(), groups[0].indicators.end(),
                                   [](const auto& r) { return r.def->id == "requests.full_disclosure_rate"; });
  EXPECT_EQ(full.reports, 3u);
  EXPECT_EQ(full.numerator, 42.0);    // 30 + 10 + 2
  EXPECT_EQ(full.denominator, 82.0);  // 40 + 40 + 2
  ASSERT_TRUE(full.value);
  EXPECT_DOUBLE_EQ(*full.value, 100.0 * 42 / 82);  // 51.22 %
  EXPECT_GT(std::fabs(*full.value - (75.0 + 25.0 + 100.0) / 3), 15.0);  // the mean of rates would say 66.67 %
  // Ranked: the two whose 办理结果总计 reaches 30; 民康街道 (2) is left out and named.
  ASSERT_EQ(full.ranked.size(), 2u);
  EXPECT_EQ(full.ranked[0].agency, "长春市南关区新春街道办事处");
  EXPECT_EQ(full.ranked[0].rank, 1);
  EXPECT_EQ(full.ranked[1].agency, "长春市南关区桃源街道办事处");
  EXPECT_EQ(full.ranked[1].rank, 2);
  ASSERT_EQ(full.under_minimum.size(), 1u);
  EXPECT_EQ(full.under_minimum[0].agency, "长春市南关区民康街道办事处");
  const std::string text = xxgk::indicators_text(groups);
  EXPECT_NE(text.find("requests.full_disclosure_rate 予以公开率（绝对公开率）: 51.22% = 100 × 42 / 82 over 3 of 3 reports"),
            std::string::npos) << text;
  EXPECT_NE(text.find("left out: 1 with a denominator under 30: 长春市南关区民康街道办事处 (denominator 2)"), std::string::npos)
      << text;
  // Ties share a rank and are listed by agency identity: no request of an organisation at either.
  const auto& organisations = *std::find_if(groups[0].indicators.begin(), groups[0].indicators.end(),
                                            [](const auto& r) { return r.def->id == "requests.organisation_share"; });
  ASSERT_EQ(organisations.ranked.size(), 2u);
  EXPECT_EQ(organisations.ranked[0].agency_id, "220102004/government");
  EXPECT_EQ(organisations.ranked[1].agency_id, "220102009/government");
  EXPECT_EQ(organisations.ranked[0].rank, 1);
  EXPECT_EQ(organisations.ranked[1].rank, 1);
  const std::string csv = xxgk::indicators_csv(groups);
  EXPECT_NE(csv.find("\r\nunder_minimum,220102,南关区,2024,government,requests.full_disclosure_rate,220102003/government,"
                     "长春市南关区民康街道办事处,100,2,2,,,,denominator under 30\r\n"),
            std::string::npos) << csv;
  // Another region's subtree holds none of them.
  EXPECT_TRUE(xxgk::aggregate_indicators(s, {std::string("220103"), 2024}).empty());
  EXPECT_THROW(xxgk::aggregate_indicators(s, {std::string("22%"), 2024}), std::invalid_argument);
}

}  // namespace
