// The contract's record: optional provenance fields are written only when known, in the
// contract's order, so a local file's record is unchanged by their existence.
#include "output/json_record.h"

#include <gtest/gtest.h>

namespace {

xxgk::Report minimal() {
  xxgk::Report r;
  r.source.path = "a.html";
  r.source.sha256 = "00";
  r.source.format = "html";
  r.report.agency = "淮安市人民政府";
  r.report.year = 2024;
  return r;
}

TEST(OutputRecord, ALocalFileHasNoProvenanceFields) {
  const auto j = xxgk::record_json(minimal(), "zh");
  EXPECT_EQ(j["source"].dump(), R"({"path":"a.html","sha256":"00","format":"html","pages":null})");
  EXPECT_EQ(j["report"].dump(), R"({"title":null,"agency":"淮安市人民政府","region":null,"year":2024,"template":"unknown"})");
}

TEST(OutputRecord, ProvenanceAndTheAgencysSourceAreWrittenInTheContractsOrder) {
  auto r = minimal();
  r.source.fetched_at = "2026-02-01T03:04:05Z";
  r.source.published = "2025-01-20";
  r.source.page_url = "http://127.0.0.1/ndbg/t1.html";
  r.source.url = "http://127.0.0.1/attach/a.pdf";
  r.report.agency_source = "link_title";
  const auto j = xxgk::record_json(r, "zh");
  EXPECT_EQ(j["source"].dump(),
            R"({"path":"a.html","sha256":"00","format":"html","pages":null,"url":"http://127.0.0.1/attach/a.pdf",)"
            R"("page_url":"http://127.0.0.1/ndbg/t1.html","published":"2025-01-20","fetched_at":"2026-02-01T03:04:05Z"})");
  EXPECT_EQ(j["report"].dump(),
            R"({"title":null,"agency":"淮安市人民政府","agency_source":"link_title","region":null,"year":2024,"template":"unknown"})");
}

TEST(OutputRecord, APageThatShowsOnlyItsDateGetsOnlyPublished) {
  auto r = minimal();
  r.source.published = "2025-01-20";
  EXPECT_EQ(xxgk::record_json(r, "zh")["source"].dump(),
            R"({"path":"a.html","sha256":"00","format":"html","pages":null,"published":"2025-01-20"})");
}

}  // namespace
