// Comparing printed figures the way XBRL calculation checks do (XBRL Calculations 1.1, "round to
// nearest" interval semantics): an amount printed with d decimals stands for every value that
// rounds to it, [v − ½·10^−d, v + ½·10^−d]; a sum of printed amounts is the sum of their intervals;
// two sides agree when their intervals overlap. So rounding alone never fails a check. Counts are
// whole things and compare exactly (a zero-width interval).
#pragma once

#include "model/report.h"

namespace xxgk {

struct Interval {
  double lo = 0;
  double hi = 0;
  double mid() const { return (lo + hi) / 2; }
};

inline Interval operator+(Interval a, Interval b) { return {a.lo + b.lo, a.hi + b.hi}; }
inline Interval operator-(Interval a, Interval b) { return {a.lo - b.hi, a.hi - b.lo}; }

// The interval a printed value stands for: exact for a count, ±half a unit of its last printed
// decimal for an amount (`decimals` 0 = printed as a whole number of 万元).
Interval printed_interval(double value, int decimals, bool amount);

// The interval of a figure that has a value (amount or count decided by its table and column).
Interval printed_interval(const Figure& f);

// True when the two intervals share a value (allowing for binary floating-point error only).
bool agree(Interval a, Interval b);

}  // namespace xxgk
