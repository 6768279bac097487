#include "publish/night_report.h"

#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

namespace xxgk {
namespace {

using Key = std::tuple<std::string, std::string, std::string>;

std::map<Key, std::string> figures_of(sql::Connection& db, std::int64_t id) {
  std::map<Key, std::string> out;
  auto q = db.prepare("SELECT table_id, row_id, col_id, raw FROM figures WHERE document_id = ?");
  q.bind(1, id);
  while (q.step()) out[{q.text(0), q.text(1), q.text(2)}] = q.text(3);
  return out;
}

std::set<std::tuple<std::string, std::string, std::string, std::string>> finding_keys(sql::Connection& db, std::int64_t id) {
  std::set<std::tuple<std::string, std::string, std::string, std::string>> out;
  auto q = db.prepare("SELECT rule, coalesce(table_id, ''), coalesce(row_id, ''), coalesce(col_id, '') FROM findings WHERE document_id = ?");
  q.bind(1, id);
  while (q.step()) out.insert({q.text(0), q.text(1), q.text(2), q.text(3)});
  return out;
}

std::string or_dash(const std::optional<std::string>& s) { return s ? *s : "-"; }

template <class T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json document_json(const NightDocument& d) {
  nlohmann::json j = {{"document_id", d.document_id}, {"path", d.path},          {"status", d.status},
                      {"revision", d.revision},       {"supersedes", opt(d.supersedes)}, {"agency", opt(d.agency)},
                      {"year", opt(d.year)},          {"title", opt(d.title)},    {"url", opt(d.url)},
                      {"page_url", opt(d.page_url)},  {"published", opt(d.published)}, {"fetched_at", opt(d.fetched_at)}};
  if (d.error_code) j["error"] = {{"code", *d.error_code}, {"message", or_dash(d.error_message)}};
  if (d.supersedes) {
    j["changed_figures"] = nlohmann::json::array();
    for (const auto& f : d.changed_figures)
      j["changed_figures"].push_back(
          {{"table", f.table}, {"row", f.row}, {"col", f.col}, {"before", opt(f.before)}, {"after", opt(f.after)}});
  }
  return j;
}

}  // namespace

NightReport read_night(Store& store, std::int64_t fetch_run, std::int64_t after_document_id) {
  NightReport n;
  auto& db = store.db();
  n.fetch_run = fetch_run;
  {
    auto q = db.prepare("SELECT started_at, coalesce(finished_at, ''), requests, bytes, new_files, revised_files, status "
                        "FROM fetch_runs WHERE id = ?");
    q.bind(1, fetch_run);
    if (q.step()) {
      n.started_at = q.text(0);
      n.finished_at = q.text(1);
      n.requests = q.int64(2);
      n.bytes = q.int64(3);
      n.new_files = static_cast<int>(q.int64(4));
      n.revised_files = static_cast<int>(q.int64(5));
      n.interrupted = q.text(6) == "interrupted";
    }
  }
  auto q = db.prepare(
      "SELECT d.id, d.path, d.status, d.revision, d.supersedes, r.agency, r.year, r.title, d.error_code, d.error_message, "
      "f.url, f.page_url, f.published, f.fetched_at "
      "FROM documents d JOIN reports r ON r.document_id = d.id "
      "LEFT JOIN fetched_files f ON f.id = (SELECT id FROM fetched_files WHERE sha256 = d.sha256 ORDER BY fetched_at, id LIMIT 1) "
      "WHERE d.id > ? ORDER BY d.id");
  q.bind(1, after_document_id);
  std::vector<NightDocument> docs;
  while (q.step()) {
    NightDocument d;
    d.document_id = q.int64(0);
    d.path = q.text(1);
    d.status = q.text(2);
    d.revision = static_cast<int>(q.int64(3));
    d.supersedes = q.opt_int64(4);
    d.agency = q.opt_text(5);
    d.year = q.opt_int(6);
    d.title = q.opt_text(7);
    d.error_code = q.opt_text(8);
    d.error_message = q.opt_text(9);
    d.url = q.opt_text(10);
    d.page_url = q.opt_text(11);
    d.published = q.opt_text(12);
    d.fetched_at = q.opt_text(13);
    docs.push_back(std::move(d));
  }
  for (auto& d : docs) {
    std::set<std::tuple<std::string, std::string, std::string, std::string>> before_findings;
    if (d.supersedes) {
      const auto before = figures_of(db, *d.supersedes), after = figures_of(db, d.document_id);
      for (const auto& [k, raw] : after) {
        const auto it = before.find(k);
        if (it == before.end()) d.changed_figures.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), std::nullopt, raw});
        else if (it->second != raw) d.changed_figures.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), it->second, raw});
      }
      for (const auto& [k, raw] : before)
        if (!after.count(k)) d.changed_figures.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), raw, std::nullopt});
      before_findings = finding_keys(db, *d.supersedes);
    }
    auto f = db.prepare(
        "SELECT rule, severity, status, table_id, row_id, col_id, message_zh, message_en FROM findings "
        "WHERE document_id = ? AND severity IN ('error', 'warning') ORDER BY seq");
    f.bind(1, d.document_id);
    while (f.step()) {
      NightFinding nf{d.document_id, d.agency, d.year, f.text(0), f.text(1), f.text(2), f.opt_text(3), f.opt_text(4),
                      f.opt_text(5), f.text(6), f.text(7)};
      if (before_findings.count({nf.rule, nf.table.value_or(""), nf.row.value_or(""), nf.col.value_or("")})) continue;
      n.new_findings.push_back(std::move(nf));
    }
    if (d.status == "failed") n.failed_documents.push_back(d);
    else if (d.supersedes || d.revision > 1) n.revised_reports.push_back(std::move(d));
    else n.new_reports.push_back(std::move(d));
  }
  auto p = db.prepare(
      "SELECT s.agency, p.host, p.url, p.kind, p.http_status, p.message FROM fetch_problems p "
      "LEFT JOIN fetch_sources s ON s.id = p.source_id WHERE p.run_id = ? ORDER BY p.rowid");
  p.bind(1, fetch_run);
  while (p.step()) n.sources_failed.push_back({p.opt_text(0), p.opt_text(1), p.opt_text(2), p.text(3), p.opt_int(4), p.text(5)});
  return n;
}

void write_night_text(std::FILE* out, const NightReport& n, const std::string& lang) {
  const bool en = lang == "en";
  fmt::print(out, "xxgk nightly: what changed tonight (fetch run {}, {} → {}){}\n", n.fetch_run, n.started_at, n.finished_at,
             n.interrupted ? " — stopped before the end" : "");
  fmt::print(out, "  fetched: {} new files, {} revised, {} requests, {:.1f} MB\n", n.new_files, n.revised_files, n.requests,
             static_cast<double>(n.bytes) / (1024.0 * 1024.0));
  auto name = [](const NightDocument& d) {
    return fmt::format("{} {}", d.agency.value_or("(agency not read)"), d.year ? std::to_string(*d.year) : "(year not read)");
  };
  fmt::print(out, "new reports: {}\n", n.new_reports.size());
  for (const auto& d : n.new_reports)
    fmt::print(out, "  {} [{}] {}{}\n", name(d), d.status, d.url.value_or(d.path),
               d.published ? " (published " + *d.published + ")" : "");
  fmt::print(out, "revised reports: {}\n", n.revised_reports.size());
  for (const auto& d : n.revised_reports) {
    fmt::print(out, "  {} [{}] revision {} of document {}: {} figure(s) changed {}\n", name(d), d.status, d.revision,
               d.supersedes.value_or(0), d.changed_figures.size(), d.url.value_or(d.path));
    for (const auto& f : d.changed_figures)
      fmt::print(out, "    {}.{}.{}: {} → {}\n", f.table, f.row, f.col, f.before ? "\"" + *f.before + "\"" : "(none)",
                 f.after ? "\"" + *f.after + "\"" : "(none)");
  }
  fmt::print(out, "new findings: {}\n", n.new_findings.size());
  for (const auto& f : n.new_findings)
    fmt::print(out, "  {} {}: {} {}: {}\n", f.agency.value_or("?"), f.year ? std::to_string(*f.year) : "?", f.severity, f.rule,
               en ? f.message_en : f.message_zh);
  fmt::print(out, "failed documents: {}\n", n.failed_documents.size());
  for (const auto& d : n.failed_documents)
    fmt::print(out, "  {} {}: {}\n", d.url.value_or(d.path), or_dash(d.error_code), or_dash(d.error_message));
  fmt::print(out, "sources failed or blocked: {}\n", n.sources_failed.size());
  for (const auto& p : n.sources_failed)
    fmt::print(out, "  {} [{}{}] {}\n", p.agency.value_or("(sources file)"), p.kind,
               p.http_status ? fmt::format(" {}", *p.http_status) : "", p.message);
  const std::string last_year = n.today.size() >= 4 ? std::to_string(std::stoi(n.today.substr(0, 4)) - 1) : "last year";
  if (!n.missing_reports) {
    fmt::print(out, "missing reports for {} past the legal deadline (as of {}): not computed (the sources file could not "
                    "be read as a roster)\n", last_year, n.today);
  } else {
    fmt::print(out, "missing reports for {} past the legal deadline (as of {}): {}\n", last_year, n.today,
               n.missing_reports->size());
    for (const auto& m : *n.missing_reports)
      fmt::print(out, "  {} {} {}: {} (due {})\n", m.region.empty() ? "-" : m.region, m.agency, m.year, m.state, m.due);
  }
}

nlohmann::json night_json(const NightReport& n) {
  nlohmann::json j;
  j["schema"] = "xxgk.nightly/1";
  j["run"] = {{"fetch_run", n.fetch_run},     {"started_at", n.started_at}, {"finished_at", n.finished_at},
              {"today", n.today},             {"exit_status", n.exit_status}, {"interrupted", n.interrupted}};
  j["fetch"] = {{"new_files", n.new_files}, {"revised_files", n.revised_files}, {"requests", n.requests}, {"bytes", n.bytes}};
  for (const char* k : {"new_reports", "revised_reports", "failed_documents", "new_findings", "sources_failed"})
    j[k] = nlohmann::json::array();
  for (const auto& d : n.new_reports) j["new_reports"].push_back(document_json(d));
  for (const auto& d : n.revised_reports) j["revised_reports"].push_back(document_json(d));
  for (const auto& d : n.failed_documents) j["failed_documents"].push_back(document_json(d));
  for (const auto& f : n.new_findings)
    j["new_findings"].push_back({{"document_id", f.document_id}, {"agency", opt(f.agency)}, {"year", opt(f.year)},
                                 {"rule", f.rule}, {"severity", f.severity}, {"status", f.status}, {"table", opt(f.table)},
                                 {"row", opt(f.row)}, {"col", opt(f.col)}, {"message_zh", f.message_zh},
                                 {"message_en", f.message_en}});
  for (const auto& p : n.sources_failed)
    j["sources_failed"].push_back({{"agency", opt(p.agency)}, {"host", opt(p.host)}, {"url", opt(p.url)}, {"kind", p.kind},
                                   {"http_status", opt(p.http_status)}, {"message", p.message}});
  if (n.missing_reports) {
    j["missing_reports"] = nlohmann::json::array();
    for (const auto& m : *n.missing_reports)
      j["missing_reports"].push_back({{"agency", m.agency}, {"region", m.region.empty() ? nlohmann::json() : nlohmann::json(m.region)},
                                      {"year", m.year}, {"state", m.state}, {"due", m.due}});
  } else {
    j["missing_reports"] = nullptr;
  }
  return j;
}

}  // namespace xxgk
