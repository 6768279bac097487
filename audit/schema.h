// The store's schema (docs/schema.md) and its migrations. The version lives in two places:
// PRAGMA user_version (cheap to read before anything else) and meta.schema_version (visible to
// anyone browsing the tables).
#pragma once

#include "audit/sqlite.h"

namespace xxgk {

inline constexpr int kStoreSchemaVersion = 6;

class SchemaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws SchemaError, with a plain message, for a database of a newer version or one that is not
// an xxgk store. Only reads: called before anything is written (before WAL is switched on), so a
// file that is not ours is left byte-identical.
void check_schema(sql::Connection& db);

// Brings the database to kStoreSchemaVersion (creating the tables in an empty file), after
// check_schema. Each step reads the version inside its own write transaction, so two runs creating
// or migrating one database at once take turns (the second finds the work done) instead of both
// creating the tables. A read-only caller gets SchemaError instead of a migration.
void open_schema(sql::Connection& db, bool writable);

}  // namespace xxgk
