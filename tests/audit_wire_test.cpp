// The worker → coordinator hand-off (audit/report_wire.h): every field of a record arrives as it
// left, invalid UTF-8 is replaced as the JSON hand-off replaced it, and a damaged frame is refused.
#include "audit/report_codec.h"
#include "audit/report_wire.h"
#include "audit_fixtures.h"

#include <gtest/gtest.h>

#include <cstring>

namespace {

using namespace audit_test;

TEST(ReportWire, EveryFieldArrivesAsItLeft) {
  xxgk::Report r = make("xinchun-2023.txt", xinchun_2023());
  ASSERT_EQ(r.figures.size(), 200u);
  r.source.url = "http://127.0.0.1/a.txt";
  r.source.fetched_at = "2026-01-02T03:04:05Z";
  r.source.pages = 3;
  r.error = xxgk::ErrorInfo{"timeout", "读取超时"};
  r.figures[5].value = 12.5;
  r.figures[5].decimals = 1;
  r.figures[6].value.reset();
  r.figures[7].confidence = 0.875;
  r.findings.push_back(xxgk::Finding{"requests.balance", "error", "fail", "requests", std::nullopt, "total", 3.0, std::nullopt,
                                     "不平衡", "unbalanced", {{"requests", "r1", "c1", 2}, {"requests", "", "", std::nullopt}}});
  const std::string frame = xxgk::report_frame(r);
  ASSERT_EQ(xxgk::frame_length(frame), frame.size());
  EXPECT_EQ(xxgk::frame_length(frame.substr(0, frame.size() - 1)), std::nullopt);  // not whole yet
  EXPECT_EQ(xxgk::report_to_json(xxgk::report_from_frame(frame)), xxgk::report_to_json(r));
  // Two frames back to back: the first is measured alone.
  EXPECT_EQ(xxgk::frame_length(frame + frame), frame.size());
}

TEST(ReportWire, InvalidUtf8IsReplacedAsTheJsonHandOffDid) {
  xxgk::Report r = make("a.txt", seed());
  r.report.title = std::string("标题\xff\xfe结束");
  r.figures[0].raw = "1\xc3";
  const auto back = xxgk::report_from_frame(xxgk::report_frame(r));
  const auto via_json = xxgk::report_from_json(
      nlohmann::json::parse(xxgk::report_to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  EXPECT_EQ(back.report.title, via_json.report.title);
  EXPECT_EQ(back.figures[0].raw, via_json.figures[0].raw);
  EXPECT_NE(back.report.title->find("\xef\xbf\xbd"), std::string::npos);  // U+FFFD
}

TEST(ReportWire, ADamagedFrameIsRefused) {
  const std::string frame = xxgk::report_frame(make("a.txt", seed()));
  std::string shorter = frame.substr(0, frame.size() - 5);
  const std::uint64_t n = shorter.size();
  std::memcpy(shorter.data(), &n, sizeof n);  // a length that agrees with a truncated body
  EXPECT_THROW(xxgk::report_from_frame(shorter), std::runtime_error);
  std::string longer = frame + "xyz";
  const std::uint64_t m = longer.size();
  std::memcpy(longer.data(), &m, sizeof m);
  EXPECT_THROW(xxgk::report_from_frame(longer), std::runtime_error);
  std::string huge = frame;
  const std::uint64_t big = std::uint64_t{1} << 40;
  std::memcpy(huge.data(), &big, sizeof big);
  EXPECT_THROW(xxgk::frame_length(huge), std::runtime_error);
}

}  // namespace
