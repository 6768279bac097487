// A generated province for the site benchmark and the site's browser tests: a tree of cities,
// counties and townships, each with its government and departments, and for every agency a
// report per year whose tables hold together (or, for a planted share, do not). Nothing here is
// extracted: records are made in memory, judged by the real validator and stored through the
// real Store, so the store is what `xxgk audit` would have left.
#pragma once

#include "model/report.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace xxgk::bench {

// Where an agency sits, in the shape of the contract's report.region.
struct GeneratedRegion {
  std::string code;                // 2, 4, 6 or 9 digits
  std::string level;               // province | city | county | township
  std::vector<std::string> names;  // from the province down
  std::string role;                // government | department
};

struct GeneratedAgency {
  std::string name;  // as a report prints it: 江淮省青山市教育局, 青山市白河县人民政府
  GeneratedRegion region;
  double size = 1;  // how many requests it gets, relative to a typical agency
};

struct ProvinceShape {
  int agencies = 100;  // at least this many (the last county is completed)
  int counties_per_city = 12;
  int townships_per_county = 20;
  int departments_per_level = 36;  // of the province, each city and each county
};

// The province's agencies, in tree order (province, then each city and its counties); the same
// shape always gives the same names.
std::vector<GeneratedAgency> make_province(const ProvinceShape& shape);

// What a generated report should turn out as.
enum class Planted { ok, flagged, partial, failed, blanks };

struct YearState {  // what an agency's report of year Y-1 leaves for year Y (cross-year rules)
  std::vector<double> carried_forward;  // per requests column
  double in_force_regulations = 0, in_force_normative = 0;
};

// One agency's report for `year`: figures of the template of that year (2019 before 2021),
// six sections, validated (report.findings and status as the validator leaves them). `state`
// carries the agency's last year into this one and is updated. `revision` > 1 makes different
// bytes for the same report (another path and sha256) with the planted fault repaired.
Report make_report(const GeneratedAgency& agency, int year, Planted planted, YearState& state, std::mt19937_64& rng,
                   int revision = 1);

// The planted outcome of report number `k` by the benchmark's shares: 7% flagged, 3% partial,
// 1.5% failed, 2% with blank cells, the rest ok.
Planted planted_for(std::mt19937_64& rng);

}  // namespace xxgk::bench
