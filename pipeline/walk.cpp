#include "pipeline/walk.h"

#include <algorithm>
#include <filesystem>

namespace xxgk {

bool is_document_name(const std::string& path) {
  const auto ext = std::filesystem::path(path).extension().string();
  std::string e;
  for (char c : ext) e += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* ok : {".pdf", ".html", ".htm", ".shtml", ".xhtml", ".txt", ".docx", ".doc", ".wps"})
    if (e == ok) return true;
  return false;
}

namespace {

namespace fs = std::filesystem;

// One folder and the folders under it, without following links to folders (a link loop, or a
// link out of the tree, is not walked). Every entry with a document's name is listed whatever it
// is — a regular file, a dangling link, a FIFO, a socket — so that its record says what it is
// rather than the walk passing over it in silence; nothing is opened here, so a FIFO never blocks
// the walk. A folder that cannot be listed is listed itself: its record says it could not be read.
void walk(const fs::path& root, std::vector<std::string>& out) {
  std::vector<fs::path> folders = {root};
  while (!folders.empty()) {
    const fs::path folder = std::move(folders.back());
    folders.pop_back();
    std::error_code ec;
    fs::directory_iterator it(folder, ec), end;
    if (ec) {
      if (folder != root) out.push_back(folder.string());
      continue;
    }
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code e2;
      const fs::file_status own = it->symlink_status(e2);
      if (!e2 && fs::is_directory(own)) {
        folders.push_back(it->path());
        continue;
      }
      if (is_document_name(it->path().string())) out.push_back(it->path().string());
    }
    if (ec) out.push_back(folder.string());  // listing stopped part-way: say so
  }
}

}  // namespace

std::vector<std::string> collect_documents(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) walk(p, out);
    else out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace xxgk
