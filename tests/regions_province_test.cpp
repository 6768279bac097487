// A generated province (acceptance of regions/): every county-level government of 吉林省, its
// zones' 管委会, departments, and every township, printed with and without their ancestors. What
// each name must resolve to is worked out here from data/divisions/divisions.tsv read on its own
// (not from regions/): the one division it names, or, when several divisions bear that name where
// the name points, "ambiguous" with exactly those candidates. Every name is checked; no name may be
// placed anywhere else (a guess), and no unique name may be left ambiguous.
#include "regions/divisions.h"
#include "regions/place.h"
#include "regions/resolver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using xxgk::regions::Divisions;
using xxgk::regions::Placement;

// The data file, read without regions/: code → (name, kind); levels and parents from the codes.
struct Line {
  std::string code, name, kind;
};

struct RawData {
  std::map<std::string, Line> by_code;
  std::multimap<std::string, std::string> by_name;  // name → code, kind division only

  RawData() {
    std::ifstream in(std::string(XXGK_SOURCE_DIR) + "/data/divisions/divisions.tsv");
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream f(line);
      Line l;
      std::getline(f, l.code, '\t');
      std::getline(f, l.name, '\t');
      std::getline(f, l.kind, '\t');
      // An aside in brackets is the statistics' note, not part of the name agencies print:
      // （工业园区）城南街道 is printed 城南街道.
      for (size_t open; (open = l.name.find("（")) != std::string::npos;) {
        const size_t close = l.name.find("）", open);
        if (close == std::string::npos) break;
        l.name.erase(open, close + 3 - open);
      }
      by_code[l.code] = l;
      if (l.kind == "division") by_name.emplace(l.name, l.code);
    }
  }

  // The codes above `code` that are real lines of their own (placeholders and same-as-city lines are not).
  std::vector<std::string> ancestors(const std::string& code) const {
    std::vector<std::string> out;
    for (size_t len : {2u, 4u, 6u})
      if (code.size() > len) {
        const auto& l = by_code.at(code.substr(0, len));
        if (l.kind == "division" || l.kind == "zone") out.push_back(l.code);
      }
    return out;
  }

  // Divisions (kind division) named `name`, inside a division named `within` when given.
  std::set<std::string> named(const std::string& name, const std::string& within = "") const {
    std::set<std::string> out;
    auto [a, b] = by_name.equal_range(name);
    for (auto it = a; it != b; ++it) {
      if (within.empty()) {
        out.insert(it->second);
        continue;
      }
      for (const auto& up : ancestors(it->second))
        if (by_code.at(up).name == within) out.insert(it->second);
    }
    return out;
  }
};

const RawData& raw() {
  static const RawData r;
  return r;
}

struct Case {
  std::string agency;
  std::set<std::string> expected;  // one code: placed there; several: ambiguous with exactly these
  std::string role;
};

struct Tally {
  size_t names = 0, placed = 0, ambiguous = 0, wrong = 0;
};

void check(const Case& c, Tally& t) {
  ++t.names;
  const Divisions& d = Divisions::national();
  const Placement p = xxgk::regions::resolve({c.agency, "", ""});
  if (c.expected.size() == 1) {
    const bool right = p.outcome == Placement::Outcome::placed && d[p.division].code == *c.expected.begin() &&
                       p.role == c.role;
    EXPECT_TRUE(right) << c.agency << ": expected " << *c.expected.begin() << " " << c.role << ", got outcome "
                       << static_cast<int>(p.outcome) << (p.division >= 0 ? " " + d[p.division].code + " " + p.role : "");
    if (right) ++t.placed;
    else ++t.wrong;
    return;
  }
  std::set<std::string> got;
  for (int i : p.candidates) got.insert(d[i].code);
  const bool right = p.outcome == Placement::Outcome::ambiguous && got == c.expected;
  EXPECT_TRUE(right) << c.agency << ": expected ambiguous among " << c.expected.size() << ", got outcome "
                     << static_cast<int>(p.outcome) << (p.division >= 0 ? " " + d[p.division].code : "") << " with "
                     << got.size() << " candidates";
  if (right) ++t.ambiguous;
  else ++t.wrong;
}

std::string government_words(const Line& l) {
  if (l.kind == "zone") return "管理委员会";
  if (l.name.size() >= 9 && l.name.substr(l.name.size() - 9) == "办事处") return "";
  if (l.name.size() >= 6 && l.name.substr(l.name.size() - 6) == "街道") return "办事处";
  return "人民政府";
}

TEST(GeneratedProvince, JilinEveryCountyAndTownshipWithAndWithoutAncestors) {
  const RawData& data = raw();
  const std::string province = "吉林省";
  std::vector<Case> cases;
  size_t counties = 0, zones = 0, townships = 0;
  for (const auto& [code, l] : data.by_code) {
    if (code.substr(0, 2) != "22" || (l.kind != "division" && l.kind != "zone")) continue;
    if (code.size() != 6 && code.size() != 9) continue;
    const auto up = data.ancestors(code);
    const Line& city = data.by_code.at(up.at(1));  // 吉林省 has no placeholder cities
    const std::set<std::string> self = {code};
    if (code.size() == 6) {
      (l.kind == "zone" ? zones : counties) += 1;
      const std::string gov = government_words(l);
      // With the province and city: one division.
      cases.push_back({province + city.name + l.name + gov, self, "government"});
      cases.push_back({city.name + l.name + "教育局", self, "department"});
      cases.push_back({city.name + l.name + "人民政府办公室", self, "department"});
      if (l.kind == "zone") {
        // A zone's name alone: only divisions count as exact names, and none is called so.
        cases.push_back({l.name + gov, self, "government"});
        continue;
      }
      // Alone: the divisions of that name anywhere.
      const auto alone = data.named(l.name);
      cases.push_back({l.name + gov, alone, "government"});
      cases.push_back({l.name + "政府", alone, "government"});
      cases.push_back({l.name + "财政局", alone, "department"});
      // Under the province only.
      cases.push_back({province + l.name + "人民政府", data.named(l.name, province), "government"});
      continue;
    }
    ++townships;
    const Line& county = data.by_code.at(code.substr(0, 6));
    const std::string gov = government_words(l);
    if (l.kind == "zone") {
      cases.push_back({city.name + county.name + l.name + gov, self, "government"});
      continue;
    }
    cases.push_back({province + city.name + county.name + l.name + gov, self, "government"});
    cases.push_back({county.name + "人民政府" + l.name + gov, data.named(l.name, county.name), "government"});
    cases.push_back({county.name + l.name, data.named(l.name, county.name), "government"});
    cases.push_back({l.name + gov, data.named(l.name), "government"});
    cases.push_back({city.name + l.name + gov, data.named(l.name, city.name), "government"});
  }
  EXPECT_EQ(counties, 60u);
  EXPECT_EQ(zones, 9u);
  EXPECT_EQ(townships, 1075u);

  Tally t;
  for (const auto& c : cases) check(c, t);
  std::printf("generated province 吉林省: %zu names (60 counties, 9 zones, 1075 townships): %zu placed right, "
              "%zu ambiguous reported with exactly their candidates, %zu wrong\n",
              t.names, t.placed, t.ambiguous, t.wrong);
  EXPECT_EQ(t.wrong, 0u);
  EXPECT_EQ(t.placed + t.ambiguous, cases.size());
  EXPECT_GT(t.ambiguous, 0u);  // bare township names such as 新春街道 recur across the country
}

}  // namespace
