// The downloader and the scheduler against web servers in the test process (127.0.0.0/8 only).
// Each politeness rule has a test here that fails when the rule is taken out of the scheduler.
#include "fetch/scheduler.h"
#include "fetch_server.h"
#include "pipeline/sha256.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <atomic>
#include <fstream>
#include <chrono>
#include <thread>

using namespace xxgk::fetch;
using fetch_test::TestHost;

namespace {

constexpr const char* kAgent = "xxgk/0.1 (+mailto:nightly@example.invalid)";

Politeness fast() {
  Politeness p;
  p.delay = 0;
  p.default_retry_after = 0.1;
  return p;
}

ClientOptions client(double timeout = 10) {
  ClientOptions c;
  c.user_agent = kAgent;
  c.connect_timeout = 5;
  c.timeout = timeout;
  return c;
}

Request get(const std::string& url) {
  Request r;
  r.url = parse_url(url).value();
  return r;
}

void page(TestHost& h, const std::string& path, const std::string& body, const std::string& type = "text/html") {
  h.server().Get(path, [body, type](const httplib::Request&, httplib::Response& res) { res.set_content(body, type); });
}

void robots(TestHost& h, int status, const std::string& body = "") {
  h.server().Get("/robots.txt", [status, body](const httplib::Request&, httplib::Response& res) {
    res.status = status;
    res.set_content(body, "text/plain");
  });
}

std::string gzip(const std::string& in) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(compressBound(static_cast<uLong>(in.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

// --- robots.txt ---------------------------------------------------------------------------------

TEST(FetchPoliteness, RobotsDisallowIsNeverRequested) {
  TestHost h;
  robots(h, 200, "User-agent: *\nDisallow: /private/\n");
  page(h, "/private/a.html", "secret");
  page(h, "/public/a.html", "hello");
  h.start();
  Scheduler s(fast(), client(), nullptr);
  EXPECT_EQ(s.fetch(get(h.base() + "/private/a.html")).status, FetchStatus::disallowed);
  const auto ok = s.fetch(get(h.base() + "/public/a.html"));
  EXPECT_EQ(ok.status, FetchStatus::ok);
  EXPECT_EQ(ok.response.body, "hello");
  EXPECT_TRUE(h.hits("/private").empty());
  EXPECT_EQ(h.hits("/robots.txt").size(), 1u);  // fetched once per host per run, then cached
}

TEST(FetchPoliteness, RobotsNotFoundAllowsEverything) {
  TestHost h;
  robots(h, 404);
  page(h, "/a.html", "a");
  h.start();
  Scheduler s(fast(), client(), nullptr);
  EXPECT_EQ(s.fetch(get(h.base() + "/a.html")).status, FetchStatus::ok);
  EXPECT_EQ(s.fetch(get(h.base() + "/a.html")).status, FetchStatus::ok);
  EXPECT_EQ(h.hits("/a.html").size(), 2u);
  EXPECT_EQ(h.hits("/robots.txt").size(), 1u);
}

TEST(FetchPoliteness, RobotsServerErrorStopsTheHost) {
  TestHost h;
  robots(h, 503);
  page(h, "/a.html", "a");
  h.start();
  Scheduler s(fast(), client(), nullptr);
  const auto f = s.fetch(get(h.base() + "/a.html"));
  EXPECT_EQ(f.status, FetchStatus::unreachable);
  EXPECT_EQ(s.fetch(get(h.base() + "/b.html")).status, FetchStatus::unreachable);
  EXPECT_TRUE(h.hits("/a.html").empty());
  EXPECT_EQ(h.hits("/robots.txt").size(), 1u);
  const auto hosts = s.hosts();
  ASSERT_EQ(hosts.size(), 1u);
  EXPECT_EQ(hosts[0].state, "unreachable");
  EXPECT_EQ(hosts[0].status, 503);
}

TEST(FetchPoliteness, RobotsUnreachableStopsTheHost) {
  // A port nobody listens on: a closed TestHost.
  int port;
  {
    TestHost gone;
    gone.start();
    port = gone.port();
  }
  Scheduler s(fast(), client(), nullptr);
  EXPECT_EQ(s.fetch(get("http://127.0.0.1:" + std::to_string(port) + "/a.html")).status, FetchStatus::unreachable);
  EXPECT_EQ(s.hosts().at(0).state, "unreachable");
}

TEST(FetchPoliteness, RobotsFollowsRedirects) {
  TestHost h;
  h.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/real-robots.txt"); });
  page(h, "/real-robots.txt", "User-agent: *\nDisallow: /no\n", "text/plain");
  page(h, "/no", "x");
  h.start();
  Scheduler s(fast(), client(), nullptr);
  EXPECT_EQ(s.fetch(get(h.base() + "/no")).status, FetchStatus::disallowed);
  EXPECT_TRUE(h.hits("/no").empty());
}

// --- one request at a time per host, a delay between them, hosts in parallel ----------------

TEST(FetchPoliteness, DelayBetweenRequestsToOneHost) {
  TestHost h;
  robots(h, 404);
  page(h, "/a", "a");
  h.start();
  Politeness p = fast();
  p.delay = 0.25;
  Scheduler s(p, client(), nullptr);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(s.fetch(get(h.base() + "/a")).status, FetchStatus::ok);
  const auto hits = h.hits();
  ASSERT_EQ(hits.size(), 4u);  // robots.txt and three pages
  for (size_t i = 1; i < hits.size(); ++i) EXPECT_GE(hits[i].at - hits[i - 1].at, 0.24) << i;
}

TEST(FetchPoliteness, OneRequestAtATimePerHost) {
  TestHost h;
  robots(h, 404);
  std::atomic<int> active{0}, most{0};
  h.server().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    const int now = ++active;
    most = std::max(most.load(), now);
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    --active;
    res.set_content("x", "text/plain");
  });
  h.start();
  Scheduler s(fast(), client(), nullptr);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back([&] { EXPECT_EQ(s.fetch(get(h.base() + "/slow")).status, FetchStatus::ok); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(h.hits("/slow").size(), 4u);
  EXPECT_EQ(most.load(), 1);
}

TEST(FetchPoliteness, HostsRunInParallel) {
  // Each host's handler waits until the other host's handler is running too: only parallel
  // fetching lets both see each other (a serial fetcher makes each wait out its 3 s).
  TestHost a("127.0.0.1"), b("127.0.0.2");
  std::atomic<int> inside{0};
  std::atomic<int> met{0};
  for (TestHost* h : {&a, &b}) {
    robots(*h, 404);
    h->server().Get("/meet", [&](const httplib::Request&, httplib::Response& res) {
      ++inside;
      const auto start = std::chrono::steady_clock::now();
      while (inside.load() < 2 && seconds_since(start) < 3) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      if (inside.load() >= 2) ++met;
      res.set_content("x", "text/plain");
    });
    h->start();
  }
  Scheduler s(fast(), client(), nullptr);
  std::thread t1([&] { s.fetch(get(a.base() + "/meet")); });
  std::thread t2([&] { s.fetch(get(b.base() + "/meet")); });
  t1.join();
  t2.join();
  EXPECT_EQ(met.load(), 2);
}

TEST(FetchPoliteness, CrawlDelayIsHonouredUpToTheCap) {
  TestHost h;
  robots(h, 200, "User-agent: *\nCrawl-delay: 0.3\n");
  page(h, "/a", "a");
  h.start();
  Scheduler s(fast(), client(), nullptr);  // --delay 0: only Crawl-delay spaces the requests
  for (int i = 0; i < 3; ++i) ASSERT_EQ(s.fetch(get(h.base() + "/a")).status, FetchStatus::ok);
  const auto hits = h.hits("/a");
  ASSERT_EQ(hits.size(), 3u);
  for (size_t i = 1; i < hits.size(); ++i) EXPECT_GE(hits[i].at - hits[i - 1].at, 0.29);
  EXPECT_DOUBLE_EQ(s.hosts().at(0).crawl_delay, 0.3);

  TestHost greedy;
  robots(greedy, 200, "User-agent: *\nCrawl-delay: 3600\n");
  page(greedy, "/a", "a");
  greedy.start();
  Politeness capped = fast();
  capped.max_crawl_delay = 0.2;
  Scheduler s2(capped, client(), nullptr);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(s2.fetch(get(greedy.base() + "/a")).status, FetchStatus::ok);
  EXPECT_LT(seconds_since(start), 30);  // an hour asked, 0.2 s given
  const auto g = greedy.hits("/a");
  for (size_t i = 1; i < g.size(); ++i) EXPECT_GE(g[i].at - g[i - 1].at, 0.19);
  EXPECT_DOUBLE_EQ(s2.hosts().at(0).crawl_delay, 0.2);
}

// --- answers that say "slow down" or "go away" --------------------------------------------------

TEST(FetchPoliteness, RetryAfterIsHonoured) {
  TestHost h;
  robots(h, 404);
  std::atomic<int> calls{0};
  h.server().Get("/busy", [&](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 429;
      res.set_header("Retry-After", "1");
      return;
    }
    res.set_content("done", "text/plain");
  });
  h.start();
  Scheduler s(fast(), client(), nullptr);
  const auto f = s.fetch(get(h.base() + "/busy"));
  EXPECT_EQ(f.status, FetchStatus::ok);
  EXPECT_EQ(f.response.body, "done");
  const auto hits = h.hits("/busy");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_GE(hits[1].at - hits[0].at, 0.99);
}

TEST(FetchPoliteness, RetryAfterFarInTheFutureIsClamped) {
  TestHost h;
  robots(h, 404);
  std::atomic<int> calls{0};
  h.server().Get("/busy", [&](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 503;
      res.set_header("Retry-After", "Thu, 01 Jan 2099 00:00:00 GMT");
      return;
    }
    res.set_content("done", "text/plain");
  });
  h.start();
  Politeness p = fast();
  p.max_retry_after = 0.3;
  Scheduler s(p, client(), nullptr);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(s.fetch(get(h.base() + "/busy")).status, FetchStatus::ok);
  EXPECT_LT(seconds_since(start), 30);
  const auto hits = h.hits("/busy");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_GE(hits[1].at - hits[0].at, 0.29);
}

TEST(FetchPoliteness, RetriesStopAfterTheLimit) {
  TestHost h;
  robots(h, 404);
  h.server().Get("/always", [](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "0");
  });
  h.start();
  Scheduler s(fast(), client(), nullptr);
  const auto f = s.fetch(get(h.base() + "/always"));
  EXPECT_EQ(f.status, FetchStatus::http_error);
  EXPECT_EQ(f.response.status, 429);
  EXPECT_EQ(h.hits("/always").size(), 3u);  // the first try and two retries
}

class FetchBlocked : public ::testing::TestWithParam<int> {};

TEST_P(FetchBlocked, TheHostIsStoppedForTheRun) {
  const int code = GetParam();
  TestHost h;
  robots(h, 404);
  h.server().Get("/challenge", [code](const httplib::Request&, httplib::Response& res) {
    res.status = code;
    res.set_content("<script>document.cookie=...</script>", "text/html");
  });
  page(h, "/other", "x");
  h.start();
  Scheduler s(fast(), client(), nullptr);
  EXPECT_EQ(s.fetch(get(h.base() + "/challenge")).status, FetchStatus::blocked);
  EXPECT_EQ(s.fetch(get(h.base() + "/other")).status, FetchStatus::blocked);
  EXPECT_EQ(s.fetch(get(h.base() + "/challenge")).status, FetchStatus::blocked);
  EXPECT_EQ(h.hits("/challenge").size(), 1u);
  EXPECT_TRUE(h.hits("/other").empty());
  const auto report = s.hosts().at(0);
  EXPECT_EQ(report.state, "blocked");
  EXPECT_EQ(report.status, code);
}

INSTANTIATE_TEST_SUITE_P(WafAnswers, FetchBlocked, ::testing::Values(403, 412, 521));

TEST(FetchPoliteness, UserAgentNamesTheToolAndTheContact) {
  TestHost h;
  robots(h, 404);
  page(h, "/a", "a");
  h.start();
  Scheduler s(fast(), client(), nullptr);
  s.fetch(get(h.base() + "/a"));
  for (const auto& hit : h.hits()) EXPECT_EQ(hit.header("User-Agent"), kAgent) << hit.path;
}

TEST(FetchPoliteness, HostThatStopsAnsweringIsGivenUp) {
  TestHost h;
  robots(h, 404);
  h.server().Get("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    res.set_content("late", "text/plain");
  });
  h.start();
  Scheduler s(fast(), client(0.2), nullptr);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(s.fetch(get(h.base() + "/slow")).status, FetchStatus::network_error);
  EXPECT_EQ(s.fetch(get(h.base() + "/slow")).status, FetchStatus::unreachable);
  EXPECT_EQ(h.hits("/slow").size(), 3u);
}

// --- the downloader's limits ---------------------------------------------------------------------

TEST(FetchDownloader, SlowHostTimesOut) {
  TestHost h;
  robots(h, 404);
  h.server().Get("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    res.set_content("late", "text/plain");
  });
  h.start();
  Scheduler s(fast(), client(0.3), nullptr);
  const auto start = std::chrono::steady_clock::now();
  const auto f = s.fetch(get(h.base() + "/slow"));
  EXPECT_EQ(f.status, FetchStatus::network_error);
  EXPECT_EQ(f.response.error, TransferError::timeout);
  EXPECT_LT(seconds_since(start), 1.4);
}

TEST(FetchDownloader, ChunkedBodyOverTheCapIsCut) {
  TestHost h;
  robots(h, 404);
  std::atomic<size_t> sent{0};
  h.server().Get("/huge", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/octet-stream", [&](size_t, httplib::DataSink& sink) {
      const std::string chunk(64 * 1024, 'x');
      if (sent >= (64u << 20)) return false;  // would be 64 MiB; the client stops long before
      sent += chunk.size();
      return sink.write(chunk.data(), chunk.size());
    });
  });
  h.start();
  Scheduler s(fast(), client(), nullptr);
  Request r = get(h.base() + "/huge");
  r.max_bytes = 1 << 20;
  const auto f = s.fetch(r);
  EXPECT_EQ(f.status, FetchStatus::too_large);
  EXPECT_LE(f.response.body.size(), 1u << 20);
  EXPECT_LT(sent.load(), 32u << 20);
}

TEST(FetchDownloader, DeclaredLengthOverTheCapIsRefused) {
  TestHost h;
  robots(h, 404);
  page(h, "/big", std::string(200000, 'x'), "application/pdf");
  h.start();
  Scheduler s(fast(), client(), nullptr);
  Request r = get(h.base() + "/big");
  r.max_bytes = 100000;
  EXPECT_EQ(s.fetch(r).status, FetchStatus::too_large);
}

TEST(FetchDownloader, GzipIsAskedForAndDecoded) {
  TestHost h;
  robots(h, 404);
  const std::string text = std::string(5000, 'a') + "end";
  h.server().Get("/z", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(gzip(text), "application/octet-stream");
  });
  h.start();
  Scheduler s(fast(), client(), nullptr);
  const auto f = s.fetch(get(h.base() + "/z"));
  EXPECT_EQ(f.status, FetchStatus::ok);
  EXPECT_EQ(f.response.body, text);
  EXPECT_NE(h.hits("/z").at(0).header("Accept-Encoding").find("gzip"), std::string::npos);
}

TEST(FetchDownloader, StreamsToAFileWithItsDigest) {
  TestHost h;
  robots(h, 404);
  page(h, "/doc.aspx", "%PDF-1.4 body", "application/octet-stream");
  h.start();
  Scheduler s(fast(), client(), nullptr);
  const std::string path = ::testing::TempDir() + "/xxgk-fetch-body.bin";
  Request r = get(h.base() + "/doc.aspx");
  r.body_file = path;
  const auto f = s.fetch(r);
  EXPECT_EQ(f.status, FetchStatus::ok);
  EXPECT_TRUE(f.response.body.empty());
  EXPECT_EQ(f.response.body_bytes, 13u);
  EXPECT_EQ(f.response.sha256, xxgk::sha256_hex("%PDF-1.4 body"));
  std::ifstream in(path, std::ios::binary);
  std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(got, "%PDF-1.4 body");
  std::remove(path.c_str());
}

// --- redirects -------------------------------------------------------------------------------------

TEST(FetchRedirects, DownloadBehindA302) {
  TestHost h;
  robots(h, 404);
  h.server().Get("/module/download/downfile.jsp", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/attach/0/report.pdf");
  });
  page(h, "/attach/0/report.pdf", "%PDF-1.4", "application/pdf");
  h.start();
  Scheduler s(fast(), client(), nullptr);
  const auto f = s.fetch(get(h.base() + "/module/download/downfile.jsp?classid=0&filename=abc.pdf"));
  EXPECT_EQ(f.status, FetchStatus::ok);
  EXPECT_EQ(f.redirects, 1);
  EXPECT_EQ(f.final_url.str(), h.base() + "/attach/0/report.pdf");
  EXPECT_EQ(f.response.body, "%PDF-1.4");
}

TEST(FetchRedirects, AtMostFive) {
  TestHost h;
  robots(h, 404);
  h.server().Get(R"(/hop/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    const int n = std::stoi(req.matches[1]);
    if (n == 0) return res.set_content("arrived", "text/plain");
    res.set_redirect("/hop/" + std::to_string(n - 1));
  });
  h.start();
  Scheduler s(fast(), client(), nullptr);
  EXPECT_EQ(s.fetch(get(h.base() + "/hop/5")).status, FetchStatus::ok);
  const auto six = s.fetch(get(h.base() + "/hop/6"));
  EXPECT_EQ(six.status, FetchStatus::redirect_error);
  EXPECT_NE(six.message.find("more than 5 redirects"), std::string::npos);
  EXPECT_TRUE(h.hits("/hop/0").size() == 1u);  // only from the chain of five
}

TEST(FetchRedirects, LoopIsCaught) {
  TestHost h;
  robots(h, 404);
  h.server().Get("/a", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/b"); });
  h.server().Get("/b", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/a"); });
  h.start();
  Scheduler s(fast(), client(), nullptr);
  const auto f = s.fetch(get(h.base() + "/a"));
  EXPECT_EQ(f.status, FetchStatus::redirect_error);
  EXPECT_NE(f.message.find("loop"), std::string::npos);
  EXPECT_EQ(h.hits("/a").size(), 1u);
  EXPECT_EQ(h.hits("/b").size(), 1u);
}

TEST(FetchRedirects, OnlyToHttpAndHttps) {
  TestHost h;
  robots(h, 404);
  h.server().Get("/a", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("file:///etc/passwd"); });
  h.server().Get("/b", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("ftp://127.0.0.1/x"); });
  h.start();
  Scheduler s(fast(), client(), nullptr);
  EXPECT_EQ(s.fetch(get(h.base() + "/a")).status, FetchStatus::redirect_error);
  EXPECT_EQ(s.fetch(get(h.base() + "/b")).status, FetchStatus::redirect_error);
}

TEST(FetchRedirects, EachHopObeysItsHostsRobots) {
  TestHost a("127.0.0.1"), b("127.0.0.3");
  robots(b, 200, "User-agent: *\nDisallow: /files/\n");
  page(b, "/files/x.pdf", "%PDF");
  b.start();
  robots(a, 404);
  const std::string target = b.base() + "/files/x.pdf";
  a.server().Get("/go", [target](const httplib::Request&, httplib::Response& res) { res.set_redirect(target); });
  a.start();
  Scheduler s(fast(), client(), nullptr);
  EXPECT_EQ(s.fetch(get(a.base() + "/go")).status, FetchStatus::disallowed);
  EXPECT_TRUE(b.hits("/files").empty());
}

// --- conditional requests ------------------------------------------------------------------------

TEST(FetchConditional, ValidatorsAreSentAnd304IsNotModified) {
  TestHost h;
  robots(h, 404);
  h.server().Get("/r.pdf", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"v1\"") {
      res.status = 304;
      return;
    }
    res.set_header("ETag", "\"v1\"");
    res.set_header("Last-Modified", "Sun, 06 Nov 1994 08:49:37 GMT");
    res.set_content("%PDF-1.4", "application/pdf");
  });
  h.start();
  Scheduler s(fast(), client(), nullptr);
  const auto first = s.fetch(get(h.base() + "/r.pdf"));
  EXPECT_EQ(first.status, FetchStatus::ok);
  EXPECT_EQ(first.response.headers.get("ETag").value(), "\"v1\"");
  const auto second = s.fetch(get(h.base() + "/r.pdf"), [&](const Url&) {
    return std::vector<std::pair<std::string, std::string>>{{"If-None-Match", "\"v1\""},
                                                            {"If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"}};
  });
  EXPECT_EQ(second.status, FetchStatus::not_modified);
  EXPECT_EQ(second.response.body_bytes, 0u);
  EXPECT_EQ(h.hits("/r.pdf").at(1).header("If-Modified-Since"), "Sun, 06 Nov 1994 08:49:37 GMT");
}
