// CSV export in-process: quoting, and text a spreadsheet would run as a formula.
#include "publish/csv_export.h"
#include "publish/html_report.h"
#include "audit/store.h"
#include "audit_fixtures.h"
#include "pipeline/process.h"

#include <gtest/gtest.h>

namespace {

using namespace audit_test;
using xxgk::csv_field;
using xxgk::spreadsheet_safe;

TEST(CsvExport, QuotesCommasQuotesAndLineBreaksOnly) {
  EXPECT_EQ(csv_field("长春市,南关区"), "\"长春市,南关区\"");
  EXPECT_EQ(csv_field("say \"无\""), "\"say \"\"无\"\"\"");
  EXPECT_EQ(csv_field("a\r\nb"), "\"a\r\nb\"");
  EXPECT_EQ(csv_field("新春街道办事处"), "新春街道办事处");
  EXPECT_EQ(csv_field(""), "");
}

TEST(CsvExport, FormulaTextGetsAnApostropheNumbersAndDashesDoNot) {
  EXPECT_EQ(spreadsheet_safe("=HYPERLINK(\"http://x\",\"点\")"), "'=HYPERLINK(\"http://x\",\"点\")");
  EXPECT_EQ(spreadsheet_safe("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
  EXPECT_EQ(spreadsheet_safe("-2+3"), "'-2+3");
  EXPECT_EQ(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(spreadsheet_safe("\t=1"), "'\t=1");
  EXPECT_EQ(spreadsheet_safe("\r=1"), "'\r=1");
  // What real reports print stays as printed.
  EXPECT_EQ(spreadsheet_safe("-"), "-");
  EXPECT_EQ(spreadsheet_safe("--"), "--");
  EXPECT_EQ(spreadsheet_safe("-3"), "-3");
  EXPECT_EQ(spreadsheet_safe("+1.5"), "+1.5");
  EXPECT_EQ(spreadsheet_safe("—"), "—");
  EXPECT_EQ(spreadsheet_safe("96171.6"), "96171.6");
  EXPECT_EQ(spreadsheet_safe("长春市南关区新春街道办事处"), "长春市南关区新春街道办事处");
  EXPECT_EQ(spreadsheet_safe(""), "");
  EXPECT_EQ(spreadsheet_safe("-."), "'-.");
}

TEST(CsvExport, AHostileTitleIsWrittenAsText) {
  TempDir dir;
  xxgk::Report r = xxgk::process_bytes("a/hostile.txt", seed(), xxgk::ProcessOptions{});
  r.report.title = "=HYPERLINK(\"http://example.invalid\",\"打开\")";
  r.report.agency = "@SUM(1,2)";
  {
    xxgk::Store s((dir / "x.sqlite").string());
    s.store(r, "2026-01-01T00:00:00Z");
    const auto n = xxgk::export_csv(s, (dir / "csv").string(), false);
    EXPECT_EQ(n.reports, 1u);
    EXPECT_EQ(n.figures, 200u);
  }
  const std::string reports = read_file(dir / "csv/reports.csv");
  EXPECT_NE(reports.find(",\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"打开\"\")\",\"'@SUM(1,2)\",,220102004,township,"
                         "government,吉林省,长春市,南关区,新春街道,220102004/government,2024,2021,ok,"),
            std::string::npos)
      << reports;
  const std::string figures = read_file(dir / "csv/figures.csv");
  EXPECT_NE(figures.find(",\"'@SUM(1,2)\",2024,requests,new_received,natural_person,0,0,\r\n"), std::string::npos) << figures;
}

TEST(CsvExport, ReportsCarryTheirProvenanceAndWhereTheAgencyCameFrom) {
  TempDir dir;
  xxgk::Report fetched = xxgk::process_bytes("fetched/a.txt", seed(), xxgk::ProcessOptions{});
  fetched.source.url = "http://127.0.0.1:8080/attach/a.txt";
  fetched.source.page_url = "http://127.0.0.1:8080/ndbg/t20250120_1.html";
  fetched.source.published = "2025-01-20";
  fetched.source.fetched_at = "2026-02-01T03:04:05Z";
  fetched.report.agency_source = "link_title";
  xxgk::Report local = xxgk::process_bytes("local/b.txt", taoyuan_2024_flagged(), xxgk::ProcessOptions{});
  {
    xxgk::Store s((dir / "x.sqlite").string());
    s.store(fetched, "2026-02-01T04:00:00Z");
    s.store(local, "2026-02-01T04:00:00Z");
    xxgk::export_csv(s, (dir / "csv").string(), false);
  }
  const std::string reports = read_file(dir / "csv/reports.csv");
  const std::string header = reports.substr(3, reports.find('\n') - 3);
  EXPECT_EQ(header,
            "document_id,path,sha256,format,size,pages,title,agency,agency_source,region_code,region_level,region_role,"
            "province,city,county,township,agency_id,year,template,status,error_code,error_message,revision,is_current,"
            "processed_at,published,url,page_url,fetched_at\r");
  EXPECT_NE(reports.find(",link_title,220102004,township,government,吉林省,长春市,南关区,新春街道,220102004/government,"
                         "2024,2021,ok,,,1,1,2026-02-01T04:00:00Z,2025-01-20,"
                         "http://127.0.0.1:8080/attach/a.txt,http://127.0.0.1:8080/ndbg/t20250120_1.html,"
                         "2026-02-01T03:04:05Z\r\n"),
            std::string::npos)
      << reports;
  // A local file: the provenance columns are empty, never made up.
  EXPECT_NE(reports.find(",1,1,2026-02-01T04:00:00Z,,,,\r\n"), std::string::npos) << reports;
  // The HTML audit report shows them with the document.
  {
    xxgk::Store s((dir / "x.sqlite").string(), xxgk::Store::Access::read_only);
    xxgk::write_html_report(s, (dir / "audit.html").string(), "zh");
  }
  const std::string html = read_file(dir / "audit.html");
  EXPECT_NE(html.find("<dt>发布日期 published</dt><dd>2025-01-20</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dt>页面 page</dt><dd>http://127.0.0.1:8080/ndbg/t20250120_1.html</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dt>下载时间 fetched</dt><dd>2026-02-01T03:04:05Z</dd>"), std::string::npos);
  EXPECT_NE(html.find("（取自 link_title）"), std::string::npos) << html.substr(0, 3000);
}

}  // namespace
