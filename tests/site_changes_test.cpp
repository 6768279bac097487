// The audit site's "what changed" page (changes.html) after a real fetch night against the fixture
// portals (fetch_portals.h, served from this test process on 127.0.0.0/8): the new reports the night
// stored, and the sources that failed or were blocked, each with its agency, what went wrong and the
// URL, on the day it happened (issue 20: "sources that failed").
#include "audit_fixtures.h"
#include "fetch_portals.h"

#include <gtest/gtest.h>

#include <regex>

namespace {

using namespace audit_test;
using namespace fetch_test;

// The text of one <section class="night"> list (its <li> items), tags stripped, one item per line.
std::vector<std::string> items(const std::string& page, const std::string& cls) {
  std::vector<std::string> out;
  const size_t at = page.find("<ul class=\"" + cls + "\">");
  if (at == std::string::npos) return out;
  const size_t end = page.find("</ul>", at);
  const std::string list = page.substr(at, end - at);
  static const std::regex li("<li[^>]*>(.*?)</li>"), tag("<[^>]*>");
  for (auto it = std::sregex_iterator(list.begin(), list.end(), li); it != std::sregex_iterator(); ++it)
    out.push_back(std::regex_replace((*it)[1].str(), tag, ""));
  return out;
}

}  // namespace

TEST(SiteChanges, ANightsFailedAndBlockedSourcesAreListed) {
  TempDir dir;
  Portals p;
  write_file(dir / "sources.tsv", p.sources());
  std::string out;
  ASSERT_EQ(run(std::string(XXGK_BINARY) + " fetch " + quote(dir / "sources.tsv") + " --store " + quote(dir / "store") +
                    " --db " + quote(dir / "x.sqlite") +
                    " --delay 0 --contact mailto:site-test@example.invalid --timeout 1 --max-mb 1 --log-level off",
                &out),
            1)
      << out;
  ASSERT_LE(run(audit_cmd(dir / "store", dir / "x.sqlite", "--jobs 2"), &out), 1) << out;
  ASSERT_EQ(run(std::string(XXGK_BINARY) + " site --db " + quote(dir / "x.sqlite") + " --out " + quote(dir / "site") +
                    " --log-level off",
                &out),
            0)
      << out;
  const std::string page = read_file(dir / "site/changes.html");
  Db db(dir / "x.sqlite");
  // One night, so one day; every problem the fetch stored is on the page, in its order.
  ASSERT_EQ(db.count("SELECT count(DISTINCT substr(at, 1, 10)) FROM fetch_problems"), 1);
  const auto failed = items(page, "sources-failed");
  ASSERT_EQ(failed.size(), static_cast<size_t>(db.count("SELECT count(*) FROM fetch_problems"))) << page;
  ASSERT_EQ(failed.size(), 7u);
  auto listed = [&](const std::string& text) {
    for (const auto& f : failed)
      if (f.find(text) != std::string::npos) return true;
    return false;
  };
  // The WAF host (412): its agency, the kind and status, the listing URL.
  const std::string waf_agency = db.query("SELECT s.agency FROM fetch_problems p JOIN fetch_sources s ON s.id = p.source_id "
                                          "WHERE p.kind = 'blocked'");
  ASSERT_FALSE(waf_agency.empty());
  EXPECT_TRUE(listed(waf_agency.substr(0, waf_agency.size() - 1) + " blocked 412 " + p.waf.base() + "/gk/ndbg/index.html"))
      << page;
  EXPECT_TRUE(listed("unreachable " + p.robots_down.base() + "/ndbg/index.html")) << page;
  EXPECT_TRUE(listed("too_large 200 " + p.jcms.base() + "/attach/0/huge.pdf")) << page;
  // The bad line of the sources file has no source: it is named as the sources file's.
  EXPECT_TRUE(listed("（来源文件 sources file） sources_file")) << page;
  EXPECT_TRUE(listed("sources.tsv:13: unknown kind cms")) << page;
  // And the reports stored that day are there too.
  EXPECT_EQ(items(page, "added").size(), static_cast<size_t>(db.count("SELECT count(*) FROM documents WHERE status != 'failed'")));
}
