#include "audit/finding_keys.h"

#include "pipeline/sha256.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace xxgk {
namespace {

nlohmann::ordered_json number(std::optional<double> v) {
  if (!v) return nullptr;
  if (std::floor(*v) == *v && std::fabs(*v) < 9e15) return static_cast<std::int64_t>(*v);
  return *v;
}

std::string address(const std::optional<std::string>& t, const std::optional<std::string>& r,
                    const std::optional<std::string>& c) {
  return t.value_or("") + "." + r.value_or("") + "." + c.value_or("");
}

}  // namespace

std::string finding_identity(const std::optional<std::string>& agency_id, const std::optional<std::string>& agency_key,
                             const std::string& sha256) {
  if (agency_id && !agency_id->empty()) return *agency_id;
  if (agency_key && !agency_key->empty()) return "name/" + *agency_key;
  return "document/" + sha256;
}

std::string finding_key(const std::string& identity, std::optional<int> year, const Finding& f) {
  std::string material = identity + '\x1f' + (year ? std::to_string(*year) : std::string("?")) + '\x1f' + f.rule + '\x1f' +
                         address(f.table, f.row, f.col) + '\x1f';
  for (const auto& c : f.cells) material += c.table + "." + c.row + "." + c.col + ",";
  return sha256_hex(material).substr(0, 16);
}

std::string finding_figures(const Finding& f, const CellLookup& cell) {
  nlohmann::ordered_json j;
  j["expected"] = number(f.expected);
  j["actual"] = number(f.actual);
  nlohmann::ordered_json cells = nlohmann::ordered_json::object();
  for (const auto& c : f.cells) {
    const std::string id = c.table + "." + c.row + "." + c.col;
    const auto v = cell(c);
    if (!v) cells[id] = nullptr;
    else if (v->value) cells[id] = number(v->value);
    else cells[id] = v->raw;
  }
  j["cells"] = std::move(cells);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace xxgk
