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

// The roster file as a whole cannot be used (unreadable, empty, no `agency` column).
class RosterError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A line of the roster that was skipped, as the sources file reader reports its bad lines
// (fetch/sources.h): the others are read.
struct RosterProblem {
  size_t line = 0;
  std::string message;  // "roster.tsv:7: the line has no agency"
};

struct Roster {
  std::vector<RosterEntry> entries;
  std::vector<RosterProblem> problems;
};

// Reads a roster. A line repeating an earlier one's agency and region (a sources file lists one
// URL per line) is kept once; coverage() also counts once an agency the roster names twice in
// different words (南关区新春街道, 长春市南关区新春街道办事处). A line with no agency, or that is
// not UTF-8, is a problem naming the file and line, and skipped; the rest is read. Throws
// RosterError naming the file (and line) when the file as a whole cannot be used: it cannot be
// read, is empty, or its header has no `agency` column.
Roster read_roster(const std::string& path);

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
  std::string due;          // the report's legal deadline (YYYY-MM-DD) by role and level; "" when the role is not known
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

// The day after which this row's report is overdue: its deadline (row.due), or, for an agency
// whose role is not known, the latest deadline of any role in data/regions/deadlines.tsv (31 March
// of the next year): past it the report is overdue whatever the agency is.
std::string overdue_after(const CoverageRow& row);

// The agencies that are not ok, grouped by region, with a summary line first.
void print_coverage(std::ostream& out, const Coverage& c, const std::string& roster_path);
// CSV (UTF-8 with a byte-order mark, CRLF): agency, region, year, state, region_names, detail;
// the agencies that are not ok.
void print_coverage_csv(std::ostream& out, const Coverage& c);

}  // namespace xxgk
