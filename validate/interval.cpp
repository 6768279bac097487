#include "validate/interval.h"

#include "validate/findings.h"

#include <algorithm>
#include <cmath>

namespace xxgk {

Interval printed_interval(double value, int decimals, bool amount) {
  if (!amount) return {value, value};
  const double half = 0.5 * std::pow(10.0, -std::max(decimals, 0));
  return {value - half, value + half};
}

Interval printed_interval(const Figure& f) {
  return printed_interval(f.value.value_or(0), f.decimals, is_amount(f.table, f.col));
}

bool agree(Interval a, Interval b) {
  // Binary doubles cannot hold 0.1 exactly: allow a relative error far below any printed decimal.
  const double scale = std::max({1.0, std::fabs(a.lo), std::fabs(a.hi), std::fabs(b.lo), std::fabs(b.hi)});
  const double eps = 1e-9 * scale;
  return a.lo <= b.hi + eps && b.lo <= a.hi + eps;
}

}  // namespace xxgk
