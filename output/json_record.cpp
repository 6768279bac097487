#include "output/json_record.h"

#include "indicators/compute.h"
#include "text/shown_name.h"

#include <algorithm>
#include <cmath>

namespace xxgk {

using nlohmann::ordered_json;

ordered_json number_json(std::optional<double> v, int decimals) {
  if (!v) return nullptr;
  if (decimals == 0 && std::floor(*v) == *v && std::fabs(*v) < 9e15) return static_cast<long long>(*v);
  return *v;
}

namespace {

ordered_json opt_string(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return *s;
}

ordered_json opt_int(std::optional<int> v) {
  if (!v) return nullptr;
  return *v;
}

}  // namespace

ordered_json finding_json(const Finding& f, const std::string& lang) {
  ordered_json x = {{"rule", f.rule},
                    {"severity", f.severity},
                    {"status", f.status},
                    {"table", opt_string(f.table)},
                    {"row", opt_string(f.row)},
                    {"col", opt_string(f.col)},
                    {"expected", number_json(f.expected, f.expected && std::floor(*f.expected) != *f.expected)},
                    {"actual", number_json(f.actual, f.actual && std::floor(*f.actual) != *f.actual)},
                    {"message", lang == "en" ? f.message_en : f.message_zh}};
  ordered_json cells = ordered_json::array();
  for (const auto& c : f.cells) {
    ordered_json cj = {{"table", c.table}, {"row", c.row.empty() ? ordered_json(nullptr) : ordered_json(c.row)},
                       {"col", c.col.empty() ? ordered_json(nullptr) : ordered_json(c.col)}, {"page", opt_int(c.page)}};
    cells.push_back(std::move(cj));
  }
  x["cells"] = std::move(cells);
  return x;
}

ordered_json record_json(const Report& r, const std::string& lang) {
  ordered_json j;
  j["schema"] = kSchema;
  j["source"] = {{"path", shown_name(r.source.path, false)},  // bytes that are not UTF-8 as \xNN
                 {"sha256", r.source.sha256},
                 {"format", r.source.format},
                 {"pages", opt_int(r.source.pages)}};
  // Provenance: present only when known, so a local file's record has none of it.
  if (r.source.url) j["source"]["url"] = *r.source.url;
  if (r.source.page_url) j["source"]["page_url"] = *r.source.page_url;
  if (r.source.published) j["source"]["published"] = *r.source.published;
  if (r.source.fetched_at) j["source"]["fetched_at"] = *r.source.fetched_at;
  j["report"] = {{"title", opt_string(r.report.title)}, {"agency", opt_string(r.report.agency)}};
  if (r.report.agency_source) j["report"]["agency_source"] = *r.report.agency_source;
  ordered_json region = nullptr;
  if (const auto& g = r.report.region)
    region = {{"code", g->code}, {"level", g->level}, {"names", g->names}, {"role", g->role}};
  j["report"]["region"] = std::move(region);
  j["report"]["year"] = opt_int(r.report.year);
  j["report"]["template"] = r.report.template_version;
  j["status"] = r.status;
  if (r.error) j["error"] = {{"code", r.error->code}, {"message", r.error->message}};
  else j["error"] = nullptr;
  ordered_json figures = ordered_json::array();
  for (const auto& f : r.figures) {
    ordered_json x = {{"table", f.table}, {"row", f.row}, {"col", f.col}, {"value", number_json(f.value, f.decimals)},
                      {"raw", f.raw}, {"page", opt_int(f.page)}};
    if (f.confidence) x["confidence"] = std::round(*f.confidence * 10) / 10;
    figures.push_back(std::move(x));
  }
  j["figures"] = std::move(figures);
  ordered_json sections = ordered_json::object();
  for (const auto& [k, v] : r.sections) sections[k] = v;
  j["sections"] = std::move(sections);
  ordered_json findings = ordered_json::array();
  for (const auto& f : r.findings) findings.push_back(finding_json(f, lang));
  j["findings"] = std::move(findings);
  ordered_json indicators = ordered_json::array();
  for (const auto& v : compute_indicators(r)) indicators.push_back(indicator_json(v));
  j["indicators"] = std::move(indicators);
  return j;
}

ordered_json indicator_json(const IndicatorValue& v) {
  return {{"id", v.def->id},
          {"value", number_json(v.value, v.def->is_rate() ? 1 : 0)},
          {"numerator", number_json(v.numerator)},
          {"denominator", number_json(v.denominator)},
          {"null_reason", opt_string(v.null_reason)},
          {"null_operands", v.null_operands},
          {"failing_rules", v.failing_rules}};
}

void mark_indicators(ordered_json& record, const std::vector<Finding>& findings) {
  if (!record.contains("indicators") || !record.contains("figures")) return;
  Report numbers;  // the record's figures, as far as marking reads them
  for (const auto& f : record["figures"]) {
    Figure x;
    x.table = f["table"].get<std::string>();
    x.row = f["row"].get<std::string>();
    x.col = f["col"].get<std::string>();
    if (f["value"].is_number()) x.value = f["value"].get<double>();
    x.raw = f["raw"].get<std::string>();
    if (f.contains("confidence")) x.confidence = f["confidence"].get<double>();
    numbers.figures.push_back(std::move(x));
  }
  for (auto& x : record["indicators"]) {
    const IndicatorDef* def = find_indicator(x["id"].get<std::string>());
    if (!def) continue;
    for (const auto& rule : failing_rules_on(*def, findings, numbers)) {
      auto& rules = x["failing_rules"];
      if (std::find(rules.begin(), rules.end(), rule) == rules.end()) rules.push_back(rule);
    }
  }
}

std::string record_line(const Report& r, const std::string& lang) {
  return record_json(r, lang).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace xxgk
