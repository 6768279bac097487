#include "publish/html_report.h"

#include "publish/report_tables.h"

#include "audit/reviews.h"

#include "model/categories.h"
#include "text/shown_name.h"
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
details>summary{cursor:pointer;color:#555}
nav ol{columns:2;font-size:.9em}
)css";

// Where a document stands among its revisions.
struct Revision {
  int number = 1;
  bool current = true;
};

void write_report(std::ostream& out, std::int64_t id, const Report& r, Revision rev, const std::string& lang) {
  out << "<section class=\"report " << html_escape(r.status) << (rev.current ? "" : " superseded") << "\" id=\"doc-" << id
      << "\" data-status=\"" << html_escape(r.status) << "\" data-path=\"" << html_escape(shown_name(r.source.path)) << "\">\n";
  out << "<h2><span class=\"badge " << html_escape(r.status) << "\">" << html_escape(status_label(r.status, lang)) << "</span>";
  if (!rev.current)
    out << "<span class=\"badge superseded\">" << (lang == "en" ? "superseded revision" : "已被新版本取代") << "</span>";
  out << html_escape(r.report.title.value_or(shown_name(r.source.path))) << "</h2>\n<dl class=\"meta\">";
  auto item = [&](std::string_view k, const std::string& v) { out << "<dt>" << k << "</dt><dd>" << html_escape(v) << "</dd>"; };
  std::string agency = r.report.agency.value_or("—");
  // Read from around the report (a page's meta, its <title>, the link that led to it): said so.
  if (r.report.agency_source)
    agency += fmt::format(fmt::runtime(lang == "en" ? " (from {})" : "（取自 {}）"), *r.report.agency_source);
  item("机关 agency", agency);
  item("年度 year", r.report.year ? std::to_string(*r.report.year) : "—");
  item("模板 template", r.report.template_version);
  item("版本 revision", fmt::format("{}{}", rev.number, rev.current ? "" : lang == "en" ? " (superseded)" : "（已被取代）"));
  item("文件 file", fmt::format("{} ({}, {} bytes, sha256 {})", shown_name(r.source.path), r.source.format, r.source.size,
                               r.source.sha256.substr(0, 12)));
  if (r.source.published) item("发布日期 published", *r.source.published);
  if (r.source.page_url) item("页面 page", *r.source.page_url);
  if (r.source.url && r.source.url != r.source.page_url) item("网址 URL", *r.source.url);
  if (r.source.fetched_at) item("下载时间 fetched", *r.source.fetched_at);
  out << "</dl>\n";
  if (r.error)
    out << "<p class=\"error\"><b>" << html_escape(r.error->code) << "</b>: " << html_escape(r.error->message) << "</p>\n";
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
      out << "<li value=\"" << numbers[k] << "\" class=\"" << html_escape(f.severity) << "\" data-rule=\"" << html_escape(f.rule)
          << "\"><span class=\"rule\">" << html_escape(f.rule) << "</span> " << html_escape(lang == "en" ? f.message_en : f.message_zh)
          << "</li>\n";
    }
    out << "</ol>\n";
  }
  // Open where there is something to look at: a verdict other than ok, or warnings (cross-year).
  const bool open = r.status != "ok" || std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) {
                      return f.severity == "error" || f.severity == "warning";
                    });
  out << "<details" << (open ? " open" : "") << "><summary>" << (lang == "en" ? "tables" : "三张统计表") << "</summary>\n";
  for (const auto& [table, heading] : kTableHeadings) write_report_table(out, r, table, heading, numbers, lang);
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
  // Written beside the target and renamed over it, so a reader never sees half a report; on any
  // failure the partial .tmp is removed and the error goes to the caller.
  const std::string tmp = path + ".tmp";
  struct RemoveUnlessRenamed {
    const std::string& tmp;
    bool renamed = false;
    ~RemoveUnlessRenamed() {
      std::error_code ec;
      if (!renamed) fs::remove(tmp, ec);
    }
  } cleanup{tmp};
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp);
    out << "<!DOCTYPE html>\n<html lang=\"" << (lang == "en" ? "en" : "zh-CN") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<title>xxgk 审计报告 audit report</title>\n<style>" << kStyle << kReportTableStyle << "</style>\n</head>\n<body>\n";
    out << "<h1>政府信息公开工作年度报告 · 审计报告 <small>xxgk audit report</small></h1>\n";
    out << "<p>" << (lang == "en" ? "database" : "数据库") << " " << html_escape(store.db().path()) << "</p>\n";
    out << "<table class=\"summary\"><tr><th></th><th>" << (lang == "en" ? "current reports" : "现行报告") << "</th><th>"
        << (lang == "en" ? "earlier revisions" : "旧版本") << "</th></tr>\n";
    auto count = [](const std::map<std::string, size_t>& m, std::string_view k) {
      auto it = m.find(std::string(k));
      return it == m.end() ? size_t{0} : it->second;
    };
    size_t superseded = 0;
    for (const auto& [k, n] : earlier_by_status) superseded += n;
    for (const auto& s : kStatusLabels)
      out << "<tr><th><span class=\"badge " << s.status << "\">" << html_escape(lang == "en" ? s.en : s.zh) << "</span></th><td id=\"count-"
          << s.status << "\">" << count(by_status, s.status) << "</td><td id=\"earlier-" << s.status << "\">"
          << count(earlier_by_status, s.status) << "</td></tr>\n";
    out << "<tr><th></th><td></td><td id=\"count-superseded\">" << superseded << "</td></tr>\n";
    out << "</table>\n";
    const FindingCounts findings = finding_counts(store);
    out << "<p class=\"open-findings\">" << (lang == "en" ? "open findings in the current reports" : "现行报告中未结的问题")
        << " <b id=\"open-findings\">" << findings.still_open() << "</b> ("
        << (lang == "en" ? "confirmed " : "已确认 confirmed ") << findings.confirmed << ", "
        << (lang == "en" ? "changed since reviewed " : "复核后数字有变 changed since reviewed ") << findings.changed << "); "
        << (lang == "en" ? "dismissed on review, not counted: " : "经复核排除、不计入 dismissed, not counted: ")
        << "<b id=\"dismissed-findings\">" << findings.dismissed << "</b></p>\n";
    out << "<nav><ol>\n";
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
          out << "<li><a href=\"#doc-" << id << "\"><span class=\"badge " << html_escape(s.text(0)) << "\">"
              << html_escape(status_label(s.text(0), lang)) << "</span>" << (s.int64(2) ? "" : lang == "en" ? "(superseded) " : "（旧版）")
              << html_escape(shown_name(s.text(1))) << "</a></li>\n";
        },
        true);
    out << "</ol></nav>\n";
    store.for_each_current([&](std::int64_t id) { write_report(out, id, store.load(id), revision_of(id), lang); }, true);
    out << "</body>\n</html>\n";
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp);
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot replace {}: {}", path, ec.message()));
  cleanup.renamed = true;
}

}  // namespace xxgk
