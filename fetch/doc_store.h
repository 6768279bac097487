// The store folder (`xxgk fetch --store DIR`): downloaded reports, content-addressed. A body lands
// in DIR/.partial/ while it streams, and is then renamed to DIR/<first two hex digits>/<sha256>.<type>
// (pdf, doc, wps, docx, html), so the same bytes are kept once however often and wherever they are
// downloaded, a file is never seen half-written, and `xxgk audit DIR` reads exactly the reports.
#pragma once

#include "fetch/sniff.h"

#include <atomic>
#include <string>

namespace xxgk::fetch {

class DocumentStore {
 public:
  // Creates the folder if needed and clears what a killed run left in .partial/. Throws
  // std::runtime_error when the folder cannot be made.
  explicit DocumentStore(const std::string& dir);

  const std::string& dir() const { return dir_; }
  std::string partial_path();  // a fresh name in .partial/, for one download

  // Moves a finished download into place; returns its path relative to the store folder. When the
  // bytes are there already, the download is simply removed.
  std::string keep(const std::string& partial, const std::string& sha256, FileType type);
  void discard(const std::string& partial);
  std::string path_of(const std::string& relative) const { return dir_ + "/" + relative; }

 private:
  std::string dir_;
  std::atomic<unsigned long> counter_{0};
};

}  // namespace xxgk::fetch
