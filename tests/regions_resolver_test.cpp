// regions/: the division data and the resolver, on names as agencies print them.
#include "regions/data.h"
#include "regions/divisions.h"
#include "regions/place.h"
#include "regions/resolver.h"
#include "text/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace xxgk::regions {
namespace {

const Divisions& nat() { return Divisions::national(); }

struct Placed {
  std::string code, level, role;
  std::vector<std::string> names;
  std::string outcome;
  std::vector<std::string> candidates;
};

std::string outcome_name(Placement::Outcome o) {
  switch (o) {
    case Placement::Outcome::placed: return "placed";
    case Placement::Outcome::no_agency: return "no_agency";
    case Placement::Outcome::unknown: return "unknown";
    case Placement::Outcome::ambiguous: return "ambiguous";
  }
  return "";
}

Placed place(std::string_view agency, std::string_view context = "", std::string_view code = "") {
  const Placement p = resolve({agency, context, code});
  Placed out;
  out.outcome = outcome_name(p.outcome);
  if (p.outcome == Placement::Outcome::placed) {
    out.code = nat()[p.division].code;
    out.level = std::string(level_name(nat()[p.division].level));
    out.names = nat().names(p.division);
    out.role = p.role;
  }
  for (int c : p.candidates) out.candidates.push_back(nat()[c].code);
  return out;
}

using Names = std::vector<std::string>;

TEST(Divisions, TheDataAndItsOddLevels) {
  // Every line of data/divisions/divisions.tsv but the 13 placeholder and same-as-city lines.
  EXPECT_EQ(nat().all().size(), 44703u - 9u - 4u);
  // A municipality has no city level; 市辖区 and 县 stand for the municipality itself.
  EXPECT_EQ(nat().names(nat().find_code("110101")), (Names{"北京市", "东城区"}));
  EXPECT_EQ(nat().find_code("1101"), nat().find_code("11"));
  EXPECT_EQ(nat().find_code("5002"), nat().find_code("50"));
  EXPECT_EQ(nat().names(nat().find_code("500229")), (Names{"重庆市", "城口县"}));
  // Counties a province governs directly (省直辖县级行政区划) sit under the province.
  EXPECT_EQ(nat().names(nat().find_code("429004")), (Names{"湖北省", "仙桃市"}));
  EXPECT_EQ(nat().find_code("4290"), nat().find_code("42"));
  // A city without districts: its townships sit under the city (441900 repeats 东莞市).
  EXPECT_EQ(nat().find_code("441900"), nat().find_code("4419"));
  EXPECT_EQ(nat().names(nat().find_code("441900006")), (Names{"广东省", "东莞市", "莞城街道"}));
  EXPECT_EQ(nat()[nat().find_code("441900006")].level, Level::township);
  EXPECT_EQ(nat().find_code("999999"), -1);
  EXPECT_TRUE(nat()[nat().find_code("220171")].zone);  // 长春经济技术开发区
  EXPECT_FALSE(nat()[nat().find_code("220102")].zone);
}

// code_chain reads a code's chain straight from the data; it must link every code as the national
// index does: the same divisions, levels and names, placeholders skipped, unknown codes refused.
TEST(Divisions, CodeChainLinksEveryCodeAsTheNationalIndex) {
  const std::string_view tsv = divisions_tsv();
  size_t compared = 0;
  for (int i = 0; i < static_cast<int>(nat().all().size()); ++i) {
    std::vector<int> expected;
    for (int a = i; a >= 0; a = nat()[a].parent) expected.insert(expected.begin(), a);
    const auto chain = code_chain(tsv, nat()[i].code);
    ASSERT_EQ(chain.size(), expected.size()) << nat()[i].code;
    for (size_t k = 0; k < chain.size(); ++k) {
      const Division& d = nat()[expected[k]];
      EXPECT_EQ(chain[k].code, d.code);
      EXPECT_EQ(chain[k].name, d.name);
      EXPECT_EQ(chain[k].level, d.level);
    }
    ++compared;
  }
  EXPECT_EQ(compared, 44703u - 9u - 4u);
  for (const char* not_a_division : {"1101", "4290", "441900", "999999", "", "11x", "4419000060", "00"})
    EXPECT_TRUE(code_chain(tsv, not_a_division).empty()) << not_a_division;
  // A township under 东莞市 (441900 repeats the city): 广东省, 东莞市, 莞城街道.
  const auto dongguan = code_chain(tsv, "441900006");
  ASSERT_EQ(dongguan.size(), 3u);
  EXPECT_EQ(dongguan[1].code, "4419");
  EXPECT_EQ(dongguan[2].name, "莞城街道");
}

// The national index is read from the bytes built with the program (regions/national.cpp): it must be
// the index the data builds, byte for byte and in its lookups; bytes cut short or of another build
// are refused, never read.
TEST(Divisions, TheBuiltInIndexIsTheOneTheDataBuilds) {
  const Divisions fresh(divisions_tsv());
  const std::string bytes = fresh.to_bytes();
  EXPECT_GT(bytes.size(), 1000000u);
  EXPECT_EQ(nat().to_bytes(), bytes);
  ASSERT_EQ(nat().all().size(), fresh.all().size());
  EXPECT_EQ(nat().longest_form_bytes(), fresh.longest_form_bytes());
  size_t looked_up = 0;
  for (size_t i = 0; i < fresh.all().size(); ++i) {
    const Division &a = nat().all()[i], &b = fresh.all()[i];
    ASSERT_EQ(a.code, b.code);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.parent, b.parent);
    EXPECT_EQ(a.level, b.level);
    EXPECT_EQ(a.zone, b.zone);
    EXPECT_EQ(nat().find_code(a.code), fresh.find_code(b.code));
    for (const std::string& key : {label_key_without_asides(a.name), a.name.substr(0, a.name.size() - 3)}) {
      const auto x = nat().forms(key), y = fresh.forms(key);
      ASSERT_EQ(x.size(), y.size()) << key;
      for (size_t k = 0; k < x.size(); ++k) {
        EXPECT_EQ(x[k].division, y[k].division);
        EXPECT_EQ(x[k].tier, y[k].tier);
      }
      looked_up += !x.empty();
    }
  }
  EXPECT_GT(looked_up, 44000u);
  for (const char* code : {"1101", "4290", "441900", "999999", ""}) EXPECT_EQ(nat().find_code(code), fresh.find_code(code));
  for (size_t cut : {size_t{0}, size_t{10}, size_t{30}, bytes.size() / 3, bytes.size() - 1})
    EXPECT_FALSE(Divisions::from_bytes(std::string_view(bytes).substr(0, cut))) << cut;
  std::string other = bytes;
  other[30] = static_cast<char>(other[30] ^ 0x5A);  // the layout and hash check
  EXPECT_FALSE(Divisions::from_bytes(other));
  EXPECT_FALSE(Divisions::from_bytes(bytes + "x"));
  const auto read = Divisions::from_bytes(bytes);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->to_bytes(), bytes);
}

TEST(Divisions, NamesAreKeyedAsAgenciesAre) {
  // Every name is found by its label_key: data/divisions/keys.tsv lists those whose key is not the
  // name itself (build/xxgk_division_keys rewrites it), and names in it are found by their key.
  size_t listed = 0;
  for (const auto& d : nat().all()) {
    const std::string key = label_key_without_asides(d.name);
    const auto forms = nat().forms(key);
    ASSERT_FALSE(forms.empty()) << d.code << " " << d.name << ": not found by its key " << key
                       << "; run build/xxgk_division_keys > data/divisions/keys.tsv";
    bool found = false;
    for (const auto& f : forms) found = found || f.division == nat().find_code(d.code);
    EXPECT_TRUE(found) << d.code << " " << d.name;
    listed += key != d.name;
  }
  EXPECT_EQ(listed, 55u);
  EXPECT_EQ(label_key_without_asides("二份子乡"), "二分子乡");  // ICU's Traditional-Simplified rewrites 份子 as a word
  // Both spellings find the township, as the record's agency may carry either.
  EXPECT_EQ(place("乾丰镇人民政府").outcome, place("干丰镇人民政府").outcome);
  EXPECT_EQ(place("白城市官银号街道办事处").code, place("（白城市生态新区）官银号街道").code);
  EXPECT_EQ(place("白城市官银号街道办事处").outcome, "placed");
}

TEST(Resolver, TheSeed) {
  const Placed p = place("长春市南关区新春街道办事处");
  EXPECT_EQ(p.outcome, "placed");
  EXPECT_EQ(p.code, "220102004");
  EXPECT_EQ(p.level, "township");
  EXPECT_EQ(p.names, (Names{"吉林省", "长春市", "南关区", "新春街道"}));
  EXPECT_EQ(p.role, "government");
}

TEST(Resolver, AGovernmentAndItsDepartments) {
  EXPECT_EQ(place("南关区人民政府").role, "government");
  EXPECT_EQ(place("南关区人民政府").code, "220102");
  EXPECT_EQ(place("南关区政府").role, "government");
  EXPECT_EQ(place("南关区").role, "government");
  const Placed edu = place("南关区教育局");
  EXPECT_EQ(edu.code, "220102");
  EXPECT_EQ(edu.level, "county");
  EXPECT_EQ(edu.role, "department");
  // The office of a government is a body of it, not the government.
  EXPECT_EQ(place("长春市人民政府办公室").code, "2201");
  EXPECT_EQ(place("长春市人民政府办公室").role, "department");
  EXPECT_EQ(place("吉林省人民政府办公厅").code, "22");
  EXPECT_EQ(place("吉林省人民政府办公厅").level, "province");
  EXPECT_EQ(place("吉林省人民政府办公厅").role, "department");
  EXPECT_EQ(place("吉林省人民政府").role, "government");
  EXPECT_EQ(place("上海市人民政府办公厅").code, "31");
  EXPECT_EQ(place("淮安市人民政府").code, "3208");
  EXPECT_EQ(place("淮安市人民政府").role, "government");
  EXPECT_EQ(place("南关区新春街道办").role, "government");
  // A government's township between two places: 南关区人民政府新春街道办事处.
  const Placed between = place("南关区人民政府新春街道办事处");
  EXPECT_EQ(between.code, "220102004");
  EXPECT_EQ(between.role, "government");
  // A vertically managed body sits where it works, as a department.
  const Placed tax = place("国家税务总局长春市税务局");
  EXPECT_EQ(tax.code, "2201");
  EXPECT_EQ(tax.role, "department");
}

TEST(Resolver, NamesWithAndWithoutAncestors) {
  for (const char* name : {"长春市南关区新春街道办事处", "南关区新春街道", "吉林省长春市南关区新春街道办事处",
                           "南关区新春街道办事处", "吉林省新春街道办事处", "长春市新春街道"}) {
    const Placed p = place(name);
    EXPECT_EQ(p.outcome, "placed") << name;
    EXPECT_EQ(p.code, "220102004") << name;
  }
  // 新春街道 alone: under 长春市南关区 and under 哈尔滨市南岗区. Never a guess.
  const Placed alone = place("新春街道办事处");
  EXPECT_EQ(alone.outcome, "ambiguous");
  EXPECT_EQ(alone.candidates, (std::vector<std::string>{"220102004", "230103019"}));
  EXPECT_EQ(place("新春街道").outcome, "ambiguous");
  // The ancestors the title or text names settle it …
  EXPECT_EQ(place("新春街道办事处", "2024年南关区新春街道政府信息公开工作年度报告").code, "220102004");
  EXPECT_EQ(place("新春街道办事处", "哈尔滨市新春街道2023年政府信息公开工作年度报告").code, "230103019");
  // … unless it names the ancestors of both.
  EXPECT_EQ(place("新春街道办事处", "南关区新春街道学习哈尔滨市经验").outcome, "ambiguous");
  // 朝阳区: Beijing's and Changchun's.
  EXPECT_EQ(place("朝阳区人民政府").outcome, "ambiguous");
  EXPECT_EQ(place("长春市朝阳区人民政府").code, "220104");
  EXPECT_EQ(place("北京市朝阳区人民政府").code, "110105");
  EXPECT_EQ(place("北京市朝阳区人民政府").names, (Names{"北京市", "朝阳区"}));
}

TEST(Resolver, ShortFormsRenamesAndAliases) {
  EXPECT_EQ(place("延边州人民政府").code, "2224");
  EXPECT_EQ(place("延边朝鲜族自治州人民政府").code, "2224");
  EXPECT_EQ(place("长白县人民政府").code, "220623");
  EXPECT_EQ(place("长白朝鲜族自治县人民政府").code, "220623");
  EXPECT_EQ(place("广西壮族自治区人民政府").code, "45");
  EXPECT_EQ(place("广西南宁市人民政府").code, "4501");
  // 县 → 市 → 区 renames that kept the stem.
  EXPECT_EQ(place("九台市人民政府").code, "220113");
  EXPECT_EQ(place("长春市九台区人民政府").code, "220113");
  EXPECT_TRUE(resolve({"九台市人民政府", "", ""}).former_name);
  // A move between cities (data/regions/aliases.tsv).
  EXPECT_EQ(place("四平市公主岭市人民政府").code, "220184");
  EXPECT_EQ(place("公主岭市人民政府").code, "220184");
}

TEST(Resolver, OddLevels) {
  EXPECT_EQ(place("东莞市人民政府").code, "4419");
  EXPECT_EQ(place("东莞市人民政府").level, "city");
  EXPECT_EQ(place("东莞市莞城街道办事处").code, "441900006");
  EXPECT_EQ(place("仙桃市人民政府").code, "429004");
  EXPECT_EQ(place("仙桃市人民政府").level, "county");
  EXPECT_EQ(place("湖北省仙桃市人民政府").code, "429004");
  EXPECT_EQ(place("重庆市城口县人民政府").names, (Names{"重庆市", "城口县"}));
  EXPECT_EQ(place("北京市人民政府").code, "11");
}

TEST(Resolver, ZonesAreStatisticalUnits) {
  const Placed z = place("长春经济技术开发区管理委员会");
  EXPECT_EQ(z.code, "220171");
  EXPECT_EQ(z.level, "county");
  EXPECT_EQ(z.role, "government");
  EXPECT_EQ(place("长春市经济技术开发区管委会").code, "220171");
  EXPECT_EQ(place("长春经济技术开发区财政局").role, "department");
  // A zone the statistics name 新华街道办事处 (152921404) is not what 新华街道办事处 means: that is
  // the 办事处 of a 新华街道, and 27 divisions bear that name (found by the generated province).
  EXPECT_EQ(place("新华街道办事处").outcome, "ambiguous");
  EXPECT_EQ(place("新华街道办事处").candidates.size(), 27u);
  // A district beats a township-level zone of the same name (东城区 under 许昌市 is a statistical unit).
  EXPECT_EQ(place("东城区人民政府").code, "110101");
}

TEST(Resolver, UnknownAndEmpty) {
  EXPECT_EQ(place("测试市").outcome, "unknown");
  EXPECT_EQ(place("。").outcome, "no_agency");  // punctuation only: no name
  EXPECT_EQ(place("").outcome, "no_agency");
  EXPECT_EQ(place("市场监督管理局").outcome, "unknown");
}

TEST(Resolver, TheSourcesCodeWins) {
  // Inside the code: the name narrows it.
  EXPECT_EQ(place("新春街道办事处", "", "220102").code, "220102004");
  EXPECT_EQ(place("新春街道办事处", "", "2301").code, "230103019");
  // No place in the name: the code alone, the words decide the role.
  const Placed edu = place("教育局", "", "220102");
  EXPECT_EQ(edu.code, "220102");
  EXPECT_EQ(edu.role, "department");
  // Against the name: the code wins, and the mismatch is reported.
  const Placement m = resolve({"南关区教育局", "", "230103"});
  EXPECT_EQ(nat()[m.division].code, "230103");
  EXPECT_EQ(nat()[m.code_mismatch].code, "220102");
  // A code the data does not know is set aside.
  const Placement u = resolve({"南关区教育局", "", "999999"});
  EXPECT_TRUE(u.code_unknown);
  EXPECT_EQ(nat()[u.division].code, "220102");
}

TEST(Resolver, OneIdentityAcrossYearsAndRenames) {
  auto id = [](std::string_view a) { return resolve({a, "", ""}).identity(a); };
  EXPECT_EQ(id("长春市南关区新春街道办事处"), "220102004/government");
  EXPECT_EQ(id("南关区新春街道"), "220102004/government");
  EXPECT_EQ(id("九台市教育局"), id("长春市九台区教育局"));
  EXPECT_EQ(id("九台市教育局"), "220113/department/教育局");
  EXPECT_EQ(id("南关区环境保护局"), id("南关区生态环境局"));
  EXPECT_EQ(id("南关区政府办公室"), id("南关区人民政府办公室"));
  EXPECT_NE(id("南关区人民政府办公室"), id("南关区人民政府"));
  EXPECT_EQ(id("测试市"), "name/测试市");
}

TEST(PlaceReport, RegionAndFindings) {
  Report r;
  r.report.agency = "新春街道办事处";
  r.report.title = "新春街道办事处2024年政府信息公开工作年度报告";
  place_report(r);
  EXPECT_FALSE(r.report.region);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].rule, "region.ambiguous");
  EXPECT_EQ(r.findings[0].severity, "info");
  EXPECT_EQ(r.findings[0].message_zh,
            "机构名称“新春街道办事处”可指2个地区：吉林省长春市南关区新春街道（220102004）、黑龙江省哈尔滨市南岗区新春街道"
            "（230103019）；标题和正文未点明其上级地区，不作推断");
  // The sources file's code settles it, and replaces the finding.
  place_report(r, PlaceHint{"220102", ""});
  ASSERT_TRUE(r.report.region);
  EXPECT_EQ(r.report.region->code, "220102004");
  EXPECT_EQ(r.report.region->names, (Names{"吉林省", "长春市", "南关区", "新春街道"}));
  EXPECT_TRUE(r.findings.empty());
  // The section text names its district.
  r.sections.emplace_back("overview", "本街道在南关区委、区政府的领导下……");
  place_report(r);
  ASSERT_TRUE(r.report.region);
  EXPECT_EQ(r.report.region->code, "220102004");
}

}  // namespace
}  // namespace xxgk::regions
