#include "publish/site/indicator_rows.h"

#include "indicators/definitions.h"
#include "regions/divisions.h"

#include <fmt/format.h>

#include <unordered_set>

namespace xxgk::site {

namespace {

int role_order(const std::string& role) {
  constexpr std::string_view kOrder[] = {"government", "department", "unplaced"};
  for (int i = 0; i < 3; ++i)
    if (role == kOrder[i]) return i;
  return 3;
}

// The first string after every string that starts with `prefix` (never empty: UTF-8 has no 0xff).
std::string prefix_end(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

std::optional<double> number_at(const sql::Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return s.real(col);
}

// A subtree is a range of region codes: "" every report (those not placed too), else [code, end).
constexpr const char* kInSubtree = " AND region_code >= ?5 AND region_code < ?6";

}  // namespace

std::string ranking_region(const std::string& region_code, const std::string& role) {
  return role == "government" ? std::string(regions::parent_code(region_code)) : region_code;
}

IndicatorRows::IndicatorRows(Store& store) : db_("", sql::Connection::Mode::read_write_create) {
  // Scratch: nothing here outlives the build, so no journal and no syncing.
  db_.exec(
      "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
      "CREATE TABLE report(document_id INTEGER PRIMARY KEY, region_code TEXT NOT NULL, ranked_in TEXT NOT NULL, year INTEGER NOT NULL,"
      " role_order INTEGER NOT NULL, role TEXT NOT NULL, agency_key TEXT NOT NULL DEFAULT '');"
      // Untyped value columns: a number comes back exactly as it was read from the store. `n` keeps
      // rows apart that nothing else would. (Keys are typed as what they are joined with: an index is
      // used for a join only when the affinities agree.)
      "CREATE TABLE value(year INTEGER, role_order INTEGER, role TEXT, k INTEGER, region_code TEXT, document_id INTEGER, n INTEGER,"
      " agency_id TEXT, agency TEXT, value, numerator, denominator, null_reason TEXT, marked INTEGER,"
      " PRIMARY KEY (year, role_order, role, k, region_code, document_id, n)) WITHOUT ROWID;"
      "CREATE TABLE rank(document_id INTEGER, k INTEGER, why INTEGER, rank INTEGER, PRIMARY KEY (document_id, k)) WITHOUT ROWID;"
      "CREATE TABLE ranking_size(region TEXT, year INTEGER, role TEXT, k INTEGER, of INTEGER, PRIMARY KEY (region, year, role, k)) WITHOUT ROWID;"
      "BEGIN");
  const auto& defs = indicator_defs();
  {
    auto report = db_.prepare(
        "INSERT OR IGNORE INTO report(document_id, region_code, ranked_in, year, role_order, role) VALUES (?, ?, ?, ?, ?, ?)");
    auto value = db_.prepare("INSERT INTO value VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::int64_t n = 0;
    for_each_indicator_row(store, {}, [&](const IndicatorReportRow& row) {
      const AgencyValue& a = row.value;
      const int order = role_order(row.role);
      report.bind(1, a.document_id).bind(2, row.region_code).bind(3, ranking_region(row.region_code, row.role)).bind(4, row.year);
      report.bind(5, order).bind(6, row.role).run();
      value.bind(1, row.year).bind(2, order).bind(3, row.role).bind(4, static_cast<int>(row.def - defs.data())).bind(5, row.region_code);
      value.bind(6, a.document_id).bind(7, n++).bind(8, a.agency_id).bind(9, a.agency).bind(10, a.value).bind(11, a.numerator);
      value.bind(12, a.denominator).bind(13, a.null_reason).bind(14, a.marked ? 1 : 0).run();
    });
  }
  {
    auto keys = store.db().prepare("SELECT document_id, agency_key FROM reports WHERE agency_key IS NOT NULL");
    auto set = db_.prepare("UPDATE report SET agency_key = ? WHERE document_id = ?");
    while (keys.step()) set.bind(1, keys.text(1)).bind(2, keys.int64(0)).run();
  }
  db_.exec("CREATE INDEX report_by_region ON report(region_code); CREATE INDEX report_by_ranking ON report(ranked_in); COMMIT");
  rank_in_regions();
}

void IndicatorRows::for_each_result(const std::string& region, const ResultFn& fn) const {
  std::lock_guard lock(mu_);
  const bool all = region.empty();
  const std::string end = prefix_end(region);
  // The (year, role) groups the subtree holds …
  std::vector<std::tuple<int, int, std::string>> groups;
  {
    auto s = db_.cached(all ? "SELECT DISTINCT year, role_order, role FROM report ORDER BY 1, 2, 3"
                            : "SELECT DISTINCT year, role_order, role FROM report WHERE region_code >= ?1 AND region_code < ?2 ORDER BY 1, 2, 3");
    if (!all) s->bind(1, region).bind(2, end);
    while (s->step()) groups.emplace_back(static_cast<int>(s->int64(0)), static_cast<int>(s->int64(1)), s->text(2));
  }
  // … and in each, every indicator's values in region-code order (the order the sums are added in).
  const std::string values = fmt::format(
      "SELECT document_id, agency_id, agency, value, numerator, denominator, null_reason, marked FROM value "
      "WHERE year = ?1 AND role_order = ?2 AND role = ?3 AND k = ?4{} ORDER BY region_code, document_id, n",
      all ? "" : kInSubtree);
  const auto& defs = indicator_defs();
  for (const auto& [year, order, role] : groups)
    for (size_t k = 0; k < defs.size(); ++k) {
      IndicatorGroupResult res;
      res.def = &defs[k];
      {
        auto s = db_.cached(values);
        s->bind(1, year).bind(2, order).bind(3, role).bind(4, static_cast<int>(k));
        if (!all) s->bind(5, region).bind(6, end);
        while (s->step()) {
          AgencyValue a{s->text(1), s->text(2), s->int64(0), number_at(*s, 3), number_at(*s, 4), number_at(*s, 5), s->opt_text(6),
                        s->int64(7) == 1, 0};
          add_to_sums(res, a);
          add_to_ranking(res, std::move(a));
        }
      }
      finish_sums(res);
      finish_ranking(res);
      fn(year, role, res);
    }
}

void IndicatorRows::rank_in_regions() {
  std::lock_guard lock(mu_);
  // Each ranking region once: its subtree ranked, the places of the reports ranked in it kept, and
  // the size of each ranking (what an agency with no value there is told).
  std::vector<std::string> codes;
  {
    auto s = db_.prepare("SELECT DISTINCT ranked_in FROM report WHERE region_code <> '' ORDER BY 1");
    while (s.step()) codes.push_back(s.text(0));
  }
  const auto& defs = indicator_defs();
  auto members = db_.prepare("SELECT document_id FROM report WHERE ranked_in = ? AND region_code <> ''");
  auto size = db_.prepare("INSERT INTO ranking_size(region, year, role, k, of) VALUES (?, ?, ?, ?, ?)");
  auto place = db_.prepare("INSERT INTO rank(document_id, k, why, rank) VALUES (?, ?, ?, ?)");
  db_.exec("BEGIN");
  for (const auto& code : codes) {
    std::unordered_set<std::int64_t> here;
    members.bind(1, code);
    while (members.step()) here.insert(members.int64(0));
    members.reset();
    for_each_result(code, [&](int year, const std::string& role, IndicatorGroupResult& r) {
      const int k = static_cast<int>(r.def - defs.data());
      size.bind(1, code).bind(2, year).bind(3, role).bind(4, k).bind(5, static_cast<std::int64_t>(r.ranked.size())).run();
      for (const auto& a : r.ranked)
        if (here.count(a.document_id))
          place.bind(1, a.document_id).bind(2, k).bind(3, static_cast<int>(RankPosition::Why::ranked)).bind(4, a.rank).run();
      for (const auto& a : r.under_minimum)
        if (here.count(a.document_id)) place.bind(1, a.document_id).bind(2, k).bind(3, static_cast<int>(RankPosition::Why::under_minimum)).bind(4, 0).run();
    });
  }
  db_.exec("COMMIT");
}

std::string IndicatorRows::agency_key(std::int64_t document_id) const {
  std::lock_guard lock(mu_);
  auto s = db_.cached("SELECT agency_key FROM report WHERE document_id = ?");
  s->bind(1, document_id);
  return s->step() ? s->text(0) : std::string();
}

std::vector<RankPosition> IndicatorRows::positions(std::int64_t document_id) const {
  std::lock_guard lock(mu_);
  const size_t k_count = indicator_defs().size();
  // A report ranked in no region (not placed) is told so; one ranked, its place or, with no value or
  // no row for an indicator, how many that ranking ranks.
  auto s = db_.cached(
      "SELECT r.region_code = '', z.k, z.of, p.why, p.rank FROM report r "
      "LEFT JOIN ranking_size z ON z.region = r.ranked_in AND z.year = r.year AND z.role = r.role AND r.region_code <> '' "
      "LEFT JOIN rank p ON p.document_id = r.document_id AND p.k = z.k WHERE r.document_id = ?");
  s->bind(1, document_id);
  std::vector<RankPosition> out;
  while (s->step()) {
    if (out.empty()) out.assign(k_count, RankPosition{});
    if (s->int64(0) == 1) {
      for (auto& p : out) p.why = RankPosition::Why::unplaced;
      break;
    }
    if (s->is_null(1)) continue;
    const auto k = static_cast<size_t>(s->int64(1));
    if (k >= k_count) continue;
    RankPosition& p = out[k];
    p.of = static_cast<std::int32_t>(s->int64(2));
    if (!s->is_null(3)) {
      p.why = static_cast<RankPosition::Why>(s->int64(3));
      p.rank = static_cast<std::int32_t>(s->int64(4));
    }
  }
  return out;
}

std::string IndicatorRows::positions_key(std::int64_t document_id) const {
  const auto p = positions(document_id);
  if (p.empty()) return "-";
  std::string out;
  for (const auto& x : p) out += fmt::format("{}:{}/{};", static_cast<int>(x.why), x.rank, x.of);
  return out;
}

}  // namespace xxgk::site
