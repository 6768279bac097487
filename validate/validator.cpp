#include "validate/validator.h"

#include "model/categories.h"
#include "validate/rules.h"

#include <algorithm>
#include <tuple>

namespace xxgk {

void sort_findings(std::vector<Finding>& findings) {
  auto rule_rank = [](const std::string& id) {
    const auto& rs = rules();
    for (size_t i = 0; i < rs.size(); ++i)
      if (rs[i].id == id) return static_cast<int>(i);
    return static_cast<int>(rs.size());
  };
  std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
    auto key = [&](const Finding& f) {
      const std::string t = f.table.value_or("");
      return std::make_tuple(rule_rank(f.rule), f.table ? table_rank(t) : -1,
                             f.row ? category_rank(t, "row", *f.row) : -1,
                             f.col ? category_rank(t, "col", *f.col) : -1);
    };
    return key(a) < key(b);
  });
}

void validate(Report& report) {
  for (const auto& rule : rules())
    if (rule.check) rule.check(report, report.findings);
  sort_findings(report.findings);
}

}  // namespace xxgk
