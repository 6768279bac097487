// `xxgk fetch` end to end, through the real binary, against fixture portals served from this test
// process on 127.0.0.0/8 (fetch_portals.h): three nights (everything, nothing, exactly the report
// replaced), what each misbehaving host gets, the WARC read back by warcio, kill -9 and resume, and
// the audit finding each document's provenance by its bytes.
#include "audit_fixtures.h"
#include "fetch_portals.h"
#include "fetch/state.h"
#include "pipeline/sha256.h"
#include "pipeline/shard.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <spawn.h>

#include <algorithm>
#include <set>
#include <thread>

extern char** environ;

namespace {

using namespace audit_test;
using namespace fetch_test;

constexpr const char* kContact = "mailto:nightly-test@example.invalid";

std::string fetch_cmd(const fs::path& sources, const fs::path& dir, const std::string& extra = "") {
  return std::string(XXGK_BINARY) + " fetch " + quote(sources) + " --store " + quote(dir / "store") + " --db " +
         quote(dir / "x.sqlite") + " --delay 0 --contact " + kContact + " --timeout 1 --max-mb 1 --log-level off " + extra;
}

// The target (path and query) of a URL of one of the sites.
std::string target_of(const std::string& url) {
  const size_t slash = url.find('/', url.find("://") + 3);
  return url.substr(slash);
}

std::set<std::string> store_files(const fs::path& store) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(store))
    if (e.is_regular_file()) out.insert(fs::relative(e.path(), store).string());
  return out;
}

std::multiset<std::string> lines(const std::string& s) {
  std::multiset<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.insert(l);
  return out;
}

}  // namespace

TEST(FetchRun, ThreeNights) {
  TempDir dir;
  Portals p;
  write_file(dir / "sources.tsv", p.sources());
  std::string out;

  // Night 1: every report, and every problem reported once.
  EXPECT_EQ(run(fetch_cmd(dir / "sources.tsv", dir.path()), &out), 1) << out;
  Db db(dir / "x.sqlite");
  const auto expected = p.expected_files();
  std::string want;
  for (const auto& [url, agency] : expected) want += url + "\n";
  EXPECT_EQ(db.query("SELECT url FROM fetched_files ORDER BY url"), want);
  // Each stored once, content-addressed, its bytes what the digest says.
  const auto files = store_files(dir / "store");
  EXPECT_EQ(files.size(), expected.size());
  for (const auto& f : files) {
    const std::string sha = fs::path(f).stem().string();
    EXPECT_EQ(f.substr(0, 2), sha.substr(0, 2));
    EXPECT_EQ(xxgk::sha256_hex(read_file(dir / "store" / f)), sha) << f;
    EXPECT_EQ(db.count("SELECT count(*) FROM fetched_files WHERE store_path = '" + f + "'"), 1) << f;
  }
  // Types from the bytes (the .aspx and the downfile.jsp are PDFs), names from Content-Disposition.
  EXPECT_EQ(db.query("SELECT file_type, file_name FROM fetched_files WHERE url LIKE '%9005.aspx'"), "pdf|9005.aspx\n");
  EXPECT_EQ(db.query("SELECT file_type, file_name FROM fetched_files WHERE url LIKE '%7c1e.docx'"),
            "docx|示例四市2024年报告.docx\n");  // RFC 5987 filename*
  EXPECT_EQ(db.query("SELECT file_type, file_name FROM fetched_files WHERE url LIKE '%nb2024.docx'"),
            "docx|示例十一市2024年报.docx\n");  // plain GBK bytes
  EXPECT_EQ(db.query("SELECT file_type, requested_url FROM fetched_files WHERE url LIKE '%5f3a.pdf'"),
            "pdf|" + p.jcms.base() + "/module/download/downfile.jsp?classid=0&filename=5f3a.pdf\n");  // behind a 302
  // Provenance: the article page, the date the listing shows (not the URL's), the listing's title.
  EXPECT_EQ(db.query("SELECT page_url, published, title FROM fetched_files WHERE url LIKE '%P020250120_1003.pdf'"),
            p.trs.base() + "/zwgk/ndbg/202501/t20250120_1003.htm|2025-01-18|上海市人民政府办公厅2019年政府信息公开工作年度报告\n");
  EXPECT_EQ(db.query("SELECT page_url, published FROM fetched_files WHERE url LIKE '%show.asp?id=71'"),
            p.generic.base() + "/xxgk/nb/show.asp?id=71|2025-01-26\n");  // GBK listing, declared only in <meta>
  EXPECT_EQ(db.query("SELECT file_type, title FROM fetched_files WHERE url LIKE '%show.asp?id=70'"),
            "html|示例十市人民政府2024年政府信息公开工作年度报告\n");  // page 2 of the GBK listing, via 下一页
  EXPECT_EQ(db.query("SELECT published FROM fetched_files WHERE url LIKE '%post_9004.html'"), "2025-01-21\n");
  EXPECT_EQ(db.query("SELECT page_url FROM fetched_files WHERE url LIKE '%P020250119_1002.pdf'"),
            p.trs.base() + "/zwgk/ndbg/202501/t20250119_1002.htm\n");  // a PDF in an iframe
  // Every problem, once, with its kind.
  EXPECT_EQ(lines(db.query("SELECT kind || ' ' || coalesce(http_status, '-') || ' ' || coalesce(url, '') FROM fetch_problems")),
            lines("disallowed - " + p.trs.base() + "/zwgk/ndbg/private/202501/t20250120_1004.htm\n"
                  "redirect_error 302 " + p.jcms.base() + "/attach/0/9d9d.pdf\n"
                  "too_large 200 " + p.jcms.base() + "/attach/0/huge.pdf\n"
                  "blocked 412 " + p.waf.base() + "/gk/ndbg/index.html\n"
                  "unreachable - " + p.robots_down.base() + "/ndbg/index.html\n"
                  "network_error - " + p.slow.base() + "/ndbg/index.html\n"
                  "sources_file - \n"));
  EXPECT_NE(db.query("SELECT message FROM fetch_problems WHERE kind = 'sources_file'").find("sources.tsv:13: unknown kind cms"),
            std::string::npos);
  // What the hosts saw: robots.txt obeyed, the 412 host and the 503-robots host asked nothing more,
  // no unfilled template or weather widget followed, no index_1.html on jcms, 429 waited out.
  EXPECT_TRUE(p.trs.host.hits("/zwgk/ndbg/private").empty());
  EXPECT_TRUE(p.trs.host.hits("/pdfjs").empty());
  std::vector<std::string> waf;
  for (const auto& h : p.waf.host.hits()) waf.push_back(h.path);
  EXPECT_EQ(waf, (std::vector<std::string>{"/robots.txt", "/gk/ndbg/index.html"}));
  std::vector<std::string> down;
  for (const auto& h : p.robots_down.host.hits()) down.push_back(h.path);
  EXPECT_EQ(down, std::vector<std::string>{"/robots.txt"});
  EXPECT_TRUE(p.jcms.host.hits("/col/col1234/index_1").empty());
  const auto busy = p.gkmlpt.host.hits("/gkmlpt/api/all/55?page=2");
  ASSERT_EQ(busy.size(), 2u);
  EXPECT_GE(busy[1].at - busy[0].at, 0.99);
  for (Site* s : {&p.trs, &p.jcms, &p.gkmlpt, &p.ucap, &p.generic, &p.document})
    for (const auto& h : s->host.hits()) EXPECT_NE(h.header("User-Agent").find(kContact), std::string::npos);
  EXPECT_NE(out.find("files: 17 new, 0 revised"), std::string::npos) << out;

  // Night 2: nothing new; every known report asked conditionally, none sent again.
  for (Site* s : {&p.trs, &p.jcms, &p.gkmlpt, &p.ucap, &p.generic, &p.document}) s->host.clear_hits();
  EXPECT_EQ(run(fetch_cmd(dir / "sources.tsv", dir.path()), &out), 1) << out;
  EXPECT_NE(out.find("files: 0 new, 0 revised"), std::string::npos) << out;
  EXPECT_EQ(db.count("SELECT count(*) FROM fetched_files"), 17);
  EXPECT_EQ(store_files(dir / "store"), files);
  EXPECT_EQ(db.query("SELECT new_files, revised_files FROM fetch_runs WHERE id = 2"), "0|0\n");
  for (Site* s : {&p.trs, &p.jcms, &p.gkmlpt, &p.ucap, &p.generic, &p.document})
    for (const auto& a : s->host.answers())
      for (const auto& [url, agency] : expected)
        if (url.rfind(s->base(), 0) == 0 && target_of(url) == a.path) {
          EXPECT_EQ(a.status, 304) << url;
        }
  EXPECT_FALSE(p.trs.host.hits("/zwgk/ndbg/202501/t20250118_1001.htm").empty());  // revalidated, not skipped
  EXPECT_EQ(p.trs.host.hits("/zwgk/ndbg/202501/t20250118_1001.htm").at(0).header("If-None-Match").empty(), false);
  EXPECT_TRUE(p.trs.host.hits("/zwgk/ndbg/index_1.htm").empty());  // the walk stopped at the first page: nothing new

  // Night 3: one report replaced in place is stored, as a revision of that URL, and nothing else.
  p.revise_one_report();
  EXPECT_EQ(run(fetch_cmd(dir / "sources.tsv", dir.path()), &out), 1) << out;
  EXPECT_NE(out.find("files: 0 new, 1 revised"), std::string::npos) << out;
  EXPECT_EQ(db.count("SELECT count(*) FROM fetched_files"), 18);
  EXPECT_EQ(db.query("SELECT n.url = o.url, n.sha256 <> o.sha256, n.run_id FROM fetched_files n JOIN fetched_files o "
                     "ON o.id = n.revision_of"),
            "1|1|3\n");
  EXPECT_EQ(db.query("SELECT url FROM fetched_files WHERE run_id = 3"), p.trs.base() + "/zwgk/ndbg/202501/t20250125_1007.htm\n");
  EXPECT_EQ(store_files(dir / "store").size(), 18u);
}

TEST(FetchRun, WarcIsReadBackByWarcio) {
  const fs::path js = fs::path(XXGK_SOURCE_DIR) / "tests/js";
  ASSERT_TRUE(fs::exists(js / "node_modules/warcio")) << "run `npm ci` in tests/js (./setup.sh test does)";
  ASSERT_EQ(run("node --version >/dev/null 2>&1"), 0) << "node is needed to read the WARC back (apt-get install nodejs)";
  TempDir dir;
  Portals p;
  write_file(dir / "sources.tsv", "agency\tregion\tkind\turl\nA\t\ttrs\t" + p.trs.base() + "/zwgk/ndbg/\nB\t\tjcms\t" +
                                      p.jcms.base() + "/col/col1234/index.html\n");
  std::string out;
  EXPECT_EQ(run(fetch_cmd(dir / "sources.tsv", dir.path(), "--warc " + quote(dir / "crawl.warc")), &out), 1) << out;
  ASSERT_EQ(run("node " + quote(js / "read_warc.mjs") + " " + quote(dir / "crawl.warc"), &out), 0) << out;
  const auto records = nlohmann::json::parse(out);
  ASSERT_GT(records.size(), 3u);
  EXPECT_EQ(records[0]["type"], "warcinfo");
  std::map<std::string, nlohmann::json> by_id;
  size_t requests = 0, responses = 0;
  for (const auto& r : records) by_id[r["id"].get<std::string>()] = r;
  for (const auto& r : records) {
    if (r["type"] == "warcinfo") continue;
    ASSERT_TRUE(r["concurrentTo"].is_string()) << r.dump();
    const auto& other = by_id.at(r["concurrentTo"].get<std::string>());
    EXPECT_EQ(other["concurrentTo"], r["id"]);
    EXPECT_EQ(other["target"], r["target"]);
    if (r["type"] == "request") {
      ++requests;
      EXPECT_NE(r["userAgent"].get<std::string>().find(kContact), std::string::npos);
    } else {
      ++responses;
      ASSERT_EQ(r["type"], "response");
      EXPECT_EQ(r["payloadDigest"], "sha256:" + r["payloadSha256"].get<std::string>()) << r["target"];
      EXPECT_TRUE(r["blockDigest"].is_string());
    }
  }
  // Every request the hosts answered is in the WARC, once.
  EXPECT_EQ(requests, responses);
  EXPECT_EQ(requests, p.trs.host.answers().size() + p.jcms.host.answers().size());
  // Every stored file is a response payload, with the stored bytes' digest; the 302 is there too.
  Db db(dir / "x.sqlite");
  std::istringstream rows(db.query("SELECT url || ' ' || sha256 FROM fetched_files"));
  int checked = 0;
  for (std::string row; std::getline(rows, row); ++checked) {
    const std::string url = row.substr(0, row.find(' ')), sha = row.substr(row.find(' ') + 1);
    bool found = false;
    for (const auto& r : records)
      if (r["type"] == "response" && r["target"] == url && r["payloadSha256"] == sha && r["httpStatus"] == 200) found = true;
    EXPECT_TRUE(found) << url;
  }
  EXPECT_EQ(checked, 8);
  bool redirect = false, cut = false;
  for (const auto& r : records) {
    if (r["type"] == "response" && r["httpStatus"] == 302 && r["target"].get<std::string>().find("downfile.jsp") != std::string::npos)
      redirect = true;
    if (r["type"] == "response" && r["truncated"] == "length") cut = true;  // the body over the cap
  }
  EXPECT_TRUE(redirect);
  EXPECT_TRUE(cut);
}

TEST(FetchRun, KilledAtAnyMomentResumesWithNothingLostOrDoubled) {
  Site site("127.0.0.10");
  simple_portal(site, 30, "续");
  site.start();
  TempDir dir;
  write_file(dir / "sources.tsv", "agency\tregion\tkind\turl\n续\t\ttrs\t" + site.base() + "/ndbg/\n");
  // The reference: one uninterrupted run.
  fs::create_directories(dir / "clean");
  ASSERT_EQ(run(fetch_cmd(dir / "sources.tsv", dir / "clean")), 0);
  // A run killed with SIGKILL once it has stored a few reports, then the next night.
  fs::create_directories(dir / "killed");
  std::vector<std::string> args = {XXGK_BINARY, "fetch", (dir / "sources.tsv").string(), "--store", (dir / "killed/store").string(),
                                   "--db", (dir / "killed/x.sqlite").string(), "--delay", "0.03", "--contact", kContact,
                                   "--log-level", "off"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ), 0);
  long long stored = 0;
  for (int i = 0; i < 2000 && stored < 6; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (fs::exists(dir / "killed/x.sqlite")) {
      try {
        stored = Db(dir / "killed/x.sqlite", SQLITE_OPEN_READONLY).count("SELECT count(*) FROM fetched_files");
      } catch (const std::exception&) {
      }
    }
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_GE(stored, 6);
  ASSERT_LT(stored, 30) << "the run ended before it could be killed";
  EXPECT_EQ(run(fetch_cmd(dir / "sources.tsv", dir / "killed")), 0);
  const std::string q = "SELECT url || ' ' || sha256 || ' ' || store_path FROM fetched_files ORDER BY url";
  EXPECT_EQ(Db(dir / "killed/x.sqlite").query(q), Db(dir / "clean/x.sqlite").query(q));
  EXPECT_EQ(Db(dir / "killed/x.sqlite").count("SELECT count(*) FROM fetched_files"), 30);
  EXPECT_EQ(Db(dir / "killed/x.sqlite").count("SELECT count(*) FROM fetch_entries WHERE done_at IS NULL"), 0);
  EXPECT_EQ(store_files(dir / "killed/store"), store_files(dir / "clean/store"));
}

TEST(FetchRun, TheAuditFindsEachDocumentsProvenanceByItsBytes) {
  Portals p;
  TempDir dir;
  write_file(dir / "sources.tsv", "agency\tregion\tkind\turl\nA\t\tgkmlpt\t" + p.gkmlpt.base() + "/gkmlpt/api/all/55?page=1&sid=7\n");
  ASSERT_EQ(run(fetch_cmd(dir / "sources.tsv", dir.path())), 0);
  ASSERT_EQ(run(audit_cmd(dir / "store", dir / "x.sqlite", "--jobs 2")), 0);
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.count("SELECT count(*) FROM documents"), 4);
  // Every document carries the URL, article page, date and download time the fetch recorded.
  EXPECT_EQ(db.count("SELECT count(*) FROM documents d JOIN fetched_files f ON f.sha256 = d.sha256 WHERE d.url IS f.url AND "
                     "d.page_url IS f.page_url AND d.published IS f.published AND d.fetched_at IS f.fetched_at"),
            4);
  EXPECT_EQ(db.query("SELECT d.url, d.page_url, d.published, r.agency FROM documents d JOIN reports r ON r.document_id = d.id "
                     "WHERE d.format = 'pdf'"),
            p.gkmlpt.base() + "/attachment/0/9/9005.aspx|" + p.gkmlpt.base() +
                "/gkmlpt/content/1/2/post_9005.html|2025-01-22|长春市南关区新春街道办事处\n");
}

// Issue 18: the sources file's `region` reaches the report's placement. 新春街道办事处 alone fits two
// divisions (长春市南关区 and 哈尔滨市南岗区) and the report names neither; fetched through a line
// giving 220102, it is placed in 220102004 — by the audit after the fetch, and again when the audit
// places the stored reports anew (the division data or the resolver changed).
TEST(FetchRun, TheSourcesRegionPlacesAFetchedReport) {
  Site site("127.0.0.1");
  site.put("/files/xinchun2024.docx", Resource(report_docx("新春街道办事处"), "application/octet-stream"));
  site.start();
  TempDir dir;
  for (const std::string region : {"220102", ""}) {
    const fs::path night = dir / (region.empty() ? "without" : "with");
    fs::create_directories(night);
    write_file(night / "sources.tsv",
               "agency\tregion\tkind\turl\n新春街道办事处\t" + region + "\tdocument\t" + site.base() + "/files/xinchun2024.docx\n");
    ASSERT_EQ(run(fetch_cmd(night / "sources.tsv", night)), 0);
    ASSERT_EQ(run(audit_cmd(night / "store", night / "x.sqlite")), 0);
  }
  Db with(dir / "with/x.sqlite"), without(dir / "without/x.sqlite");
  EXPECT_EQ(with.query("SELECT region, agency FROM fetched_files"), "220102|新春街道办事处\n");  // the stored provenance
  EXPECT_EQ(with.query("SELECT agency, region_code, region_role, agency_id FROM reports"),
            "新春街道办事处|220102004|government|220102004/government\n");
  EXPECT_EQ(with.count("SELECT count(*) FROM findings WHERE rule LIKE 'region.%'"), 0);
  // The same bytes through a line without a region: the name alone does not say where.
  EXPECT_EQ(without.query("SELECT region_code IS NULL FROM reports"), "1\n");
  EXPECT_EQ(without.query("SELECT rule FROM findings WHERE rule LIKE 'region.%'"), "region.ambiguous\n");

  // Placed anew (as after a change of the division data): the provenance's region still wins.
  with.query("DELETE FROM meta WHERE key = 'regions_data'");
  ASSERT_EQ(run(audit_cmd(dir / "with/store", dir / "with/x.sqlite")), 0);
  EXPECT_EQ(with.query("SELECT region_code, agency_id FROM reports"), "220102004|220102004/government\n");
  EXPECT_EQ(with.count("SELECT count(*) FROM findings WHERE rule LIKE 'region.%'"), 0);
}

// Issue 18: a `document` source whose URL is a web page — the report printed as the page, or a page
// that links the report's file — is read as an article is (it was refused as not_a_report): the page
// kept as the report, or the file it links; the next night asks it conditionally and stores nothing.
TEST(FetchRun, ADocumentSourceThatIsAPageKeepsThePageOrWhatItLinks) {
  Site site("127.0.0.1");
  site.page("/nb/2024.html", "<html><head><meta charset=\"utf-8\"><title>示例十二市人民政府2024年政府信息公开工作年度报告</title></head>"
                             "<body>" + report_body("示例十二市人民政府") + "</body></html>");
  site.page("/nb/pdf.html", "<html><head><meta charset=\"utf-8\"><title>2024年年报</title></head><body><p>附件："
                            "<a href=\"/files/huaian2024.pdf\">示例市2024年报.pdf</a></p></body></html>");
  site.put("/files/huaian2024.pdf", Resource(corpus_file("pdf/huaian-city-2024.pdf"), "application/octet-stream"));
  site.start();
  TempDir dir;
  write_file(dir / "sources.tsv", "agency\tregion\tkind\turl\n示例十二市人民政府\t\tdocument\t" + site.base() +
                                      "/nb/2024.html\n淮安市人民政府\t\tdocument\t" + site.base() + "/nb/pdf.html\n");
  std::string out;
  ASSERT_EQ(run(fetch_cmd(dir / "sources.tsv", dir.path()), &out), 0) << out;
  EXPECT_NE(out.find("files: 2 new, 0 revised"), std::string::npos) << out;
  Db db(dir / "x.sqlite");
  EXPECT_EQ(db.query("SELECT url, requested_url = url, page_url, file_type FROM fetched_files ORDER BY url"),
            site.base() + "/files/huaian2024.pdf|1|" + site.base() + "/nb/pdf.html|pdf\n" + site.base() + "/nb/2024.html|1|" +
                site.base() + "/nb/2024.html|html\n");
  EXPECT_EQ(db.count("SELECT count(*) FROM fetch_problems"), 0);
  ASSERT_EQ(run(audit_cmd(dir / "store", dir / "x.sqlite")), 0);
  EXPECT_EQ(db.query("SELECT d.format, r.agency, r.year, d.url FROM documents d JOIN reports r ON r.document_id = d.id "
                     "WHERE d.status <> 'failed' ORDER BY d.format"),
            "html|示例十二市人民政府|2024|" + site.base() + "/nb/2024.html\npdf|淮安市人民政府|2024|" + site.base() +
                "/files/huaian2024.pdf\n");

  // Night 2: both pages answer 304, the linked PDF is asked again (conditionally), nothing is stored.
  site.host.clear_hits();
  ASSERT_EQ(run(fetch_cmd(dir / "sources.tsv", dir.path()), &out), 0) << out;
  EXPECT_NE(out.find("files: 0 new, 0 revised"), std::string::npos) << out;
  EXPECT_EQ(db.count("SELECT count(*) FROM fetched_files"), 2);
  std::multiset<std::string> answered;
  for (const auto& a : site.host.answers()) answered.insert(a.path + " " + std::to_string(a.status));
  EXPECT_EQ(answered, (std::multiset<std::string>{"/robots.txt 404", "/nb/2024.html 304", "/nb/pdf.html 304",
                                                  "/files/huaian2024.pdf 304"}));
}

// Issue 21 item 3: `xxgk fetch --shard K/N` splits the sources by the host of their URL, so N
// machines fetching at once never ask one host from two of them: every source of a host is in one
// shard, a shard asks no host of another (not even its robots.txt), and together the shards fetch
// what one plain run fetches.
TEST(FetchRun, ShardsSplitTheSourcesByHost) {
  const std::vector<std::string> hosts = {"127.0.0.21", "127.0.0.22", "127.0.0.23"};
  // FNV-1a 64 of the host name, mod 2: .21 and .23 are shard 0, .22 shard 1.
  EXPECT_EQ(xxgk::shard_hash(hosts[0]) % 2, 0u);
  EXPECT_EQ(xxgk::shard_hash(hosts[1]) % 2, 1u);
  EXPECT_EQ(xxgk::shard_hash(hosts[2]) % 2, 0u);
  std::vector<std::unique_ptr<Site>> sites;
  std::string sources = "agency\tregion\tkind\turl\n";
  const std::vector<std::string> names = {"甲", "乙", "丙"};
  for (size_t i = 0; i < hosts.size(); ++i) {
    sites.push_back(std::make_unique<Site>(hosts[i]));
    simple_portal(*sites[i], 3, names[i]);
    sites[i]->put("/files/nb2024.docx", Resource(report_docx(names[i] + "市人民政府"), "application/octet-stream"));
    sites[i]->start();
    // Two sources on each host: a listing and a single document.
    sources += names[i] + "\t\ttrs\t" + sites[i]->base() + "/ndbg/\n" + names[i] + "市人民政府\t\tdocument\t" + sites[i]->base() +
               "/files/nb2024.docx\n";
  }
  TempDir dir;
  write_file(dir / "sources.tsv", sources);
  for (const char* d : {"all", "shard0", "shard1", "bad"}) fs::create_directories(dir / d);
  const std::string urls = "SELECT url FROM fetched_files ORDER BY url";
  ASSERT_EQ(run(fetch_cmd(dir / "sources.tsv", dir / "all")), 0);
  const std::string all = Db(dir / "all/x.sqlite").query(urls);
  ASSERT_EQ(std::count(all.begin(), all.end(), '\n'), 12);  // 3 hosts × (3 report pages + 1 document)

  std::set<std::string> together;
  std::map<std::string, int> shard_of_host;
  for (int k = 0; k < 2; ++k) {
    for (auto& s : sites) s->host.clear_hits();
    const fs::path shard = dir / ("shard" + std::to_string(k));
    std::string out;
    ASSERT_EQ(run(fetch_cmd(dir / "sources.tsv", shard, "--shard " + std::to_string(k) + "/2"), &out), 0) << out;
    EXPECT_NE(out.find(k == 0 ? "4 sources of shard 0/2 (2 left to the other shards)" : "2 sources of shard 1/2 (4 left to the other shards)"),
              std::string::npos)
        << out;
    // The hosts of the other shard were not asked anything.
    for (size_t i = 0; i < hosts.size(); ++i)
      EXPECT_EQ(sites[i]->host.hits().empty(), xxgk::shard_hash(hosts[i]) % 2 != static_cast<unsigned>(k)) << hosts[i] << " shard " << k;
    std::istringstream rows(Db(shard / "x.sqlite").query(urls));
    for (std::string url; std::getline(rows, url);) {
      EXPECT_TRUE(together.insert(url).second) << url << " fetched by two shards";
      const std::string host = url.substr(7, url.find(':', 7) - 7);
      const auto [it, fresh] = shard_of_host.emplace(host, k);
      EXPECT_EQ(it->second, k) << host << " in two shards";
    }
  }
  std::string joined;
  for (const auto& u : together) joined += u + "\n";
  EXPECT_EQ(joined, all);
  EXPECT_EQ(shard_of_host, (std::map<std::string, int>{{hosts[0], 0}, {hosts[1], 1}, {hosts[2], 0}}));

  std::string out;
  EXPECT_EQ(run(fetch_cmd(dir / "sources.tsv", dir / "bad", "--shard 2/2") + " 2>&1", &out), 2);
  EXPECT_NE(out.find("K must be less than N"), std::string::npos) << out;
}

// Issue 21 item 2: `xxgk audit --shard K/N` keys a fetched document by its URL, not by its place in
// the store folder (its sha256, which changes with every revision of the report at that URL); the
// file is recognised by its store path and the fetch's record of it in the --db, never read by a
// shard that does not own it. A document the fetch did not store keeps its path as its key.
TEST(FetchRun, AuditShardsKeyAFetchedDocumentByItsUrl) {
  TempDir dir;
  fs::create_directories(dir / "store");
  std::map<std::string, std::string> url_of;  // store path → URL
  {
    xxgk::fetch::FetchState state((dir / "fetch.sqlite").string());
    const auto run_id = state.begin_run("sources.tsv", "2025-01-20T00:00:00Z");
    for (int i = 0; i < 8; ++i) {
      const std::string bytes = fmt::format("<html><body><p>示例{}号市人民政府2024年政府信息公开工作年度报告</p></body></html>", i);
      const std::string sha = xxgk::sha256_hex(bytes);
      const std::string store_path = sha.substr(0, 2) + "/" + sha + ".html";
      write_file(dir / "store" / store_path, bytes);
      xxgk::fetch::FileRecord f;
      f.sha256 = sha;
      f.url = f.requested_url = fmt::format("http://127.0.0.1:8080/ndbg/202501/t20250120_{}.htm", 1000 + i);
      f.page_url = f.url;
      f.file_type = "html";
      f.size = bytes.size();
      f.store_path = store_path;
      f.fetched_at = "2025-01-20T00:00:00Z";
      f.run_id = run_id;
      state.record_file(f);
      url_of[store_path] = f.url;
    }
  }
  write_file(dir / "store/local/kept-by-hand.html", "<html><body><p>示例市2024年报</p></body></html>");  // not fetched
  const auto owner = [](const std::string& key) { return static_cast<int>(xxgk::shard_hash(key) % 2); };
  std::map<int, std::set<std::string>> expected;
  int moved = 0;  // documents whose URL puts them in another shard than their store path would
  for (const auto& [path, url] : url_of) {
    expected[owner(url)].insert(path);
    moved += owner(url) != owner(path);
  }
  expected[owner("local/kept-by-hand.html")].insert("local/kept-by-hand.html");
  ASSERT_GT(moved, 0) << "the fixture must tell the two keys apart";

  std::set<std::string> seen;
  for (int k = 0; k < 2; ++k) {
    // Each shard's database starts as a copy of the fetch's (it holds the provenance).
    const fs::path db = dir / ("shard" + std::to_string(k) + ".sqlite");
    fs::copy_file(dir / "fetch.sqlite", db);
    std::string out;
    EXPECT_LE(run(audit_cmd(dir / "store", db, "--shard " + std::to_string(k) + "/2"), &out), 1) << out;
    std::set<std::string> got;
    std::istringstream rows(Db(db).query("SELECT path FROM documents"));
    for (std::string p; std::getline(rows, p);) got.insert(fs::relative(p, dir / "store").string());
    EXPECT_EQ(got, expected[k]) << "shard " << k;
    // Fetched documents carry their provenance in the shard too.
    EXPECT_EQ(Db(db).count("SELECT count(*) FROM documents WHERE url IS NULL"), k == owner("local/kept-by-hand.html") ? 1 : 0);
    seen.insert(got.begin(), got.end());
  }
  EXPECT_EQ(seen.size(), 9u);
}
