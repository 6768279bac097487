#include "audit/merge.h"

#include "audit/schema.h"
#include "audit/store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <queue>
#include <set>
#include <unordered_map>

namespace xxgk {
namespace {

namespace fs = std::filesystem;

// The tables Store::store writes for a document (with the regions it places them in); every other
// table is copied generically.
const std::set<std::string> kStoredByReplay = {"meta",     "documents", "reports",   "figures",
                                                "findings", "sections",  "regions",   "indicators"};

std::string quoted(const std::string& name) {
  std::string q = "\"";
  for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// One shard's documents in (path, id) order, read as the merge goes.
struct Cursor {
  size_t shard = 0;
  sql::Statement rows;
  bool has_row = false;
  std::string path;
  explicit Cursor(size_t s, sql::Connection& db)
      : shard(s), rows(db.prepare("SELECT id, path, sha256, processed_at, status FROM documents ORDER BY path, id")) {
    advance();
  }
  void advance() {
    has_row = rows.step();
    if (has_row) path = rows.text(1);
  }
};

struct Later {  // priority_queue puts the greatest first: the cursor whose (path, shard) comes later is "less"
  bool operator()(const Cursor* a, const Cursor* b) const {
    if (a->path != b->path) return a->path > b->path;
    return a->shard > b->shard;
  }
};

// shard-local document id → (target id, stored by this merge)
using DocumentMap = std::unordered_map<std::int64_t, std::pair<std::int64_t, bool>>;

struct TableInfo {
  std::string name;
  std::vector<std::string> columns;
  std::optional<size_t> rowid_column;                 // an INTEGER PRIMARY KEY: renumbered in the target
  std::vector<std::pair<size_t, std::string>> refs;   // column → referenced table
};

std::vector<TableInfo> other_tables(sql::Connection& db) {
  std::vector<TableInfo> tables;
  auto list = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  while (list.step())
    if (!kStoredByReplay.count(list.text(0))) tables.push_back(TableInfo{list.text(0), {}, {}, {}});
  for (auto& t : tables) {
    auto cols = db.prepare("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid");
    cols.bind(1, t.name);
    int pks = 0;
    std::optional<size_t> pk;
    while (cols.step()) {
      if (cols.int64(2) > 0) {
        ++pks;
        std::string type = cols.text(1);
        std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        if (type == "INTEGER") pk = t.columns.size();
      }
      t.columns.push_back(cols.text(0));
    }
    if (pks == 1) t.rowid_column = pk;
    auto fks = db.prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)");
    fks.bind(1, t.name);
    while (fks.step()) {
      const auto it = std::find(t.columns.begin(), t.columns.end(), fks.text(0));
      if (it != t.columns.end()) t.refs.emplace_back(static_cast<size_t>(it - t.columns.begin()), fks.text(1));
    }
  }
  // Referenced tables first (a table referencing itself or a cycle keeps its place).
  std::vector<TableInfo> ordered;
  std::set<std::string> placed;
  while (!tables.empty()) {
    auto ready = std::find_if(tables.begin(), tables.end(), [&](const TableInfo& t) {
      return std::all_of(t.refs.begin(), t.refs.end(), [&](const auto& r) {
        return r.second == t.name || kStoredByReplay.count(r.second) || placed.count(r.second) ||
               std::none_of(tables.begin(), tables.end(), [&](const TableInfo& u) { return u.name == r.second; });
      });
    });
    if (ready == tables.end()) ready = tables.begin();
    placed.insert(ready->name);
    ordered.push_back(std::move(*ready));
    tables.erase(ready);
  }
  return ordered;
}

// Copies the rows of the tables the replay does not write, remapping references.
void copy_other_tables(sql::Connection& from, sql::Connection& to, const DocumentMap& documents, MergeSummary& sum) {
  std::map<std::string, std::unordered_map<std::int64_t, std::int64_t>> renumbered;  // table → old rowid → new
  for (const auto& t : other_tables(from)) {
    auto has = to.prepare("SELECT count(*) FROM pragma_table_info(?)");
    has.bind(1, t.name);
    has.step();
    if (has.int64(0) == 0) {  // the same schema version, so a table of someone's own: not ours to add
      spdlog::warn("{}: table {} is not in the target; its rows are not merged", from.path(), t.name);
      continue;
    }
    std::vector<size_t> kept;  // the columns written (all but a renumbered rowid)
    for (size_t c = 0; c < t.columns.size(); ++c)
      if (c != t.rowid_column) kept.push_back(c);
    std::string cols, marks, same;
    for (size_t i = 0; i < kept.size(); ++i) {
      cols += (i ? ", " : "") + quoted(t.columns[kept[i]]);
      marks += i ? ", ?" : "?";
      same += fmt::format("{}{} IS ?{}", i ? " AND " : "", quoted(t.columns[kept[i]]), i + 1);
    }
    std::string all_cols;
    for (size_t c = 0; c < t.columns.size(); ++c) all_cols += (c ? ", " : "") + quoted(t.columns[c]);
    auto rows = from.prepare(fmt::format("SELECT {} FROM {}", all_cols, quoted(t.name)));
    auto insert = to.prepare(fmt::format("INSERT OR IGNORE INTO {}({}) VALUES ({})", quoted(t.name), cols, marks));
    // Only a renumbered key needs reading back; a WITHOUT ROWID table has no rowid to select.
    const std::string key = t.rowid_column ? quoted(t.columns[*t.rowid_column]) : "1";
    auto existing = to.prepare(fmt::format("SELECT {} FROM {} WHERE {} LIMIT 1", key, quoted(t.name), same.empty() ? "1" : same));
    const bool by_document = std::any_of(t.refs.begin(), t.refs.end(), [](const auto& r) { return r.second == "documents"; });
    size_t copied = 0;
    while (rows.step()) {
      std::vector<std::optional<std::int64_t>> remapped(t.columns.size());
      bool keep = true, new_document = false;
      for (const auto& [c, table] : t.refs) {
        if (rows.is_null(static_cast<int>(c))) continue;
        const std::int64_t old = rows.int64(static_cast<int>(c));
        if (table == "documents") {
          const auto it = documents.find(old);
          if (it == documents.end()) keep = false;
          else remapped[c] = it->second.first, new_document = new_document || it->second.second;
        } else if (renumbered.count(table)) {
          const auto& m = renumbered[table];
          const auto it = m.find(old);
          if (it == m.end()) keep = false;
          else remapped[c] = it->second;
        }
      }
      if (!keep || (by_document && !new_document)) continue;  // its document was merged before
      auto bind_row = [&](sql::Statement& s) {
        for (size_t i = 0; i < kept.size(); ++i) {
          const size_t c = kept[i];
          if (remapped[c]) s.bind(static_cast<int>(i + 1), *remapped[c]);
          else sqlite3_bind_value(s.raw(), static_cast<int>(i + 1), sqlite3_column_value(rows.raw(), static_cast<int>(c)));
        }
      };
      std::optional<std::int64_t> now;
      if (!by_document) {  // a row not tied to a document: copied once
        bind_row(existing);
        if (existing.step()) now = existing.int64(0);
        existing.reset();
      }
      if (!now) {
        bind_row(insert);
        insert.run();
        if (to.changes() == 1) {
          now = to.last_insert_id();
          ++copied;
        }
      }
      if (t.rowid_column && now) renumbered[t.name][rows.int64(static_cast<int>(*t.rowid_column))] = *now;
    }
    if (copied) sum.rows_copied[t.name] += copied;
  }
}

}  // namespace

std::string merge_refusal(const std::string& shard, const std::string& target) {
  std::error_code ec;
  if (!fs::is_regular_file(shard, ec)) return fmt::format("{}: no such file", shard);
  if (fs::exists(target, ec) && fs::equivalent(shard, target, ec)) return fmt::format("{}: this is the target itself", shard);
  {
    std::ifstream in(shard, std::ios::binary);
    char head[16] = {};
    in.read(head, sizeof head);
    if (in.gcount() != 16 || std::string_view(head, 16) != std::string_view("SQLite format 3\0", 16))
      return fmt::format("{}: not an SQLite database, so not an xxgk store", shard);
  }
  if (fs::file_size(shard + "-wal", ec) > 0 && !ec)
    return fmt::format(
        "{}: it has a write-ahead log ({}-wal): its audit is still running or was killed. Let it finish, or run that "
        "shard's `xxgk audit` again (it resumes where it stopped), then merge it",
        shard, shard);
  try {
    sql::Connection db(shard, sql::Connection::Mode::snapshot);
    const auto version = db.scalar_int("PRAGMA user_version");
    const bool has_meta = db.scalar_int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") == 1;
    if (version == 0 || !has_meta || db.scalar_int("SELECT count(*) FROM meta WHERE key = 'application' AND value = 'xxgk'") != 1)
      return fmt::format("{}: an SQLite database but not an xxgk store (no xxgk schema version)", shard);
    if (version != kStoreSchemaVersion)
      return fmt::format(
          "{}: an xxgk store of schema version {}, this xxgk writes version {}. Merge it with the xxgk that wrote it, "
          "or audit that shard again with this one",
          shard, version, kStoreSchemaVersion);
  } catch (const sql::StoreError& e) {
    return fmt::format("{}: cannot be read as an SQLite database ({})", shard, e.what());
  }
  return {};
}

MergeSummary merge_stores(const std::string& target, const std::vector<std::string>& shard_paths) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> refused;
  for (const auto& s : shard_paths)
    if (auto why = merge_refusal(s, target); !why.empty()) refused.push_back(why);
  if (!refused.empty()) {
    std::string msg = "nothing merged, no file changed:";
    for (const auto& r : refused) msg += "\n  " + r;
    throw MergeRefused(msg);
  }
  MergeSummary sum;
  sum.shards = shard_paths.size();
  std::error_code ec;
  sum.created = !fs::exists(target, ec);
  // A new target is built beside its final name and renamed into place once complete.
  const std::string building = sum.created ? target + ".merging" : target;
  if (sum.created)
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(building + suffix, ec);
  {
    Store to(building);
    // A new target is a file of its own until renamed: written through a rollback journal, which
    // holds nothing for pages that did not exist, instead of a log that would hold the whole store
    // until the one commit; it is a WAL store again, like any audit's, once complete.
    if (sum.created) to.db().exec("PRAGMA journal_mode = DELETE");
    to.refresh_regions();  // as `xxgk audit` does before adding to a store
    std::vector<std::unique_ptr<Store>> shards;
    for (const auto& s : shard_paths) shards.push_back(std::make_unique<Store>(s, Store::Access::snapshot));
    std::vector<DocumentMap> maps(shards.size());

    sql::Transaction tx(to.db());
    std::vector<std::unique_ptr<Cursor>> cursors;
    std::priority_queue<Cursor*, std::vector<Cursor*>, Later> next;
    for (size_t i = 0; i < shards.size(); ++i) {
      cursors.push_back(std::make_unique<Cursor>(i, shards[i]->db()));
      if (cursors.back()->has_row) next.push(cursors.back().get());
    }
    auto target_id = to.db().prepare("SELECT id FROM documents WHERE sha256 = ?");
    while (!next.empty()) {
      Cursor* c = next.top();
      next.pop();
      const std::int64_t id = c->rows.int64(0);
      const std::string sha256 = c->rows.text(2);
      const std::string processed_at = c->rows.text(3);
      const bool failed_here = c->rows.text(4) == "failed";
      ++sum.documents;
      Report r = shards[c->shard]->load(id);
      // The shard compared years among its own documents only: compared again over the whole.
      std::erase_if(r.findings, [](const Finding& f) { return is_cross_year_rule(f.rule); });
      r.status = verdict(r.status, r.findings);
      const StoreOutcome out = to.store(r, processed_at, !failed_here);
      if (out.skipped) {
        ++sum.skipped;
        target_id.bind(1, sha256);
        if (target_id.step()) maps[c->shard][id] = {target_id.int64(0), false};
        target_id.reset();
      } else {
        ++(out.retried ? sum.retried : out.revision > 1 ? sum.revised : sum.added);
        sum.successors_updated += static_cast<size_t>(out.successors_updated);
        maps[c->shard][id] = {out.document_id, true};
      }
      c->advance();
      if (c->has_row) next.push(c);
    }
    cursors.clear();
    for (size_t i = 0; i < shards.size(); ++i) copy_other_tables(shards[i]->db(), to.db(), maps[i], sum);
    tx.commit();
    if (sum.created) to.db().exec("PRAGMA journal_mode = WAL");
  }  // closed: the log is checkpointed into the file
  if (sum.created) {
    fs::rename(building, target);
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(building + suffix, ec);
  }
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return sum;
}

}  // namespace xxgk
