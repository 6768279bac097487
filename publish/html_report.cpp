#include "publish/html_report.h"

#include "model/categories.h"
#include "validate/findings.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace xxgk {
namespace {

// The parts of the report each table belongs to, as the report prints their headings.
constexpr std::pair<std::string_view, std::string_view> kTableHeadings[] = {
    {"proactive", "二、主动公开政府信息情况"},
    {"requests", "三、收到和处理政府信息公开申请情况"},
    {"review_litigation", "四、政府信息公开行政复议、行政诉讼情况"},
};

struct StatusLabel {
  std::string_view status, zh, en;
};
constexpr StatusLabel kStatusLabels[] = {
    {"flagged", "数据不符", "flagged"},
    {"partial", "部分读出", "partial"},
    {"failed", "未能读取", "failed"},
    {"ok", "通过", "ok"},
};

std::string_view status_label(std::string_view status, const std::string& lang) {
  for (const auto& s : kStatusLabels)
    if (s.status == status) return lang == "en" ? s.en : s.zh;
  return status;
}

constexpr const char* kStyle = R"css(
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222;line-height:1.45}
h1{font-size:1.5em}h2{font-size:1.2em;margin:.2em 0}h3{font-size:1em;margin:1em 0 .4em}
.summary td,.summary th{padding:.1em .8em;text-align:left}
.badge{display:inline-block;padding:0 .5em;border-radius:.3em;font-size:.85em;margin-right:.4em;color:#fff}
.badge.superseded{background:#7b1fa2}.badge.flagged{background:#c62828}.badge.partial{background:#ef6c00}.badge.failed{background:#555}.badge.ok{background:#2e7d32}
section.report{border:1px solid #ccc;border-left:6px solid #2e7d32;padding:.6em 1em;margin:1.2em 0}
section.report.flagged{border-left-color:#c62828}section.report.partial{border-left-color:#ef6c00}
section.report.failed{border-left-color:#555}section.report.superseded{opacity:.85;border-style:dashed}
dl.meta{display:grid;grid-template-columns:max-content auto;gap:0 1em;margin:.4em 0;font-size:.9em}
dl.meta dt{color:#666}dl.meta dd{margin:0}
p.error{background:#fff3e0;border:1px solid #ef6c00;padding:.3em .6em}
.block{display:flex;gap:1.2em;align-items:flex-start;flex-wrap:wrap}
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
ol.findings{margin:0;padding-left:1.6em;max-width:40em;font-size:.9em}
ol.findings li{margin:.2em 0}
ol.findings li.error{color:#b71c1c}ol.findings li.warning{color:#8d4a00}ol.findings li.info{color:#0d47a1}
.rule{font-family:monospace;font-size:.9em;color:#555}
details>summary{cursor:pointer;color:#555}
nav ol{columns:2;font-size:.9em}
)css";

std::string esc(std::string_view s) {
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
    if (f.table == table && !find_category(table, axis, id) && std::find(ids.begin(), ids.end(), id) == ids.end())
      ids.push_back(id);
  }
  return ids;
}

bool touches(const CellAddress& c, std::string_view table, std::string_view row, std::string_view col) {
  return c.table == table && (c.row.empty() || c.row == row) && (c.col.empty() || c.col == col);
}

// The cells a finding points at: its `cells`, or the line it names when it lists none.
std::vector<CellAddress> finding_cells(const Finding& f) {
  if (!f.cells.empty() || !f.table) return f.cells;
  return {CellAddress{*f.table, f.row.value_or(""), f.col.value_or(""), std::nullopt}};
}

void write_table(std::ostream& out, const Report& r, std::string_view table, std::string_view heading,
                 const std::vector<int>& numbers, const std::string& lang) {
  const auto rows = axis_ids(r, table, "row");
  const auto cols = axis_ids(r, table, "col");
  std::vector<size_t> here;  // findings shown beside this table
  for (size_t k = 0; k < r.findings.size(); ++k) {
    const auto cells = finding_cells(r.findings[k]);
    if (std::any_of(cells.begin(), cells.end(), [&](const CellAddress& c) { return c.table == table; })) here.push_back(k);
  }
  const bool has_figures = std::any_of(r.figures.begin(), r.figures.end(), [&](const Figure& f) { return f.table == table; });
  out << "<h3>" << esc(heading) << "</h3>\n";
  if (!has_figures) {
    out << "<p class=\"absent-table\">" << (lang == "en" ? "table not read" : "未读出此表") << "</p>\n";
    if (here.empty()) return;
  }
  out << "<div class=\"block\" data-table=\"" << table << "\">\n";
  if (has_figures) {
    out << "<table class=\"grid\"><thead><tr><th></th>";
    for (const auto& c : cols) out << "<th data-col=\"" << esc(c) << "\">" << esc(label_zh(table, "col", c)) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
      out << "<tr data-row=\"" << esc(row) << "\"><th>" << esc(label_zh(table, "row", row)) << "</th>";
      for (const auto& col : cols) {
        const Figure* f = r.find(table, row, col);
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
        out << "<td data-col=\"" << esc(col) << "\"";
        if (!cls.empty()) out << " class=\"" << cls << "\"";
        if (!hits.empty()) out << " data-findings=\"" << fmt::format("{}", fmt::join(hits, " ")) << "\"";
        out << ">" << (f ? esc(f->raw) : "");
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
      out << "<li value=\"" << numbers[k] << "\" class=\"" << esc(f.severity) << "\" data-rule=\"" << esc(f.rule) << "\">"
          << "<span class=\"rule\">" << esc(f.rule) << (f.status == "not_assessable" ? " · not assessable" : "") << "</span> "
          << esc(lang == "en" ? f.message_en : f.message_zh) << "</li>\n";
    }
    out << "</ol>\n";
  }
  out << "</div>\n";
}

// Where a document stands among its revisions.
struct Revision {
  int number = 1;
  bool current = true;
};

void write_report(std::ostream& out, std::int64_t id, const Report& r, Revision rev, const std::string& lang) {
  out << "<section class=\"report " << esc(r.status) << (rev.current ? "" : " superseded") << "\" id=\"doc-" << id
      << "\" data-status=\"" << esc(r.status) << "\" data-path=\"" << esc(r.source.path) << "\">\n";
  out << "<h2><span class=\"badge " << esc(r.status) << "\">" << esc(status_label(r.status, lang)) << "</span>";
  if (!rev.current)
    out << "<span class=\"badge superseded\">" << (lang == "en" ? "superseded revision" : "已被新版本取代") << "</span>";
  out << esc(r.report.title.value_or(r.source.path)) << "</h2>\n<dl class=\"meta\">";
  auto item = [&](std::string_view k, const std::string& v) { out << "<dt>" << k << "</dt><dd>" << esc(v) << "</dd>"; };
  std::string agency = r.report.agency.value_or("—");
  // Read from around the report (a page's meta, its <title>, the link that led to it): said so.
  if (r.report.agency_source)
    agency += fmt::format(fmt::runtime(lang == "en" ? " (from {})" : "（取自 {}）"), *r.report.agency_source);
  item("机关 agency", agency);
  item("年度 year", r.report.year ? std::to_string(*r.report.year) : "—");
  item("模板 template", r.report.template_version);
  item("版本 revision", fmt::format("{}{}", rev.number, rev.current ? "" : lang == "en" ? " (superseded)" : "（已被取代）"));
  item("文件 file", fmt::format("{} ({}, {} bytes, sha256 {})", r.source.path, r.source.format, r.source.size,
                               r.source.sha256.substr(0, 12)));
  if (r.source.published) item("发布日期 published", *r.source.published);
  if (r.source.page_url) item("页面 page", *r.source.page_url);
  if (r.source.url && r.source.url != r.source.page_url) item("网址 URL", *r.source.url);
  if (r.source.fetched_at) item("下载时间 fetched", *r.source.fetched_at);
  out << "</dl>\n";
  if (r.error)
    out << "<p class=\"error\"><b>" << esc(r.error->code) << "</b>: " << esc(r.error->message) << "</p>\n";
  if (r.status == "failed") {
    out << "</section>\n";
    return;
  }
  // Findings are numbered once per report; the cells they read carry the numbers.
  std::vector<int> numbers(r.findings.size());
  for (size_t k = 0; k < numbers.size(); ++k) numbers[k] = static_cast<int>(k + 1);
  std::vector<size_t> report_level;
  for (size_t k = 0; k < r.findings.size(); ++k) {
    const auto cells = finding_cells(r.findings[k]);
    if (cells.empty()) report_level.push_back(k);
  }
  if (!report_level.empty()) {
    out << "<ol class=\"findings report-level\">\n";
    for (size_t k : report_level) {
      const Finding& f = r.findings[k];
      out << "<li value=\"" << numbers[k] << "\" class=\"" << esc(f.severity) << "\" data-rule=\"" << esc(f.rule)
          << "\"><span class=\"rule\">" << esc(f.rule) << "</span> " << esc(lang == "en" ? f.message_en : f.message_zh)
          << "</li>\n";
    }
    out << "</ol>\n";
  }
  // Open where there is something to look at: a verdict other than ok, or warnings (cross-year).
  const bool open = r.status != "ok" || std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) {
                      return f.severity == "error" || f.severity == "warning";
                    });
  out << "<details" << (open ? " open" : "") << "><summary>" << (lang == "en" ? "tables" : "三张统计表") << "</summary>\n";
  for (const auto& [table, heading] : kTableHeadings) write_table(out, r, table, heading, numbers, lang);
  out << "</details>\n</section>\n";
}

}  // namespace

void write_html_report(Store& store, const std::string& path, const std::string& lang) {
  namespace fs = std::filesystem;
  std::map<std::string, size_t> by_status, earlier_by_status;  // current reports; earlier revisions
  {
    auto s = store.db().prepare(
        "SELECT r.status, d.is_current, count(*) FROM documents d JOIN reports r ON r.document_id = d.id "
        "GROUP BY r.status, d.is_current");
    while (s.step()) (s.int64(1) ? by_status : earlier_by_status)[s.text(0)] = static_cast<size_t>(s.int64(2));
  }
  // Written beside the target and renamed over it, so a reader never sees half a report.
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp);
    out << "<!DOCTYPE html>\n<html lang=\"" << (lang == "en" ? "en" : "zh-CN") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<title>xxgk 审计报告 audit report</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
    out << "<h1>政府信息公开工作年度报告 · 审计报告 <small>xxgk audit report</small></h1>\n";
    out << "<p>" << (lang == "en" ? "database" : "数据库") << " " << esc(store.db().path()) << "</p>\n";
    out << "<table class=\"summary\"><tr><th></th><th>" << (lang == "en" ? "current reports" : "现行报告") << "</th><th>"
        << (lang == "en" ? "earlier revisions" : "旧版本") << "</th></tr>\n";
    auto count = [](const std::map<std::string, size_t>& m, std::string_view k) {
      auto it = m.find(std::string(k));
      return it == m.end() ? size_t{0} : it->second;
    };
    size_t superseded = 0;
    for (const auto& [k, n] : earlier_by_status) superseded += n;
    for (const auto& s : kStatusLabels)
      out << "<tr><th><span class=\"badge " << s.status << "\">" << esc(lang == "en" ? s.en : s.zh) << "</span></th><td id=\"count-"
          << s.status << "\">" << count(by_status, s.status) << "</td><td id=\"earlier-" << s.status << "\">"
          << count(earlier_by_status, s.status) << "</td></tr>\n";
    out << "<tr><th></th><td></td><td id=\"count-superseded\">" << superseded << "</td></tr>\n";
    out << "</table>\n<nav><ol>\n";
    // Earlier revisions are listed too (after the current reports of the same status): the same
    // agency and year printed differently is worth seeing, and each flagged document is shown.
    auto revision_of = [&](std::int64_t id) {
      auto s = store.db().prepare("SELECT revision, is_current FROM documents WHERE id = ?");
      s.bind(1, id);
      s.step();
      return Revision{static_cast<int>(s.int64(0)), s.int64(1) == 1};
    };
    store.for_each_current(
        [&](std::int64_t id) {
          auto s = store.db().prepare(
              "SELECT r.status, coalesce(r.title, d.path), d.is_current FROM documents d JOIN reports r ON r.document_id = d.id "
              "WHERE d.id = ?");
          s.bind(1, id);
          if (!s.step()) return;
          out << "<li><a href=\"#doc-" << id << "\"><span class=\"badge " << esc(s.text(0)) << "\">"
              << esc(status_label(s.text(0), lang)) << "</span>" << (s.int64(2) ? "" : lang == "en" ? "(superseded) " : "（旧版）")
              << esc(s.text(1)) << "</a></li>\n";
        },
        true);
    out << "</ol></nav>\n";
    store.for_each_current([&](std::int64_t id) { write_report(out, id, store.load(id), revision_of(id), lang); }, true);
    out << "</body>\n</html>\n";
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp);
  }
  fs::rename(tmp, path);
}

}  // namespace xxgk
