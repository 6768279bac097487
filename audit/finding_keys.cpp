#include "audit/finding_keys.h"

#include "pipeline/sha256.h"

#include "output/json_line.h"

#include <algorithm>

namespace xxgk {
namespace {

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
  // Written as nlohmann's ordered_json dumped it: a cell named twice keeps its first place (and the
  // same value: the lookup is by address).
  std::string out;
  JsonLine o(out);
  o.open_object().key("expected").number(f.expected).key("actual").number(f.actual).key("cells").open_object();
  std::vector<std::string> ids;
  for (const auto& c : f.cells) {
    std::string id = c.table + "." + c.row + "." + c.col;
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) continue;
    o.key(id);
    const auto v = cell(c);
    if (!v) o.null();
    else if (v->value) o.number(v->value);
    else o.str(v->raw);
    ids.push_back(std::move(id));
  }
  o.close_object().close_object();
  return out;
}

}  // namespace xxgk
