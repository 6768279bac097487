// Where the site's files go: written beside their place and renamed over it (a reader never sees
// half a page), and recorded in a manifest (an SQLite file in the output folder) with the
// fingerprint of what each was built from, so the next build rewrites only what changed and
// removes what no longer belongs to the site.
#pragma once

#include "audit/sqlite.h"

#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

namespace xxgk::site {

struct WriteCounts {
  std::atomic<long> written{0}, unchanged{0}, bytes{0};
};

class SiteOutput {
 public:
  // `format` names the site's own make (renderer version and embedded assets): a site built by
  // another make is rebuilt whole. full: ignore the manifest (every page rewritten).
  SiteOutput(const std::filesystem::path& dir, const std::string& format, bool full);

  // True (and the page kept) when the page at `path` exists and was built from `fingerprint`.
  bool fresh(const std::string& path, const std::string& fingerprint);
  // Writes the page and records its fingerprint.
  void write(const std::string& path, const std::string& content, const std::string& fingerprint);
  // Writes the page unless it holds exactly `content` already (the fingerprint is the content's).
  void write_if_changed(const std::string& path, const std::string& content);
  // Removes the pages of earlier builds that this build did not produce; returns how many.
  long finish();

  WriteCounts counts;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  void keep(const std::string& path);
  std::filesystem::path dir_;
  std::mutex mu_;
  sql::Connection db_;
  long build_ = 0;
  std::optional<sql::Statement> lookup_, keep_, record_;  // prepared once the tables exist
};

}  // namespace xxgk::site
