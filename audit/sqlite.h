// A thin RAII layer over libsqlite3: a connection, prepared statements and a transaction guard.
// Every SQLite error becomes a StoreError carrying SQLite's own message, so a failing statement
// names what went wrong instead of returning a code nobody checks.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace xxgk::sql {

class StoreError : public std::runtime_error {
 public:
  explicit StoreError(const std::string& message, int code = 0) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }  // SQLite's extended result code; 0 when not from SQLite
  // The file is damaged (corrupt, truncated, or not an SQLite database at all): SQLITE_CORRUPT,
  // SQLITE_NOTADB.
  bool damaged() const { return (code_ & 0xff) == SQLITE_CORRUPT || (code_ & 0xff) == SQLITE_NOTADB; }

 private:
  int code_;
};

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

class Statement;
class Cached;

class Connection {
 public:
  // snapshot: a finished file read as it is, through a URI with immutable=1 — no lock taken, no
  // side file (-wal, -shm) created, nothing written, even when the folder is writable.
  enum class Mode { read_write_create, read_write_existing, read_only, snapshot };
  // Opens (or creates) the database file; busy_timeout_ms lets concurrent readers and a second
  // writer wait for a lock instead of failing at once.
  Connection(const std::string& path, Mode mode, int busy_timeout_ms = 10000);

  void exec(const std::string& sql);  // one or more statements without parameters
  Statement prepare(std::string_view sql);
  // The statement for `sql`, prepared on first use and kept for the connection's life (a store
  // prepared ~30 statements a document otherwise); reset when the handle goes out of scope, so no
  // read stays open across a commit. One handle per statement text at a time.
  Cached cached(const std::string& sql);
  // Inserts `rows` rows of `columns` values, up to 64 rows to a statement: `into` is the head of
  // the statement ("INSERT INTO t(a, b)"), and bind_row(statement, first, row) binds row `row`'s
  // values at parameters first, first + 1, …. SQLite's work for running a statement is paid once
  // for many rows: a CHECK (x IN (…)) of three or more values builds a temporary index at every run,
  // which made a one-row insert into indicators four times a figure's (bench/store).
  template <class BindRow>
  void insert_rows(std::string_view into, int columns, size_t rows, BindRow&& bind_row);
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_.get()); }
  int changes() const { return sqlite3_changes(db_.get()); }
  std::int64_t scalar_int(std::string_view sql);  // first column of the first row (0 when no row)
  sqlite3* handle() const { return db_.get(); }
  const std::string& path() const { return path_; }

 private:
  static std::string values_sql(std::string_view into, int columns, size_t rows);

  std::unique_ptr<sqlite3, DbCloser> db_;
  std::string path_;
  std::unordered_map<std::string, Statement> cache_;  // after db_: finalized before it is closed
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);

  // Binding by 1-based position; an empty optional binds NULL.
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Statement& bind(int i, double v);
  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  // Text SQLite reads in place instead of copying: it must stay alive and unchanged until the
  // statement has run (run() or reset() drops the binding). For the many rows a document stores
  // from its report's own strings, where copying each was a tenth of storing (bench/store).
  Statement& bind_static(int i, std::string_view v);
  Statement& bind_null(int i);
  template <class T>
  Statement& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  bool step();  // true while a row is available; false when done
  void run();   // step to completion (INSERT/UPDATE/DELETE)
  void reset();  // ready for new bindings

  bool is_null(int col) const { return sqlite3_column_type(s_.get(), col) == SQLITE_NULL; }
  bool is_integer(int col) const { return sqlite3_column_type(s_.get(), col) == SQLITE_INTEGER; }
  std::int64_t int64(int col) const { return sqlite3_column_int64(s_.get(), col); }
  double real(int col) const { return sqlite3_column_double(s_.get(), col); }
  std::string text(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::optional<std::int64_t> opt_int64(int col) const;
  std::optional<int> opt_int(int col) const;
  sqlite3_stmt* raw() const { return s_.get(); }  // for column names and stored types; still owned here

 private:
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> s_;
};

class Cached {
 public:
  explicit Cached(Statement& s) : s_(&s) {}
  ~Cached() { s_->reset(); }
  Cached(const Cached&) = delete;
  Cached& operator=(const Cached&) = delete;
  Statement* operator->() const { return s_; }
  Statement& operator*() const { return *s_; }

 private:
  Statement* s_;
};

// BEGIN IMMEDIATE on construction (the write lock is taken up front, so two writers queue on the
// busy timeout instead of deadlocking on a lock upgrade); ROLLBACK unless commit() was called.
// Inside a transaction the caller opened (a bulk load batching many documents) it is a savepoint:
// rolled back alone, committed with the caller's transaction; or, joined, nothing of its own: a
// failure then leaves the caller's transaction half-written, for the caller to roll back whole.
class Transaction {
 public:
  enum class Nested { savepoint, joined };
  explicit Transaction(Connection& c, Nested nested = Nested::savepoint);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& c_;
  bool nested_ = false;
  bool done_ = false;  // committed, rolled back, or joined to the caller's (nothing to end)
};

template <class BindRow>
void Connection::insert_rows(std::string_view into, int columns, size_t rows, BindRow&& bind_row) {
  for (size_t done = 0; done < rows;) {
    size_t n = 64;
    while (n > rows - done) n /= 2;
    auto s = cached(values_sql(into, columns, n));
    for (size_t i = 0; i < n; ++i) bind_row(*s, static_cast<int>(i) * columns + 1, done + i);
    s->run();
    done += n;
  }
}

}  // namespace xxgk::sql
