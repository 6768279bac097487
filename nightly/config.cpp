#include "nightly/config.h"

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace xxgk::nightly {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

std::optional<double> number(const std::string& v) {
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  if (v.empty() || end != v.c_str() + v.size() || d < 0 || d > 1e9) return std::nullopt;
  return d;
}

// A real calendar day written YYYY-MM-DD (2025-02-30 is not one).
bool is_day(const std::string& v) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (v[i] < '0' || v[i] > '9') return false;
  std::tm tm{};
  tm.tm_year = std::stoi(v.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(v.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(v.substr(8, 2));
  const std::tm asked = tm;
  const std::time_t t = timegm(&tm);  // normalises an impossible day into the next month
  std::tm back{};
  gmtime_r(&t, &back);
  return back.tm_year == asked.tm_year && back.tm_mon == asked.tm_mon && back.tm_mday == asked.tm_mday;
}

}  // namespace

ConfigResult parse_config(std::string_view text, const std::string& name, const std::string& dir) {
  ConfigResult out;
  Config& c = out.config;
  auto path = [&](std::string& field) {
    return [&field, &dir](const std::string& v) -> std::string {
      const std::filesystem::path p(v);
      field = p.is_absolute() || dir.empty() ? v : (std::filesystem::path(dir) / p).lexically_normal().string();
      return {};
    };
  };
  auto real = [](double& field, double min) {
    return [&field, min](const std::string& v) -> std::string {
      const auto d = number(v);
      if (!d || *d < min) return fmt::format("{} is not a number of at least {}", v, min);
      field = *d;
      return {};
    };
  };
  auto integer = [](int& field, int min, int max) {
    return [&field, min, max](const std::string& v) -> std::string {
      const auto d = number(v);
      if (!d || *d != static_cast<int>(*d) || *d < min || *d > max) return fmt::format("{} is not a whole number from {} to {}", v, min, max);
      field = static_cast<int>(*d);
      return {};
    };
  };
  const std::map<std::string, std::function<std::string(const std::string&)>> keys = {
      {"sources", path(c.sources)},
      {"store", path(c.store)},
      {"db", path(c.db)},
      {"report", path(c.report)},
      {"changes", path(c.changes)},
      {"lock", path(c.lock)},
      {"warc", path(c.warc)},
      {"log", path(c.log)},
      {"contact", [&c](const std::string& v) { c.contact = v; return std::string(); }},
      {"lang", [&c](const std::string& v) {
         if (v != "zh" && v != "en") return fmt::format("{} is neither zh nor en", v);
         c.lang = v;
         return std::string();
       }},
      {"today", [&c](const std::string& v) {
         if (!is_day(v)) return fmt::format("{} is not a date written YYYY-MM-DD", v);
         c.today = v;
         return std::string();
       }},
      {"delay", real(c.delay, 0)},
      {"hosts", integer(c.hosts, 1, 256)},
      {"max_mb", real(c.max_mb, 0.001)},
      {"timeout", real(c.timeout, 0.001)},
      {"max_crawl_delay", real(c.max_crawl_delay, 0)},
      {"max_retry_after", real(c.max_retry_after, 0)},
      {"jobs", integer(c.jobs, 0, 256)},
      {"doc_timeout", real(c.doc_timeout, 0)},
  };
  int line_no = 0;
  std::map<std::string, int> seen;
  std::istringstream in{std::string(text)};
  for (std::string raw; std::getline(in, raw);) {
    ++line_no;
    std::string line = raw;
    if (const size_t hash = line.find('#'); hash != std::string::npos && (hash == 0 || line[hash - 1] == ' ' || line[hash - 1] == '\t'))
      line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    const size_t eq = line.find('=');
    if (eq == std::string::npos) {
      out.errors.push_back(fmt::format("{}:{}: expected key = value, got {}", name, line_no, line));
      continue;
    }
    const std::string key = trim(std::string_view(line).substr(0, eq));
    const std::string value = trim(std::string_view(line).substr(eq + 1));
    const auto it = keys.find(key);
    if (it == keys.end()) {
      out.errors.push_back(fmt::format("{}:{}: unknown key {} (see docs/nightly.md)", name, line_no, key));
      continue;
    }
    if (const auto [s, fresh] = seen.emplace(key, line_no); !fresh) {
      out.errors.push_back(fmt::format("{}:{}: {} was already set on line {}", name, line_no, key, s->second));
      continue;
    }
    if (const std::string problem = it->second(value); !problem.empty())
      out.errors.push_back(fmt::format("{}:{}: {}: {}", name, line_no, key, problem));
  }
  for (const auto& [key, field] : {std::pair<const char*, const std::string*>{"sources", &c.sources}, {"store", &c.store},
                                   {"db", &c.db}, {"contact", &c.contact}})
    if (field->empty()) out.errors.push_back(fmt::format("{}: {} is required", name, key));
  if (c.lock.empty() && !c.db.empty()) c.lock = c.db + ".lock";
  if (c.changes.empty() && !c.store.empty()) c.changes = (std::filesystem::path(c.store).parent_path() / "changes").string();
  return out;
}

ConfigResult read_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigResult out;
    out.errors.push_back(fmt::format("{}: cannot be read", path));
    return out;
  }
  std::ostringstream s;
  s << in.rdbuf();
  const auto dir = std::filesystem::absolute(path).parent_path().string();
  return parse_config(s.str(), path, dir);
}

}  // namespace xxgk::nightly
