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

std::vector<std::string> collect_documents(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        std::error_code e2;
        if (it->is_regular_file(e2) && is_document_name(it->path().string())) out.push_back(it->path().string());
      }
    } else {
      out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace xxgk
