// The indicators: contract/indicators.tsv parsed line by line (and what the parser refuses), and every
// indicator of bundled corpus reports against values computed here by hand from the printed tables.
#include "indicators/compute.h"
#include "indicators/definitions.h"
#include "pipeline/process.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

using xxgk::IndicatorValue;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> ids(const xxgk::Expression& e) {
  std::vector<std::string> out;
  for (const auto& o : e.operands) out.push_back((o.sign < 0 ? "-" : "+") + o.figure.id());
  return out;
}

TEST(IndicatorDefinitions, TheEmbeddedFileIsTheContractsFile) {
  EXPECT_EQ(xxgk::indicators_tsv(), read_file(std::string(XXGK_SOURCE_DIR) + "/contract/indicators.tsv"));
}

TEST(IndicatorDefinitions, EveryLineOfTheContractParses) {
  const auto text = read_file(std::string(XXGK_SOURCE_DIR) + "/contract/indicators.tsv");
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  const auto& defs = xxgk::indicator_defs();
  ASSERT_EQ(defs.size(), lines - 1);  // every line but the header is an indicator
  ASSERT_EQ(defs.size(), 12u);
  // Each line, in order, with what its two columns expand to.
  using V = std::vector<std::string>;
  const std::vector<std::tuple<std::string, std::string, V, V, std::optional<double>>> want = {
      {"requests.handled", "件", V{"+requests.new_received.total", "+requests.carried_over.total"}, V{}, std::nullopt},
      {"requests.substantive_disclosure_rate", "%", V{"+requests.granted.total", "+requests.partially_granted.total"},
       V{"+requests.processed_total.total"}, 30},
      {"requests.full_disclosure_rate", "%", V{"+requests.granted.total"}, V{"+requests.processed_total.total"}, 30},
      {"requests.withheld_share", "%",
       V{"+requests.withheld_state_secret.total", "+requests.withheld_prohibited_by_law.total",
         "+requests.withheld_security_stability.total", "+requests.withheld_third_party.total",
         "+requests.withheld_internal_affairs.total", "+requests.withheld_process_info.total",
         "+requests.withheld_enforcement_file.total", "+requests.withheld_query_matter.total"},
       V{"+requests.processed_total.total"}, 30},
      {"requests.unavailable_share", "%",
       V{"+requests.unavailable_not_held.total", "+requests.unavailable_needs_creation.total",
         "+requests.unavailable_unclear.total"},
       V{"+requests.processed_total.total"}, 30},
      {"requests.not_processed_share", "%",
       V{"+requests.not_processed_complaint.total", "+requests.not_processed_repeated.total",
         "+requests.not_processed_publication.total", "+requests.not_processed_excessive.total",
         "+requests.not_processed_confirmation.total"},
       V{"+requests.processed_total.total"}, 30},
      {"requests.backlog_rate", "%", V{"+requests.carried_forward.total"},
       V{"+requests.new_received.total", "+requests.carried_over.total"}, 30},
      {"requests.organisation_share", "%", V{"+requests.new_received.total", "-requests.new_received.natural_person"},
       V{"+requests.new_received.total"}, 30},
      {"review.correction_rate", "%", V{"+review_litigation.review.corrected"},
       V{"+review_litigation.review.total", "-review_litigation.review.pending"}, 10},
      {"litigation.correction_rate", "%",
       V{"+review_litigation.litigation_direct.corrected", "+review_litigation.litigation_after_review.corrected"},
       V{"+review_litigation.litigation_direct.total", "-review_litigation.litigation_direct.pending",
         "+review_litigation.litigation_after_review.total", "-review_litigation.litigation_after_review.pending"},
       10},
      // The abbreviated line: row.col under (table review_litigation), and "the three rows' total - pending".
      {"disputes.correction_rate", "%",
       V{"+review_litigation.review.corrected", "+review_litigation.litigation_direct.corrected",
         "+review_litigation.litigation_after_review.corrected"},
       V{"+review_litigation.review.total", "-review_litigation.review.pending",
         "+review_litigation.litigation_direct.total", "-review_litigation.litigation_direct.pending",
         "+review_litigation.litigation_after_review.total", "-review_litigation.litigation_after_review.pending"},
       10},
      {"disputes.conversion_rate", "%", V{"+review_litigation.review.total", "+review_litigation.litigation_direct.total"},
       V{"+requests.new_received.total"}, 30},
  };
  ASSERT_EQ(want.size(), defs.size());
  for (size_t i = 0; i < want.size(); ++i) {
    const auto& [id, unit, num, den, min] = want[i];
    SCOPED_TRACE(id);
    EXPECT_EQ(defs[i].id, id);
    EXPECT_EQ(defs[i].unit, unit);
    EXPECT_EQ(ids(defs[i].numerator), num);
    EXPECT_EQ(defs[i].denominator ? ids(*defs[i].denominator) : V{}, den);
    EXPECT_EQ(defs[i].min_denominator, min);
  }
  EXPECT_EQ(defs[1].name_zh, "实质公开率");
  EXPECT_EQ(defs[10].denominator->text, "the three rows' total - pending");
}

// What the parser refuses, each with the line and the reason.
TEST(IndicatorDefinitions, AnythingElseFailsLoudly) {
  const std::string header = "id\tname\tnumerator\tdenominator\tunit\tmin_denominator\tnote\n";
  auto error_of = [&](const std::string& line) -> std::string {
    try {
      xxgk::parse_indicators(header + line + "\n", "test.tsv");
    } catch (const xxgk::IndicatorDefinitionError& e) {
      return e.what();
    }
    return "(accepted)";
  };
  EXPECT_EQ(error_of("a\tA\trequests.granted.totl\trequests.processed_total.total\t%\t30\t"),
            "test.tsv line 2 (a), numerator: \"totl\" is not a column of table requests in contract/categories.tsv "
            "(in \"requests.granted.totl\")");
  EXPECT_EQ(error_of("a\tA\trequests.granted.total *\trequests.processed_total.total\t%\t30\t"),
            "test.tsv line 2 (a), numerator: expected + or - after a figure, found \"*\" (in \"requests.granted.total *\")");
  EXPECT_EQ(error_of("a\tA\trequests.withheld_*.total\trequests.processed_total.total\t%\t30\t"),
            "test.tsv line 2 (a), numerator: \"requests.withheld_*.total\": a pattern with * needs `sum of` "
            "(in \"requests.withheld_*.total\")");
  EXPECT_EQ(error_of("a\tA\tsum of requests.nothing_*.total\trequests.processed_total.total\t%\t30\t"),
            "test.tsv line 2 (a), numerator: \"requests.nothing_*.total\" names no row of table requests "
            "(in \"sum of requests.nothing_*.total\")");
  EXPECT_EQ(error_of("a\tA\treview.corrected (table review_litigation)\tthe two rows' total - pending\t%\t10\t"),
            "test.tsv line 2 (a), denominator: says 2 rows but the other side names 1 (review) "
            "(in \"the two rows' total - pending\")");
  EXPECT_EQ(error_of("a\tA\trequests.granted.total +\trequests.processed_total.total\t%\t30\t"),
            "test.tsv line 2 (a), numerator: nothing after the last \"+\" (in \"requests.granted.total +\")");
  EXPECT_EQ(error_of("a\tA\trequests.granted.total\t\t%\t30\t"), "test.tsv line 2 (a): a rate (%) needs a denominator");
  EXPECT_EQ(error_of("a\tA\trequests.granted.total\trequests.processed_total.total\tpercent\t30\t"),
            "test.tsv line 2 (a): unit \"percent\" is neither % (a rate) nor 件 (a count)");
  EXPECT_EQ(error_of("a\tA\trequests.granted.total\trequests.processed_total.total\t%\tthirty\t"),
            "test.tsv line 2 (a): min_denominator \"thirty\" is not a whole number ≥ 0");
  EXPECT_EQ(error_of("a\tA\trequests.granted.total\trequests.processed_total.total\t%\t30"),
            "test.tsv line 2: 6 fields, 7 expected");
  EXPECT_EQ(error_of("a\tA\tgranted.total (table requests\trequests.processed_total.total\t%\t30\t"),
            "test.tsv line 2 (a), numerator: \"granted.total\" is not a figure id (table.row.col) "
            "(in \"granted.total (table requests\")");
  EXPECT_EQ(error_of("a\tA\tthe three rows' total\trequests.processed_total.total\t%\t30\t"),
            "test.tsv line 2 (a), numerator: `the N rows'` refers to the other side's rows: only a denominator may use "
            "it (in \"the three rows' total\")");
  EXPECT_EQ(error_of("a\tA\trequests.granted.total\trequests.processed_total.total\t%\t30\t\n"
                     "a\tA\trequests.granted.total\trequests.processed_total.total\t%\t30\t"),
            "test.tsv line 3 (a): the id is defined twice");
}

// --- Values on the bundled corpus, computed by hand from the printed tables ---

std::vector<IndicatorValue> indicators_of(const std::string& corpus_path) {
  const xxgk::Report r = xxgk::process_file(std::string(XXGK_SOURCE_DIR) + "/" + corpus_path, xxgk::ProcessOptions{});
  return xxgk::compute_indicators(r);
}

const IndicatorValue& get(const std::vector<IndicatorValue>& all, std::string_view id) {
  for (const auto& v : all)
    if (v.def->id == id) return v;
  throw std::runtime_error("no indicator " + std::string(id));
}

// A rate: numerator and denominator as summed by hand, value 100 × n / d.
void expect_rate(const std::vector<IndicatorValue>& all, std::string_view id, double n, double d,
                 std::vector<std::string> failing = {}) {
  SCOPED_TRACE(std::string(id));
  const auto& v = get(all, id);
  EXPECT_EQ(v.numerator, n);
  EXPECT_EQ(v.denominator, d);
  EXPECT_EQ(v.value, 100 * n / d);
  EXPECT_EQ(v.null_reason, std::nullopt);
  EXPECT_TRUE(v.null_operands.empty());
  EXPECT_EQ(v.failing_rules, failing);
}

void expect_null(const std::vector<IndicatorValue>& all, std::string_view id, std::optional<double> n,
                 std::optional<double> d, const std::string& reason, std::vector<std::string> operands,
                 std::vector<std::string> failing = {}) {
  SCOPED_TRACE(std::string(id));
  const auto& v = get(all, id);
  EXPECT_EQ(v.value, std::nullopt);
  EXPECT_EQ(v.numerator, n);
  EXPECT_EQ(v.denominator, d);
  EXPECT_EQ(v.null_reason, reason);
  EXPECT_EQ(v.null_operands, operands);
  EXPECT_EQ(v.failing_rules, failing);
}

// 淮安市人民政府 2024 (corpus/txt/huaian-city-2024.txt): every figure printed, every rule passes.
TEST(IndicatorValues, HuaianEveryIndicatorByHand) {
  const auto all = indicators_of("corpus/txt/huaian-city-2024.txt");
  ASSERT_EQ(all.size(), 12u);
  const auto& handled = get(all, "requests.handled");  // 本年新收 3119 + 上年结转 34
  EXPECT_EQ(handled.value, 3119 + 34);
  EXPECT_EQ(handled.numerator, 3153);
  EXPECT_EQ(handled.denominator, std::nullopt);
  EXPECT_EQ(handled.null_reason, std::nullopt);
  // （七）总计 3050: 予以公开 1362, 部分公开 454
  expect_rate(all, "requests.substantive_disclosure_rate", 1362 + 454, 3050);
  expect_rate(all, "requests.full_disclosure_rate", 1362, 3050);
  expect_rate(all, "requests.withheld_share", 2 + 31 + 5 + 6 + 8 + 12 + 9 + 105, 3050);
  expect_rate(all, "requests.unavailable_share", 769 + 11 + 1, 3050);
  expect_rate(all, "requests.not_processed_share", 62 + 25 + 0 + 0 + 1, 3050);
  expect_rate(all, "requests.backlog_rate", 103, 3119 + 34);
  expect_rate(all, "requests.organisation_share", 3119 - 3001, 3119);
  // 行政复议 纠正 64, 总计 351, 尚未审结 37; 诉讼 直接起诉 4/26/1, 复议后起诉 1/20/6
  expect_rate(all, "review.correction_rate", 64, 351 - 37);
  expect_rate(all, "litigation.correction_rate", 4 + 1, 26 - 1 + 20 - 6);
  expect_rate(all, "disputes.correction_rate", 64 + 4 + 1, 351 - 37 + 26 - 1 + 20 - 6);
  expect_rate(all, "disputes.conversion_rate", 351 + 26, 3119);
}

// The same report with its requests table's 总计 column printed blank: every indicator over that
// column is null (blank), naming the blank operands; the review table still gives its rates.
TEST(IndicatorValues, ABlankOperandIsNullWithItsReason) {
  const auto all = indicators_of("corpus/txt/huaian-city-2024-blank-total.txt");
  expect_null(all, "requests.handled", std::nullopt, std::nullopt, "blank",
              {"requests.new_received.total", "requests.carried_over.total"});
  expect_null(all, "requests.full_disclosure_rate", std::nullopt, std::nullopt, "blank",
              {"requests.granted.total", "requests.processed_total.total"});
  expect_null(all, "requests.organisation_share", std::nullopt, std::nullopt, "blank",
              {"requests.new_received.total"});
  expect_rate(all, "review.correction_rate", 64, 351 - 37);
  expect_null(all, "disputes.conversion_rate", 351 + 26, std::nullopt, "blank", {"requests.new_received.total"});
}

// 新春街道 2024 with one request carried forward out of nothing: every requests figure 0 but
// 结转下年度 1, so requests.balance fails (total and 自然人 columns). Rates over 0 are null
// (zero_denominator) and marked by the failing rule; the review table is all 0.
TEST(IndicatorValues, AZeroDenominatorAndAFailingBalance) {
  const auto all = indicators_of("corpus/txt/xinchun-2024-balance.txt");
  const std::vector<std::string> balance = {"requests.balance"};
  EXPECT_EQ(get(all, "requests.handled").value, 0);
  EXPECT_EQ(get(all, "requests.handled").failing_rules, balance);
  expect_null(all, "requests.substantive_disclosure_rate", 0, 0, "zero_denominator", {}, balance);
  expect_null(all, "requests.backlog_rate", 1, 0 + 0, "zero_denominator", {}, balance);
  expect_null(all, "requests.organisation_share", 0 - 0, 0, "zero_denominator", {}, balance);
  expect_null(all, "review.correction_rate", 0, 0 - 0, "zero_denominator", {});
  expect_null(all, "disputes.conversion_rate", 0 + 0, 0, "zero_denominator", {}, balance);
}

// 测试市 2025 whose requests table does not balance (14069 + 560 ≠ 13810 + 829, and 自然人): every
// rate reading one of those cells is computed and marked; the review rates are not.
TEST(IndicatorValues, ARequestsTableThatFailsItsBalanceIsMarked) {
  const auto all = indicators_of("corpus/docx/testcity-2025-balance-broken.docx");
  const std::vector<std::string> balance = {"requests.balance"};
  expect_rate(all, "requests.substantive_disclosure_rate", 5548 + 2168, 13810, balance);
  expect_rate(all, "requests.withheld_share", 13 + 30 + 11 + 51 + 104 + 85 + 286 + 150, 13810, balance);
  expect_rate(all, "requests.backlog_rate", 829, 14069 + 560, balance);
  expect_rate(all, "requests.organisation_share", 14069 - 13612, 14069, balance);
  expect_rate(all, "review.correction_rate", 97, 790 - 121);
  expect_rate(all, "litigation.correction_rate", 1 + 1, 56 - 27 + 156 - 51);
  expect_rate(all, "disputes.conversion_rate", 790 + 56, 14069, balance);
}

// A table not found: its figures are unread.
TEST(IndicatorValues, AMissingTableIsUnread) {
  const auto all = indicators_of("corpus/txt/xinchun-2024-missing-table.txt");
  expect_null(all, "review.correction_rate", std::nullopt, std::nullopt, "unread",
              {"review_litigation.review.corrected", "review_litigation.review.total", "review_litigation.review.pending"});
}

// Reasons that the corpus does not print in an indicator's cells, on a report built by hand.
TEST(IndicatorValues, NotApplicableAndOcrUnreadCells) {
  xxgk::Report r;
  auto add = [&](std::string row, std::string col, std::optional<double> v, std::string raw,
                 std::optional<double> confidence = std::nullopt) {
    xxgk::Figure f;
    f.table = "review_litigation";
    f.row = std::move(row);
    f.col = std::move(col);
    f.value = v;
    f.raw = std::move(raw);
    f.confidence = confidence;
    r.figures.push_back(f);
  };
  add("review", "corrected", std::nullopt, "/");
  add("review", "total", 5, "5");
  add("review", "pending", std::nullopt, "", 0);  // OCR saw print it could not read
  add("litigation_direct", "corrected", std::nullopt, "", 87);  // a real blank, read with confidence
  const auto all = xxgk::compute_indicators(r);
  expect_null(all, "review.correction_rate", std::nullopt, std::nullopt, "not_applicable",
              {"review_litigation.review.corrected", "review_litigation.review.pending"});
  expect_null(all, "litigation.correction_rate", std::nullopt, std::nullopt, "blank",
              {"review_litigation.litigation_direct.corrected", "review_litigation.litigation_after_review.corrected",
               "review_litigation.litigation_direct.total", "review_litigation.litigation_direct.pending",
               "review_litigation.litigation_after_review.total", "review_litigation.litigation_after_review.pending"});
  r.figures[0].raw = "";
  r.figures[0].confidence = 0;
  expect_null(xxgk::compute_indicators(r), "review.correction_rate", std::nullopt, std::nullopt, "unread",
              {"review_litigation.review.corrected", "review_litigation.review.pending"});
  r.status = "failed";
  EXPECT_TRUE(xxgk::compute_indicators(r).empty());
}

}  // namespace
