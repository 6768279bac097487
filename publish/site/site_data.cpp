#include "publish/site/site_data.h"

#include "publish/site/site_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <sstream>

namespace xxgk::site {

const std::vector<KeyFigure>& key_figures() {
  static const std::vector<KeyFigure> k = {
      {"received", "收到申请", "applications received", {{{"requests", "new_received", "total"}}}},
      {"granted", "予以公开", "granted in full", {{{"requests", "granted", "total"}}}},
      {"reviews", "行政复议", "administrative reviews", {{{"review_litigation", "review", "total"}}}},
      {"lawsuits",
       "行政诉讼",
       "lawsuits",
       {{{"review_litigation", "litigation_direct", "total"}}, {{"review_litigation", "litigation_after_review", "total"}}}},
  };
  return k;
}

std::optional<double> key_value(const Report& r, const KeyFigure& k) {
  double sum = 0;
  for (const auto& [t, row, col] : k.cells) {
    const Figure* f = r.find(t, row, col);
    if (!f || !f->value) return std::nullopt;
    sum += *f->value;
  }
  return sum;
}

void Digest::add(std::string_view s) {
  for (unsigned char c : s) {
    h_ ^= c;
    h_ *= 1099511628211ULL;
  }
  h_ ^= 0xff;  // a separator, so "ab","c" and "a","bc" differ
  h_ *= 1099511628211ULL;
}

void Digest::add_column(const sql::Statement& s, int col) {
  switch (sqlite3_column_type(s.raw(), col)) {
    case SQLITE_NULL: add("\x01N"); break;
    case SQLITE_INTEGER: add("\x01I" + std::to_string(s.int64(col))); break;
    case SQLITE_FLOAT: add(fmt::format("\x01R{}", s.real(col))); break;
    default: add("\x01T" + s.text(col));
  }
}

std::string Digest::hex() const { return fmt::format("{:016x}", h_); }

std::string shard_of(const std::string& region_code, const std::string& agency_key, std::optional<int> year) {
  std::string group;
  if (region_code.size() >= 4) group = region_code.substr(0, 4);
  else if (!region_code.empty()) group = region_code;
  else {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : agency_key) h = (h ^ c) * 1099511628211ULL;
    group = fmt::format("_{:x}", h & 15);
  }
  return fmt::format("{}-{}", group, year ? std::to_string(*year) : "0");
}

namespace {

bool has_column(sql::Connection& db, const std::string& table, const std::string& column) {
  auto s = db.prepare("SELECT count(*) FROM pragma_table_info(?) WHERE name = ?");
  s.bind(1, table).bind(2, column);
  return s.step() && s.int64(0) > 0;
}

// xxgk_shard(region_code, agency_key, year): shard_of for SQL, so index rows come grouped by shard.
void shard_function(sqlite3_context* ctx, int, sqlite3_value** v) {
  auto text = [](sqlite3_value* x) {
    const auto* p = sqlite3_value_text(x);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_value_bytes(x))) : std::string();
  };
  std::optional<int> year;
  if (sqlite3_value_type(v[2]) != SQLITE_NULL) year = sqlite3_value_int(v[2]);
  const std::string s = shard_of(text(v[0]), text(v[1]), year);
  sqlite3_result_text(ctx, s.c_str(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

// xxgk_basename(path): the file name, the name a report without an agency is listed under.
void basename_function(sqlite3_context* ctx, int, sqlite3_value** v) {
  const auto* p = sqlite3_value_text(v[0]);
  std::string_view s = p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_value_bytes(v[0]))) : "";
  if (auto k = s.find_last_of('/'); k != std::string_view::npos) s.remove_prefix(k + 1);
  sqlite3_result_text(ctx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

}  // namespace

namespace {

// Whether the store places reports in regions (schema 2 on: reports.region_code and the regions table).
bool store_has_regions(sql::Connection& db) {
  return has_column(db, "reports", "region_code") && has_column(db, "regions", "province");
}

// The columns of a report's region, read after a row's own columns (with `regions g` joined).
constexpr const char* kRegionColumns = "r.region_code, g.level, r.region_role, g.province, g.city, g.county, g.township";
constexpr const char* kRegionJoin = " LEFT JOIN regions g ON g.code = r.region_code";
constexpr int kRegionWidth = 7;

std::optional<Region> region_at(const sql::Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  Region r;
  r.code = s.text(col);
  r.level = s.opt_text(col + 1).value_or("");
  r.role = s.opt_text(col + 2).value_or("");
  for (int k = 3; k < kRegionWidth; ++k)
    if (auto n = s.opt_text(col + k)) r.names.push_back(*n);
  return r;
}

std::string meta_sql(bool regions) {
  return fmt::format("SELECT d.id, d.revision, d.is_current, d.supersedes, d.processed_at, r.agency_key, r.year, r.status, "
                     "coalesce(r.agency_id, 'name/' || r.agency_key){} "
                     "FROM documents d JOIN reports r ON r.document_id = d.id{} WHERE d.id = ?",
                     regions ? std::string(", ") + kRegionColumns : "", regions ? kRegionJoin : "");
}

}  // namespace

SiteData::SiteData(const std::string& db_path)
    : store_(db_path, Store::Access::read_only),
      has_regions_(store_has_regions(store_.db())),
      meta_(store_.db().prepare(meta_sql(has_regions_))),
      docs_row_(store_.db().prepare("SELECT * FROM documents WHERE id = ?")),
      reports_row_(store_.db().prepare("SELECT * FROM reports WHERE document_id = ?")),
      findings_rows_(store_.db().prepare("SELECT * FROM findings WHERE document_id = ? ORDER BY seq")),
      verdict_rows_(store_.db().prepare(
          "SELECT finding_key, figures, status, verdict, reviewed_verdict, reviewer, reviewed_at, note "
          "FROM finding_verdicts WHERE document_id = ? ORDER BY seq")),
      same_key_(store_.db().prepare(
          "SELECT r2.document_id FROM reports r JOIN reports r2 ON r2.agency_key = r.agency_key AND r2.year = r.year "
          "WHERE r.document_id = ?")),
      same_path_(store_.db().prepare("SELECT d2.id FROM documents d JOIN documents d2 ON d2.path = d.path WHERE d.id = ?")) {
  if (sqlite3_create_function(store_.db().handle(), "xxgk_shard", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, shard_function,
                              nullptr, nullptr) != SQLITE_OK)
    throw sql::StoreError("cannot register xxgk_shard");
  if (sqlite3_create_function(store_.db().handle(), "xxgk_basename", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                              basename_function, nullptr, nullptr) != SQLITE_OK)
    throw sql::StoreError("cannot register xxgk_basename");
}

DocumentMeta SiteData::meta(std::int64_t id) {
  meta_.bind(1, id);
  if (!meta_.step()) {
    meta_.reset();
    throw sql::StoreError(fmt::format("no document with id {}", id));
  }
  DocumentMeta m;
  m.id = meta_.int64(0);
  m.revision = static_cast<int>(meta_.int64(1));
  m.is_current = meta_.int64(2) == 1;
  m.supersedes = meta_.opt_int64(3);
  m.processed_at = meta_.text(4);
  m.agency_key = meta_.opt_text(5);
  m.year = meta_.opt_int(6);
  m.status = meta_.text(7);
  m.review_agency = meta_.opt_text(8);
  if (has_regions_) m.region = region_at(meta_, 9);
  meta_.reset();
  return m;
}

std::vector<std::pair<std::string, std::string>> SiteData::provenance(std::int64_t id) {
  static const std::set<std::string> kShownElsewhere = {"id", "revision", "supersedes", "is_current", "status"};
  std::vector<std::pair<std::string, std::string>> out;
  docs_row_.bind(1, id);
  if (docs_row_.step())
    for (int c = 0; c < sqlite3_column_count(docs_row_.raw()); ++c) {
      const std::string name = sqlite3_column_name(docs_row_.raw(), c);
      if (kShownElsewhere.count(name) || docs_row_.is_null(c)) continue;
      out.emplace_back(name, docs_row_.text(c));
    }
  docs_row_.reset();
  return out;
}

std::vector<std::int64_t> SiteData::history(std::int64_t id) {
  std::set<std::int64_t> seen{id};
  std::vector<std::int64_t> todo{id};
  while (!todo.empty()) {
    const auto at = todo.back();
    todo.pop_back();
    auto add = [&](std::int64_t x) {
      if (seen.insert(x).second) todo.push_back(x);
    };
    for (auto* s : {&same_key_, &same_path_}) {
      s->bind(1, at);
      while (s->step()) add(s->int64(0));
      s->reset();
    }
    if (auto sup = meta(at).supersedes) add(*sup);
  }
  return {seen.begin(), seen.end()};  // ids grow with storing order: oldest first
}

std::string SiteData::fingerprint(std::int64_t id) {
  Digest d;
  // The verdicts too: a review recorded since the last build changes what the page shows.
  for (auto* s : {&docs_row_, &reports_row_, &findings_rows_, &verdict_rows_}) {
    s->bind(1, id);
    while (s->step())
      for (int c = 0; c < sqlite3_column_count(s->raw()); ++c) d.add_column(*s, c);
    s->reset();
    d.add("\x02");
  }
  const auto h = history(id);
  if (h.size() > 1)
    for (auto other : h) {
      const auto m = meta(other);
      d.add(fmt::format("{}|{}|{}|{}|{}", m.id, m.revision, m.is_current, m.processed_at, m.status));
    }
  return d.hex();
}

std::vector<FindingReview> SiteData::finding_reviews(std::int64_t id) {
  std::vector<FindingReview> out;
  verdict_rows_.bind(1, id);
  while (verdict_rows_.step()) {
    auto& s = verdict_rows_;
    out.push_back({s.opt_text(0).value_or(""), s.opt_text(1).value_or(""), s.text(2), s.text(3), s.opt_text(4), s.opt_text(5),
                   s.opt_text(6), s.opt_text(7)});
  }
  verdict_rows_.reset();
  return out;
}

void SiteData::for_each_agency(int part, int parts,
                               const std::function<void(const std::string&, const std::vector<std::int64_t>&)>& fn) {
  auto s = db().prepare(
      "SELECT r.agency_key, r.document_id FROM reports r WHERE r.agency_key IS NOT NULL ORDER BY r.agency_key, r.year, r.document_id");
  std::string key;
  std::vector<std::int64_t> docs;
  auto mine = [&](const std::string& k) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : k) h = (h ^ c) * 1099511628211ULL;
    return static_cast<int>(h % static_cast<std::uint64_t>(parts)) == part;
  };
  auto flush = [&] {
    if (!docs.empty() && mine(key)) fn(key, docs);
    docs.clear();
  };
  while (s.step()) {
    std::string k = s.text(0);
    if (k != key) {
      flush();
      key = std::move(k);
    }
    docs.push_back(s.int64(1));
  }
  flush();
}

std::vector<std::int64_t> SiteData::documents_without_agency() {
  auto s = db().prepare("SELECT document_id FROM reports WHERE agency_key IS NULL ORDER BY document_id");
  std::vector<std::int64_t> out;
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

std::string SiteData::index_select() const {
  std::string keys;
  for (const auto& k : key_figures()) {
    std::vector<std::string> terms;
    for (const auto& [t, row, col] : k.cells)
      terms.push_back(fmt::format("(SELECT value FROM figures g WHERE g.table_id = '{}' AND g.row_id = '{}' AND g.col_id = '{}' "
                                  "AND g.document_id = d.id)",
                                  t, row, col));
    std::string sum;
    for (const auto& t : terms) sum += (sum.empty() ? "" : " + ") + t;
    keys += ", " + sum;
  }
  const std::string region = has_regions_ ? "r.region_code" : "NULL";
  const std::string region_columns = has_regions_ ? kRegionColumns : "NULL, NULL, NULL, NULL, NULL, NULL, NULL";
  return fmt::format(
      "SELECT d.id, r.year, coalesce(r.agency, xxgk_basename(d.path)), d.path, r.agency_key, {0}, r.status, d.format, d.revision, "
      "(SELECT count(*) FROM findings f WHERE f.document_id = d.id AND f.severity = 'error'), "
      "(SELECT count(*) FROM findings f WHERE f.document_id = d.id AND f.severity = 'warning'), "
      "(SELECT group_concat(DISTINCT f.rule) FROM findings f WHERE f.document_id = d.id), "
      "xxgk_shard({0}, r.agency_key, r.year) AS shard, {2}{1}, "
      "(SELECT count(*) FROM finding_verdicts v WHERE v.document_id = d.id AND v.status = 'fail' AND v.verdict <> 'dismissed'), "
      "(SELECT count(*) FROM finding_verdicts v WHERE v.document_id = d.id AND v.status = 'fail' AND v.verdict = 'dismissed') "
      "FROM documents d JOIN reports r ON r.document_id = d.id{3} WHERE d.is_current = 1",
      region, keys, region_columns, has_regions_ ? kRegionJoin : "");
}

IndexRow SiteData::index_row(sql::Statement& s) {
  IndexRow r;
  r.id = s.int64(0);
  r.year = s.opt_int(1);
  r.name = s.text(2);
  if (auto k = s.opt_text(4)) r.agency_page = agency_page_key(*k);
  r.region_code = s.opt_text(5).value_or("");
  r.status = s.text(6);
  r.format = s.text(7);
  r.revision = static_cast<int>(s.int64(8));
  r.errors = static_cast<int>(s.int64(9));
  r.warnings = static_cast<int>(s.int64(10));
  if (auto rules = s.opt_text(11)) {
    std::stringstream in(*rules);
    for (std::string x; std::getline(in, x, ',');) r.rules.push_back(x);
    std::sort(r.rules.begin(), r.rules.end());
  }
  r.shard = s.text(12);
  r.region = region_at(s, 13);
  for (size_t k = 0; k < key_figures().size(); ++k) {
    const int c = 13 + kRegionWidth + static_cast<int>(k);
    if (s.is_null(c)) r.keys.emplace_back();
    else r.keys.emplace_back(s.real(c));
  }
  const int after_keys = 13 + kRegionWidth + static_cast<int>(key_figures().size());
  r.open_findings = s.int64(after_keys);
  r.dismissed_findings = s.int64(after_keys + 1);
  return r;
}

void SiteData::for_each_index_row(const std::function<void(const IndexRow&)>& fn) {
  auto s = db().prepare(index_select() + " ORDER BY shard, d.id");
  while (s.step()) fn(index_row(s));
}

std::vector<int> SiteData::report_years() {
  // Read as the index rows read them (an integer), so a year stored as 2019.0 is 2019.
  auto s = db().prepare("SELECT DISTINCT r.year FROM documents d JOIN reports r ON r.document_id = d.id WHERE d.is_current = 1 AND r.year IS NOT NULL");
  std::set<int, std::greater<int>> years;
  while (s.step())
    if (const int y = static_cast<int>(s.int64(0))) years.insert(y);
  return {years.begin(), years.end()};
}

std::vector<IndexRow> SiteData::first_rows(int limit) {
  auto s = db().prepare(index_select() +
                        " ORDER BY CASE r.status WHEN 'flagged' THEN 0 WHEN 'partial' THEN 1 WHEN 'failed' THEN 2 ELSE 3 END, "
                        "r.year DESC, coalesce(r.agency, xxgk_basename(d.path)), d.id LIMIT ?");
  s.bind(1, limit);
  std::vector<IndexRow> out;
  while (s.step()) out.push_back(index_row(s));
  return out;
}

}  // namespace xxgk::site
