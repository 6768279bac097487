// The rules table (validate/rules.cpp) against the contract's contract/rules.tsv.
#include "validate/rules.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace xxgk {
namespace {

struct TsvRule {
  std::string id, severity, scope, formula, note;
};

std::vector<TsvRule> contract_rules() {
  std::ifstream in(std::string(XXGK_SOURCE_DIR) + "/contract/rules.tsv");
  std::vector<TsvRule> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '\t');) f.push_back(x);
    f.resize(5);
    out.push_back({f[0], f[1], f[2], f[3], f[4]});
  }
  return out;
}

TEST(RulesTable, EveryContractRuleWithItsSeverityScopeAndFormula) {
  const auto tsv = contract_rules();
  ASSERT_EQ(tsv.size(), 13u);
  for (const auto& c : tsv) {
    const RuleDef* r = find_rule(c.id);
    ASSERT_NE(r, nullptr) << c.id << " is in contract/rules.tsv but not in the rules table";
    EXPECT_EQ(r->severity, c.severity) << c.id;
    EXPECT_EQ(r->scope, c.scope) << c.id;
    EXPECT_EQ(r->formula, c.formula) << c.id;
    EXPECT_EQ(r->note, c.note) << c.id;
    EXPECT_TRUE(r->contract) << c.id;
  }
}

TEST(RulesTable, OnlyTheDocumentedAdditions) {
  const auto tsv = contract_rules();
  std::vector<std::string_view> added;
  for (const auto& r : rules()) {
    bool in_contract = false;
    for (const auto& c : tsv) in_contract = in_contract || c.id == r.id;
    EXPECT_EQ(in_contract, r.contract) << r.id;
    if (!in_contract) added.push_back(r.id);
  }
  EXPECT_EQ(added, (std::vector<std::string_view>{"structure.fuzzy_label", "ocr.low_confidence", "ocr.implied_value",
                                                  "source.invalid_bytes", "region.unknown", "region.ambiguous",
                                                  "region.source_mismatch"}));
}

TEST(RulesTable, SingleReportRulesHaveAChecker) {
  // Rules without a checker are judged elsewhere: across reports, by the table reader, or from what
  // the extractor said (source.*, pipeline/process.cpp).
  for (const auto& r : rules()) {
    const bool elsewhere = r.id.starts_with("cross_year.") || r.id == "structure.unmapped_label" ||
                           r.id == "structure.fuzzy_label" || r.id.starts_with("region.") ||
                           r.id.starts_with("source.");
    EXPECT_EQ(r.check == nullptr, elsewhere) << r.id;
  }
}

TEST(RulesTable, NotAssessableIsAWarning) { EXPECT_EQ(kNotAssessableSeverity, "warning"); }

}  // namespace
}  // namespace xxgk
