// `xxgk coverage`: who on a roster has not published a year's report, or only a failed or partial
// one, or published it after the legal deadline (data/regions/deadlines.tsv), by region. A reader
// of the store: it never writes to it.
#pragma once

#include "audit/store.h"

#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace xxgk {

// One agency on a roster: a sources file (agency, region, kind, url, …) or any TSV with a header
// that names at least an `agency` column (`region`, a division code, optional).
struct RosterEntry {
  std::string agency;
  std::string region_code;
  size_t line = 0;  // 1-based line in the roster file
};

class RosterError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a roster. A line repeating an earlier one's agency and region (a sources file lists one
// URL per line) is kept once; coverage() also counts once an agency the roster names twice in
// different words (南关区新春街道, 长春市南关区新春街道办事处). Throws RosterError naming the file (and line) when the file cannot be read, has no
// `agency` column, or a line has no agency.
std::vector<RosterEntry> read_roster(const std::string& path);

struct CoverageRow {
  std::string agency;       // as on the roster
  std::string identity;     // reports.agency_id it is matched by
  std::string region_code;  // where it sits (empty: not placed)
  std::vector<std::string> region_names;
  std::string role;         // government | department | "" (not placed)
  std::string level;        // province | city | county | township | ""
  int year = 0;
  std::string state;        // ok | missing | failed | partial | late
  std::string detail;       // plain words: the documents, the dates
};

struct Coverage {
  int year = 0;
  std::vector<CoverageRow> rows;  // every roster agency, by region code (unplaced last), then agency
  size_t dates_unknown = 0;       // agencies with a report whose publication date is not known
};

// Matches each roster agency to the store's current documents of `year`: by identity
// (reports.agency_id: its division and department, so renamed agencies and names printed with or
// without their ancestors match), or, for an agency that cannot be placed, by its name
// (reports.agency_key).
Coverage coverage(Store& store, const std::vector<RosterEntry>& roster, int year);

// The agencies that are not ok, grouped by region, with a summary line first.
void print_coverage(std::ostream& out, const Coverage& c, const std::string& roster_path);
// CSV (UTF-8 with a byte-order mark, CRLF): agency, region, year, state, region_names, detail;
// the agencies that are not ok.
void print_coverage_csv(std::ostream& out, const Coverage& c);

}  // namespace xxgk
