#include "fetch_portals.h"

#include "pipeline/sha256.h"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <zip.h>
#include <zlib.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace fetch_test {
namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

std::string rename_agency(std::string text, const std::string& agency) {
  text = replace_all(text, "淮安市人民政府", agency);
  return replace_all(text, "淮安市", "示例市");
}

constexpr const char* kLastModified = "Mon, 20 Jan 2025 08:00:00 GMT";

std::string gzip(const std::string& in) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
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

}  // namespace

std::string corpus_file(const std::string& relative) {
  std::ifstream in(std::string(XXGK_SOURCE_DIR) + "/corpus/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("no corpus file " + relative);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string report_body(const std::string& agency) {
  const std::string page = corpus_file("html/huaian-city-2024.clean.html");
  const size_t a = page.find("<body>"), b = page.rfind("</body>");
  return rename_agency(page.substr(a + 6, b - a - 6), agency);
}

std::string report_docx(const std::string& agency) {
  const std::string original = corpus_file("docx/huaian-city-2024.docx");
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(original.data(), original.size(), 0, &error);
  if (!src) throw std::runtime_error("zip_source_buffer_create");
  zip_source_keep(src);
  zip_t* z = zip_open_from_source(src, 0, &error);
  if (!z) throw std::runtime_error("zip_open_from_source");
  const zip_int64_t index = zip_name_locate(z, "word/document.xml", 0);
  zip_stat_t st;
  zip_stat_index(z, static_cast<zip_uint64_t>(index), 0, &st);
  std::string xml(st.size, '\0');
  zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(index), 0);
  zip_fread(f, xml.data(), st.size);
  zip_fclose(f);
  // Kept alive until the archive is written: libzip reads the buffer at zip_close.
  static std::mutex keep_mutex;
  static std::vector<std::unique_ptr<std::string>> keep;
  std::string* renamed;
  {
    std::lock_guard lock(keep_mutex);
    keep.push_back(std::make_unique<std::string>(rename_agency(xml, agency)));
    renamed = keep.back().get();
  }
  zip_source_t* part = zip_source_buffer(z, renamed->data(), renamed->size(), 0);
  zip_file_replace(z, static_cast<zip_uint64_t>(index), part, 0);
  if (zip_close(z) != 0) throw std::runtime_error("zip_close");
  std::string out;
  zip_source_open(src);
  char buf[65536];
  zip_int64_t n;
  while ((n = zip_source_read(src, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  zip_source_close(src);
  zip_source_free(src);
  return out;
}

std::string to_gbk(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error("ucnv_convert");
  out.resize(static_cast<size_t>(n));
  return out;
}

Site::Site(const std::string& address) : host(address) {
  host.server().Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    Resource r;
    std::string gz;
    {
      std::lock_guard lock(mutex_);
      auto it = resources_.find(req.target);
      if (it == resources_.end()) it = resources_.find(req.path);
      if (it == resources_.end()) {
        res.status = 404;
        res.set_content("<html><body>404 Not Found</body></html>", "text/html");
        return;
      }
      r = it->second;
      if (const auto g = gzipped_.find(it->first); g != gzipped_.end()) gz = g->second;
    }
    if (r.handler) return r.handler(req, res);
    for (const auto& [k, v] : r.headers) res.set_header(k, v);
    res.status = r.status;
    if (r.validators && r.status == 200) {
      const std::string etag = "\"" + xxgk::sha256_hex(r.body).substr(0, 16) + "\"";
      res.set_header("ETag", etag);
      res.set_header("Last-Modified", kLastModified);
      if (req.get_header_value("If-None-Match") == etag) {
        res.status = 304;
        return;
      }
    }
    if (!gz.empty() && req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos) {
      res.set_header("Content-Encoding", "gzip");
      return res.set_content(gz, "application/octet-stream");
    }
    res.set_content(r.body, r.type);
  });
}

void Site::put(const std::string& target, Resource r) {
  std::string gz = precompress_ && !r.handler && r.status == 200 ? gzip(r.body) : std::string();
  std::lock_guard lock(mutex_);
  if (gz.empty()) gzipped_.erase(target);
  else gzipped_[target] = std::move(gz);
  resources_[target] = std::move(r);
}

// --- the portals ------------------------------------------------------------------------------------

namespace {

std::string report_title(const std::string& agency) { return agency + "2024年政府信息公开工作年度报告"; }

// A TRS article page as seen in 2026: metadata, a title block, a weather widget from another host,
// an unfilled pdf.js template, placeholder links; `body` inside div.TRS_Editor.
std::string trs_article(const std::string& title, const std::string& body) {
  return fmt::format(R"(<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="{0}"><meta name="PubDate" content="2025-01-20 09:30"><meta name="ColumnName" content="政府信息公开年报">
<title>{0}_政府信息公开年报_示例区人民政府</title></head><body>
<div class="top"><a href="javascript:;">无障碍</a> <a href="logoutUrl">退出</a> <a href="#">顶部</a></div>
<iframe src="http://tianqi.invalid/plugin/weather.html" width="200" height="20"></iframe>
<div class="article-title">{0}</div>
<div class="TRS_Editor">{1}</div>
<div style="display:none"><iframe ms-attr-src="/pdfjs/web/viewer.html?file={{{{el.fileUrl}}}}"></iframe></div>
</body></html>)",
                     title, body);
}

// The first n characters of UTF-8 text (listings cut long titles short, by characters).
std::string first_chars(const std::string& s, size_t n) {
  size_t i = 0;
  for (size_t count = 0; i < s.size() && count < n; ++count) {
    const auto c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  return s.substr(0, std::min(i, s.size()));
}

std::string trs_listing(const std::vector<std::tuple<std::string, std::string, std::string>>& entries, bool with_config) {
  std::string items;
  for (const auto& [href, title, date] : entries)
    items += fmt::format(R"(<dl><dd><a href="{}" title="{}" target="_blank">{}…</a></dd><dd> {} </dd></dl>)", href, title,
                         first_chars(title, 12), date);
  return fmt::format(R"(<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报_示例区人民政府</title></head><body>
<div class="nav"><a href="javascript:;">登录</a> <a href="logoutUrl">注销</a> <a href="/">首页</a> <a href="./nlist.htm">政府信息公开年报</a></div>
<div class="list">{}</div>
<div style="display:none"><dl ms-repeat="list"><dd><a ms-attr-title="el.title">{{{{el.title}}}}</a></dd><dd>{{{{el.date}}}}</dd></dl></div>
{}</body></html>)",
                     items, with_config ? "<script>var pageConfig = { recordCount: 7, prepage: 3, currentPage: 0 };</script>" : "");
}

void build_trs(Site& s) {
  s.put("/robots.txt", Resource("User-agent: *\nDisallow: /zwgk/ndbg/private/\n", "text/plain"));
  const std::string dir = "/zwgk/ndbg/";
  s.page(dir, trs_listing({{"./202501/t20250125_1007.htm", report_title("示例二市人民政府"), "2025-01-25"},
                           {"./202501/t20250122_1006.htm", "关于印发2025年政务公开工作要点的通知", "2025-01-22"},
                           {"./202501/t20250121_1005.htm", "图解：示例一市人民政府2024年政府信息公开工作年度报告", "2025-01-21"}},
                          true));
  s.page(dir + "index_1.htm", trs_listing({{"./private/202501/t20250120_1004.htm", "示例区内部2024年度报告", "2025-01-20"},
                                           {"./202501/t20250120_1003.htm", "上海市人民政府办公厅2019年政府信息公开工作年度报告", "2025-01-18"},
                                           {"./202501/t20250119_1002.htm", report_title("淮安市人民政府"), "2025-01-19"}},
                                          false));
  s.page(dir + "index_2.htm", trs_listing({{"./202501/t20250118_1001.htm", report_title("示例一市人民政府"), "2025-01-18"}}, false));
  // 示例二市: the report is the page, sent gzip-compressed by the server itself.
  Resource gz(trs_article(report_title("示例二市人民政府"), report_body("示例二市人民政府")));
  s.put(dir + "202501/t20250125_1007.htm", gz);
  s.page(dir + "202501/t20250122_1006.htm", trs_article("关于印发2025年政务公开工作要点的通知", "<p>通知正文</p>"));
  s.page(dir + "202501/t20250121_1005.htm", trs_article("图解", "<p><img src=\"tu.png\"></p>"));
  s.page(dir + "private/202501/t20250120_1004.htm", trs_article("内部", "<p>never to be fetched</p>"));
  // 上海: a PDF shown by a pdf.js viewer.
  s.page(dir + "202501/t20250120_1003.htm",
         trs_article("上海市人民政府办公厅2019年政府信息公开工作年度报告",
                     "<p>全文见下：</p><iframe src=\"/pdfjs/web/viewer.html?file=%2Fzwgk%2Fndbg%2F202501%2FP020250120_1003.pdf\" "
                     "width=\"100%\" height=\"800\"></iframe>"));
  s.put(dir + "202501/P020250120_1003.pdf", Resource(corpus_file("pdf/shanghai-office-2019.pdf"), "application/pdf"));
  // 淮安: a PDF in an iframe.
  s.page(dir + "202501/t20250119_1002.htm",
         trs_article(report_title("淮安市人民政府"), "<p>详见附件。</p><iframe src=\"./P020250119_1002.pdf\" width=\"100%\"></iframe>"));
  s.put(dir + "202501/P020250119_1002.pdf", Resource(corpus_file("pdf/huaian-city-2024.pdf"), "application/pdf"));
  // 示例一市: the report is the page.
  s.page(dir + "202501/t20250118_1001.htm", trs_article(report_title("示例一市人民政府"), report_body("示例一市人民政府")));
}

std::string jcms_record(const std::string& href, const std::string& title, const std::string& date) {
  return fmt::format(R"(<record><![CDATA[<li><a href="{}" target="_blank" title="{}">{}</a><span>{}</span></li>]]></record>)",
                     href, title, title, date);
}

std::string jcms_article(const std::string& title, const std::string& zoom) {
  return fmt::format(R"(<html><head><meta charset="utf-8"><title>{0}</title></head><body>
<div class="bt">{0}</div><div id="zoom">{1}</div></body></html>)",
                     title, zoom);
}

void build_jcms(Site& s) {
  // robots.txt: 404, no restrictions.
  const std::vector<std::string> records = {
      jcms_record("/art/2025/1/24/art_1234_5007.html", report_title("示例三市人民政府"), "2025-01-24"),
      jcms_record("/art/2025/1/23/art_1234_5006.html", "测试市2025年政府信息公开工作年度报告", "2025-01-23"),
      jcms_record("/art/2025/1/22/art_1234_5005.html", report_title("示例四市人民政府"), "2025-01-22"),
      jcms_record("/art/2025/1/21/art_1234_5004.html", report_title("示例十二市人民政府"), "2025-01-21"),
      jcms_record("/art/2025/1/20/art_1234_5003.html", report_title("示例十三市人民政府"), "2025-01-20"),
      jcms_record("/art/2025/1/19/art_1234_5002.html", "2024年示例局政府信息公开年报", "2025-01-19"),
      jcms_record("/art/2025/1/18/art_1234_5001.html", "示例区2025年重点工作安排", "2025-01-18")};
  std::string first;
  for (int i = 0; i < 3; ++i) first += records[static_cast<size_t>(i)];
  s.page("/col/col1234/index.html", fmt::format(R"(<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body>
<div id="4567"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&path=/&columnid=1234&unitid=4567&webname=%E7%A4%BA%E4%BE%8B&permissiontype=0"></a>]]></nextgroup><recordset>{}</recordset></datastore></script></div>
<script type="text/javascript">var pagination = new jpage({{ totalRecord:7, perPage:3, proxyUrl:'/module/web/jpage/dataproxy.jsp', webid:'1', columnid:'1234', unitid:'4567' }});</script>
</body></html>)",
                                                first));
  s.put("/module/web/jpage/dataproxy.jsp", Resource::custom([records](const httplib::Request& req, httplib::Response& res) {
                                                     const int page = std::stoi(req.has_param("page") ? req.get_param_value("page") : "1");
                                                     std::string set;
                                                     for (size_t i = static_cast<size_t>(page - 1) * 3; i < records.size() && i < static_cast<size_t>(page) * 3; ++i)
                                                       set += records[i];
                                                     res.set_content("<?xml version=\"1.0\" encoding=\"UTF-8\"?><datastore><totalrecord>7</totalrecord>"
                                                                     "<totalpage>3</totalpage><recordset>" + set + "</recordset></datastore>",
                                                                     "text/xml; charset=utf-8");
                                                   }));
  auto redirect = [](const std::string& to) {
    return Resource::custom([to](const httplib::Request&, httplib::Response& res) { res.set_redirect(to); });
  };
  s.page("/art/2025/1/24/art_1234_5007.html", jcms_article(report_title("示例三市人民政府"), report_body("示例三市人民政府")));
  s.page("/art/2025/1/23/art_1234_5006.html",
         jcms_article("测试市2025年政府信息公开工作年度报告",
                      "<p>附件：<a href=\"/module/download/downfile.jsp?classid=0&filename=5f3a.pdf\">测试市2025年报告.pdf</a></p>"));
  s.put("/module/download/downfile.jsp?classid=0&filename=5f3a.pdf", redirect("/attach/0/5f3a.pdf"));
  s.put("/attach/0/5f3a.pdf", Resource(corpus_file("pdf/testcity-2025.uming.pdf"), "application/octet-stream"));
  s.page("/art/2025/1/22/art_1234_5005.html",
         jcms_article(report_title("示例四市人民政府"),
                      "<p><a href=\"/module/download/downfile.jsp?classid=0&filename=7c1e.docx\">下载</a></p>"));
  s.put("/module/download/downfile.jsp?classid=0&filename=7c1e.docx", redirect("/attach/0/7c1e.docx"));
  s.put("/attach/0/7c1e.docx",
        Resource(report_docx("示例四市人民政府"), "application/octet-stream", 200,
                 {{"Content-Disposition",
                   "attachment; filename=\"report.docx\"; "
                   "filename*=UTF-8''%E7%A4%BA%E4%BE%8B%E5%9B%9B%E5%B8%822024%E5%B9%B4%E6%8A%A5%E5%91%8A.docx"}}));
  // A download that redirects in a circle: a problem, the rest goes on.
  s.page("/art/2025/1/21/art_1234_5004.html",
         jcms_article(report_title("示例十二市人民政府"),
                      "<p><a href=\"/module/download/downfile.jsp?classid=0&filename=9d9d.pdf\">附件</a></p>"));
  s.put("/module/download/downfile.jsp?classid=0&filename=9d9d.pdf", redirect("/attach/0/9d9d.pdf"));
  s.put("/attach/0/9d9d.pdf", redirect("/module/download/downfile.jsp?classid=0&filename=9d9d.pdf"));
  // A chunked body far over the cap (the test runs with --max-mb 1).
  s.page("/art/2025/1/20/art_1234_5003.html",
         jcms_article(report_title("示例十三市人民政府"), "<p><a href=\"/attach/0/huge.pdf\">附件</a></p>"));
  s.put("/attach/0/huge.pdf", Resource::custom([](const httplib::Request&, httplib::Response& res) {
                                         auto sent = std::make_shared<size_t>(0);
                                         res.set_chunked_content_provider("application/pdf", [sent](size_t, httplib::DataSink& sink) {
                                           if (*sent >= (8u << 20)) {
                                             sink.done();
                                             return true;
                                           }
                                           const std::string chunk = *sent == 0 ? "%PDF-1.4\n" + std::string(65527, 'x')
                                                                                : std::string(65536, 'x');
                                           *sent += chunk.size();
                                           return sink.write(chunk.data(), chunk.size());
                                         });
                                       }));
  s.page("/art/2025/1/19/art_1234_5002.html", jcms_article("2024年示例局政府信息公开年报", report_body("示例局")));
  s.page("/art/2025/1/18/art_1234_5001.html", jcms_article("示例区2025年重点工作安排", "<p>安排</p>"));
}

std::string gkmlpt_json(const std::vector<std::tuple<std::string, std::string, long>>& articles) {
  std::string list;
  for (const auto& [url, title, t] : articles)
    list += fmt::format(R"({}{{"id":1,"title":"{}","url":"{}","first_publish_time":{}}})", list.empty() ? "" : ",", title, url, t);
  return fmt::format(R"({{"classify":{{"id":55}},"articles":[{}],"total":5}})", list);
}

void build_gkmlpt(Site& s) {
  s.put("/robots.txt", Resource("User-agent: *\nAllow: /\n", "text/plain"));
  const std::string base = s.base();
  const std::vector<std::string> pages = {
      gkmlpt_json({{base + "/gkmlpt/content/1/2/post_9005.html", "长春市南关区新春街道2024年政府信息公开工作年度报告", 1737504000},
                   {base + "/gkmlpt/content/1/2/post_9004.html", report_title("示例五市人民政府"), 1737417600}}),
      gkmlpt_json({{base + "/gkmlpt/content/1/2/post_9003.html", "示例五市2024年政策汇编", 1737331200},
                   {base + "/gkmlpt/content/1/2/post_9002.html", report_title("示例六市人民政府"), 1737244800}}),
      gkmlpt_json({{base + "/gkmlpt/content/1/2/post_9001.html", report_title("示例十四市人民政府"), 1737158400}})};
  auto busy_once = std::make_shared<std::atomic<bool>>(false);
  s.put("/gkmlpt/api/all/55", Resource::custom([pages, busy_once](const httplib::Request& req, httplib::Response& res) {
                                        const int page = std::stoi(req.has_param("page") ? req.get_param_value("page") : "1");
                                        if (page < 1 || page > 3) return res.set_content(R"({"articles":[],"total":5})", "application/json");
                                        if (page == 2 && !busy_once->exchange(true)) {  // 429 the first time
                                          res.status = 429;
                                          res.set_header("Retry-After", "1");
                                          return;
                                        }
                                        const std::string& body = pages[static_cast<size_t>(page - 1)];
                                        const std::string etag = "\"" + xxgk::sha256_hex(body).substr(0, 16) + "\"";
                                        res.set_header("ETag", etag);
                                        if (req.get_header_value("If-None-Match") == etag) {
                                          res.status = 304;
                                          return;
                                        }
                                        res.set_content(body, "application/json");
                                      }));
  auto article = [](const std::string& title, const std::string& content) {
    return fmt::format(R"(<html><head><meta charset="utf-8"><title>{0}</title></head><body><h1>{0}</h1><div class="article-content">{1}</div></body></html>)",
                       title, content);
  };
  s.page("/gkmlpt/content/1/2/post_9005.html",
         article("长春市南关区新春街道2024年政府信息公开工作年度报告",
                 "<p>附件：<a href=\"/attachment/0/9/9005.aspx\">长春市南关区新春街道2024年政府信息公开工作年度报告.pdf</a></p>"));
  s.put("/attachment/0/9/9005.aspx", Resource(corpus_file("pdf/xinchun-2024.html.pdf"), "application/octet-stream"));
  s.page("/gkmlpt/content/1/2/post_9004.html", article(report_title("示例五市人民政府"), report_body("示例五市人民政府")));
  s.page("/gkmlpt/content/1/2/post_9003.html", article("示例五市2024年政策汇编", "<p>汇编</p>"));
  s.page("/gkmlpt/content/1/2/post_9002.html", article(report_title("示例六市人民政府"), report_body("示例六市人民政府")));
  s.page("/gkmlpt/content/1/2/post_9001.html", article(report_title("示例十四市人民政府"), report_body("示例十四市人民政府")));
}

void build_ucap(Site& s) {
  auto listing = [](const std::string& items) {
    return fmt::format(R"(<html><head><meta charset="utf-8"><title>年度报告</title></head><body><ul class="list">{}</ul>
<div id="page_div"></div><script>createPageHTML('page_div',3,0,'home','htm',5);</script></body></html>)",
                       items);
  };
  auto item = [](const std::string& href, const std::string& title, const std::string& date) {
    return fmt::format(R"(<li><a href="{}" target="_blank">{}</a><span>[{}]</span></li>)", href, title, date);
  };
  s.page("/xxgk/ndbg/home.htm", listing(item("./202501/content_6005.htm", report_title("示例七市人民政府"), "2025-01-27") +
                                        item("./202501/content_6004.htm", "示例七市2025年工作要点", "2025-01-26")));
  s.page("/xxgk/ndbg/home_1.htm", listing(item("./202501/content_6003.htm", "示例七市2025年立法计划", "2025-01-25") +
                                          item("./202501/content_6002.htm", report_title("示例八市人民政府"), "2025-01-24")));
  s.page("/xxgk/ndbg/home_2.htm", listing(item("./202501/content_6001.htm", "示例七市2024年工作总结", "2025-01-23")));
  auto article = [](const std::string& title, const std::string& content) {
    return fmt::format(R"(<html><head><meta charset="utf-8"><title>{0}_中国政府网</title></head><body><div class="pages-title">{0}</div><div id="UCAP-CONTENT">{1}</div></body></html>)",
                       title, content);
  };
  s.page("/xxgk/ndbg/202501/content_6005.htm", article(report_title("示例七市人民政府"), report_body("示例七市人民政府")));
  s.page("/xxgk/ndbg/202501/content_6004.htm", article("示例七市2025年工作要点", "<p>要点</p>"));
  s.page("/xxgk/ndbg/202501/content_6003.htm", article("示例七市2025年立法计划", "<p>计划</p>"));
  s.page("/xxgk/ndbg/202501/content_6002.htm", article(report_title("示例八市人民政府"), report_body("示例八市人民政府")));
  s.page("/xxgk/ndbg/202501/content_6001.htm", article("示例七市2024年工作总结", "<p>总结</p>"));
}

void build_generic(Site& s) {
  // GBK, declared only in <meta>; the server's Content-Type names no charset.
  auto gbk = [](const std::string& html) { return Resource(to_gbk(html), "text/html"); };
  const std::string meta = R"(<meta http-equiv="Content-Type" content="text/html; charset=gb2312">)";
  s.put("/xxgk/nb/list.html",
        gbk("<html><head>" + meta + "<title>年报</title></head><body><ul>"
            "<li><a href=\"show.asp?id=71\">" + report_title("示例九市人民政府") + "</a> 2025-01-26</li>"
            "<li><a href=\"show.asp?id=69\">示例九市2025年政务公开要点</a> 2025-01-12</li>"
            "</ul><div class=\"page\"><a href=\"list.html?page=2\">下一页</a></div></body></html>"));
  s.put("/xxgk/nb/list.html?page=2",
        gbk("<html><head>" + meta + "<title>年报</title></head><body><ul>"
            "<li><a href=\"show.asp?id=70\">" + report_title("示例十市人民政府") + "</a> 2025-01-10</li>"
            "</ul><div class=\"page\"><a href=\"list.html\">上一页</a></div></body></html>"));
  s.put("/xxgk/nb/show.asp?id=71", gbk("<html><head>" + meta + "<title>" + report_title("示例九市人民政府") +
                                       "</title></head><body>" + report_body("示例九市人民政府") + "</body></html>"));
  s.put("/xxgk/nb/show.asp?id=70", gbk("<html><head>" + meta + "<title>" + report_title("示例十市人民政府") +
                                       "</title></head><body>" + report_body("示例十市人民政府") + "</body></html>"));
  s.put("/xxgk/nb/show.asp?id=69", gbk("<html><head>" + meta + "</head><body><p>要点</p></body></html>"));
}

void build_document(Site& s) {
  // A single report URL; its name in GBK bytes, as old servers send it.
  s.put("/files/nb2024.docx",
        Resource(report_docx("示例十一市人民政府"), "application/msword", 200,
                 {{"Content-Disposition", "attachment; filename=\"" + to_gbk("示例十一市2024年报.docx") + "\""}}));
}

}  // namespace

Portals::Portals()
    : trs("127.0.0.1"), jcms("127.0.0.2"), gkmlpt("127.0.0.3"), ucap("127.0.0.4"), generic("127.0.0.5"), document("127.0.0.6"),
      waf("127.0.0.7"), robots_down("127.0.0.8"), slow("127.0.0.9") {
  // gkmlpt's API answers absolute URLs: its host must be bound first.
  gkmlpt.start();
  build_gkmlpt(gkmlpt);
  build_trs(trs);
  build_jcms(jcms);
  build_ucap(ucap);
  build_generic(generic);
  build_document(document);
  waf.put("/gk/ndbg/index.html", Resource("<html><script>var _0x=...;document.cookie='__jsl_clearance=';location.reload()</script></html>",
                                          "text/html", 412));
  robots_down.put("/robots.txt", Resource("busy", "text/plain", 503));
  robots_down.page("/ndbg/index.html", "<html><body>never asked</body></html>");
  slow.put("/ndbg/index.html", Resource::custom([](const httplib::Request&, httplib::Response& res) {
                                          std::this_thread::sleep_for(std::chrono::milliseconds(2500));
                                          res.set_content("<html><body>late</body></html>", "text/html");
                                        }));
  for (Site* s : {&trs, &jcms, &ucap, &generic, &document, &waf, &robots_down, &slow}) s->start();
}

std::string Portals::sources() const {
  return fmt::format(
      "agency\tregion\tkind\turl\tnote\n"
      "# the kinds of FETCH-NOTES, each on its own host\n"
      "示例区人民政府\t220102\ttrs\t{}/zwgk/ndbg/\tTRS column, pager drawn by script\n"
      "示例市人民政府\t\tjcms\t{}/col/col1234/index.html\tjcms datastore + dataproxy.jsp\n"
      "示例省某局\t44\tgkmlpt\t{}/gkmlpt/api/all/55?page=1&sid=7\tgkmlpt JSON API\n"
      "示例部\t\tucap\t{}/xxgk/ndbg/home.htm\t\n"
      "示例县人民政府\t\tgeneric\t{}/xxgk/nb/list.html\tGBK declared only in meta\n"
      "示例十一市人民政府\t\tdocument\t{}/files/nb2024.docx\n"
      "示例防火墙\t\tgeneric\t{}/gk/ndbg/index.html\t412 anti-bot\n"
      "示例防火墙二\t\tgeneric\t{}/gk/other/index.html\tsame host, never asked\n"
      "示例维护中\t\tgeneric\t{}/ndbg/index.html\trobots.txt 503\n"
      "示例慢站\t\tgeneric\t{}/ndbg/index.html\tslow\n"
      "示例错行\t\tcms\t{}/x/\tunknown kind\n",
      trs.base(), jcms.base(), gkmlpt.base(), ucap.base(), generic.base(), document.base(), waf.base(), waf.base(),
      robots_down.base(), slow.base(), trs.base());
}

void Portals::revise_one_report() {
  // One figure of 示例二市's requests table changed: new requests from natural persons, 3001 → 3011.
  std::string body = report_body("示例二市人民政府");
  const size_t cell = body.find("<td>3001</td>");
  if (cell == std::string::npos) throw std::runtime_error("revise_one_report: no 3001 in the requests table");
  body.replace(cell, 13, "<td>3011</td>");
  trs.put("/zwgk/ndbg/202501/t20250125_1007.htm", Resource(trs_article(report_title("示例二市人民政府"), body)));
}

std::map<std::string, std::string> Portals::expected_files() const {
  const std::string t = trs.base(), j = jcms.base(), g = gkmlpt.base(), u = ucap.base(), e = generic.base(), d = document.base();
  return {{t + "/zwgk/ndbg/202501/t20250125_1007.htm", "示例二市人民政府"},
          {t + "/zwgk/ndbg/202501/P020250120_1003.pdf", "上海市人民政府办公厅"},
          {t + "/zwgk/ndbg/202501/P020250119_1002.pdf", "淮安市人民政府"},
          {t + "/zwgk/ndbg/202501/t20250118_1001.htm", "示例一市人民政府"},
          {j + "/art/2025/1/24/art_1234_5007.html", "示例三市人民政府"},
          {j + "/attach/0/5f3a.pdf", "测试市"},
          {j + "/attach/0/7c1e.docx", "示例四市人民政府"},
          {j + "/art/2025/1/19/art_1234_5002.html", "示例局"},
          {g + "/attachment/0/9/9005.aspx", "长春市南关区新春街道办事处"},
          {g + "/gkmlpt/content/1/2/post_9004.html", "示例五市人民政府"},
          {g + "/gkmlpt/content/1/2/post_9002.html", "示例六市人民政府"},
          {g + "/gkmlpt/content/1/2/post_9001.html", "示例十四市人民政府"},
          {u + "/xxgk/ndbg/202501/content_6005.htm", "示例七市人民政府"},
          {u + "/xxgk/ndbg/202501/content_6002.htm", "示例八市人民政府"},
          {e + "/xxgk/nb/show.asp?id=71", "示例九市人民政府"},
          {e + "/xxgk/nb/show.asp?id=70", "示例十市人民政府"},
          {d + "/files/nb2024.docx", "示例十一市人民政府"}};
}

void simple_portal(Site& site, int reports, const std::string& agency_prefix, size_t file_bytes) {
  constexpr int kPerPage = 10;
  const int pages = (reports + kPerPage - 1) / kPerPage;
  for (int p = 0; p < pages; ++p) {
    std::vector<std::tuple<std::string, std::string, std::string>> entries;
    for (int i = p * kPerPage; i < std::min(reports, (p + 1) * kPerPage); ++i)
      entries.emplace_back(fmt::format("./202501/t202501{:02d}_{}.htm", 1 + i % 28, 1000 + i),
                           report_title(fmt::format("{}{}号市人民政府", agency_prefix, i)), fmt::format("2025-01-{:02d}", 1 + i % 28));
    std::string html = trs_listing(entries, false);
    if (p == 0)
      html = replace_all(html, "</body>", fmt::format("<script>createPageHTML({}, 0, \"index\", \"htm\");</script></body>", pages));
    site.page(p == 0 ? "/ndbg/" : fmt::format("/ndbg/index_{}.htm", p), html);
  }
  const std::string pdf = file_bytes > 0 ? corpus_file("pdf/huaian-city-2024.pdf") : std::string();
  for (int i = 0; i < reports; ++i) {
    const std::string agency = fmt::format("{}{}号市人民政府", agency_prefix, i);
    const std::string page = fmt::format("/ndbg/202501/t202501{:02d}_{}.htm", 1 + i % 28, 1000 + i);
    if (file_bytes == 0) {
      site.page(page, trs_article(report_title(agency), report_body(agency)));
      continue;
    }
    const std::string file = fmt::format("/ndbg/202501/P0202501{:02d}_{}.pdf", 1 + i % 28, 1000 + i);
    site.page(page, trs_article(report_title(agency), fmt::format("<p>附件：<a href=\"{}\">{}.pdf</a></p>", file, agency)));
    std::string bytes = pdf + fmt::format("\n% {} {}\n", agency_prefix, i);
    while (bytes.size() < file_bytes) bytes += "% padding after the end of the PDF, as some servers add\n";
    site.put(file, Resource(bytes, "application/pdf"));
  }
}

}  // namespace fetch_test
