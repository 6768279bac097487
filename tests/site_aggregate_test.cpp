// The site's region totals (publish/site/aggregate.*) are gathered city by city as the index rows
// come (by shard: a city and a year): a city's pages, and its counties' and townships', are handed
// over when its rows end, each with its subtree's totals, its children and the agencies placed in
// it; the provinces' at the end. Regions a roster names but no report is placed in get pages too.
#include "publish/site/aggregate.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

using namespace xxgk::site;

IndexRow row(std::int64_t id, int year, const std::string& code, std::vector<std::string> names, const std::string& status,
             const std::string& agency = "", const std::string& name = "", std::vector<std::optional<double>> keys = {}) {
  IndexRow r;
  r.id = id;
  r.year = year;
  r.name = name.empty() ? agency : name;
  r.agency_page = agency;
  r.status = status;
  r.format = "pdf";
  if (!code.empty()) {
    r.region_code = code;
    r.region = Region{code, "", names.size() == 1 ? "government" : "department", std::move(names)};
  }
  r.keys = keys.empty() ? std::vector<std::optional<double>>(kKeyFigureCount) : std::move(keys);
  r.open_findings = status == "flagged" ? 2 : 0;
  r.dismissed_findings = status == "flagged" ? 1 : 0;
  return r;
}

// What a page was handed, copied while it is valid.
struct Written {
  std::string code, name, level;
  long reports = 0;
  std::map<int, Totals> by_year;
  std::vector<std::string> crumbs, children, agencies;  // crumbs "code name"; agencies "key name year:id:status …"
};

struct Recorder {
  std::vector<Written> pages;
  Aggregates::RegionWriter writer() {
    return [this](const RegionPageData& p) {
      Written w{p.node->code, p.node->name, p.node->level, p.node->reports, p.node->by_year, {}, {}, {}};
      for (const auto& c : p.crumbs) w.crumbs.push_back(c.code + " " + c.name);
      for (const auto* c : p.children) w.children.push_back(c->code);
      if (p.agencies)
        for (const auto& [key, a] : *p.agencies) {
          std::string s = key + " " + a.name + " " + a.role;
          for (const auto& [y, d] : a.years) s += " " + std::to_string(y) + ":" + std::to_string(d.first) + ":" + d.second;
          w.agencies.push_back(s);
        }
      pages.push_back(std::move(w));
    };
  }
  std::vector<std::string> order() const {
    std::vector<std::string> out;
    for (const auto& p : pages) out.push_back(p.code);
    return out;
  }
  const Written& page(const std::string& code) const {
    for (const auto& p : pages)
      if (p.code == code) return p;
    throw std::runtime_error("no page " + code);
  }
};

const std::vector<std::string> kJilin = {"吉林省"}, kNanguan = {"吉林省", "长春市", "南关区"},
                               kStreet = {"吉林省", "长春市", "南关区", "自强街道"}, kJilinCity = {"吉林省", "吉林市"};

TEST(SiteAggregates, ACitysPagesAreHandedOverWhenItsRowsEndWithTheirSubtreesTotalsAndTheProvincesAtTheEnd) {
  Recorder rec;
  Aggregates agg(rec.writer());
  agg.add_empty_region("220103", {"吉林省", "长春市", "朝阳区"});
  agg.add_empty_region("2203", {"吉林省", "四平市"});
  agg.add_empty_region("2201", {"吉林省", "长春"});  // a name its reports give otherwise: theirs is kept
  // In the index's order: by shard (city and year), then id.
  agg.add(row(1, 2023, "22", kJilin, "ok", "p1", "吉林省人民政府", {10, 5, std::nullopt, 1}));
  agg.add(row(2, 2023, "220102", kNanguan, "flagged", "a1", "南关区民政局", {3, 1, 0, 0.5}));
  agg.add(row(3, 2023, "220102001", kStreet, "partial", "s1", "自强街道办事处", {std::nullopt, 2, 0, 0.25}));
  agg.add(row(4, 2024, "220102", kNanguan, "ok", "a1", "南关区民政局（新）", {4, 4, 1, 0}));
  agg.add(row(7, 2024, "220102", kNanguan, "ok", "a1", "南关区民政局（新）", {4, 4, 1, 0}));  // a second 2024 report: the later id shows
  EXPECT_TRUE(rec.pages.empty());  // 长春市 is still open
  agg.add(row(5, 2024, "2202", kJilinCity, "failed", "c2", "吉林市人民政府"));
  EXPECT_EQ(rec.order(), (std::vector<std::string>{"2201", "220102", "220102001", "220103"}));
  agg.add(row(6, 2024, "", {}, "ok", "u1", "某机关"));  // not placed
  agg.finish();
  EXPECT_EQ(rec.order(), (std::vector<std::string>{"2201", "220102", "220102001", "220103", "2202", "2203", "22"}));

  const Written& city = rec.page("2201");
  EXPECT_EQ(city.name, "长春市");
  EXPECT_EQ(city.level, "city");
  EXPECT_EQ(city.reports, 4);
  EXPECT_EQ(city.crumbs, (std::vector<std::string>{"22 吉林省", "2201 长春市"}));
  EXPECT_EQ(city.children, (std::vector<std::string>{"220102", "220103"}));
  EXPECT_TRUE(city.agencies.empty());
  ASSERT_EQ(city.by_year.size(), 2u);
  const Totals& t23 = city.by_year.at(2023);
  EXPECT_EQ(t23.reports, 2);
  EXPECT_EQ(t23.status("flagged"), 1);
  EXPECT_EQ(t23.status("partial"), 1);
  EXPECT_EQ(t23.status("ok"), 0);
  EXPECT_EQ(t23.key_sum, (std::array<double, kKeyFigureCount>{3, 3, 0, 0.75}));
  EXPECT_EQ(t23.key_n, (std::array<long, kKeyFigureCount>{1, 2, 2, 2}));
  EXPECT_EQ(t23.open_findings, 2);
  EXPECT_EQ(t23.dismissed_findings, 1);
  EXPECT_EQ(city.by_year.at(2024).reports, 2);
  EXPECT_EQ(city.by_year.at(2024).status("ok"), 2);
  EXPECT_EQ(city.by_year.at(2024).key_sum, (std::array<double, kKeyFigureCount>{8, 8, 2, 0}));

  const Written& county = rec.page("220102");
  EXPECT_EQ(county.reports, 4);
  EXPECT_EQ(county.level, "county");
  EXPECT_EQ(county.children, (std::vector<std::string>{"220102001"}));
  // Named as its latest year's report names it; each year's latest report.
  EXPECT_EQ(county.agencies, (std::vector<std::string>{"a1 南关区民政局（新） department 2023:2:flagged 2024:7:ok"}));
  const Written& street = rec.page("220102001");
  EXPECT_EQ(street.reports, 1);
  EXPECT_EQ(street.level, "township");
  EXPECT_EQ(street.crumbs, (std::vector<std::string>{"22 吉林省", "2201 长春市", "220102 南关区", "220102001 自强街道"}));
  EXPECT_EQ(street.agencies, (std::vector<std::string>{"s1 自强街道办事处 department 2023:3:partial"}));
  const Written& empty = rec.page("220103");
  EXPECT_EQ(empty.name, "朝阳区");
  EXPECT_EQ(empty.reports, 0);
  EXPECT_TRUE(empty.by_year.empty());
  EXPECT_EQ(empty.crumbs, (std::vector<std::string>{"22 吉林省", "2201 长春市", "220103 朝阳区"}));
  const Written& siping = rec.page("2203");
  EXPECT_EQ(siping.reports, 0);
  EXPECT_EQ(siping.crumbs, (std::vector<std::string>{"22 吉林省", "2203 四平市"}));

  const Written& province = rec.page("22");
  EXPECT_EQ(province.reports, 6);
  EXPECT_EQ(province.children, (std::vector<std::string>{"2201", "2202", "2203"}));
  EXPECT_EQ(province.agencies, (std::vector<std::string>{"p1 吉林省人民政府 government 2023:1:ok"}));
  EXPECT_EQ(province.by_year.at(2023).key_sum, (std::array<double, kKeyFigureCount>{13, 8, 0, 1.75}));
  EXPECT_EQ(province.by_year.at(2023).key_n, (std::array<long, kKeyFigureCount>{2, 3, 2, 3}));
  EXPECT_EQ(province.by_year.at(2024).status("failed"), 1);

  EXPECT_EQ(agg.total, 7);
  EXPECT_EQ(agg.unplaced, 1);
  EXPECT_EQ(agg.formats.at("pdf"), 7);
  EXPECT_EQ(agg.by_year.at(2024).reports, 4);
  // The index's region tree: the regions reports are placed in, not the empty ones.
  std::vector<std::string> placed;
  for (const auto& [code, b] : agg.placed())
    placed.push_back(code + " " + b.name + " " + std::to_string(b.level) + " " + b.parent + " " + std::to_string(b.reports));
  EXPECT_EQ(placed, (std::vector<std::string>{"22 吉林省 0  6", "2201 长春市 1 22 4", "220102 南关区 2 2201 4",
                                              "220102001 自强街道 3 220102 1", "2202 吉林市 1 22 1"}));
  // Provinces and cities, the empty ones too, are kept for the overview.
  std::vector<std::string> upper;
  for (const auto& [code, n] : agg.upper()) upper.push_back(code + " " + std::to_string(n.reports));
  EXPECT_EQ(upper, (std::vector<std::string>{"22 6", "2201 4", "2202 1", "2203 0"}));
  ASSERT_EQ(agg.upper_children("").size(), 1u);
  EXPECT_EQ(agg.upper_children("")[0]->code, "22");
}

TEST(SiteAggregates, ACityWhoseRowsAreNotTogetherIsAnErrorNotAPageWrittenTwice) {
  Recorder rec;
  Aggregates agg(rec.writer());
  agg.add(row(1, 2023, "220102", kNanguan, "ok"));
  agg.add(row(2, 2023, "2202", kJilinCity, "ok"));
  EXPECT_THROW(agg.add(row(3, 2024, "220102", kNanguan, "ok")), std::runtime_error);
}

TEST(SiteAggregates, RegionGroupsAreCitiesAndAProvinceBelongsToNone) {
  EXPECT_EQ(region_group("22"), "");
  EXPECT_EQ(region_group(""), "");
  EXPECT_EQ(region_group("220"), "220");
  EXPECT_EQ(region_group("2201"), "2201");
  EXPECT_EQ(region_group("220102001"), "2201");
}

}  // namespace
