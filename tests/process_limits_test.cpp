// One document through the pipeline under its limits (issue 17): the time limit is checked between
// stages, so a document that is slow anywhere fails with `timeout` instead of running on.
#include "pipeline/process.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace xxgk {
namespace {

std::string seed() {
  std::ifstream in(std::filesystem::path(XXGK_SOURCE_DIR) / "corpus/txt/000_c2afdc98611f7d7b.txt", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ProcessLimits, DefaultTimeLimitIsTheAuditsForEveryCommand) {
  EXPECT_EQ(ProcessOptions{}.doc_timeout_seconds, 120.0);
  EXPECT_EQ(kDefaultDocTimeoutSeconds, 120.0);
}

TEST(ProcessLimits, TimeLimitIsCheckedAfterEveryStage) {
  // A text report is read without a page loop of its own: before issue 17 the limit was only ever
  // checked inside PDF, HTML, DOCX and OCR reading, so the text path (and normalize/validate of any
  // format) ran on past it.
  ProcessOptions o;
  o.doc_timeout_seconds = 1e-9;
  const Report r = process_bytes("late.txt", seed(), o);
  EXPECT_EQ(r.status, "failed");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, "timeout");
  EXPECT_EQ(r.error->message, "处理超时：文档未能在规定时间内读完（--doc-timeout）");
  EXPECT_EQ(r.source.format, "txt");
  EXPECT_EQ(r.source.size, seed().size());
}

TEST(ProcessLimits, NoLimitReadsTheReport) {
  ProcessOptions o;
  o.doc_timeout_seconds = 0;
  EXPECT_EQ(process_bytes("seed.txt", seed(), o).status, "ok");
}

}  // namespace
}  // namespace xxgk
