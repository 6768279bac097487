#include "pipeline/shard.h"

#include <charconv>
#include <filesystem>

namespace xxgk {
namespace {

std::optional<std::uint32_t> number(std::string_view s) {
  std::uint32_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

std::uint64_t shard_hash(std::string_view key) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

bool Shard::owns(std::string_view key) const { return count <= 1 || shard_hash(key) % count == index; }

std::optional<Shard> parse_shard(std::string_view text, std::string& error) {
  const auto slash = text.find('/');
  const auto k = slash == std::string_view::npos ? std::nullopt : number(text.substr(0, slash));
  const auto n = slash == std::string_view::npos ? std::nullopt : number(text.substr(slash + 1));
  if (!k || !n) {
    error = "a shard is written K/N, two whole numbers: the shard K (from 0) of N shards, e.g. 0/4";
    return std::nullopt;
  }
  if (*n < 1 || *n > 100000) {
    error = "the number of shards N must be between 1 and 100000";
    return std::nullopt;
  }
  if (*k >= *n) {
    error = "shards are numbered from 0 to N-1: K must be less than N";
    return std::nullopt;
  }
  return Shard{*k, *n};
}

std::string shard_key(const std::string& document, const std::vector<std::string>& roots) {
  namespace fs = std::filesystem;
  const fs::path doc = fs::path(document).lexically_normal();
  for (const auto& r : roots) {
    std::string root = r;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    const fs::path rel = doc.lexically_relative(fs::path(root).lexically_normal());
    if (!rel.empty() && rel != "." && *rel.begin() != "..") return rel.generic_string();
  }
  return doc.generic_string();
}

}  // namespace xxgk
