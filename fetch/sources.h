// The sources file: which listings (or single documents) the fetch walks. UTF-8 TSV with a
// header line; columns in any order, matched by name:
//   agency   (required) the agency whose reports the listing holds
//   region   (required, may be empty) its division code: 2, 4, 6, 9 or 12 digits
//   kind     (required) trs | jcms | gkmlpt | ucap | generic | document
//   url      (required) the listing (for gkmlpt its /gkmlpt/api/all/<column>?page=1&sid=<site>
//            URL), or the report itself for `document`
//   pattern  (optional) which listing titles are reports: an ICU regular expression (default
//            年度报告|年报); a title must also name its year
//   exclude  (optional) titles that are not reports although they match (default 图解|解读|一图读懂|
//            图说; `none` excludes nothing)
//   tls      (optional) `insecure` accepts this source's expired or self-signed certificate
//   max_pages (optional) listing pages walked at most (default 100, at most 500)
// Lines starting with # and blank lines are skipped; a line with a problem is reported (file and
// line number, what is wrong) and the other sources still run. Parsing is a pure function of the
// bytes, tested and fuzzed alone. docs/sources.md has an example.
#pragma once

#include "fetch/url.h"

#include <string>
#include <string_view>
#include <vector>

namespace xxgk::fetch {

struct Source {
  int line = 0;
  std::string agency;
  std::string region;
  std::string kind;
  Url url;
  std::string pattern;  // "" = the default
  std::string exclude;  // the default unless the file gives one; "" = nothing excluded
  bool insecure_tls = false;
  int max_pages = 100;
  std::string key() const { return kind + " " + url.str(); }
};

struct SourceError {
  int line = 0;  // 0: the file as a whole
  std::string message;  // "sources.tsv:7: unknown kind cms (one of …)"
};

struct SourcesFile {
  std::vector<Source> sources;
  std::vector<SourceError> errors;
};

// `name` is what messages call the file.
SourcesFile parse_sources(std::string_view bytes, const std::string& name);

// Reads and parses a file; an unreadable file is one error at line 0.
SourcesFile read_sources(const std::string& path);

}  // namespace xxgk::fetch
