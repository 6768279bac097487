#include "nightly/job.h"

#include "audit/job.h"
#include "audit/schema.h"
#include "audit/store.h"
#include "fetch/crawl.h"
#include "nightly/lock.h"
#include "publish/coverage.h"
#include "publish/html_report.h"
#include "publish/night_report.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

namespace xxgk::nightly {
namespace {

namespace fs = std::filesystem;

std::string stamp(const char* format) {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// Writes a file whole or not at all (a reader never sees half of it).
void write_whole(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
  }
  fs::rename(tmp, path);
}

std::string night_text(const NightReport& n, const std::string& lang) {
  char* buf = nullptr;
  size_t size = 0;
  std::unique_ptr<std::FILE, decltype(&std::fclose)> mem(open_memstream(&buf, &size), &std::fclose);
  write_night_text(mem.get(), n, lang);
  mem.reset();
  std::string text(buf, size);
  std::free(buf);
  return text;
}

fetch::FetchOptions fetch_options(const Config& c) {
  fetch::FetchOptions o;
  o.sources_path = c.sources;
  o.store_dir = c.store;
  o.db_path = c.db;
  if (!c.warc.empty()) o.warc_path = (fs::path(c.warc) / fmt::format("xxgk-{}.warc", stamp("%Y%m%d-%H%M%S"))).string();
  o.politeness.delay = c.delay;
  o.politeness.max_crawl_delay = c.max_crawl_delay;
  o.politeness.max_retry_after = c.max_retry_after;
  o.client.user_agent = fmt::format("xxgk/0.1 (+{})", c.contact);
  o.client.timeout = c.timeout;
  o.hosts = c.hosts;
  o.max_bytes = static_cast<std::uint64_t>(c.max_mb * 1024 * 1024);
  return o;
}

// The store's files the audit has not read yet: tonight's, and any a killed night left behind.
std::vector<std::string> unaudited(Store& store, const std::string& store_dir) {
  std::vector<std::string> out;
  auto q = store.db().prepare(
      "SELECT DISTINCT store_path FROM fetched_files f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = f.sha256) "
      "ORDER BY store_path");
  while (q.step()) {
    const fs::path p = fs::path(store_dir) / q.text(0);
    if (fs::exists(p)) out.push_back(p.string());
  }
  return out;
}

// The agencies of the sources file (read as a roster: publish/coverage.h) whose report for the year
// before `today` is still missing once its legal deadline has passed; nullopt when the sources file
// cannot be read as a roster. Its bad lines are not reported again: the fetch reported them (the
// sources file reader skips those lines and more).
std::optional<std::vector<NightMissing>> overdue_reports(Store& store, const std::string& sources, const std::string& today) {
  Roster roster;
  try {
    roster = read_roster(sources);
  } catch (const RosterError& e) {
    spdlog::error("missing reports not computed: {}", e.what());
    return std::nullopt;
  }
  const int year = std::stoi(today.substr(0, 4)) - 1;
  std::vector<NightMissing> out;
  for (const auto& row : coverage(store, roster.entries, year).rows) {
    const std::string due = overdue_after(row);
    if (row.state == "missing" && today > due) out.push_back({row.agency, row.region_code, row.state, year, due});
  }
  return out;
}

}  // namespace

int run_nightly(const Config& c, const NightlyProgram& program, std::FILE* out) {
  // The date the night counts as: which year's reports are due, and the summary's file names.
  const std::string today = c.today.empty() ? stamp("%Y-%m-%d") : c.today;
  std::string holder;
  std::unique_ptr<RunLock> lock;
  try {
    lock = RunLock::try_acquire(c.lock, holder);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return kUsage;
  }
  if (!lock) {
    spdlog::error("another nightly run holds {} ({}): not starting a second one", c.lock, holder);
    return kLocked;
  }
  spdlog::info("nightly: started; lock {}", c.lock);

  std::int64_t before = 0;
  fetch::FetchSummary fetched;
  int fetch_status = 0, audit_status = 0;
  try {
    {
      Store store(c.db);
      before = store.db().scalar_int("SELECT coalesce(max(id), 0) FROM documents");
    }
    if (!c.warc.empty()) fs::create_directories(c.warc);
    fetch_status = fetch::run_fetch(fetch_options(c), fetched);
    if (fetch_status != 4) {
      AuditOptions a;
      {
        Store store(c.db);
        a.paths = unaudited(store, c.store);
      }
      a.db_path = c.db;
      a.jobs = c.jobs > 0 ? c.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
      a.process.lang = c.lang;
      a.process.doc_timeout_seconds = c.doc_timeout;
      a.process.max_bytes = static_cast<std::uint64_t>(c.max_mb * 1024 * 1024);
      a.worker_exe = program.worker_exe;
      a.worker_args = program.worker_args;
      a.progress = Progress::Mode::none;
      if (!a.paths.empty()) {
        RunSummary audited;
        audit_status = run_audit(a, audited);
        spdlog::info("nightly: audited {} documents ({} new, {} revised)", audited.processed, audited.added, audited.revised);
      }
    }
  } catch (const SchemaError& e) {
    spdlog::error("{}", e.what());
    return kUsage;
  } catch (const sql::StoreError& e) {
    spdlog::error("the database could not be used: {}", e.what());
    return fetched.run_id ? kDatabase : kUsage;
  } catch (const std::exception& e) {
    spdlog::error("nightly failed: {}", e.what());
    return fetched.run_id ? kProblems : kUsage;
  }
  bool report_written = true;
  if (!c.report.empty() && fetch_status != 4) {
    try {
      if (fs::path(c.report).has_parent_path()) fs::create_directories(fs::path(c.report).parent_path());
      Store store(c.db, Store::Access::read_only);
      write_html_report(store, c.report, c.lang);
    } catch (const std::exception& e) {
      spdlog::error("the HTML report could not be written: {}", e.what());
      report_written = false;
    }
  }
  int status = fetch_status == 4 ? kInterrupted
               : (fetch_status != 0 || audit_status != 0 || !report_written) ? kProblems
                                                                             : kOk;
  try {
    Store store(c.db, Store::Access::read_only);
    NightReport night = read_night(store, fetched.run_id, before);
    night.exit_status = status;
    night.today = today;
    night.missing_reports = overdue_reports(store, c.sources, today);
    const std::string text = night_text(night, c.lang);
    std::fputs(text.c_str(), out);
    fs::create_directories(c.changes);
    const std::string& day = today;
    const std::string json = night_json(night).dump(2) + "\n";
    write_whole(fs::path(c.changes) / ("changes-" + day + ".txt"), text);
    write_whole(fs::path(c.changes) / ("changes-" + day + ".json"), json);
    write_whole(fs::path(c.changes) / "latest.json", json);
  } catch (const std::exception& e) {
    spdlog::error("the night's summary could not be written: {}", e.what());
    if (status == kOk) status = kProblems;
  }
  return status;
}

}  // namespace xxgk::nightly
