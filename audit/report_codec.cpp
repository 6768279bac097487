#include "audit/report_codec.h"

#include "output/json_line.h"

namespace xxgk {

using nlohmann::json;

namespace {

template <class T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

template <class T>
std::optional<T> get_opt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

json region_json(const std::optional<Region>& r) {
  if (!r) return nullptr;
  return {{"code", r->code}, {"level", r->level}, {"names", r->names}, {"role", r->role}};
}

std::optional<Region> region_from(const json& j) {
  auto it = j.find("region");
  if (it == j.end() || it->is_null()) return std::nullopt;
  return Region{it->at("code").get<std::string>(), it->at("level").get<std::string>(),
                it->at("names").get<std::vector<std::string>>(), it->at("role").get<std::string>()};
}

}  // namespace

json cells_to_json(const std::vector<CellAddress>& cells) { return json::parse(cells_text(cells)); }

std::string cells_text(const std::vector<CellAddress>& cells) {
  std::string out;
  JsonLine o(out);
  o.open_array();
  for (const auto& c : cells) {
    o.open_object().key("col");
    if (c.col.empty()) o.null();
    else o.str(c.col);
    o.key("page").int_or_null(c.page).key("row");
    if (c.row.empty()) o.null();
    else o.str(c.row);
    o.key("table").str(c.table).close_object();
  }
  o.close_array();
  return out;
}

std::vector<CellAddress> cells_from_json(const json& j) {
  std::vector<CellAddress> out;
  for (const auto& c : j)
    out.push_back(CellAddress{c.at("table").get<std::string>(), get_opt<std::string>(c, "row").value_or(""),
                              get_opt<std::string>(c, "col").value_or(""), get_opt<int>(c, "page")});
  return out;
}

json report_to_json(const Report& r) {
  json j;
  j["source"] = {{"path", r.source.path},
                 {"sha256", r.source.sha256},
                 {"format", r.source.format},
                 {"pages", opt(r.source.pages)},
                 {"size", r.source.size},
                 {"url", opt(r.source.url)},
                 {"page_url", opt(r.source.page_url)},
                 {"published", opt(r.source.published)},
                 {"fetched_at", opt(r.source.fetched_at)}};
  j["report"] = {{"title", opt(r.report.title)},
                 {"agency", opt(r.report.agency)},
                 {"agency_source", opt(r.report.agency_source)},
                 {"region", region_json(r.report.region)},
                 {"agency_id", r.report.agency_id},
                 {"year", opt(r.report.year)},
                 {"template", r.report.template_version}};
  j["status"] = r.status;
  j["error"] = r.error ? json{{"code", r.error->code}, {"message", r.error->message}} : json(nullptr);
  json figures = json::array();
  for (const auto& f : r.figures)
    figures.push_back({{"table", f.table}, {"row", f.row}, {"col", f.col}, {"value", opt(f.value)},
                       {"decimals", f.decimals}, {"raw", f.raw}, {"page", opt(f.page)},
                       {"confidence", opt(f.confidence)}});
  j["figures"] = std::move(figures);
  json sections = json::array();
  for (const auto& [k, v] : r.sections) sections.push_back({k, v});
  j["sections"] = std::move(sections);
  j["findings"] = findings_to_json(r.findings);
  return j;
}

json findings_to_json(const std::vector<Finding>& list) {
  json findings = json::array();
  for (const auto& f : list)
    findings.push_back({{"rule", f.rule},
                        {"severity", f.severity},
                        {"status", f.status},
                        {"table", opt(f.table)},
                        {"row", opt(f.row)},
                        {"col", opt(f.col)},
                        {"expected", opt(f.expected)},
                        {"actual", opt(f.actual)},
                        {"message_zh", f.message_zh},
                        {"message_en", f.message_en},
                        {"cells", cells_to_json(f.cells)}});
  return findings;
}

Report report_from_json(const json& j) {
  Report r;
  const json& s = j.at("source");
  r.source.path = s.at("path").get<std::string>();
  r.source.sha256 = s.at("sha256").get<std::string>();
  r.source.format = s.at("format").get<std::string>();
  r.source.pages = get_opt<int>(s, "pages");
  r.source.size = s.at("size").get<std::uint64_t>();
  r.source.url = get_opt<std::string>(s, "url");
  r.source.page_url = get_opt<std::string>(s, "page_url");
  r.source.published = get_opt<std::string>(s, "published");
  r.source.fetched_at = get_opt<std::string>(s, "fetched_at");
  const json& m = j.at("report");
  r.report.title = get_opt<std::string>(m, "title");
  r.report.agency = get_opt<std::string>(m, "agency");
  r.report.agency_source = get_opt<std::string>(m, "agency_source");
  r.report.region = region_from(m);
  r.report.agency_id = m.value("agency_id", "");
  r.report.year = get_opt<int>(m, "year");
  r.report.template_version = m.at("template").get<std::string>();
  r.status = j.at("status").get<std::string>();
  if (const json& e = j.at("error"); !e.is_null())
    r.error = ErrorInfo{e.at("code").get<std::string>(), e.at("message").get<std::string>()};
  for (const auto& f : j.at("figures")) {
    Figure x;
    x.table = f.at("table").get<std::string>();
    x.row = f.at("row").get<std::string>();
    x.col = f.at("col").get<std::string>();
    x.value = get_opt<double>(f, "value");
    x.decimals = f.at("decimals").get<int>();
    x.raw = f.at("raw").get<std::string>();
    x.page = get_opt<int>(f, "page");
    x.confidence = get_opt<double>(f, "confidence");
    r.figures.push_back(std::move(x));
  }
  for (const auto& kv : j.at("sections")) r.sections.emplace_back(kv.at(0).get<std::string>(), kv.at(1).get<std::string>());
  for (const auto& f : j.at("findings")) {
    Finding x;
    x.rule = f.at("rule").get<std::string>();
    x.severity = f.at("severity").get<std::string>();
    x.status = f.at("status").get<std::string>();
    x.table = get_opt<std::string>(f, "table");
    x.row = get_opt<std::string>(f, "row");
    x.col = get_opt<std::string>(f, "col");
    x.expected = get_opt<double>(f, "expected");
    x.actual = get_opt<double>(f, "actual");
    x.message_zh = f.at("message_zh").get<std::string>();
    x.message_en = f.at("message_en").get<std::string>();
    x.cells = cells_from_json(f.at("cells"));
    r.findings.push_back(std::move(x));
  }
  return r;
}

}  // namespace xxgk
