// Files the readers write for people (the HTML report, …) are written beside their target as
// `<target>.tmp` and renamed over it, so that a reader never sees half a file. Whether that can
// work is checked before a long run starts, not found out after it.
#pragma once

#include <optional>
#include <string>

namespace xxgk {

// Why `path` cannot be written (created or replaced) as a file, in plain words, or nullopt when it
// can: its folder is missing or not a folder, it is itself a folder, or a file cannot be created
// there (read-only, no permission). Creates and removes `<path>.tmp` to find out.
std::optional<std::string> unwritable_reason(const std::string& path);

}  // namespace xxgk
