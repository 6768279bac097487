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

// record_line writes the record without building record_json's tree; every kind of value, and
// strings that need escaping or are not UTF-8, come out byte for byte as the tree's dump.
TEST(OutputRecord, TheLineIsTheDumpOfTheRecordJson) {
  auto r = minimal();
  r.source.path = std::string("dir/\xff\xfe报告.html");  // a file name that is not UTF-8
  r.source.pages = 3;
  r.source.url = "http://127.0.0.1/a?b=\"c\"";
  r.report.title = std::string("标题\t\"引号\"\\反斜杠\n\x01\x1f\x7f");
  r.report.agency_source = "article_title";
  r.report.region = xxgk::Region{"220102", "county", {"吉林省", "长春市", "南关区"}, "government"};
  r.report.template_version = "2021";
  r.status = "flagged";
  r.error = xxgk::ErrorInfo{"partial", "half \xe4\xb8 read"};  // a cut sequence
  xxgk::Figure a{"requests", "new_received", "total", 1200, 0, "1,200", 2, std::nullopt, {}};
  xxgk::Figure b{"requests", "x_其他", "natural", 12.5, 1, "12.5", std::nullopt, 0.86, {}};
  xxgk::Figure c{"proactive", "regulations_made", "count", std::nullopt, 0, "", 1, std::nullopt, {}};
  xxgk::Figure d{"proactive", "fees_amount", "amount", 3.0, 2, "3.00", 1, std::nullopt, {}};
  xxgk::Figure e{"proactive", "big", "count", -0.0, 0, "-0", 1, std::nullopt, {}};
  r.figures = {a, b, c, d, e};
  r.sections = {{"overview", "概述\r\n"}, {"proactive", ""}, {"overview", "second"}};
  xxgk::Finding f;
  f.rule = "T2.identity";
  f.severity = "error";
  f.status = "fail";
  f.table = "requests";
  f.col = "total";
  f.expected = 1201;
  f.actual = 1200.5;
  f.message_zh = "不相等";
  f.message_en = "not equal";
  f.cells = {{"requests", "new_received", "total", 2}, {"requests", "", "", std::nullopt}};
  r.findings = {f};
  for (const char* lang : {"zh", "en"})
    EXPECT_EQ(xxgk::record_line(r, lang),
              xxgk::record_json(r, lang).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        << lang;
  const std::string line = xxgk::record_line(r, "en");
  EXPECT_NE(line.find(R"("title":"标题\t\"引号\"\\反斜杠\n\u0001\u001f)" "\x7f" R"(")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("value":12.5,"raw":"12.5","page":null,"confidence":0.9})"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("sections":{"overview":"second","proactive":""})"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("value":3.0,)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("expected":1201,"actual":1200.5,"message":"not equal")"), std::string::npos) << line;
}

}  // namespace
