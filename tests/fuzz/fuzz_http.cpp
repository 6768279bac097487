// Fuzz harness. What the fetch reads from a server's answer: untrusted bytes from any portal. The
// first byte picks the reader (its value modulo 8), the second (for the listing readers) the page
// number and the URL shape, the rest is the body:
//   0-4  a listing page read by the trs, jcms, gkmlpt, ucap or generic reader (fetch/readers/),
//        each entry's title through the default title filter, year and date readers;
//   5    an article page: decode_page (BOM, <meta> charset, GB18030), read_page (libxml2),
//        read_article (title, date, attachments) and looks_like_file on each attachment;
//   6    a robots.txt (RFC 9309) for the token xxgk, then allowed() on a few paths and, when the
//        input holds a NUL byte, on what follows the last one;
//   7    a whole response: the header block up to the first empty line (parse_response_head) with
//        Content-Type's charset, Content-Disposition's file name, Last-Modified and Retry-After,
//        then the body sniffed (sniff_type) and, if it is a page, read as an article.
// Seeds: the listing and article pages of tests/fetch_readers_test.cpp and tests/fetch_portals.cpp.
#include "fetch/article.h"
#include "fetch/html_page.h"
#include "fetch/http.h"
#include "fetch/listing.h"
#include "fetch/robots.h"
#include "fetch/sniff.h"
#include "fetch/url.h"
#include "tests/fuzz/fuzz_pipeline.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace {

using namespace xxgk::fetch;

const Url& url_of(std::string_view text) {
  // Built once per distinct text: the harness's URLs are a fixed handful.
  static thread_local std::map<std::string, Url, std::less<>> urls;
  auto it = urls.find(text);
  if (it == urls.end()) it = urls.emplace(std::string(text), parse_url(text).value()).first;
  return it->second;
}

void listing(int kind, unsigned char shape, std::string_view body) {
  static const char* const kinds[] = {"trs", "jcms", "gkmlpt", "ucap", "generic"};
  // Two URL shapes per kind: the listing's first page as a sources file gives it, and a later page.
  static const char* const urls[][2] = {
      {"https://www.example.gov.cn/zwgk/zfxxgkndbg/", "https://www.example.gov.cn/zwgk/zfxxgkndbg/index_1.html"},
      {"https://www.example.gov.cn/col/col1234/index.html",
       "https://www.example.gov.cn/module/web/jpage/dataproxy.jsp?page=2&webid=3&columnid=1234&unitid=4567"},
      {"https://www.example.gov.cn/gkmlpt/api/all/2842?page=1&sid=757",
       "https://www.example.gov.cn/gkmlpt/api/all/2842?page=2&sid=757"},
      {"https://www.example.gov.cn/zhengce/ndbg/home.htm", "https://www.example.gov.cn/zhengce/ndbg/home_1.htm"},
      {"https://www.example.gov.cn/xxgk/ndbg/list.html", "https://www.example.gov.cn/xxgk/ndbg/list.html?page=2"}};
  const ListingReader* reader = listing_reader(kinds[kind]);
  if (!reader) __builtin_trap();
  const int page = 1 + shape % 3;
  const ListingPage lp = reader->read(url_of(urls[kind][page == 1 ? 0 : 1]), body, page);
  static const TitleFilter filter(kDefaultTitlePattern, kDefaultExcludePattern);
  for (const auto& e : lp.entries) {
    if (e.url.scheme != "http" && e.url.scheme != "https") __builtin_trap();
    (void)filter.matches(e.title);
    (void)year_in_title(e.title);
    (void)date_in_text(e.title);
  }
  if (lp.more.size() > 500) __builtin_trap();
}

void article(const Url& url, std::string_view body, std::string_view header_charset) {
  const PageText text = decode_page(body, header_charset);
  const PageParts parts = read_page(text.utf8);
  const ArticlePage page = read_article(url, parts);
  for (const auto& a : page.attachments) (void)looks_like_file(a.url, a.label);
}

void robots(std::string_view body) {
  const RobotsRules rules = RobotsRules::parse(body.substr(0, kRobotsMaxBytes), "xxgk");
  for (const char* path : {"/", "/robots.txt", "/zwgk/ndbg/index.html", "/a/b.pdf?x=1", "/%E6%8A%A5%E5%91%8A/"})
    (void)rules.allowed(path);
  const size_t nul = body.rfind('\0');
  if (nul != std::string_view::npos) (void)rules.allowed(body.substr(nul + 1));
  (void)rules.crawl_delay();
}

void response(std::string_view bytes) {
  size_t end = bytes.find("\r\n\r\n");
  size_t skip = 4;
  if (end == std::string_view::npos) {
    end = bytes.find("\n\n");
    skip = 2;
  }
  const std::string_view block = end == std::string_view::npos ? bytes : bytes.substr(0, end + skip);
  const std::string_view body = end == std::string_view::npos ? std::string_view() : bytes.substr(end + skip);
  const auto head = parse_response_head(block);
  std::string charset;
  std::optional<std::string> name;
  if (head) {
    const Headers& h = head->headers;
    charset = content_type_charset(h.get("Content-Type").value_or(""));
    if (const auto d = h.get("Content-Disposition")) name = content_disposition_filename(*d);
    if (const auto lm = h.get("Last-Modified")) (void)parse_http_date(*lm);
    if (const auto ra = h.get("Retry-After")) {
      const auto wait = parse_retry_after(*ra, 1733500000);
      if (wait && !(*wait >= 0)) __builtin_trap();
    }
    if (name && name->find_first_of("/\\") != std::string::npos) __builtin_trap();  // never a path
  }
  static const Url& url = url_of("https://www.example.gov.cn/art/2025/1/20/art_1234_5003.html");
  const std::string_view sniff_head = body.substr(0, 64 * 1024);
  const std::string_view tail = body.size() > 64 * 1024 ? body.substr(std::max<size_t>(64 * 1024, body.size() - 64 * 1024)) : "";
  const FileType type = sniff_type(sniff_head, tail, name.value_or(file_name_of(url)));
  if (type == FileType::html) article(url, body, charset);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  xxgk::fuzz::quiet();
  if (size == 0) return 0;
  const int kind = data[0] % 8;
  std::string_view rest = xxgk::fuzz::as_bytes(data + 1, size - 1);
  if (kind < 5) {
    const unsigned char shape = rest.empty() ? 0 : static_cast<unsigned char>(rest[0]);
    listing(kind, shape, rest.empty() ? rest : rest.substr(1));
  } else if (kind == 5) {
    article(url_of("https://www.example.gov.cn/art/2025/1/20/art_1234_5003.html"), rest, "");
  } else if (kind == 6) {
    robots(rest);
  } else {
    response(rest);
  }
  return 0;
}
