// The nightly job's configuration (`xxgk nightly CONFIG`, docs/nightly.md): a small text file of
// `key = value` lines, `#` comments, paths relative to the file's own folder. Parsing is a pure
// function of the bytes; a bad line is an error naming the file and line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::nightly {

struct Config {
  std::string sources;   // required: the sources file
  std::string store;     // required: the store folder
  std::string db;        // required: the SQLite database
  std::string contact;   // required: URL or e-mail sent in the User-Agent
  std::string report;    // the HTML audit report, rewritten each night ("" = none)
  std::string changes;   // folder for changes-YYYY-MM-DD.txt/.json and latest.json ("" = the store folder's parent … see docs)
  std::string lock;      // the lock file (default: <db>.lock)
  std::string warc;      // folder for one WARC file per night ("" = none)
  std::string log;       // a log file, appended ("" = none)
  std::string lang = "zh";
  std::string today;     // YYYY-MM-DD: the date the night counts as (missing reports, file names); "" = the real date (UTC)
  double delay = 2;
  int hosts = 8;
  double max_mb = 200;
  double timeout = 300;
  double max_crawl_delay = 30;
  double max_retry_after = 120;
  int jobs = 0;          // audit workers (0: the number of cores)
  double doc_timeout = 120;
};

struct ConfigResult {
  Config config;
  std::vector<std::string> errors;  // "nightly.conf:4: unknown key …"
};

// `dir` is the folder relative paths are read against.
ConfigResult parse_config(std::string_view text, const std::string& name, const std::string& dir);
ConfigResult read_config(const std::string& path);

}  // namespace xxgk::nightly
