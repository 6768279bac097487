#include "publish/coverage.h"

#include "publish/csv_export.h"
#include "regions/data.h"
#include "regions/place.h"
#include "regions/resolver.h"
#include "text/shown_name.h"
#include "validate/cross_year.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

namespace xxgk {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string f; std::getline(in, f, '\t');) out.push_back(f);
  if (!line.empty() && line.back() == '\t') out.emplace_back();
  return out;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
  size_t b = 0;
  while (b < s.size() && s[b] == ' ') ++b;
  return s.substr(b);
}

// The deadline of `year`'s report for an agency of this role and level (data/regions/deadlines.tsv),
// as YYYY-MM-DD, or empty when the role is not known.
std::string deadline(const std::string& role, const std::string& level, int year) {
  static const auto rows = regions::tsv_rows(deadlines_tsv(), 3, "data/regions/deadlines.tsv");
  if (role.empty()) return {};
  for (const auto& row : rows) {
    if (row[0] != role) continue;
    bool fits = row[1] == "*";
    for (std::string_view rest = row[1]; !fits && !rest.empty();) {
      const size_t comma = rest.find(',');
      fits = rest.substr(0, comma) == level;
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    if (fits) return fmt::format("{}-{}", year + 1, row[2]);
  }
  return {};
}

struct StoredDocument {
  std::string status, path, published, region_code, role, level;
};

int rank(const std::string& status) {  // the best document decides: a report beats a partial one beats a failure
  return status == "ok" || status == "flagged" ? 2 : status == "partial" ? 1 : 0;
}

}  // namespace

Roster read_roster(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RosterError(fmt::format("{}: cannot be read", path));
  std::string line;
  size_t line_no = 0;
  int agency_col = -1, region_col = -1;
  Roster out;
  std::set<std::pair<std::string, std::string>> seen;
  auto problem = [&](const std::string& what) {
    out.problems.push_back({line_no, fmt::format("{}:{}: {}", path, line_no, what)});
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    if (shown_name(line, false) != line) {  // as the sources file reader: a line that is not UTF-8 is not guessed at
      if (agency_col < 0) throw RosterError(fmt::format("{}:{}: the header line is not UTF-8 text (save the file as UTF-8)", path, line_no));
      problem("the line is not UTF-8 text (save the file as UTF-8); skipped");
      continue;
    }
    const auto fields = split_tabs(line);
    if (agency_col < 0) {
      for (size_t i = 0; i < fields.size(); ++i) {
        const std::string f = trimmed(fields[i]);
        if (f == "agency") agency_col = static_cast<int>(i);
        if (f == "region") region_col = static_cast<int>(i);
      }
      if (agency_col < 0)
        throw RosterError(fmt::format("{}:{}: the header names no `agency` column (a roster is a TSV with a header "
                                      "line naming at least `agency`; `region` is optional)",
                                      path, line_no));
      continue;
    }
    RosterEntry e;
    e.line = line_no;
    if (static_cast<int>(fields.size()) > agency_col) e.agency = trimmed(fields[static_cast<size_t>(agency_col)]);
    if (region_col >= 0 && static_cast<int>(fields.size()) > region_col)
      e.region_code = trimmed(fields[static_cast<size_t>(region_col)]);
    if (e.agency.empty()) {
      problem("the line has no agency; skipped");
      continue;
    }
    if (seen.emplace(e.agency, e.region_code).second) out.entries.push_back(std::move(e));
  }
  if (agency_col < 0) throw RosterError(fmt::format("{}: empty (no header line)", path));
  return out;
}

Coverage coverage(Store& store, const std::vector<RosterEntry>& roster, int year) {
  std::multimap<std::string, StoredDocument> by_id, by_key;
  auto s = store.db().prepare(
      "SELECT r.agency_id, r.agency_key, r.status, d.path, d.published, r.region_code, r.region_role, g.level "
      "FROM documents d JOIN reports r ON r.document_id = d.id LEFT JOIN regions g ON g.code = r.region_code "
      "WHERE d.is_current = 1 AND r.year = ? ORDER BY d.path");
  s.bind(1, year);
  while (s.step()) {
    StoredDocument doc{s.text(2), s.text(3), s.opt_text(4).value_or(""), s.opt_text(5).value_or(""),
                       s.opt_text(6).value_or(""), s.opt_text(7).value_or("")};
    if (auto id = s.opt_text(0)) by_id.emplace(*id, doc);
    if (auto key = s.opt_text(1)) by_key.emplace(*key, doc);
  }

  const auto& divisions = regions::Divisions::national();
  Coverage c;
  c.year = year;
  std::set<std::string> listed;  // one row per agency, however many names the roster gives it
  for (const auto& e : roster) {
    CoverageRow row;
    row.agency = e.agency;
    row.year = year;
    const regions::Placement p = regions::resolve({e.agency, "", e.region_code});
    row.identity = p.identity(e.agency);
    if (!listed.insert(row.identity).second) continue;
    if (p.outcome == regions::Placement::Outcome::placed) {
      row.region_code = divisions[p.division].code;
      row.region_names = divisions.names(p.division);
      row.role = p.role;
      row.level = std::string(regions::level_name(divisions[p.division].level));
    }
    row.due = deadline(row.role, row.level, year);
    std::vector<StoredDocument> docs;
    for (auto [a, b] = by_id.equal_range(row.identity); a != b; ++a) docs.push_back(a->second);
    if (docs.empty() && row.identity.rfind("name/", 0) == 0)
      for (auto [a, b] = by_key.equal_range(agency_key(e.agency)); a != b; ++a) docs.push_back(a->second);

    if (docs.empty()) {
      row.state = "missing";
      row.detail = fmt::format("no document for {} in the store", year);
    } else {
      const auto best = *std::max_element(docs.begin(), docs.end(),
                                          [](const auto& x, const auto& y) { return rank(x.status) < rank(y.status); });
      std::vector<std::string> paths;
      for (const auto& d : docs) paths.push_back(d.path + " (" + d.status + ")");
      if (rank(best.status) == 0) {
        row.state = "failed";
        row.detail = fmt::format("only failed documents: {}", fmt::join(paths, ", "));
      } else if (rank(best.status) == 1) {
        row.state = "partial";
        row.detail = fmt::format("only partly read: {}", fmt::join(paths, ", "));
      } else {
        row.state = "ok";
        row.detail = best.path;
      }
      // The report's own placement knows its role best; the roster's otherwise.
      const std::string role = best.role.empty() ? row.role : best.role;
      const std::string level = best.level.empty() ? row.level : best.level;
      const std::string due = deadline(role, level, year);
      row.due = due;
      if (rank(best.status) > 0) {
        if (best.published.empty()) {
          ++c.dates_unknown;
        } else if (!due.empty() && best.published > due) {
          if (row.state == "ok") {
            row.state = "late";
            row.detail = fmt::format("published {}, due {}: {}", best.published, due, best.path);
          } else {
            row.detail += fmt::format("; also published late ({}, due {})", best.published, due);
          }
        }
      }
    }
    c.rows.push_back(std::move(row));
  }
  std::stable_sort(c.rows.begin(), c.rows.end(), [](const CoverageRow& a, const CoverageRow& b) {
    return std::make_tuple(a.region_code.empty(), a.region_code, a.agency) <
           std::make_tuple(b.region_code.empty(), b.region_code, b.agency);
  });
  return c;
}

std::string overdue_after(const CoverageRow& row) {
  if (!row.due.empty()) return row.due;
  static const auto rows = regions::tsv_rows(deadlines_tsv(), 3, "data/regions/deadlines.tsv");
  std::string latest;
  for (const auto& r : rows)
    if (r[2] > latest) latest = std::string(r[2]);  // MM-DD: compares as dates
  return fmt::format("{}-{}", row.year + 1, latest);
}

void print_coverage(std::ostream& out, const Coverage& c, const std::string& roster_path) {
  std::map<std::string, size_t> count;
  for (const auto& r : c.rows) ++count[r.state];
  out << fmt::format("xxgk coverage: {} reports of the {} agencies on {}: {} ok, {} missing, {} failed, {} partial, "
                     "{} late; publication date unknown for {}\n",
                     c.year, c.rows.size(), roster_path, count["ok"], count["missing"], count["failed"], count["partial"],
                     count["late"], c.dates_unknown);
  std::string group = "\x01";
  for (const auto& r : c.rows) {
    if (r.state == "ok") continue;
    // Grouped by the region the agency sits in (a department with its government's region).
    const std::string here = r.region_names.empty() ? "(not placed in a region)" : fmt::format("{}", fmt::join(r.region_names, " · "));
    if (here != group) {
      out << "\n" << here << (r.region_code.empty() ? "" : " (" + r.region_code + ")") << "\n";
      group = here;
    }
    out << fmt::format("  {:<8} {}  {}\n", r.state, r.agency, r.detail);
  }
}

void print_coverage_csv(std::ostream& out, const Coverage& c) {
  out << "\xEF\xBB\xBF" << "agency,region,year,state,region_names,detail\r\n";
  for (const auto& r : c.rows) {
    if (r.state == "ok") continue;
    out << csv_field(spreadsheet_safe(r.agency)) << ',' << r.region_code << ',' << r.year << ',' << r.state << ','
        << csv_field(fmt::format("{}", fmt::join(r.region_names, " · "))) << ',' << csv_field(spreadsheet_safe(r.detail))
        << "\r\n";
  }
}

}  // namespace xxgk
