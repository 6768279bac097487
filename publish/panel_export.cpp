#include "publish/panel_export.h"

#include "indicators/definitions.h"
#include "model/categories.h"
#include "publish/csv_export.h"
#include "publish/datapackage.h"
#include "text/shown_name.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace xxgk {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The columns before the figures, in order; each is described in publish/datapackage.cpp.
constexpr std::string_view kHead[] = {
    "agency_id", "agency", "year", "region_code", "region_level", "region_role", "province", "city", "county",
    "township", "status", "template", "documents", "document_id", "path", "url", "published",
    "findings_error", "findings_warning", "findings_info", "findings_not_assessable",
    "findings_open", "findings_confirmed", "findings_dismissed", "findings_changed", "indicators_marked"};

// One current document per agency and year: the store's candidates in the order of preference
// (read in full first, then the most figures read, then by path), so the first of each group wins.
constexpr std::string_view kCandidates =
    "SELECT r.agency_id, r.agency, r.year, r.region_code, g.level, r.region_role, g.province, g.city, g.county, "
    "g.township, r.status, r.template, d.id, d.path, d.url, d.published "
    "FROM documents d JOIN reports r ON r.document_id = d.id LEFT JOIN regions g ON g.code = r.region_code "
    "WHERE d.is_current = 1 AND r.agency_id IS NOT NULL AND r.year IS NOT NULL "
    "ORDER BY r.agency_id, r.year, "
    "CASE r.status WHEN 'failed' THEN 2 WHEN 'partial' THEN 1 ELSE 0 END, "
    "(SELECT count(*) FROM figures f WHERE f.document_id = d.id AND f.value IS NOT NULL) DESC, d.path, d.id";

std::string number_text(sql::Statement& s, int col) {
  if (s.is_null(col)) return {};
  if (s.is_integer(col)) return std::to_string(s.int64(col));
  return fmt::format("{}", s.real(col));
}

std::string text_or_empty(sql::Statement& s, int col) {
  return s.is_null(col) ? std::string() : spreadsheet_safe(s.text(col));
}

}  // namespace

std::vector<std::string> panel_figure_columns() {
  std::vector<std::string> out;
  for (const auto table : kTables)
    for (const auto row : category_ids(table, "row"))
      for (const auto col : category_ids(table, "col")) {
        if (!column_applies(table, row, col)) continue;
        if ((find_category(table, "row", row)->templates & find_category(table, "col", col)->templates) == 0) continue;
        out.push_back(fmt::format("{}.{}.{}", table, row, col));
      }
  return out;
}

PanelCounts export_panel(Store& store, const std::string& file) {
  namespace fs = std::filesystem;
  const fs::path target(file);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  fs::create_directories(dir);

  const std::vector<std::string> figures = panel_figure_columns();
  std::map<std::string, size_t, std::less<>> figure_index;
  for (size_t i = 0; i < figures.size(); ++i) figure_index.emplace(figures[i], i);

  PanelCounts counts;
  counts.left_out = static_cast<size_t>(store.db().scalar_int(
      "SELECT count(*) FROM documents d JOIN reports r ON r.document_id = d.id "
      "WHERE d.is_current = 1 AND (r.agency_id IS NULL OR r.year IS NULL)"));

  auto cand = store.db().prepare(kCandidates);
  auto figs = store.db().prepare("SELECT table_id, row_id, col_id, value FROM figures WHERE document_id = ?1 ORDER BY seq");
  auto finds = store.db().prepare(
      "SELECT sum(status = 'fail' AND severity = 'error'), sum(status = 'fail' AND severity = 'warning'), "
      "sum(status = 'fail' AND severity = 'info'), sum(status = 'not_assessable'), "
      "sum(status = 'fail' AND verdict = 'open'), sum(status = 'fail' AND verdict = 'confirmed'), "
      "sum(status = 'fail' AND verdict = 'dismissed'), sum(status = 'fail' AND verdict = 'changed') "
      "FROM finding_verdicts WHERE document_id = ?1");
  auto inds = store.db().prepare("SELECT indicator, value, marked FROM indicators WHERE document_id = ?1 ORDER BY seq");
  const auto& defs = indicator_defs();
  const size_t first_indicator = std::size(kHead) + figures.size();

  const fs::path tmp = fs::path(file + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
    out << kBom;
    bool first = true;
    for (const auto h : kHead) out << (std::exchange(first, false) ? "" : ",") << h;
    for (const auto& f : figures) out << ',' << f;
    for (const auto& d : defs) out << ',' << d.id;
    out << "\r\n";

    // Each group's rows arrive together: the first is written, the others only counted.
    std::vector<std::string> row;
    std::string group_key;
    size_t group_documents = 0;
    auto flush = [&] {
      if (row.empty()) return;
      row[12] = std::to_string(group_documents);
      for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << csv_field(row[i]);
      out << "\r\n";
      ++counts.rows;
      row.clear();
    };
    while (cand.step()) {
      const std::string key = fmt::format("{}\x1f{}", cand.text(0), cand.int64(2));
      ++counts.documents;
      if (key == group_key) {
        ++group_documents;
        continue;
      }
      flush();
      group_key = key;
      group_documents = 1;
      row.assign(first_indicator + defs.size(), std::string());
      for (int c = 0; c < 12; ++c) row[static_cast<size_t>(c)] = c == 2 ? std::to_string(cand.int64(c)) : text_or_empty(cand, c);
      const std::int64_t doc = cand.int64(12);
      row[13] = std::to_string(doc);
      row[14] = spreadsheet_safe(shown_name(cand.text(13)));  // stored byte-exact, shown escaped
      row[15] = text_or_empty(cand, 14);
      row[16] = text_or_empty(cand, 15);
      finds.reset();
      finds.bind(1, doc);
      if (finds.step())
        for (int c = 0; c < 8; ++c) row[17 + static_cast<size_t>(c)] = finds.is_null(c) ? "0" : std::to_string(finds.int64(c));
      inds.reset();
      inds.bind(1, doc);
      std::string marked;
      for (size_t i = 0; inds.step() && i < defs.size(); ++i) {
        row[first_indicator + i] = number_text(inds, 1);
        if (inds.int64(2)) marked += (marked.empty() ? "" : ";") + inds.text(0);
      }
      row[25] = marked;
      figs.reset();
      figs.bind(1, doc);
      while (figs.step()) {
        const std::string id = fmt::format("{}.{}.{}", figs.text(0), figs.text(1), figs.text(2));
        if (auto it = figure_index.find(id); it != figure_index.end()) row[std::size(kHead) + it->second] = number_text(figs, 3);
      }
    }
    flush();
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, target);

  PackageResource res;
  res.name = "panel";
  res.path = target.filename().string();
  res.description =
      "One row per agency and reporting year (current revisions): where the agency sits, the report's status, every "
      "canonical figure (table.row.col), the failed rules by severity and by review verdict, and every indicator of "
      "contract/indicators.tsv (by its id). Documents with no agency identity or no "
      "year are not in the panel (reports.csv lists them).";
  res.columns.assign(std::begin(kHead), std::end(kHead));
  res.columns.insert(res.columns.end(), figures.begin(), figures.end());
  for (const auto& d : defs) res.columns.push_back(d.id);
  res.primary_key = {"agency_id", "year"};
  write_datapackage(dir.string(), {res});
  return counts;
}

}  // namespace xxgk
