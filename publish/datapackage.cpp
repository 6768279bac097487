#include "publish/datapackage.h"

#include "indicators/definitions.h"
#include "model/categories.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace xxgk {
namespace {

using nlohmann::json;

// What each exported column is. A name with a resource prefix ("findings.status") is that file's
// own meaning of a column another file also has.
struct ColumnDoc {
  std::string_view name;
  std::string_view type;
  std::string_view description;
  std::string_view unit = {};
};

constexpr ColumnDoc kColumns[] = {
    {"document_id", "integer", "The document's id in the audit database (documents.id)"},
    {"path", "string", "The file's path as given to or walked by `xxgk audit`"},
    {"sha256", "string", "Hex SHA-256 of the file's bytes: the document's identity"},
    {"format", "string", "How the file was read: pdf, pdf-scanned, html, docx, doc, wps, txt, unknown"},
    {"size", "integer", "The file's size", "bytes"},
    {"pages", "integer", "Page count, where the format has pages"},
    {"title", "string", "The report's title (simplified characters)"},
    {"agency", "string", "The agency that published the report, as printed"},
    {"agency_source", "string",
     "Where the agency was read when the title does not name it: article_title, title_block, page_title, link_title, "
     "document_properties; empty when the title names it"},
    {"region_code", "string", "Division code of the region the agency sits in (2, 4, 6 or 9 digits); empty: not placed"},
    {"region_level", "string", "The region's level: province, city, county, township"},
    {"region_role", "string", "government (the region's 人民政府 or 街道办事处) or department (a body of that government)"},
    {"province", "string", "The region's province"},
    {"city", "string", "The region's city (empty for a municipality's districts)"},
    {"county", "string", "The region's county-level division"},
    {"township", "string", "The region's township or street"},
    {"agency_id", "string",
     "The agency's identity across years and renames: <code>/government, <code>/department/<name>, or name/<name> "
     "when not placed"},
    {"year", "integer", "The reporting year"},
    {"template", "string", "The official table layout the report follows: 2021, 2019, unknown"},
    {"status", "string", "The report's verdict: ok, flagged (a rule failed), partial (read in part), failed (not read)"},
    {"error_code", "string", "For partial and failed documents: a stable code of what went wrong"},
    {"error_message", "string", "For partial and failed documents: what went wrong, in plain words"},
    {"revision", "integer", "1 for a first document; n+1 for one that replaced revision n"},
    {"is_current", "boolean", "1 when this is the current revision, 0 when a later one replaced it"},
    {"processed_at", "datetime", "UTC time the document was stored (ISO 8601)"},
    {"published", "date", "The publication date the portal or the page shows"},
    {"url", "string", "For a fetched document: the URL its bytes came from, after redirects"},
    {"page_url", "string", "For a fetched document: the article page that published it"},
    {"fetched_at", "string", "For a fetched document: when its bytes were downloaded (RFC 3339, UTC)"},
    {"table", "string", "The table: proactive, requests, review_litigation (contract/categories.tsv)"},
    {"row", "string", "The row's canonical id (contract/categories.tsv); x_… for a label that maps to no id"},
    {"col", "string", "The column's canonical id (contract/categories.tsv); x_… for a label that maps to no id"},
    {"value", "number",
     "The figure; empty for a blank, a not-applicable mark or a non-number (never 0). Unit 件, except the amounts of "
     "proactive.fees.amount and proactive.procurement.procurement_amount in 万元"},
    {"raw", "string", "The cell as printed: empty when blank, / or — when not applicable, 0 for a zero"},
    {"page", "integer", "1-based page the cell is on"},
    {"rule", "string", "The rule's id (contract/rules.tsv)"},
    {"severity", "string", "error, warning or info"},
    {"findings.status", "string", "fail (the rule does not hold) or not_assessable (the figures it needs are missing)"},
    {"expected", "number", "The value the rule computed"},
    {"actual", "number", "The value the report printed"},
    {"message_zh", "string", "The finding in Chinese"},
    {"message_en", "string", "The finding in English"},
    {"cells", "array", "The cells the rule read, as JSON: [{table, row, col, page}]"},
    {"finding_key", "string",
     "The finding's stable key (agency identity, year, rule, cells; not the document): the same after a rerun and "
     "in a new revision that finds the same; what `xxgk review` records verdicts by"},
    {"indicator", "string", "The indicator's id (contract/indicators.tsv; docs/indicators.md)"},
    {"indicators.value", "number",
     "The indicator: 100 × numerator / denominator for a rate (%), the numerator for a count (件); empty when it cannot "
     "be computed (null_reason says why), never 0 for a blank"},
    {"numerator", "number", "The numerator's figures summed as the formula says; empty when one of them cannot be used"},
    {"denominator", "number",
     "The denominator's figures summed as the formula says; empty when one of them cannot be used, and for a count"},
    {"null_reason", "string",
     "Why the value is empty: blank (an operand printed blank), not_applicable (it prints /, — or text), unread (not "
     "in the record or not readable), zero_denominator"},
    {"null_operands", "array", "The operands (figure ids) that cannot be used, as a JSON array"},
    {"failing_rules", "array",
     "The rules, as a JSON array, that fail on a cell an operand sits in: a value computed from figures that do not "
     "reconcile"},
    {"marked", "boolean", "1 when failing_rules is not empty: read the value with care"},
    {"indicators_marked", "string",
     "The indicators (ids, separated by ;) computed from figures a failing rule reads: read those values with care"},
    {"findings_open", "integer",
     "Failed rules of the chosen report nobody has reviewed yet, or last reviewed as open (xxgk review); dismissed "
     "findings are not counted here"},
    {"findings_confirmed", "integer", "Failed rules of the chosen report an auditor confirmed (xxgk review)"},
    {"findings_dismissed", "integer",
     "Failed rules of the chosen report an auditor dismissed (xxgk review), with the same numbers as when reviewed"},
    {"findings_changed", "integer",
     "Failed rules of the chosen report reviewed when their numbers were different: they need a new look (counted "
     "as open)"},
    {"panel.status", "string",
     "The chosen report's verdict: ok, flagged (a rule failed), partial (read in part), failed (not read)"},
    {"panel.document_id", "integer", "The document the row's figures come from (documents.id)"},
    {"panel.path", "string", "The file the row's figures come from"},
    {"documents", "integer",
     "How many current documents the store holds for this agency and year (a page and its PDF attachment are two); "
     "the row's figures come from one of them: not failed or partial first, then the most figures read, then by path"},
    {"findings_error", "integer", "Failed rules of severity error in the chosen report"},
    {"findings_warning", "integer", "Failed rules of severity warning in the chosen report"},
    {"findings_info", "integer", "Failed rules of severity info in the chosen report"},
    {"findings_not_assessable", "integer", "Rules that could not be assessed for the chosen report (figures missing)"},
};

// The unit of each amount column; every other figure counts items (件).
struct AmountUnit {
  std::string_view table, col, unit;
};
constexpr AmountUnit kAmounts[] = {
    {"proactive", "amount", "万元"},
    {"proactive", "procurement_amount", "万元"},
};

const ColumnDoc* find_doc(std::string_view resource, std::string_view column) {
  const std::string qualified = fmt::format("{}.{}", resource, column);
  for (const auto& d : kColumns)
    if (d.name == qualified) return &d;
  for (const auto& d : kColumns)
    if (d.name == column) return &d;
  return nullptr;
}

// A panel figure column `table.row.col`, described from the contract's labels.
json figure_field(std::string_view column) {
  const auto a = column.find('.');
  const auto b = a == std::string_view::npos ? a : column.find('.', a + 1);
  if (b == std::string_view::npos) return nullptr;
  const auto table = column.substr(0, a), row = column.substr(a + 1, b - a - 1), col = column.substr(b + 1);
  const CategoryDef* r = find_category(table, "row", row);
  const CategoryDef* c = find_category(table, "col", col);
  if (!r || !c) return nullptr;
  const unsigned templates = r->templates & c->templates;
  std::string years;
  if (templates & kT2019) years = "2019";
  if (templates & kT2021) years += years.empty() ? "2021" : ", 2021";
  json f = {{"name", std::string(column)},
            {"type", "number"},
            {"description", fmt::format("{} · {} · {} (templates {}); empty when blank, not applicable or not read, "
                                        "never 0",
                                        table, r->label_zh, c->label_zh, years)},
            {"unit", std::string(figure_unit(table, col))}};
  return f;
}

}  // namespace

std::string_view figure_unit(std::string_view table, std::string_view col) {
  for (const auto& a : kAmounts)
    if (a.table == table && a.col == col) return a.unit;
  return "件";
}

json field_descriptor(std::string_view resource, std::string_view column) {
  if (resource == "panel") {
    if (json f = figure_field(column); !f.is_null()) return f;
    if (const IndicatorDef* def = find_indicator(column)) {
      json f = {{"name", std::string(column)},
                {"type", "number"},
                {"description",
                 fmt::format("{} ({}) = {}{} of the chosen report (contract/indicators.tsv); empty when it cannot be "
                             "computed (indicators.csv says why), never 0 for a blank",
                             def->name_zh, def->id, def->numerator.text,
                             def->denominator ? fmt::format(" / {} × 100", def->denominator->text) : std::string())},
                {"unit", def->unit}};
      return f;
    }
  }
  const ColumnDoc* d = find_doc(resource, column);
  if (!d) throw std::logic_error(fmt::format("export column {}.{} has no description in publish/datapackage.cpp", resource, column));
  json f = {{"name", std::string(column)}, {"type", std::string(d->type)}, {"description", std::string(d->description)}};
  if (!d->unit.empty()) f["unit"] = std::string(d->unit);
  if (d->type == "boolean") {
    f["trueValues"] = {"1"};
    f["falseValues"] = {"0"};
  }
  return f;
}

void write_datapackage(const std::string& dir, const std::vector<PackageResource>& resources) {
  namespace fs = std::filesystem;
  const fs::path target = fs::path(dir) / "datapackage.json";
  json package;
  if (fs::exists(target)) {
    std::ifstream in(target, std::ios::binary);
    package = json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (package.is_discarded() || !package.is_object() || package.value("name", "") != "xxgk-export")
      throw std::runtime_error(fmt::format("{} exists and was not written by xxgk export; move it away first", target.string()));
  } else {
    package = {{"profile", "tabular-data-package"},
               {"name", "xxgk-export"},
               {"title", "Government information disclosure annual reports (政府信息公开工作年度报告), as read by xxgk"},
               {"description",
                "Figures, findings and reports read by xxgk from the annual reports. A blank cell is an empty field "
                "(null), never 0. Canonical ids: contract/categories.tsv; rules: contract/rules.tsv."},
               {"resources", json::array()}};
  }
  for (const auto& r : resources) {
    json fields = json::array();
    for (const auto& c : r.columns) fields.push_back(field_descriptor(r.name, c));
    json schema = {{"fields", fields}, {"missingValues", {""}}};
    if (!r.primary_key.empty()) schema["primaryKey"] = r.primary_key;
    json res = {{"name", r.name},
                {"path", r.path},
                {"profile", "tabular-data-resource"},
                {"description", r.description},
                {"format", "csv"},
                {"mediatype", "text/csv"},
                {"encoding", "utf-8"},
                {"dialect", {{"delimiter", ","}, {"lineTerminator", "\r\n"}, {"quoteChar", "\""}, {"doubleQuote", true},
                             {"header", true}}},
                {"schema", schema}};
    auto& list = package["resources"];
    auto it = std::find_if(list.begin(), list.end(), [&](const json& e) { return e.value("name", "") == r.name; });
    if (it != list.end()) *it = res;
    else list.push_back(res);
  }
  std::sort(package["resources"].begin(), package["resources"].end(),
            [](const json& a, const json& b) { return a.value("name", "") < b.value("name", ""); });
  const fs::path tmp = fs::path(dir) / "datapackage.json.tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << package.dump(2) << '\n';
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, target);
}

}  // namespace xxgk
