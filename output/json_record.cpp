#include "output/json_record.h"

#include "indicators/compute.h"
#include "output/json_line.h"
#include "text/shown_name.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace xxgk {

using nlohmann::ordered_json;

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

namespace {

void write_finding(JsonLine& o, const Finding& f, const std::string& lang) {
  o.open_object();
  o.key("rule").str(f.rule).key("severity").str(f.severity).key("status").str(f.status);
  o.key("table").str_or_null(f.table).key("row").str_or_null(f.row).key("col").str_or_null(f.col);
  o.key("expected").number(f.expected, f.expected && std::floor(*f.expected) != *f.expected);
  o.key("actual").number(f.actual, f.actual && std::floor(*f.actual) != *f.actual);
  o.key("message").str(lang == "en" ? f.message_en : f.message_zh);
  o.key("cells").open_array();
  for (const auto& c : f.cells) {
    o.open_object().key("table").str(c.table).key("row");
    if (c.row.empty()) o.null();
    else o.str(c.row);
    o.key("col");
    if (c.col.empty()) o.null();
    else o.str(c.col);
    o.key("page").int_or_null(c.page).close_object();
  }
  o.close_array().close_object();
}

}  // namespace

ordered_json record_json(const Report& r, const std::string& lang) { return ordered_json::parse(record_line(r, lang)); }

ordered_json finding_json(const Finding& f, const std::string& lang) {
  std::string out;
  JsonLine o(out);
  write_finding(o, f, lang);
  return ordered_json::parse(out);
}

std::string record_line(const Report& r, const std::string& lang) {
  std::string out;
  out.reserve(512 + 160 * r.figures.size() + 1024 * r.findings.size());
  JsonLine o(out);
  o.open_object();
  o.key("schema").str(kSchema);
  o.key("source").open_object();
  o.key("path").str(shown_name(r.source.path, false)).key("sha256").str(r.source.sha256);
  o.key("format").str(r.source.format).key("pages").int_or_null(r.source.pages);
  if (r.source.url) o.key("url").str(*r.source.url);
  if (r.source.page_url) o.key("page_url").str(*r.source.page_url);
  if (r.source.published) o.key("published").str(*r.source.published);
  if (r.source.fetched_at) o.key("fetched_at").str(*r.source.fetched_at);
  o.close_object();
  o.key("report").open_object();
  o.key("title").str_or_null(r.report.title).key("agency").str_or_null(r.report.agency);
  if (r.report.agency_source) o.key("agency_source").str(*r.report.agency_source);
  o.key("region");
  if (const auto& g = r.report.region) {
    o.open_object().key("code").str(g->code).key("level").str(g->level).key("names").strings(g->names);
    o.key("role").str(g->role).close_object();
  } else {
    o.null();
  }
  o.key("year").int_or_null(r.report.year).key("template").str(r.report.template_version);
  o.close_object();
  o.key("status").str(r.status);
  o.key("error");
  if (r.error) o.open_object().key("code").str(r.error->code).key("message").str(r.error->message).close_object();
  else o.null();
  o.key("figures").open_array();
  for (const auto& f : r.figures) {
    o.open_object().key("table").str(f.table).key("row").str(f.row).key("col").str(f.col);
    o.key("value").number(f.value, f.decimals).key("raw").str(f.raw).key("page").int_or_null(f.page);
    if (f.confidence) o.key("confidence").real(std::round(*f.confidence * 10) / 10);
    o.close_object();
  }
  o.close_array();
  // An object: a key written twice keeps its first place and its last value, as the tree's does.
  o.key("sections").open_object();
  for (size_t i = 0; i < r.sections.size(); ++i) {
    const auto& k = r.sections[i].first;
    bool seen = false;
    for (size_t e = 0; e < i && !seen; ++e) seen = r.sections[e].first == k;
    if (seen) continue;
    const std::string* v = &r.sections[i].second;
    for (size_t later = i + 1; later < r.sections.size(); ++later)
      if (r.sections[later].first == k) v = &r.sections[later].second;
    o.key(k).str(*v);
  }
  o.close_object();
  o.key("findings").open_array();
  for (const auto& f : r.findings) write_finding(o, f, lang);
  o.close_array();
  o.key("indicators").open_array();
  for (const auto& v : compute_indicators(r)) {
    o.open_object().key("id").str(v.def->id);
    o.key("value").number(v.value, v.def->is_rate() ? 1 : 0);
    o.key("numerator").number(v.numerator).key("denominator").number(v.denominator);
    o.key("null_reason").str_or_null(v.null_reason);
    o.key("null_operands").strings(v.null_operands).key("failing_rules").strings(v.failing_rules);
    o.close_object();
  }
  o.close_array();
  o.close_object();
  return out;
}

}  // namespace xxgk
