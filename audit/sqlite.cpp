#include "audit/sqlite.h"

#include <fmt/format.h>

namespace xxgk::sql {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StoreError(fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : "out of memory"),
                   db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM);
}

}  // namespace

Connection::Connection(const std::string& path, Mode mode, int busy_timeout_ms) : path_(path) {
  sqlite3* raw = nullptr;
  std::string name = path;
  if (mode == Mode::snapshot) {
    name = "file:";
    for (char c : path) {
      if (c == '%' || c == '?' || c == '#') name += fmt::format("%{:02X}", static_cast<unsigned char>(c));
      else name += c;
    }
    name += "?immutable=1";
  }
  const int flags = (mode == Mode::snapshot              ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
                     : mode == Mode::read_only           ? SQLITE_OPEN_READONLY
                     : mode == Mode::read_write_existing ? SQLITE_OPEN_READWRITE
                                                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  // SQLite counts every allocation under a global mutex unless told not to, before its first use;
  // nothing here reads the counts. (Too late once this process opened a database some other way: the
  // call then fails and changes nothing.)
  static const bool no_memory_statistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)no_memory_statistics;
  const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
  db_.reset(raw);  // closed by the deleter even when opening failed
  if (rc != SQLITE_OK) fail(raw, fmt::format("cannot open database {}", path));
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  sqlite3_extended_result_codes(raw, 1);
}

void Connection::exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_.get());
    sqlite3_free(err);
    throw StoreError(fmt::format("{}: {}", path_, msg), sqlite3_extended_errcode(db_.get()));
  }
}

Statement Connection::prepare(std::string_view sql) { return Statement(db_.get(), sql); }

std::string Connection::values_sql(std::string_view into, int columns, size_t rows) {
  std::string row = "(?";
  for (int c = 1; c < columns; ++c) row += ",?";
  row += ')';
  std::string sql(into);
  sql += " VALUES ";
  for (size_t r = 0; r < rows; ++r) sql += (r ? "," : "") + row;
  return sql;
}

Cached Connection::cached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) it = cache_.emplace(sql, Statement(db_.get(), sql)).first;
  it->second.reset();
  return Cached(it->second);
}

std::int64_t Connection::scalar_int(std::string_view sql) {
  Statement s = prepare(sql);
  return s.step() ? s.int64(0) : 0;
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK)
    fail(db, fmt::format("cannot prepare `{}`", sql.substr(0, 80)));
  s_.reset(raw);
}

Statement& Statement::bind(int i, std::int64_t v) {
  if (sqlite3_bind_int64(s_.get(), i, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(int i, double v) {
  if (sqlite3_bind_double(s_.get(), i, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
  if (sqlite3_bind_text(s_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, "bind");
  return *this;
}

Statement& Statement::bind_static(int i, std::string_view v) {
  if (sqlite3_bind_text(s_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind_null(int i) {
  if (sqlite3_bind_null(s_.get(), i) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(s_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, fmt::format("`{}`", std::string_view(sqlite3_sql(s_.get())).substr(0, 80)));
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(s_.get());
  sqlite3_clear_bindings(s_.get());
}

std::string Statement::text(int col) const {
  const auto* p = sqlite3_column_text(s_.get(), col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s_.get(), col)));
}

std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::optional<std::int64_t> Statement::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}

std::optional<int> Statement::opt_int(int col) const {
  if (is_null(col)) return std::nullopt;
  return static_cast<int>(int64(col));
}

Transaction::Transaction(Connection& c, Nested how) : c_(c), nested_(sqlite3_get_autocommit(c.handle()) == 0) {
  if (nested_ && how == Nested::joined) {
    done_ = true;
    return;
  }
  c_.exec(nested_ ? "SAVEPOINT xxgk_nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (done_) return;
  // A failed ROLLBACK (the connection already rolled back on an I/O error) must not throw here.
  if (nested_)
    sqlite3_exec(c_.handle(), "ROLLBACK TO xxgk_nested; RELEASE xxgk_nested", nullptr, nullptr, nullptr);
  else
    sqlite3_exec(c_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  if (done_) return;  // joined: committed with the caller's
  c_.exec(nested_ ? "RELEASE xxgk_nested" : "COMMIT");
  done_ = true;
}

}  // namespace xxgk::sql
