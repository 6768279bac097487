#include "normalize/normalizer.h"

#include "model/categories.h"
#include "normalize/metadata.h"
#include "normalize/tables.h"

#include <algorithm>
#include <tuple>

namespace xxgk {

std::string detect_template(const std::vector<Figure>& figures) {
  auto only = [](const Figure& f, unsigned version) {
    for (auto [axis, id] : {std::pair<std::string_view, std::string_view>{"row", f.row}, {"col", f.col}}) {
      const CategoryDef* d = find_category(f.table, axis, id);
      if (d && d->templates == version) return true;
    }
    return false;
  };
  if (std::any_of(figures.begin(), figures.end(), [&](const Figure& f) { return only(f, kT2021); })) return "2021";
  if (std::any_of(figures.begin(), figures.end(), [&](const Figure& f) { return only(f, kT2019); })) return "2019";
  return "unknown";
}

void sort_figures(std::vector<Figure>& figures) {
  // Each figure's key once (not twice per comparison), then a stable sort of the positions.
  using Key = std::tuple<int, int, int>;
  std::vector<std::pair<Key, size_t>> keyed;
  keyed.reserve(figures.size());
  for (size_t i = 0; i < figures.size(); ++i) {
    const Figure& f = figures[i];
    keyed.emplace_back(Key{table_rank(f.table), category_rank(f.table, "row", f.row), category_rank(f.table, "col", f.col)}, i);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Figure> sorted;
  sorted.reserve(figures.size());
  for (const auto& [key, i] : keyed) sorted.push_back(std::move(figures[i]));
  figures = std::move(sorted);
}

Normalized normalize_document(const Document& doc, Report& report, const MetadataContext& context) {
  Normalized out;
  Metadata md = read_metadata(doc, context);
  report.report = md.meta;
  report.sections = std::move(md.sections);
  report.intro = std::move(md.intro);
  for (auto& u : md.unplaced_headings) report.unplaced_headings.emplace_back(u.part, std::move(u.text));
  if (!report.source.published) report.source.published = md.published;

  TableReading tr = read_tables(doc);
  report.figures = std::move(tr.figures);
  sort_figures(report.figures);
  report.report.template_version = detect_template(report.figures);
  for (auto& f : tr.findings) report.findings.push_back(std::move(f));
  out.problems_zh = std::move(tr.problems_zh);
  out.problems_en = std::move(tr.problems_en);
  out.tables_found.assign(tr.tables_found.begin(), tr.tables_found.end());
  return out;
}

}  // namespace xxgk
