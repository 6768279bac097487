// Fuzz harness. The fetch's sources file (fetch/sources.h): any bytes as a sources.tsv, parsed as
// `xxgk fetch` and `xxgk nightly` parse it (header, columns in any order, kinds, regions, URLs by
// liburiparser, the title patterns compiled by ICU), then each source's title filter built and
// matched against a report title, as the crawl does. Every line must end as a source or an error
// naming its line. Seeds: deploy/sources.tsv and the example of docs/sources.md.
#include "fetch/listing.h"
#include "fetch/sources.h"
#include "tests/fuzz/fuzz_pipeline.h"

#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  xxgk::fuzz::quiet();
  const auto file = xxgk::fetch::parse_sources(xxgk::fuzz::as_bytes(data, size), "fuzz.tsv");
  for (const auto& e : file.errors)
    if (e.line < 0 || e.message.rfind("fuzz.tsv", 0) != 0) __builtin_trap();
  for (const auto& s : file.sources) {
    if (s.line < 1 || s.agency.empty() || !xxgk::fetch::is_known_kind(s.kind) || s.key().empty()) __builtin_trap();
    if (s.max_pages < 1 || s.max_pages > 500) __builtin_trap();
    // parse_sources compiled both patterns already: they must compile again.
    const xxgk::fetch::TitleFilter filter(s.pattern, s.exclude);
    (void)filter.matches("示例市2024年政府信息公开工作年度报告");
    (void)filter.matches(s.agency);
  }
  return 0;
}
