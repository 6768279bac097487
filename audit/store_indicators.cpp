// What schema 5 stores beside each report: its indicators, and each finding's key and figures
// (docs/schema.md), and the backfill that gives them to reports stored before.
#include "audit/store.h"

#include "audit/report_codec.h"
#include "indicators/compute.h"
#include "output/json_line.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cmath>

namespace xxgk {
namespace {

std::string json_list(const std::vector<std::string>& items) {
  std::string out;
  JsonLine(out).strings(items);
  return out;
}

void bind_optional_number(sql::Statement& s, int i, std::optional<double> v) {
  if (!v) s.bind_null(i);
  else if (std::floor(*v) == *v && std::fabs(*v) < 9e15) s.bind(i, static_cast<std::int64_t>(*v));
  else s.bind(i, *v);
}

}  // namespace

Store::FindingContext Store::finding_context(std::int64_t id) {
  auto s = db_.cached(
      "SELECT r.agency_id, r.agency_key, r.year, d.sha256 FROM reports r JOIN documents d ON d.id = r.document_id "
      "WHERE r.document_id = ?");
  s->bind(1, id);
  if (!s->step()) throw sql::StoreError("no report for document " + std::to_string(id));
  return FindingContext{finding_identity(s->opt_text(0), s->opt_text(1), s->text(3)), s->opt_int(2)};
}

std::optional<FindingCell> Store::stored_cell(std::int64_t id, const CellAddress& c) {
  // `+` keeps SQLite on the primary key (this document's rows) even in a store whose owner made an
  // index by cell (docs/schema.md), which holds that cell of every document in the store.
  auto s = db_.cached(
      "SELECT value, raw FROM figures WHERE document_id = ? AND +table_id = ? AND +row_id = ? AND +col_id = ? "
      "ORDER BY seq LIMIT 1");
  s->bind(1, id).bind(2, c.table).bind(3, c.row).bind(4, c.col);
  if (!s->step()) return std::nullopt;
  FindingCell v;
  if (!s->is_null(0)) v.value = s->is_integer(0) ? static_cast<double>(s->int64(0)) : s->real(0);
  v.raw = s->text(1);
  return v;
}

void Store::rekey_findings(std::int64_t id) {
  const FindingContext context = finding_context(id);
  auto q = db_.cached(
      "SELECT seq, rule, table_id, row_id, col_id, expected, actual, cells FROM findings WHERE document_id = ? ORDER BY seq");
  auto upd = db_.cached("UPDATE findings SET finding_key = ?, figures = ? WHERE document_id = ? AND seq = ?");
  std::vector<std::pair<std::int64_t, Finding>> findings;
  q->bind(1, id);
  while (q->step()) {
    Finding f;
    f.rule = q->text(1);
    f.table = q->opt_text(2);
    f.row = q->opt_text(3);
    f.col = q->opt_text(4);
    if (!q->is_null(5)) f.expected = q->is_integer(5) ? static_cast<double>(q->int64(5)) : q->real(5);
    if (!q->is_null(6)) f.actual = q->is_integer(6) ? static_cast<double>(q->int64(6)) : q->real(6);
    f.cells = cells_from_json(nlohmann::json::parse(q->text(7)));
    findings.emplace_back(q->int64(0), std::move(f));
  }
  q->reset();
  for (const auto& [seq, f] : findings) {
    upd->bind(1, finding_key(context.identity, context.year, f));
    upd->bind(2, finding_figures(f, [&](const CellAddress& c) { return stored_cell(id, c); }));
    upd->bind(3, id).bind(4, seq).run();
  }
}

void Store::write_indicators(std::int64_t id, const Report& r) {
  const auto values = compute_indicators(r);
  db_.insert_rows("INSERT INTO indicators(document_id, seq, indicator, value, numerator, denominator, null_reason, "
                  "null_operands, failing_rules, marked)",
                  10, values.size(), [&](sql::Statement& s, int p, size_t i) {
                    const auto& v = values[i];
                    s.bind(p, id).bind(p + 1, static_cast<std::int64_t>(i)).bind_static(p + 2, v.def->id);
                    if (v.value) s.bind(p + 3, *v.value);  // a rate is a REAL even when whole; a count reads back as one
                    else s.bind_null(p + 3);
                    bind_optional_number(s, p + 4, v.numerator);
                    bind_optional_number(s, p + 5, v.denominator);
                    s.bind(p + 6, v.null_reason).bind(p + 7, json_list(v.null_operands)).bind(p + 8, json_list(v.failing_rules));
                    s.bind(p + 9, v.failing_rules.empty() ? 0 : 1);
                  });
}

void Store::backfill() {
  std::vector<std::int64_t> indicators, keys;
  {
    auto s = db_.prepare(
        "SELECT r.document_id FROM reports r WHERE r.status <> 'failed' "
        "AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.document_id = r.document_id) ORDER BY 1");
    while (s.step()) indicators.push_back(s.int64(0));
    auto k = db_.prepare("SELECT DISTINCT document_id FROM findings WHERE finding_key IS NULL ORDER BY 1");
    while (k.step()) keys.push_back(k.int64(0));
  }
  if (indicators.empty() && keys.empty()) return;
  sql::Transaction tx(db_);
  for (const auto id : keys) rekey_findings(id);
  for (const auto id : indicators) write_indicators(id, load(id));
  tx.commit();
  spdlog::info("gave {} stored reports their indicators and {} their findings' keys (a store from before schema 5)",
               indicators.size(), keys.size());
}

}  // namespace xxgk
