#include "publish/csv_export.h"

#include "publish/datapackage.h"
#include "text/shown_name.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace xxgk {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The statements behind each file. Column names follow the contract's record (table, row, col …)
// so that a CSV reader and a JSON reader use the same words.
struct CsvFile {
  const char* name;
  const char* sql;
  const char* description;  // what one row is, for datapackage.json
};

constexpr CsvFile kFiles[] = {
    {"reports.csv",
     "SELECT d.id AS document_id, d.path, d.sha256, d.format, d.size, d.pages, r.title, r.agency, r.agency_source, "
     "r.region_code, g.level AS region_level, r.region_role, g.province, g.city, g.county, g.township, r.agency_id, "
     "r.year, r.template, r.status, d.error_code, d.error_message, d.revision, d.is_current, d.processed_at, "
     "d.published, d.url, d.page_url, d.fetched_at "
     "FROM documents d JOIN reports r ON r.document_id = d.id LEFT JOIN regions g ON g.code = r.region_code "
     "{where} ORDER BY d.path, d.id",
     "One row per document (current revisions unless exported with --all-revisions): the report's metadata, where "
     "its agency sits, its status and where the file came from"},
    {"figures.csv",
     "SELECT d.id AS document_id, d.path, r.agency, r.year, f.table_id AS \"table\", f.row_id AS row, f.col_id AS col, "
     "f.value, f.raw, f.page "
     "FROM figures f JOIN documents d ON d.id = f.document_id JOIN reports r ON r.document_id = d.id {where} "
     "ORDER BY d.path, d.id, f.seq",
     "One row per figure read (long format): the cell's canonical table, row and column, its value and its printed "
     "text; a blank is an empty value, never 0"},
    {"findings.csv",
     "SELECT d.id AS document_id, d.path, r.agency, r.year, g.rule, g.severity, g.status, g.table_id AS \"table\", "
     "g.row_id AS row, g.col_id AS col, g.expected, g.actual, g.message_zh, g.message_en, g.cells, g.finding_key "
     "FROM findings g JOIN documents d ON d.id = g.document_id JOIN reports r ON r.document_id = d.id {where} "
     "ORDER BY d.path, d.id, g.seq",
     "One row per rule that did not pass (or could not be assessed), with the cells it read and its key (what "
     "`xxgk review` records verdicts by)"},
    {"indicators.csv",
     "SELECT d.id AS document_id, d.path, r.agency, r.agency_id, r.year, i.indicator, i.value, i.numerator, "
     "i.denominator, i.null_reason, i.null_operands, i.failing_rules, i.marked "
     "FROM indicators i JOIN documents d ON d.id = i.document_id JOIN reports r ON r.document_id = d.id {where} "
     "ORDER BY d.path, d.id, i.seq",
     "One row per report and indicator of contract/indicators.tsv (docs/indicators.md): its value, numerator and "
     "denominator, why it is null, and the failing rules on the figures it is computed from"},
};

// A stored value as text: integers without a decimal point, reals as printed (shortest form that
// reads back the same), NULL as an empty field, text made spreadsheet-safe.
std::string value_text(sqlite3_stmt* s, int col) {
  switch (sqlite3_column_type(s, col)) {
    case SQLITE_NULL: return {};
    case SQLITE_INTEGER: return std::to_string(sqlite3_column_int64(s, col));
    case SQLITE_FLOAT: return fmt::format("{}", sqlite3_column_double(s, col));
    default: {
      const auto* p = sqlite3_column_text(s, col);
      if (!p) return {};
      std::string_view text(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s, col)));
      // A path is stored byte-exact (it need not be UTF-8, it may hold a newline): shown escaped.
      if (std::string_view(sqlite3_column_name(s, col)) == "path") return spreadsheet_safe(shown_name(text));
      return spreadsheet_safe(text);
    }
  }
}

}  // namespace

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string spreadsheet_safe(std::string_view s) {
  if (s.empty() || std::string_view("=+-@\t\r").find(s.front()) == std::string_view::npos) return std::string(s);
  if (s.find_first_not_of('-') == std::string_view::npos) return std::string(s);
  // A plain number: an optional sign, digits with at most one decimal point.
  const std::string_view body = s.front() == '-' || s.front() == '+' ? s.substr(1) : s;
  bool digit = false, point = false, plain = !body.empty();
  for (char c : body) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c == '.' && !point) point = true;
    else plain = false;
  }
  if (plain && digit) return std::string(s);
  std::string quoted;  // built by append: GCC 12 warns falsely (-Wrestrict) on "'" + std::string
  quoted.reserve(s.size() + 1);
  quoted += '\'';
  quoted += s;
  return quoted;
}

CsvExportCounts export_csv(Store& store, const std::string& dir, bool all_revisions) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  CsvExportCounts counts;
  std::vector<PackageResource> resources;
  for (const auto& file : kFiles) {
    const std::string sql = fmt::format(fmt::runtime(file.sql), fmt::arg("where", all_revisions ? "" : "WHERE d.is_current = 1"));
    auto stmt = store.db().prepare(sql);
    sqlite3_stmt* s = stmt.raw();  // column names and the stored types of values
    const fs::path target = fs::path(dir) / file.name;
    const fs::path tmp = fs::path(dir) / (std::string(file.name) + ".tmp");
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) throw std::runtime_error("cannot write " + tmp.string());
      out << kBom;
      const int n = sqlite3_column_count(s);
      PackageResource& res = resources.emplace_back();
      const std::string_view name(file.name);
      res.name = std::string(name.substr(0, name.size() - 4));
      res.path = file.name;
      res.description = file.description;
      for (int c = 0; c < n; ++c) {
        res.columns.emplace_back(sqlite3_column_name(s, c));
        out << (c ? "," : "") << csv_field(res.columns.back());
      }
      out << "\r\n";
      size_t rows = 0;
      int rc;
      while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (int c = 0; c < n; ++c) out << (c ? "," : "") << csv_field(value_text(s, c));
        out << "\r\n";
        ++rows;
      }
      if (rc != SQLITE_DONE) throw sql::StoreError(fmt::format("export of {}: {}", file.name, sqlite3_errmsg(store.db().handle())));
      if (!out.flush()) throw std::runtime_error("cannot write " + tmp.string());
      (std::string_view(file.name) == "reports.csv"    ? counts.reports
       : std::string_view(file.name) == "figures.csv"  ? counts.figures
       : std::string_view(file.name) == "findings.csv" ? counts.findings
                                                        : counts.indicators) = rows;
    }
    fs::rename(tmp, target);
  }
  write_datapackage(dir, resources);
  return counts;
}

}  // namespace xxgk
