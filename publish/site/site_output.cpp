#include "publish/site/site_output.h"

#include "publish/site/site_data.h"

#include <fmt/format.h>

#include <fstream>

namespace xxgk::site {

namespace fs = std::filesystem;

namespace {

fs::path prepare_dir(const fs::path& dir) {
  fs::create_directories(dir);
  return dir;
}

}  // namespace

SiteOutput::SiteOutput(const fs::path& dir, const std::string& format, bool full)
    : dir_(prepare_dir(dir)), db_((dir / ".xxgk-site.sqlite").string(), sql::Connection::Mode::read_write_create) {
  db_.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
           "CREATE TABLE IF NOT EXISTS pages(path TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, build INTEGER NOT NULL) WITHOUT ROWID;"
           "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);");
  std::string stored;
  {
    auto s = db_.prepare("SELECT value FROM meta WHERE key = 'format'");
    if (s.step()) stored = s.text(0);
  }
  if (full || stored != format) db_.exec("UPDATE pages SET fingerprint = ''");
  auto s = db_.prepare("INSERT INTO meta(key, value) VALUES ('format', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  s.bind(1, format).run();
  build_ = db_.scalar_int("SELECT coalesce(max(build), 0) + 1 FROM pages");
  lookup_.emplace(db_.prepare("SELECT fingerprint FROM pages WHERE path = ?"));
  keep_.emplace(db_.prepare("UPDATE pages SET build = ? WHERE path = ?"));
  record_.emplace(db_.prepare(
      "INSERT INTO pages(path, fingerprint, build) VALUES (?, ?, ?) "
      "ON CONFLICT(path) DO UPDATE SET fingerprint = excluded.fingerprint, build = excluded.build"));
  db_.exec("BEGIN");
}

void SiteOutput::keep(const std::string& path) { keep_->bind(1, build_).bind(2, path).run(); }

bool SiteOutput::fresh(const std::string& path, const std::string& fingerprint) {
  std::lock_guard lock(mu_);
  lookup_->bind(1, path);
  const bool same = lookup_->step() && lookup_->text(0) == fingerprint;
  lookup_->reset();
  if (!same || !fs::exists(dir_ / path)) return false;
  keep(path);
  ++counts.unchanged;
  return true;
}

void SiteOutput::write(const std::string& path, const std::string& content, const std::string& fingerprint) {
  const fs::path target = dir_ / path;
  const fs::path tmp = target.string() + ".tmp";
  {
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, target);
  counts.bytes += static_cast<long>(content.size());
  ++counts.written;
  std::lock_guard lock(mu_);
  record_->bind(1, path).bind(2, fingerprint).bind(3, build_).run();
}

void SiteOutput::write_if_changed(const std::string& path, const std::string& content) {
  Digest d;
  d.add(content);
  const std::string fp = "c" + d.hex();
  if (!fresh(path, fp)) write(path, content, fp);
}

long SiteOutput::finish() {
  std::lock_guard lock(mu_);
  long removed = 0;
  {
    auto s = db_.prepare("SELECT path FROM pages WHERE build <> ?");
    s.bind(1, build_);
    while (s.step()) {
      std::error_code ec;
      if (fs::remove(dir_ / s.text(0), ec)) ++removed;
    }
  }
  auto del = db_.prepare("DELETE FROM pages WHERE build <> ?");
  del.bind(1, build_).run();
  lookup_.reset();
  keep_.reset();
  record_.reset();
  db_.exec("COMMIT");
  return removed;
}

}  // namespace xxgk::site
