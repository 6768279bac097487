// Shards: N machines split one batch without talking to each other. Every document has a shard
// key — its path relative to the folder it was found under (or the path as given, for a file named
// directly), or its URL for a fetched document — and belongs to shard
//   fnv1a64(key bytes, UTF-8, '/' separators) mod N,
// numbered from 0 (Slurm's SLURM_ARRAY_TASK_ID, Kubernetes' JOB_COMPLETION_INDEX). The function is
// fixed (tests pin its values): a shard names the same documents on every machine and every version,
// whatever the mount point of the shared folder.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

struct Shard {
  std::uint32_t index = 0;  // K, 0 <= K < count
  std::uint32_t count = 1;  // N
  bool whole() const { return count == 1; }
  bool owns(std::string_view key) const;
};

// "K/N" (0 <= K < N, 1 <= N <= 100000); nothing, with `error` set in plain words, when malformed.
std::optional<Shard> parse_shard(std::string_view text, std::string& error);

std::uint64_t shard_hash(std::string_view key);  // FNV-1a, 64 bits

// The shard key of a document found by collect_documents(roots): its path relative to the first
// root that contains it (lexically: the folder need not exist where this runs), else — a file
// named directly — the path as given (lexically normalised).
std::string shard_key(const std::string& document, const std::vector<std::string>& roots);

}  // namespace xxgk
