// The HTML audit report as a browser shows it: headless Chromium renders the file and dumps the
// DOM it built, and the test reads what a person would see there. Skipped (with a message) only
// when Chromium is not installed on a developer's machine; under CI (CI set) a missing Chromium fails.
#include "audit_fixtures.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

namespace {

using namespace audit_test;

std::string chromium() {
  for (const char* c : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (fs::exists(c)) return c;
  return {};
}

// The DOM Chromium built from the file (not the file's text: a malformed page would differ).
std::string rendered_dom(const fs::path& html, const fs::path& profile) {
  const std::string cmd = chromium() +
                          " --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
                          " --disable-sync --no-first-run --user-data-dir=" +
                          quote(profile) + " --dump-dom " + quote("file://" + html.string()) + " 2>/dev/null";
  std::string dom;
  run(cmd, &dom);
  return dom;
}

// The text of the first element that `pattern` (a regex with one group) captures.
std::string first(const std::string& s, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(s, m, std::regex(pattern)) ? m[1].str() : "";
}

TEST(AuditHtml, ChromiumShowsFlaggedReportFirstWithItsFailingCellHighlightedAndExplained) {
  if (chromium().empty()) {
    if (std::getenv("CI")) FAIL() << "chromium is not installed; CI must have it (setup.sh test installs it)";
    GTEST_SKIP() << "chromium is not installed (apt-get install chromium): the HTML report was not checked in a browser";
  }
  TempDir dir;
  write_file(dir / "docs/a-ok.txt", seed());
  write_file(dir / "docs/m-broken.pdf", "%PDF-1.4\nnot a real PDF\n");
  write_file(dir / "docs/z-flagged.txt", taoyuan_2024_flagged());
  std::string out;
  ASSERT_EQ(run(audit_cmd(dir / "docs", dir / "x.sqlite", "--html " + quote(dir / "audit.html")), &out), 1) << out;
  const std::string dom = rendered_dom(dir / "audit.html", dir / "profile");
  ASSERT_NE(dom.find("</html>"), std::string::npos) << "chromium rendered nothing";

  // Report sections in the order shown: the flagged one first (though its path sorts last).
  std::vector<std::string> order;
  const std::regex section(R"re(<section class="report (\w+)" id="doc-\d+" data-status="\w+" data-path="([^"]+)")re");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), section); it != std::sregex_iterator(); ++it)
    order.push_back((*it)[1].str() + " " + fs::path((*it)[2].str()).filename().string());
  EXPECT_EQ(order, (std::vector<std::string>{"flagged z-flagged.txt", "failed m-broken.pdf", "ok a-ok.txt"}));

  const std::string flagged = dom.substr(dom.find("data-path=\"" + (dir / "docs/z-flagged.txt").string()));
  // The requests table as a table: the row of 一、本年新收… with its 自然人 cell highlighted as an
  // error, carrying the numbers of the findings that read it.
  const std::string row = first(flagged, R"re(<tr data-row="new_received">(.*?)</tr>)re");
  EXPECT_NE(row.find("<th>一、本年新收政府信息公开申请数量</th>"), std::string::npos) << row;
  const std::string cell = first(row, R"re((<td data-col="natural_person"[^>]*>.*?</td>))re");
  EXPECT_NE(cell.find("class=\"hit error\""), std::string::npos) << cell;
  const std::string numbers = first(cell, R"re(data-findings="([\d ]+)")re");
  ASSERT_FALSE(numbers.empty()) << cell;
  // Beside the table: the finding with that number, its rule and its message naming the numbers.
  const std::string n = numbers.substr(0, numbers.find(' '));
  const std::string item = first(flagged, "(<li value=\"" + n + "\" class=\"error\"[^>]*>.*?</li>)");
  EXPECT_NE(item.find("requests."), std::string::npos) << item;
  EXPECT_NE(item.find("自然人"), std::string::npos) << item;
  // The total cell (the one printed 0) is highlighted too, by requests.row_total.
  const std::string total = first(row, R"re((<td data-col="total"[^>]*>.*?</td>))re");
  EXPECT_NE(total.find("hit error"), std::string::npos) << total;
  // The failed document says why.
  const std::string failed = first(dom, R"re(data-status="failed"[^>]*>([\s\S]*?)</section>)re");
  EXPECT_NE(failed.find("class=\"error\""), std::string::npos) << failed;
  // Counts at the top.
  EXPECT_EQ(first(dom, R"re(<td id="count-flagged">(\d+)</td>)re"), "1");
  EXPECT_EQ(first(dom, R"re(<td id="count-ok">(\d+)</td>)re"), "1");
  // Self-contained: nothing loaded from elsewhere.
  const std::string file = read_file(dir / "audit.html");
  EXPECT_EQ(file.find("<script"), std::string::npos);
  EXPECT_EQ(file.find("<link"), std::string::npos);
  EXPECT_EQ(file.find("http"), std::string::npos);
}

}  // namespace
