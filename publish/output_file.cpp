#include "publish/output_file.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace xxgk {

std::optional<std::string> unwritable_reason(const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty()) return "no file name given";
  const fs::path target(path);
  fs::path folder = target.parent_path();
  if (folder.empty()) folder = ".";
  std::error_code ec;
  const auto folder_status = fs::status(folder, ec);
  if (ec == std::errc::not_a_directory) return fmt::format("a part of {} is not a folder", folder.string());
  if (!fs::exists(folder_status)) return fmt::format("the folder does not exist ({})", folder.string());
  if (!fs::is_directory(folder_status)) return fmt::format("{} is not a folder", folder.string());
  const auto target_status = fs::status(target, ec);
  if (fs::is_directory(target_status)) return "it is a folder, not a file";
  if (fs::exists(target_status) && !fs::is_regular_file(target_status)) return "it is not a regular file";
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return fmt::format("a file cannot be created there ({})", std::strerror(errno));
  ::close(fd);
  ::unlink(tmp.c_str());
  return std::nullopt;
}

}  // namespace xxgk
