// The store's regions: the tree of regions reports are placed in, and placing stored reports again
// when the division data or the resolver changed (docs/schema.md "Regions").
#include "audit/store.h"

#include "audit/report_codec.h"
#include "pipeline/sha256.h"
#include "regions/data.h"
#include "regions/divisions.h"

#include <spdlog/spdlog.h>

namespace xxgk {
namespace {

// Bumped when the resolver reads names differently with the same data.
constexpr int kResolverVersion = 1;

// What placing depends on: the data files and the resolver's version.
std::string regions_fingerprint() {
  Sha256 h;
  for (auto part : {divisions_tsv(), agency_words_tsv(), aliases_tsv(), ethnic_groups_tsv()}) {
    h.update(part);
    h.update("\n--\n");
  }
  return h.hex() + "/" + std::to_string(kResolverVersion);
}

// Everything of a placement, for telling whether placing again changed it.
std::string placement_state(const Report& r) {
  nlohmann::json j = report_to_json(r);
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : j["findings"])
    if (is_region_rule(f["rule"].get<std::string>())) findings.push_back(f);
  return nlohmann::json{j["report"]["region"], r.report.agency_id, findings}.dump();
}

}  // namespace

bool Store::ensure_region(const std::string& code) {
  {
    // Most reports name a region stored before (its ancestors with it): one lookup.
    auto known = db_.cached("SELECT 1 FROM regions WHERE code = ?");
    known->bind(1, code);
    if (known->step()) return true;
  }
  const auto chain = regions::code_chain(divisions_tsv(), code);  // province first: a row's parent before it
  if (chain.empty()) return false;
  auto ins = db_.cached(
      "INSERT OR IGNORE INTO regions(code, level, name, parent, province, city, county, township) "
      "VALUES (?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < chain.size(); ++i) {
    const auto& div = chain[i];
    ins->bind(1, div.code).bind(2, regions::level_name(div.level)).bind(3, div.name);
    if (i > 0) ins->bind(4, chain[i - 1].code);
    for (size_t a = 0; a <= i; ++a) ins->bind(5 + static_cast<int>(chain[a].level), chain[a].name);
    ins->run();  // unbound columns are NULL (run() resets and clears the bindings)
  }
  return true;
}

PlaceHint Store::fetched_hint(std::int64_t document_id) {
  auto s = db_.cached(
      "SELECT f.region, f.agency FROM documents d JOIN fetched_files f ON f.sha256 = d.sha256 WHERE d.id = ? "
      "ORDER BY f.fetched_at, f.id LIMIT 1");
  s->bind(1, document_id);
  PlaceHint hint;
  if (s->step()) hint = PlaceHint{s->opt_text(0).value_or(""), s->opt_text(1).value_or("")};
  return hint;
}

size_t Store::refresh_regions(const std::function<PlaceHint(std::int64_t)>& hint_of) {
  const std::string fingerprint = regions_fingerprint();
  {
    auto s = db_.prepare("SELECT value FROM meta WHERE key = 'regions_data'");
    if (s.step() && s.text(0) == fingerprint) return 0;
  }
  recent_.clear();
  sql::Transaction tx(db_);
  std::vector<std::int64_t> ids;
  {
    auto s = db_.prepare("SELECT document_id FROM reports ORDER BY document_id");
    while (s.step()) ids.push_back(s.int64(0));
  }
  // Only what placing reads: the agency, the title, the text of the parts, the status, and what
  // the last placing wrote (a full load would read every figure of every report).
  auto head = db_.prepare(
      "SELECT r.title, r.agency, r.status, r.region_code, g.level, r.region_role, g.province, g.city, g.county, "
      "g.township, r.agency_id FROM reports r LEFT JOIN regions g ON g.code = r.region_code WHERE r.document_id = ?");
  auto sections = db_.prepare("SELECT key, text FROM sections WHERE document_id = ?");
  auto region_findings = db_.prepare(
      "SELECT rule, severity, status, expected, actual, message_zh, message_en FROM findings "
      "WHERE document_id = ? AND rule LIKE 'region.%' ORDER BY seq");
  auto next_seq = db_.prepare(
      "SELECT coalesce(max(seq) + 1, 0) FROM findings WHERE document_id = ? AND rule NOT LIKE 'region.%'");
  auto drop = db_.prepare("DELETE FROM findings WHERE document_id = ? AND rule LIKE 'region.%'");
  auto update = db_.prepare("UPDATE reports SET region_code = ?, region_role = ?, agency_id = ? WHERE document_id = ?");
  auto number = [](const sql::Statement& s, int c) -> std::optional<double> {
    if (s.is_null(c)) return std::nullopt;
    return s.is_integer(c) ? static_cast<double>(s.int64(c)) : s.real(c);
  };
  size_t changed = 0;
  for (const auto id : ids) {
    Report r;
    head.bind(1, id);
    if (!head.step()) continue;
    r.report.title = head.opt_text(0);
    r.report.agency = head.opt_text(1);
    r.status = head.text(2);
    if (!head.is_null(3) && !head.is_null(4) && !head.is_null(5)) {
      Region g{head.text(3), head.text(4), {}, head.text(5)};
      for (int c = 6; c <= 9; ++c)
        if (!head.is_null(c)) g.names.push_back(head.text(c));
      r.report.region = std::move(g);
    }
    r.report.agency_id = head.opt_text(10).value_or("");
    head.reset();
    sections.bind(1, id);
    while (sections.step()) r.sections.emplace_back(sections.text(0), sections.text(1));
    sections.reset();
    region_findings.bind(1, id);
    while (region_findings.step()) {
      Finding f;
      f.rule = region_findings.text(0);
      f.severity = region_findings.text(1);
      f.status = region_findings.text(2);
      f.expected = number(region_findings, 3);
      f.actual = number(region_findings, 4);
      f.message_zh = region_findings.text(5);
      f.message_en = region_findings.text(6);
      r.findings.push_back(std::move(f));
    }
    region_findings.reset();
    // The parts in the record's order, as place_report reads them.
    std::vector<std::pair<std::string, std::string>> ordered;
    for (const char* k : kSectionKeys)
      for (auto& kv : r.sections)
        if (kv.first == k) ordered.push_back(std::move(kv));
    r.sections = std::move(ordered);

    const std::string before = placement_state(r);
    place_report(r, hint_of ? hint_of(id) : fetched_hint(id));
    if (placement_state(r) == before) continue;
    ++changed;
    const bool placed = r.report.region && ensure_region(r.report.region->code);
    if (placed) update.bind(1, r.report.region->code).bind(2, r.report.region->role);
    if (!r.report.agency_id.empty()) update.bind(3, r.report.agency_id);
    update.bind(4, id).run();
    drop.bind(1, id).run();
    next_seq.bind(1, id);
    next_seq.step();
    const int first = static_cast<int>(next_seq.int64(0));
    next_seq.reset();
    insert_findings(id, r.findings, first);  // the report holds only its region findings here
    rekey_findings(id);  // its agency identity, part of every finding's key, may have changed
  }
  auto stamp = db_.prepare(
      "INSERT INTO meta(key, value) VALUES ('regions_data', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  stamp.bind(1, fingerprint).run();
  tx.commit();
  if (changed) spdlog::info("placed {} stored reports in their regions anew (division data or resolver changed)", changed);
  return changed;
}

}  // namespace xxgk
