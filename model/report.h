// The report model: what the normalizer fills, the validator judges and the writers read.
// Field names follow ../contract/README.md (schema "xxgk.report/1").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace xxgk {

inline constexpr const char* kSchema = "xxgk.report/1";

// Where a figure sits in the extracted document, for evidence and for the audit report.
struct CellRef {
  int block = -1;  // index into Document::blocks
  int row = -1;
  int col = -1;
};

struct Figure {
  std::string table;  // proactive | requests | review_litigation
  std::string row;    // canonical id, or x_… when the label maps to no id
  std::string col;
  std::optional<double> value;  // null where blank or not a number; never 0 for a blank
  int decimals = 0;             // printed decimals: 0 = integer (written as a JSON integer)
  std::string raw;              // cell text as printed, trimmed
  std::optional<int> page;
  std::optional<double> confidence;  // OCR only
  CellRef cell;                      // not part of the contract record
};

struct CellAddress {
  std::string table, row, col;
  std::optional<int> page;
};

struct Finding {
  std::string rule;
  std::string severity;  // error | warning | info
  std::string status;    // fail | not_assessable
  std::optional<std::string> table, row, col;
  std::optional<double> expected;  // computed
  std::optional<double> actual;    // printed
  std::string message_zh;
  std::string message_en;
  std::vector<CellAddress> cells;  // the cells involved, with their pages
};

struct ErrorInfo {
  std::string code;
  std::string message;
};

struct SourceInfo {
  std::string path;
  std::string sha256;
  std::string format;
  std::optional<int> pages;
  std::uint64_t size = 0;  // bytes; not part of the record (the store keeps it)
  // Provenance (contract: optional, absent from the record when unknown). A fetched document's come
  // from fetch; a local page's `published` from the date the page shows.
  std::optional<std::string> url{};         // the URL the bytes came from, after redirects
  std::optional<std::string> page_url{};    // the article page that published it
  std::optional<std::string> published{};   // the date the portal shows for the article, YYYY-MM-DD
  std::optional<std::string> fetched_at{};  // when the bytes were downloaded, RFC 3339 UTC
};

// Where the agency sits in the national division hierarchy (contract: report.region).
struct Region {
  std::string code;                // 2, 4, 6 or 9 digits (220102004)
  std::string level;               // province | city | county | township
  std::vector<std::string> names;  // from province down: 吉林省, 长春市, 南关区, 新春街道
  std::string role;                // government | department
};

struct ReportMeta {
  std::optional<std::string> title;
  std::optional<std::string> agency;
  // Where the agency was read when the report's own title does not name it (absent when it does):
  // article_title, title_block, page_title, link_title, document_properties (normalize/page_metadata.h).
  std::optional<std::string> agency_source;
  std::optional<Region> region;  // null when it cannot be placed without guessing
  // The agency's identity across years and renames (regions/resolver.h Placement::identity):
  // "220102004/government", "220102/department/教育局", "name/测试市". Not part of the record; the
  // store keeps it (reports.agency_id) for the panel and coverage. Empty: no agency.
  std::string agency_id;
  std::optional<int> year;
  std::string template_version = "unknown";  // 2021 | 2019 | unknown
};

// The six parts, in the contract's key order.
inline constexpr const char* kSectionKeys[] = {"overview", "proactive", "requests",
                                               "review_litigation", "problems", "other"};

struct Report {
  SourceInfo source;
  ReportMeta report;
  std::string status = "ok";  // ok | flagged | partial | failed
  std::optional<ErrorInfo> error;
  std::vector<Figure> figures;
  std::vector<std::pair<std::string, std::string>> sections;  // key order of kSectionKeys
  // The paragraphs before part 一 (title excluded), one per line, as sections are written. Not part
  // of the record; the validator reads the figures it states (本报告…共收到申请N件).
  std::string intro;
  // Paragraphs numbered as a part (五、…) whose words are no part's known heading: the part index
  // the number names and the heading as printed. Not part of the record; structure.missing_section
  // quotes them when that part is missing.
  std::vector<std::pair<int, std::string>> unplaced_headings;
  std::vector<Finding> findings;

  const Figure* find(std::string_view table, std::string_view row, std::string_view col) const {
    // The column first: it tells most figures apart (most share the table, many the row), and a
    // string of another length is told apart without comparing bytes. The rules ask ~40,000 times a report.
    for (const auto& f : figures)
      if (f.col == col && f.row == row && f.table == table) return &f;
    return nullptr;
  }
  const std::string* section(std::string_view key) const {
    for (const auto& [k, v] : sections)
      if (k == key) return &v;
    return nullptr;
  }
};

}  // namespace xxgk
