// The fetch's pure parsers: URLs, the HTTP header block, Retry-After and HTTP dates,
// Content-Disposition, byte sniffing and page decoding, robots.txt (RFC 9309), the WARC head.
#include "fetch/http.h"
#include "fetch/robots.h"
#include "fetch/sniff.h"
#include "fetch/url.h"
#include "fetch/warc.h"

#include <gtest/gtest.h>

using namespace xxgk::fetch;

namespace {

Url U(const std::string& s) {
  auto u = parse_url(s);
  if (!u) throw std::runtime_error("bad test URL " + s);
  return *u;
}

std::string resolved(const std::string& base, const std::string& ref) {
  auto u = resolve_url(U(base), ref);
  return u ? u->str() : "(none)";
}

}  // namespace

TEST(FetchUrl, NormalisesSchemeHostPortAndDotSegments) {
  EXPECT_EQ(U("HTTP://WWW.Example.GOV.cn:80/a/./b/../c.html#top").str(), "http://www.example.gov.cn/a/c.html");
  EXPECT_EQ(U("https://h.cn:443").str(), "https://h.cn/");
  EXPECT_EQ(U("http://127.0.0.1:8080/x?a=1&b=2").str(), "http://127.0.0.1:8080/x?a=1&b=2");
  EXPECT_EQ(U("http://127.0.0.1:8080/x").origin(), "http://127.0.0.1:8080");
  EXPECT_EQ(U("http://h.cn/x?").path_and_query(), "/x?");
  EXPECT_FALSE(parse_url("ftp://h.cn/a.pdf"));
  EXPECT_FALSE(parse_url("file:///etc/passwd"));
  EXPECT_FALSE(parse_url("/relative/only"));
  EXPECT_FALSE(parse_url("http://h.cn:99999/"));
}

TEST(FetchUrl, ResolvesPortalLinks) {
  // The TRS column is a directory with a trailing slash: ./YYYYMM/… resolves inside it.
  EXPECT_EQ(resolved("http://h.cn/zwgk/ndbg/", "./202501/t20250120_123.htm"), "http://h.cn/zwgk/ndbg/202501/t20250120_123.htm");
  EXPECT_EQ(resolved("http://h.cn/col/col1/index.html", "../../art/2025/1/2/art_1_9.html"), "http://h.cn/art/2025/1/2/art_1_9.html");
  EXPECT_EQ(resolved("http://h.cn/a/b.html", "//cdn.h.cn/x.pdf"), "http://cdn.h.cn/x.pdf");
  EXPECT_EQ(resolved("https://h.cn/a/b.html", "/attach/报告 2024.pdf"),
            "https://h.cn/attach/%E6%8A%A5%E5%91%8A%202024.pdf");
  EXPECT_EQ(resolved("http://h.cn/a/b.html", " \n/x.pdf\t"), "http://h.cn/x.pdf");
  EXPECT_EQ(resolved("http://h.cn/a/b.html", "..\\files\\c.pdf"), "http://h.cn/files/c.pdf");
  EXPECT_EQ(resolved("http://h.cn/a/b.html", "x.pdf?name=50%"), "http://h.cn/a/x.pdf?name=50%25");
  // Placeholders and scripts are no URLs.
  for (const char* ref : {"javascript:;", "JavaScript:void(0)", "#", "#top", "mailto:a@b.cn", "{{el.url}}",
                          "./{{item.href}}", "${url}", "", "   ", "data:text/html,x", "tel:123"})
    EXPECT_EQ(resolved("http://h.cn/a/", ref), "(none)") << ref;
  // A bare word is a relative link (logoutUrl): it resolves, and only its shape decides whether it is followed.
  EXPECT_EQ(resolved("http://h.cn/a/", "logoutUrl"), "http://h.cn/a/logoutUrl");
}

TEST(FetchUrl, QueryParameters) {
  const Url u = U("http://h.cn/web/viewer.html?file=%2Fattach%2F2025%2F%E6%8A%A5.pdf&x=1+2");
  EXPECT_EQ(query_param(u, "file").value(), "/attach/2025/\xE6\x8A\xA5.pdf");
  EXPECT_EQ(query_param(u, "x").value(), "1 2");
  EXPECT_FALSE(query_param(u, "y"));
  EXPECT_EQ(with_query_param(u, "x", "3").str(), "http://h.cn/web/viewer.html?file=%2Fattach%2F2025%2F%E6%8A%A5.pdf&x=3");
  EXPECT_EQ(with_query_param(U("http://h.cn/api?page=1&sid=7"), "page", "12").str(), "http://h.cn/api?page=12&sid=7");
  EXPECT_EQ(with_query_param(U("http://h.cn/api"), "page", "2").str(), "http://h.cn/api?page=2");
  EXPECT_EQ(file_name_of(U("http://h.cn/a/%E6%8A%A5.pdf")), "\xE6\x8A\xA5.pdf");
  EXPECT_EQ(file_name_of(U("http://h.cn/a/")), "");
}

TEST(FetchHttp, ParsesTheLastHeaderBlock) {
  const auto h = parse_response_head(
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=GBK\r\nETag: \"abc\"\r\n"
      "Set-Cookie: a=1\r\n\r\n");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  EXPECT_EQ(h->status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(h->headers.get("content-type").value(), "text/html; charset=GBK");
  EXPECT_EQ(h->headers.get("ETAG").value(), "\"abc\"");
  EXPECT_FALSE(h->headers.get("Location"));
  EXPECT_FALSE(parse_response_head("garbage\r\n\r\n"));
  EXPECT_FALSE(parse_response_head("HTTP/1.1 abc\r\n"));
  EXPECT_EQ(content_type_charset("text/html; charset=\"gb2312\""), "gb2312");
  EXPECT_EQ(content_type_charset("application/pdf"), "");
}

TEST(FetchHttp, HttpDatesAndRetryAfter) {
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").value(), 784111777);
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT").value(), 784111777);
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994").value(), 784111777);
  EXPECT_FALSE(parse_http_date("tomorrow"));
  EXPECT_FALSE(parse_http_date("Sun, 36 Nov 1994 08:49:37 GMT"));
  const std::time_t now = 784111777;
  EXPECT_EQ(parse_retry_after("120", now).value(), 120);
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:50:37 GMT", now).value(), 60);
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now).value(), 0);  // in the past: no wait
  // A date far in the future is returned as asked: the scheduler clamps it (libcurl's own parser
  // turned 2099 into 2.3e9 s).
  EXPECT_GT(parse_retry_after("Thu, 01 Jan 2099 00:00:00 GMT", now).value(), 3e9);
  EXPECT_FALSE(parse_retry_after("soon", now));
  EXPECT_FALSE(parse_retry_after("-5", now));
}

TEST(FetchHttp, ContentDispositionNames) {
  const std::string bao = "\xE6\x8A\xA5\xE5\x91\x8A";  // 报告 in UTF-8
  const std::string bao_gbk = "\xB1\xA8\xB8\xE6";      // 报告 in GBK
  EXPECT_EQ(content_disposition_filename("attachment; filename=\"a b.pdf\"").value(), "a b.pdf");
  EXPECT_EQ(content_disposition_filename("attachment; filename=plain.doc").value(), "plain.doc");
  EXPECT_EQ(content_disposition_filename("attachment; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf").value(), bao + ".pdf");
  // filename* wins over filename, in either order.
  EXPECT_EQ(content_disposition_filename("attachment; filename=\"fallback.pdf\"; filename*=utf-8'zh'%E6%8A%A5%E5%91%8A.pdf").value(),
            bao + ".pdf");
  EXPECT_EQ(content_disposition_filename("attachment; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf; filename=x.pdf").value(), bao + ".pdf");
  EXPECT_EQ(content_disposition_filename("attachment; filename*=GBK''%B1%A8%B8%E6.pdf").value(), bao + ".pdf");
  EXPECT_EQ(content_disposition_filename("attachment; filename=\"" + bao_gbk + ".pdf\"").value(), bao + ".pdf");
  EXPECT_EQ(content_disposition_filename("attachment; filename=\"" + bao + ".pdf\"").value(), bao + ".pdf");
  EXPECT_EQ(content_disposition_filename("attachment; filename=%E6%8A%A5%E5%91%8A.pdf").value(), bao + ".pdf");
  EXPECT_EQ(content_disposition_filename("attachment; filename=\"=?UTF-8?B?5oql5ZGKLnBkZg==?=\"").value(), bao + ".pdf");
  EXPECT_EQ(content_disposition_filename("inline; filename=\"..\\\\..\\\\etc/passwd\"").value(), "passwd");
  EXPECT_EQ(content_disposition_filename("attachment; filename=\"a\\\"b.pdf\"").value(), "a\"b.pdf");
  EXPECT_FALSE(content_disposition_filename("attachment"));
  EXPECT_FALSE(content_disposition_filename("attachment; filename=\"\""));
  EXPECT_FALSE(content_disposition_filename("attachment; filename*=UTF-8''%FF%FE"));
}

TEST(FetchSniff, TypeFromTheBytes) {
  const std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0');
  std::string word_dir;
  for (char c : std::string("WordDocument")) word_dir += c, word_dir += '\0';
  std::string book_dir;
  for (char c : std::string("Workbook")) book_dir += c, book_dir += '\0';
  EXPECT_EQ(sniff_type("%PDF-1.7\n...", "", "x.aspx"), FileType::pdf);
  EXPECT_EQ(sniff_type("\r\n\r\n%PDF-1.4", "", ""), FileType::pdf);  // junk before the header
  EXPECT_EQ(sniff_type(ole + word_dir, "", "downfile.jsp"), FileType::doc);
  EXPECT_EQ(sniff_type(ole + word_dir, "", "报告.wps"), FileType::wps);
  EXPECT_EQ(sniff_type(ole + book_dir, "", ""), FileType::other);
  EXPECT_EQ(sniff_type(ole, "", "table.xls"), FileType::other);
  EXPECT_EQ(sniff_type(std::string("PK\x03\x04", 4) + "....[Content_Types].xml", "word/document.xml", "a.bin"), FileType::docx);
  EXPECT_EQ(sniff_type(std::string("PK\x03\x04", 4) + "....xl/workbook.xml", "xl/", "a.zip"), FileType::other);
  EXPECT_EQ(sniff_type("\xEF\xBB\xBF  <!DOCTYPE html><html>", "", ""), FileType::html);
  EXPECT_EQ(sniff_type("<html><body>", "", "x.pdf"), FileType::html);  // a login page where a PDF was linked
  EXPECT_EQ(sniff_type("\x89PNG\r\n", "", "x.pdf"), FileType::other);
  EXPECT_EQ(sniff_type("", "", "x.pdf"), FileType::other);
}

TEST(FetchSniff, PagesDeclaredOnlyInMeta) {
  const std::string gbk_title = "\xB1\xA8\xB8\xE6";  // 报告
  const std::string page1 = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>" +
                            gbk_title + "</body></html>";
  EXPECT_EQ(meta_charset(page1), "gb2312");
  EXPECT_EQ(decode_page(page1).utf8.find("\xE6\x8A\xA5\xE5\x91\x8A") != std::string::npos, true);
  EXPECT_EQ(decode_page(page1).charset, "gb2312");
  EXPECT_EQ(meta_charset("<meta charset='GBK'>"), "gbk");
  // A stale gb2312 declaration on a page saved as UTF-8: the bytes win.
  EXPECT_EQ(decode_page("<meta charset=gb2312>\xE6\x8A\xA5").charset, "UTF-8");
  // No declaration at all, not UTF-8: GB18030.
  EXPECT_EQ(decode_page("<p>" + gbk_title).utf8, "<p>\xE6\x8A\xA5\xE5\x91\x8A");
  // A UTF-8 page with one stray byte (a title cut mid-character) stays UTF-8.
  const auto cut = decode_page("<meta charset=\"utf-8\"><p>\xE6\x8A\xA5\xE5\x91</p><p>\xE6\x8A\xA5</p>");
  EXPECT_EQ(cut.charset, "UTF-8");
  EXPECT_NE(cut.utf8.find("<p>\xE6\x8A\xA5</p>"), std::string::npos);
  // The server's header, when the page says nothing.
  EXPECT_EQ(decode_page("<p>" + gbk_title, "GBK").charset, "GBK");
}

TEST(FetchRobots, LongestMatchWinsAllowWinsTies) {
  const auto r = RobotsRules::parse(
      "User-agent: *\nDisallow: /private/\nAllow: /private/open/\nDisallow: /*.jsp$\nAllow: /page\nDisallow: /page\n"
      "Disallow: /%E6%8A%A5\n",
      "xxgk");
  EXPECT_TRUE(r.allowed("/"));
  EXPECT_FALSE(r.allowed("/private/x.html"));
  EXPECT_TRUE(r.allowed("/private/open/x.html"));
  EXPECT_FALSE(r.allowed("/module/downfile.jsp"));
  EXPECT_TRUE(r.allowed("/module/downfile.jsp?id=1"));  // $ anchors the end
  EXPECT_TRUE(r.allowed("/page/1"));                    // equal length: Allow wins
  EXPECT_FALSE(r.allowed("/%e6%8a%a5/a"));              // escapes compared case-insensitively
  EXPECT_TRUE(r.allowed("/robots.txt"));
}

TEST(FetchRobots, GroupsForOurTokenElseStar) {
  const std::string text =
      "# comment\nUser-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /star-only\nCrawl-delay: 7\n\n"
      "User-agent: XXGK\nUser-agent: bot2\nDisallow: /ours\nCrawl-delay: 0.5\nSitemap: http://h/s.xml\nDisallow: /ours2\n"
      "User-agent: xxgk/2.0\nDisallow: /merged\n";
  const auto ours = RobotsRules::parse(text, "xxgk");
  EXPECT_FALSE(ours.allowed("/ours/x"));
  EXPECT_FALSE(ours.allowed("/ours2"));
  EXPECT_FALSE(ours.allowed("/merged"));   // two groups for our token merge
  EXPECT_TRUE(ours.allowed("/star-only"));  // the * group is not ours when ours exists
  EXPECT_DOUBLE_EQ(ours.crawl_delay().value(), 0.5);
  const auto other = RobotsRules::parse(text, "somebody");
  EXPECT_FALSE(other.allowed("/star-only"));
  EXPECT_TRUE(other.allowed("/ours"));
  EXPECT_DOUBLE_EQ(other.crawl_delay().value(), 7);
  // Rules before any user-agent line belong to nobody; an empty Disallow allows everything.
  const auto loose = RobotsRules::parse("Disallow: /\nUser-agent: *\nDisallow:\n", "xxgk");
  EXPECT_TRUE(loose.allowed("/anything"));
  EXPECT_FALSE(RobotsRules::disallow_all().allowed("/x"));
  EXPECT_TRUE(RobotsRules::disallow_all().allowed("/robots.txt"));
}

TEST(FetchRobots, WildcardsAndHostileInput) {
  const auto r = RobotsRules::parse("\xEF\xBB\xBFuser-agent: *\r\ndisallow: /a*b*c\r\nallow: /*.pdf$\r\n", "xxgk");
  EXPECT_FALSE(r.allowed("/a/x/b/y/c"));
  EXPECT_TRUE(r.allowed("/a/x/b/y/"));
  EXPECT_TRUE(r.allowed("/abc.pdf"));  // /*.pdf$ (7) is longer than /a*b*c (6)
  // Many stars against a long path stays fast (iterative matcher).
  const auto stars = RobotsRules::parse("User-agent: *\nDisallow: /" + std::string(2000, '*') + "z$\n", "xxgk");
  EXPECT_TRUE(stars.allowed("/" + std::string(5000, 'a')));
  // Only the first 512 KiB is read.
  std::string big = "User-agent: *\n";
  while (big.size() < kRobotsMaxBytes) big += "Disallow: /filler-line-to-pad-the-file\n";
  big += "Disallow: /after-the-cap\n";
  EXPECT_TRUE(RobotsRules::parse(big, "xxgk").allowed("/after-the-cap"));
}

TEST(FetchWarc, ResponseHeadKeepsEncodingsRenamed) {
  const std::string head = warc_response_head(
      "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n", 1234);
  EXPECT_EQ(head,
            "HTTP/1.1 200 OK\r\nX-Crawler-Content-Encoding: gzip\r\nX-Crawler-Transfer-Encoding: chunked\r\n"
            "Content-Type: text/html\r\nContent-Length: 1234\r\n\r\n");
}
