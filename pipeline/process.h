// One document through the whole pipeline: file → extract → normalize → validate → record.
// Never throws for a bad document: every failure becomes a `failed` record that says why.
#pragma once

#include "extract/extractor.h"
#include "model/report.h"
#include "regions/place.h"

#include <cstdint>
#include <optional>
#include <string>

namespace xxgk {

// The per-document time limit of every command (`extract` and `audit`), in seconds.
inline constexpr double kDefaultDocTimeoutSeconds = 120;
// The memory an `audit` worker may take for one document beyond 16 times its size, in MiB.
inline constexpr double kDefaultDocMemoryMb = 1024;

struct ProcessOptions {
  std::string lang = "zh";                     // language of messages: zh | en
  std::uint64_t max_bytes = 200ull << 20;      // larger files fail with "too_large"
  // 0: no limit. Checked by the extractors between pages and parts, and here between the stages;
  // `audit` also kills a worker that runs past it (2 s of grace), which `extract` (threads) cannot.
  double doc_timeout_seconds = kDefaultDocTimeoutSeconds;
  // Memory an `audit` worker may take for one document: this many MiB plus 16 times the document's
  // size (0: no limit), enforced as the worker's data-segment limit (RLIMIT_DATA) while it reads
  // the document; past it the document fails with `out_of_memory` (or its worker is replaced) and
  // the run goes on. `extract` (one process, threads) cannot bound one document so.
  double doc_memory_mb = kDefaultDocMemoryMb;
  ExtractOptions extract;
};

// What is known of a document beyond its bytes: for a fetched one, where and when fetch got it
// (handed on by the store and the audit's worker hand-off). The first four go to the record's
// source.* as given (published: else the date the document shows); link_title, the title of the
// listing's link that led to the document, is offered to the metadata step as a last source of the
// agency and year (report.agency_source "link_title").
struct Provenance {
  std::optional<std::string> url;
  std::optional<std::string> page_url;
  std::optional<std::string> published;   // YYYY-MM-DD
  std::optional<std::string> fetched_at;  // RFC 3339 UTC
  std::optional<std::string> link_title;
  // The sources file's line the bytes were fetched through: its division code and agency. They place
  // the report (regions/place.h: the code wins over an ambiguous name; the agency stands in when the
  // document names none); not part of the record's source.
  std::optional<std::string> region;
  std::optional<std::string> agency;
};

// The placement hint a fetched document's provenance gives: its source's region and agency.
inline PlaceHint place_hint(const Provenance& p) { return PlaceHint{p.region.value_or(""), p.agency.value_or("")}; }

// Reads `path` from disk and processes it.
Report process_file(const std::string& path, const ProcessOptions& options, const Provenance& provenance = {});

// Processes bytes already read (path is what the record names).
Report process_bytes(const std::string& path, std::string_view bytes, const ProcessOptions& options,
                     const Provenance& provenance = {});

// Decides status and error from the findings and the problems met while reading.
void settle_status(Report& report, const std::vector<std::string>& problems_zh,
                   const std::vector<std::string>& problems_en, const std::string& lang);

}  // namespace xxgk
