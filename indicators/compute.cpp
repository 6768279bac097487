#include "indicators/compute.h"

#include <algorithm>

namespace xxgk {
namespace {

// Why a figure cannot be used, or nothing when it can.
std::optional<std::string> unusable(const Figure* f) {
  if (!f) return "unread";
  if (f->value) return std::nullopt;
  if (!f->raw.empty()) return "not_applicable";
  if (f->confidence && *f->confidence == 0) return "unread";  // OCR found print it could not read
  return "blank";
}

// The signed sum of an expression's operands; null when any operand cannot be used (recorded in
// `why`, the first one's reason first).
std::optional<double> evaluate(const Report& r, const Expression& e, IndicatorValue& why) {
  double sum = 0;
  bool ok = true;
  for (const auto& o : e.operands) {
    const Figure* f = r.find(o.figure.table, o.figure.row, o.figure.col);
    if (auto reason = unusable(f)) {
      ok = false;
      if (!why.null_reason) why.null_reason = *reason;
      const std::string id = o.figure.id();
      if (std::find(why.null_operands.begin(), why.null_operands.end(), id) == why.null_operands.end())
        why.null_operands.push_back(id);
      continue;
    }
    sum += o.sign * *f->value;
  }
  if (!ok) return std::nullopt;
  return sum;
}

}  // namespace

bool marks_indicators(const Finding& f) { return f.status == "fail" && f.severity != "info"; }

std::vector<std::string> failing_rules_on(const IndicatorDef& def, const std::vector<Finding>& findings,
                                          const Report& r) {
  std::vector<std::string> rules;
  for (const auto& f : findings) {
    if (!marks_indicators(f) || std::find(rules.begin(), rules.end(), f.rule) != rules.end()) continue;
    for (const auto& c : f.cells)
      if (def.reads(c.table, c.row, c.col) && !unusable(r.find(c.table, c.row, c.col))) {
        rules.push_back(f.rule);
        break;
      }
  }
  return rules;
}

std::vector<IndicatorValue> compute_indicators(const Report& r) {
  std::vector<IndicatorValue> out;
  if (r.status == "failed") return out;
  for (const auto& def : indicator_defs()) {
    IndicatorValue v;
    v.def = &def;
    v.numerator = evaluate(r, def.numerator, v);
    if (def.denominator) v.denominator = evaluate(r, *def.denominator, v);
    if (!def.is_rate()) {
      v.value = v.numerator;
    } else if (v.numerator && v.denominator) {
      if (*v.denominator == 0) v.null_reason = "zero_denominator";
      else v.value = 100 * *v.numerator / *v.denominator;
    }
    v.failing_rules = failing_rules_on(def, r.findings, r);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace xxgk
