#include "fetch/doc_store.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

namespace xxgk::fetch {

namespace fs = std::filesystem;

DocumentStore::DocumentStore(const std::string& dir) : dir_(dir) {
  while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
  std::error_code ec;
  fs::create_directories(fs::path(dir_) / ".partial", ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create the store folder {}: {}", dir_, ec.message()));
  for (const auto& e : fs::directory_iterator(fs::path(dir_) / ".partial", ec)) fs::remove(e.path(), ec);
}

std::string DocumentStore::partial_path() {
  return fmt::format("{}/.partial/{}-{}", dir_, static_cast<long>(getpid()), counter_++);
}

std::string DocumentStore::keep(const std::string& partial, const std::string& sha256, FileType type) {
  const std::string relative = fmt::format("{}/{}.{}", sha256.substr(0, 2), sha256, type_extension(type));
  const fs::path target = fs::path(dir_) / relative;
  std::error_code ec;
  if (fs::exists(target, ec)) {
    fs::remove(partial, ec);
    return relative;
  }
  fs::create_directories(target.parent_path(), ec);
  fs::rename(partial, target, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot move a download into {}: {}", target.string(), ec.message()));
  return relative;
}

void DocumentStore::discard(const std::string& partial) {
  std::error_code ec;
  fs::remove(partial, ec);
}

}  // namespace xxgk::fetch
