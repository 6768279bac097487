// The store's schema (docs/schema.md) and its migrations. The version lives in two places:
// PRAGMA user_version (cheap to read before anything else) and meta.schema_version (visible to
// anyone browsing the tables).
#pragma once

#include "audit/sqlite.h"

namespace xxgk {

inline constexpr int kStoreSchemaVersion = 3;

class SchemaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Brings the database to kStoreSchemaVersion (creating the tables in an empty file). Throws
// SchemaError, with a plain message, for a database of a newer version or one that is not an
// xxgk store; a read-only caller gets SchemaError instead of a migration.
void open_schema(sql::Connection& db, bool writable);

}  // namespace xxgk
