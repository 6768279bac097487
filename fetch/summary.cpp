#include "fetch/crawl.h"

#include <fmt/format.h>

namespace xxgk::fetch {

void write_fetch_summary(std::FILE* out, const FetchSummary& s) {
  fmt::print(out, "xxgk fetch: {} sources{}{}, {} listing pages, {} articles asked\n", s.sources,
             s.shard.empty() ? "" : fmt::format(" of shard {} ({} left to the other shards)", s.shard, s.outside_shard),
             s.source_errors.empty() ? "" : fmt::format(" ({} lines of the sources file skipped)", s.source_errors.size()),
             s.listing_pages, s.articles);
  fmt::print(out, "  files: {} new, {} revised, {} unchanged\n", s.new_files, s.revised_files, s.unchanged);
  for (const auto& d : s.documents)
    fmt::print(out, "    {} {} {} ({})\n", d.revision ? "revised" : "new    ", d.agency, d.url, d.path);
  const double mb = static_cast<double>(s.bytes) / (1024.0 * 1024.0);
  fmt::print(out, "  {} requests, {:.1f} MB in {:.1f} s; CPU {:.2f} s ({:.3f} s per MB downloaded)\n", s.requests, mb, s.seconds,
             s.cpu_seconds, mb > 0 ? s.cpu_seconds / mb : 0.0);
  for (const auto& h : s.hosts)
    if (h.state != "ok") fmt::print(out, "  host {} {}: {}\n", h.origin, h.state, h.message);
  if (!s.problems.empty()) fmt::print(out, "  problems ({}):\n", s.problems.size());
  for (const auto& p : s.problems) fmt::print(out, "    {} [{}] {}\n", p.agency, p.kind, p.message);
  for (const auto& e : s.source_errors) fmt::print(out, "  sources file: {}\n", e.message);
  if (s.interrupted) fmt::print(out, "  stopped by a signal: what was stored is kept; the next run goes on from there\n");
}

}  // namespace xxgk::fetch
