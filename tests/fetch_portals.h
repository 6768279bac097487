// Fixture portals for the fetch tests and the fetch bench: each a web server in the test process
// (fetch_server.h) on its own 127.0.0.x address, shaped like one CMS kind of FETCH-NOTES (TRS with a
// script-drawn pager, jcms with its datastore and dataproxy.jsp, the gkmlpt JSON API, UCAP's
// home_N.htm, a generic GBK portal, a single document) plus hosts that misbehave (412, robots.txt
// 503, slow). Content can change between nights; every body is served with an ETag and answers 304
// to a matching If-None-Match.
#pragma once

#include "fetch_server.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace fetch_test {

// --- report bodies --------------------------------------------------------------------------------

std::string corpus_file(const std::string& relative);  // bytes of corpus/<relative>

// The body (inside <body>) of a real report page: the corpus's clean Huai'an 2024 report with its
// agency renamed (淮安市人民政府 → `agency`, other 淮安市 → 示例市).
std::string report_body(const std::string& agency);

// The same report as a DOCX, agency renamed likewise (the corpus DOCX rewritten with libzip).
std::string report_docx(const std::string& agency);

// UTF-8 text in GBK (GB18030) bytes.
std::string to_gbk(const std::string& utf8);

// --- a site: a host and what it serves ------------------------------------------------------------

struct Resource {
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  Resource(std::string body_ = {}, std::string type_ = "text/html; charset=utf-8", int status_ = 200,
           std::vector<std::pair<std::string, std::string>> headers_ = {})
      : body(std::move(body_)), type(std::move(type_)), status(status_), headers(std::move(headers_)) {}
  // A resource that answers by itself (redirects, 429 once, slow, chunked, data endpoints).
  static Resource custom(Handler h) {
    Resource r;
    r.handler = std::move(h);
    return r;
  }
  std::string body;
  std::string type;
  int status;
  std::vector<std::pair<std::string, std::string>> headers;
  bool validators = true;  // ETag / Last-Modified, 304 to If-None-Match (for 200 answers)
  Handler handler;
};

class Site {
 public:
  explicit Site(const std::string& address);
  // target: the path, with the query when it matters ("/list.html?page=2"); looked up first with the
  // query, then by the path alone. Thread-safe: a test may change a page between nights.
  void put(const std::string& target, Resource r);
  void page(const std::string& target, const std::string& html) { put(target, Resource(html)); }
  // The bench's mode: bodies gzip-compressed once when put, sent with Content-Encoding: gzip (as
  // application/octet-stream, which cpp-httplib leaves alone) to a client that accepts gzip, so the
  // fixture servers spend no CPU compressing each answer (cpp-httplib would Brotli-encode every
  // text answer anew).
  void precompress(bool on) { precompress_ = on; }
  void start() { host.start(); }
  std::string base() const { return host.base(); }
  TestHost host;

 private:
  std::mutex mutex_;
  std::map<std::string, Resource> resources_;
  std::map<std::string, std::string> gzipped_;
  bool precompress_ = false;
};

// --- the portals of the end-to-end tests ------------------------------------------------------------

// One site per kind, plus the misbehaving hosts; `sources()` is the sources file naming them all
// (with one bad line). What each serves is listed in fetch_portals.cpp.
struct Portals {
  Portals();
  Site trs, jcms, gkmlpt, ucap, generic, document, waf, robots_down, slow;
  std::string sources() const;
  // Night 3: the TRS portal's 示例二市 report replaced in place (one figure changed).
  void revise_one_report();
  // The reports night 1 is to store: URL of the file (after redirects) → agency of the report.
  std::map<std::string, std::string> expected_files() const;
};

// --- the bench's portal ------------------------------------------------------------------------------

// A TRS-shaped portal with `reports` reports (distinct agencies), 10 entries per listing page: the
// article pages are the reports, or (file_bytes > 0) each links a PDF of about that many bytes (a
// corpus PDF, padded after %%EOF so that every file is distinct).
void simple_portal(Site& site, int reports, const std::string& agency_prefix, size_t file_bytes = 0);

}  // namespace fetch_test
