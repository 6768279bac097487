// One document through the pipeline under its limits (issue 17): the time limit is checked between
// stages, so a document that is slow anywhere fails with `timeout` instead of running on.
#include "pipeline/process.h"

#include "model/deadline.h"
#include "model/document.h"
#include "model/errors.h"
#include "model/report.h"
#include "normalize/normalizer.h"
#include "output/json_record.h"
#include "pipeline/stage_times.h"

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

TEST(ProcessLimits, TheDocumentDeadlineIsThisThreadsAndScoped) {
  const auto past = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  EXPECT_NO_THROW(check_document_deadline());  // none set
  {
    const DocumentDeadline outer(past);
    EXPECT_THROW(check_document_deadline(), DocumentError);
    {
      const DocumentDeadline inner(std::nullopt);
      EXPECT_NO_THROW(check_document_deadline());
    }
    try {
      check_document_deadline();
      FAIL() << "the outer deadline is back";
    } catch (const DocumentError& e) {
      EXPECT_EQ(e.code(), "timeout");
      EXPECT_STREQ(e.what(), "the document took longer than the time limit (--doc-timeout)");
    }
  }
  EXPECT_NO_THROW(check_document_deadline());
}

TEST(ProcessLimits, TheTableReaderStopsAtTheDeadlineRowByRow) {
  // A table of 100,000 rows (the hostile corpus's big_table) is read row by row: past the deadline
  // the reader stops inside the table, not after it (before: only between stages).
  Document doc;
  doc.format = "html";
  Table t;
  for (int i = 0; i < 100000; ++i) {
    Cell c;
    c.text = std::to_string(i);
    t.rows.push_back({c, c});
  }
  doc.blocks.push_back(Block{std::move(t)});
  Report r;
  const DocumentDeadline late(std::chrono::steady_clock::now() - std::chrono::seconds(1));
  EXPECT_THROW(normalize_document(doc, r, MetadataContext{}), DocumentError);
}

TEST(StageTimes, EachStageOfADocumentIsChargedAndTheRecordIsTheSame) {
  // bench/speed's per-stage table (issue 25): with the timer off, then on, the same record; on, the
  // document's hash, read, normalize and validate stages each hold some of this thread's CPU time.
  const std::string bytes = seed();
  const std::string off = record_line(process_bytes("seed.txt", bytes, ProcessOptions{}), "zh");
  ASSERT_FALSE(stage_times_enabled());
  EXPECT_EQ(stage_seconds(Stage::read), 0.0);  // nothing is charged while off
  enable_stage_times();
  const std::string on = record_line(process_bytes("seed.txt", bytes, ProcessOptions{}), "zh");
  EXPECT_EQ(on, off);
  for (Stage s : {Stage::hash, Stage::read, Stage::normalize, Stage::validate}) EXPECT_GT(stage_seconds(s), 0.0) << stage_name(s);
  EXPECT_EQ(stage_seconds(Stage::write), 0.0);  // process_bytes writes no record
  const std::string text = stage_times_report(1);
  EXPECT_NE(text.find("stage normalize "), std::string::npos) << text;
  EXPECT_NE(text.find("stage process "), std::string::npos) << text;
}

}  // namespace
}  // namespace xxgk
