#include "fetch/sources.h"

#include "fetch/charset.h"
#include "fetch/listing.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace xxgk::fetch {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  while (true) {
    const size_t tab = line.find('\t');
    out.push_back(trim(line.substr(0, tab)));
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return out;
}

bool all_digits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}

constexpr const char* kRequired[] = {"agency", "region", "kind", "url"};
constexpr const char* kOptional[] = {"pattern", "exclude", "tls", "max_pages", "note"};

}  // namespace

SourcesFile parse_sources(std::string_view bytes, const std::string& name) {
  SourcesFile out;
  auto error = [&](int line, const std::string& what) {
    out.errors.push_back({line, line > 0 ? fmt::format("{}:{}: {}", name, line, what) : fmt::format("{}: {}", name, what)});
  };
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::map<std::string, size_t> column;  // name → index
  std::map<std::string, int> seen;       // source key → line
  int line_no = 0;
  bool header = false;
  size_t pos = 0;
  while (pos <= bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    const std::string_view raw = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    const std::string line = trim(raw);
    if (line.empty() || line[0] == '#') {
      if (nl == bytes.size()) break;
      continue;
    }
    if (!valid_utf8(line)) {
      error(line_no, "the line is not UTF-8 text (save the file as UTF-8)");
      if (!header) return out;
      continue;
    }
    const auto fields = split_tabs(line);
    if (!header) {
      header = true;
      for (size_t i = 0; i < fields.size(); ++i) column[ascii_lower(fields[i])] = i;
      std::vector<std::string> missing;
      for (const char* c : kRequired)
        if (!column.count(c)) missing.emplace_back(c);
      if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        error(line_no, fmt::format("the header line lacks the column(s) {}; it must name at least agency, region, kind and "
                                   "url, separated by tabs",
                                   list));
        return out;
      }
      // Not a structured binding: clang before 16 (the fuzz build's) cannot capture one in a lambda.
      for (const auto& named : column) {
        const std::string& c = named.first;
        if (std::find_if(std::begin(kRequired), std::end(kRequired), [&](const char* k) { return c == k; }) == std::end(kRequired) &&
            std::find_if(std::begin(kOptional), std::end(kOptional), [&](const char* k) { return c == k; }) == std::end(kOptional))
          error(line_no, fmt::format("unknown column {} is ignored (known: agency, region, kind, url, pattern, exclude, tls, "
                                     "max_pages, note)",
                                     c));
      }
      if (nl == bytes.size()) break;
      continue;
    }
    if (fields.size() > column.size()) {
      error(line_no, fmt::format("{} fields, but the header names {} columns (a tab too many?)", fields.size(), column.size()));
      continue;
    }
    auto field = [&](const char* c) -> std::string {
      const auto it = column.find(c);
      return it == column.end() || it->second >= fields.size() ? std::string() : fields[it->second];
    };
    Source s;
    s.line = line_no;
    s.agency = field("agency");
    s.region = field("region");
    s.kind = ascii_lower(field("kind"));
    const std::string url = field("url");
    s.pattern = field("pattern");
    const std::string exclude = field("exclude");
    s.exclude = exclude.empty() ? kDefaultExcludePattern : ascii_lower(exclude) == "none" ? "" : exclude;
    std::vector<std::string> problems;
    if (s.agency.empty()) problems.push_back("the agency is empty");
    if (!s.region.empty() && (!all_digits(s.region) || (s.region.size() != 2 && s.region.size() != 4 && s.region.size() != 6 &&
                                                       s.region.size() != 9 && s.region.size() != 12)))
      problems.push_back(fmt::format("region {} is not a division code (2, 4, 6, 9 or 12 digits; or leave it empty)", s.region));
    if (!is_known_kind(s.kind))
      problems.push_back(fmt::format("unknown kind {} (one of trs, jcms, gkmlpt, ucap, generic, document)",
                                     s.kind.empty() ? "(empty)" : s.kind));
    if (const auto u = parse_url(url)) s.url = *u;
    else problems.push_back(fmt::format("url {} is not an absolute http(s) URL", url.empty() ? "(empty)" : url));
    try {
      TitleFilter check(s.pattern, s.exclude);
    } catch (const std::invalid_argument& e) {
      problems.push_back(e.what());
    }
    const std::string tls = ascii_lower(field("tls"));
    if (tls == "insecure") s.insecure_tls = true;
    else if (!tls.empty() && tls != "verify") problems.push_back(fmt::format("tls {} is neither verify nor insecure", tls));
    const std::string pages = field("max_pages");
    if (!pages.empty()) {
      if (!all_digits(pages) || pages.size() > 3 || std::stoi(pages) < 1 || std::stoi(pages) > 500)
        problems.push_back(fmt::format("max_pages {} is not a number from 1 to 500", pages));
      else
        s.max_pages = std::stoi(pages);
    }
    if (problems.empty()) {
      const auto [it, fresh] = seen.emplace(s.key(), line_no);
      if (!fresh) problems.push_back(fmt::format("the same {} listing as line {}", s.kind, it->second));
    }
    if (!problems.empty()) {
      std::string all;
      for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
      error(line_no, all);
      continue;
    }
    out.sources.push_back(std::move(s));
    if (nl == bytes.size()) break;
  }
  if (!header) error(0, "the file is empty: it needs a header line (agency, region, kind, url) and one line per source");
  return out;
}

SourcesFile read_sources(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    SourcesFile out;
    out.errors.push_back({0, fmt::format("{}: cannot be read", path)});
    return out;
  }
  std::ostringstream s;
  s << in.rdbuf();
  return parse_sources(s.str(), path);
}

}  // namespace xxgk::fetch
