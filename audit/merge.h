// `xxgk merge`: joins shard databases (each the store of `xxgk audit --shard K/N`) into one target
// store, new or existing, as if one machine had read every document in one run:
// - the documents of all shards are taken in path order (a k-way merge of the shards' sorted
//   cursors: memory does not grow with the number of documents) and stored through the store's own
//   rules (Store::store), so ids, revisions, what supersedes what and the cross-year findings are
//   those a single run would have made; the shard's cross-year findings, computed against its own
//   documents only, are dropped and computed again over the whole;
// - a document whose bytes (sha256) the target already holds is skipped (deduplicated), unless the
//   target holds it as failed and the shard read it (a retried shard): that outcome replaces it;
// - provenance is kept: path, URL, article page, dates, and when the document was processed;
// - any other table of the store (one this code does not know by name) is copied row by row, its
//   references to documents and to each other remapped through the foreign keys SQLite declares;
//   rows that belong to a skipped document, or equal a row already there, are not copied again.
// Idempotent (a shard merged twice adds nothing), incremental (tonight's shards into last night's
// store). Safe: an existing target is changed in one transaction; a new one is built beside it
// (TARGET.merging) and renamed into place when complete, so kill -9 leaves the target as it was or
// complete. Every shard is checked before anything is written: a file that is not an xxgk store, a
// store of another schema version, one still being written (it has a write-ahead log) or the target
// itself is refused with a plain message, and no file is modified. Shards are read as immutable
// snapshots: nothing is written next to them.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace xxgk {

// A shard that cannot be merged (what is wrong, in plain words, naming the file).
class MergeRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MergeSummary {
  size_t shards = 0;
  size_t documents = 0;   // documents in the shards
  size_t added = 0;       // stored as the first revision of a document
  size_t revised = 0;     // stored as a new revision (same path, or same agency and year)
  size_t retried = 0;     // replaced a failure the target held
  size_t skipped = 0;     // the target already held their bytes
  size_t successors_updated = 0;  // reports whose cross-year findings changed with a merged predecessor
  std::map<std::string, size_t> rows_copied;  // other tables: rows copied
  bool created = false;   // the target did not exist
  double seconds = 0;
};

// Throws MergeRefused before writing anything when a shard cannot be merged; SchemaError /
// sql::StoreError when the target cannot be opened or written (it is then left as it was).
MergeSummary merge_stores(const std::string& target, const std::vector<std::string>& shards);

// Why this file cannot be merged into `target`, or "" when it can.
std::string merge_refusal(const std::string& shard, const std::string& target);

}  // namespace xxgk
