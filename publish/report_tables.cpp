#include "publish/report_tables.h"

#include "model/categories.h"
#include "validate/findings.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>
#include <unordered_map>

namespace xxgk {

const char* const kReportTableStyle = R"css(
table.grid{border-collapse:collapse;font-size:.85em}
table.grid th,table.grid td{border:1px solid #bbb;padding:.15em .4em}
table.grid thead th{background:#f0f0f0;font-weight:normal}
table.grid tbody th{text-align:left;font-weight:normal;background:#fafafa;max-width:26em}
table.grid td{text-align:right;min-width:2.5em}
td.na{background:#eee}td.absent{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f3f3f3 4px,#f3f3f3 8px)}
td.blank{background:#fffde7}
td.hit{outline:3px solid #1565c0;outline-offset:-3px;font-weight:bold}
td.hit.error{background:#ffcdd2;outline-color:#c62828}td.hit.warning{background:#ffe0b2;outline-color:#ef6c00}
td.hit.info{background:#e3f2fd}
td.hit sup{color:#c62828;font-weight:normal;margin-left:.15em}
.block{display:flex;gap:1.2em;align-items:flex-start;flex-wrap:wrap}
ol.findings{margin:0;padding-left:1.6em;max-width:40em;font-size:.9em}
ol.findings li{margin:.2em 0}
ol.findings li.error{color:#b71c1c}ol.findings li.warning{color:#8d4a00}ol.findings li.info{color:#0d47a1}
.rule{font-family:monospace;font-size:.9em;color:#555}
)css";

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

int severity_rank(const std::string& s) { return s == "error" ? 3 : s == "warning" ? 2 : s == "info" ? 1 : 0; }

// Row or column ids to draw for one table: the contract's ids for the report's template (both
// templates when it is unknown), plus any id the report printed that the template lacks (x_ ids
// and mixed-template rows), in contract order with x_ ids last.
std::vector<std::string> axis_ids(const Report& r, std::string_view table, std::string_view axis) {
  const unsigned bit = r.report.template_version == "2021" ? kT2021 : r.report.template_version == "2019" ? kT2019 : kT2019 | kT2021;
  std::set<std::string> printed;
  for (const auto& f : r.figures)
    if (f.table == table) printed.insert(axis == "row" ? f.row : f.col);
  std::vector<std::string> ids;
  for (auto id : category_ids(table, axis)) {
    const CategoryDef* d = find_category(table, axis, id);
    if ((d && (d->templates & bit)) || printed.count(std::string(id))) ids.emplace_back(id);
  }
  for (const auto& f : r.figures) {
    const std::string& id = axis == "row" ? f.row : f.col;
    if (f.table == table && std::find(ids.begin(), ids.end(), id) == ids.end() && !find_category(table, axis, id))
      ids.push_back(id);
  }
  return ids;
}

bool touches(const CellAddress& c, std::string_view table, std::string_view row, std::string_view col) {
  return c.table == table && (c.row.empty() || c.row == row) && (c.col.empty() || c.col == col);
}

}  // namespace

std::vector<CellAddress> finding_cells(const Finding& f) {
  if (!f.cells.empty() || !f.table) return f.cells;
  return {CellAddress{*f.table, f.row.value_or(""), f.col.value_or(""), std::nullopt}};
}

void write_report_table(std::ostream& out, const Report& r, std::string_view table, std::string_view heading,
                        const std::vector<int>& numbers, const std::string& lang, const FindingExtras* extras) {
  const auto rows = axis_ids(r, table, "row");
  const auto cols = axis_ids(r, table, "col");
  std::vector<size_t> here;  // findings shown beside this table
  for (size_t k = 0; k < r.findings.size(); ++k) {
    const auto cells = finding_cells(r.findings[k]);
    if (std::any_of(cells.begin(), cells.end(), [&](const CellAddress& c) { return c.table == table; })) here.push_back(k);
  }
  // The table's figures by row and column: a report has some 250, looked up once per cell.
  std::unordered_map<std::string, const Figure*> at;
  for (const auto& f : r.figures)
    if (f.table == table) at.emplace(f.row + '\x1f' + f.col, &f);
  const bool has_figures = !at.empty();
  out << "<h3>" << html_escape(heading) << "</h3>\n";
  if (!has_figures) {
    out << "<p class=\"absent-table\">" << (lang == "en" ? "table not read" : "未读出此表") << "</p>\n";
    if (here.empty()) return;
  }
  out << "<div class=\"block\" data-table=\"" << table << "\">\n";
  if (has_figures) {
    out << "<table class=\"grid\"><thead><tr><th></th>";
    for (const auto& c : cols) out << "<th data-col=\"" << html_escape(c) << "\">" << html_escape(label_zh(table, "col", c)) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
      out << "<tr data-row=\"" << html_escape(row) << "\"><th>" << html_escape(label_zh(table, "row", row)) << "</th>";
      for (const auto& col : cols) {
        const auto found = at.find(row + '\x1f' + col);
        const Figure* f = found == at.end() ? nullptr : found->second;
        std::vector<int> hits;
        std::string worst;
        for (size_t k : here)
          for (const auto& c : finding_cells(r.findings[k]))
            if (touches(c, table, row, col)) {
              hits.push_back(numbers[k]);
              if (severity_rank(r.findings[k].severity) > severity_rank(worst)) worst = r.findings[k].severity;
              break;
            }
        std::string cls = !f ? (column_applies(table, row, col) ? "absent" : "na") : f->raw.empty() ? "blank" : "";
        if (!hits.empty()) {  // appended piecewise: GCC 12 -O3 warns (-Wrestrict) on the one-expression form
          if (!cls.empty()) cls += ' ';
          cls += "hit ";
          cls += worst;
        }
        out << "<td data-col=\"" << html_escape(col) << "\"";
        if (!cls.empty()) out << " class=\"" << cls << "\"";
        if (!hits.empty()) out << " data-findings=\"" << fmt::format("{}", fmt::join(hits, " ")) << "\"";
        out << ">" << (f ? html_escape(f->raw) : "");
        for (int n : hits) out << "<sup>" << n << "</sup>";
        out << "</td>";
      }
      out << "</tr>\n";
    }
    out << "</tbody></table>\n";
  }
  if (!here.empty()) {
    out << "<ol class=\"findings\">\n";
    for (size_t k : here) {
      const Finding& f = r.findings[k];
      auto extra = [&](const std::vector<std::string>& v) { return extras && k < v.size() ? v[k] : std::string(); };
      out << "<li value=\"" << numbers[k] << "\" class=\"" << html_escape(f.severity) << "\" data-rule=\"" << html_escape(f.rule) << "\""
          << (extras ? extra(extras->attributes) : std::string()) << ">"
          << "<span class=\"rule\">" << html_escape(f.rule) << (f.status == "not_assessable" ? " · not assessable" : "") << "</span> "
          << html_escape(lang == "en" ? f.message_en : f.message_zh) << (extras ? extra(extras->after) : std::string()) << "</li>\n";
    }
    out << "</ol>\n";
  }
  out << "</div>\n";
}

}  // namespace xxgk
