// The listing readers, the article reader and the sources file: pure functions over page bytes, on
// the shapes of FETCH-NOTES (and their variants seen on real portals).
#include "fetch/article.h"
#include "fetch/html_page.h"
#include "fetch/listing.h"
#include "fetch/sources.h"

#include <gtest/gtest.h>

using namespace xxgk::fetch;

namespace {

Url U(const std::string& s) { return parse_url(s).value(); }

std::vector<std::string> urls(const std::vector<Url>& v) {
  std::vector<std::string> out;
  for (const auto& u : v) out.push_back(u.str());
  return out;
}

const ListingReader& reader(const char* kind) { return *listing_reader(kind); }

}  // namespace

TEST(FetchTitles, ReportTitlesNameTheirYear) {
  const TitleFilter f(kDefaultTitlePattern, kDefaultExcludePattern);
  EXPECT_TRUE(f.matches("长春市南关区新春街道2024年政府信息公开工作年度报告"));
  EXPECT_TRUE(f.matches("XX区人民政府2024年度政府信息公开工作年度报告"));
  EXPECT_TRUE(f.matches("2024年XX局政府信息公开年报"));
  EXPECT_TRUE(f.matches("ＸＸ局２０２３年政府信息公开工作年度报告"));  // full-width digits
  EXPECT_FALSE(f.matches("政府信息公开年报"));                          // the column's own name: no year
  EXPECT_FALSE(f.matches("关于印发2025年政务公开工作要点的通知"));
  EXPECT_FALSE(f.matches("图解：XX区2024年政府信息公开工作年度报告"));   // excluded by default
  EXPECT_EQ(year_in_title("XX区人民政府2024 年度政府信息公开工作年度报告").value(), 2024);
  EXPECT_EQ(year_in_title("２０２３年XX局年报").value(), 2023);
  EXPECT_FALSE(year_in_title("20245年"));
  EXPECT_FALSE(year_in_title("1998年报告"));
  const TitleFilter custom("公开.*年报", "");
  EXPECT_TRUE(custom.matches("图解：2024年政府信息公开年报"));  // no exclusion
  EXPECT_THROW(TitleFilter("(unclosed", ""), std::invalid_argument);
}

TEST(FetchTitles, DatesAsPortalsPrintThem) {
  EXPECT_EQ(date_in_text(" 2025-01-20 ").value(), "2025-01-20");
  EXPECT_EQ(date_in_text("[2025/1/5]").value(), "2025-01-05");
  EXPECT_EQ(date_in_text("发布时间：2025年1月20日 09:30").value(), "2025-01-20");
  EXPECT_EQ(date_in_text("2025.01.20").value(), "2025-01-20");
  EXPECT_EQ(date_in_text("title 2024年政府信息公开 2025-02-29x 2024-02-29").value(), "2024-02-29");  // 2025-02-29 is no date
  EXPECT_FALSE(date_in_text("2025-13-01"));
  EXPECT_FALSE(date_in_text("2024年政府信息公开工作年度报告"));
}

TEST(FetchReaders, TrsColumnWithAScriptDrawnPager) {
  // The real shape of 2026: a folder URL, <dl><dd> entries with the full title in title="", the
  // date in the next <dd> (days off the URL's), a hidden avalon copy of the list without hrefs,
  // placeholder links, and the pager's config in a script.
  const std::string page = R"HTML(<html><body>
<a href="javascript:;">登录</a><a href="logoutUrl">退出</a><a href="./nlist.htm">政府信息公开年报</a>
<div class="list">
<dl><dd><a href="./202501/t20250120_7001.htm" title="示例区2024年政府信息公开工作年度报告">示例区2024年政府信息公开…</a></dd><dd> 2025-01-17 </dd></dl>
<dl><dd><a href="./202401/t20240118_6001.htm" title="示例区2023年政府信息公开工作年度报告">示例区2023年…</a></dd><dd> 2024-01-18 </dd></dl>
</div>
<div style="display:none"><dl ms-repeat="list"><dd><a ms-attr-title="el.title">{{el.title}}</a></dd></dl></div>
<script>var pageConfig = { recordCount: 23, prepage: 10 };</script></body></html>)HTML";
  const auto lp = reader("trs").read(U("http://h.cn/zwgk/ndbg/"), page, 1);
  ASSERT_EQ(lp.entries.size(), 2u);
  EXPECT_EQ(lp.entries[0].url.str(), "http://h.cn/zwgk/ndbg/202501/t20250120_7001.htm");
  EXPECT_EQ(lp.entries[0].title, "示例区2024年政府信息公开工作年度报告");
  EXPECT_EQ(lp.entries[0].published.value(), "2025-01-17");
  EXPECT_EQ(urls(lp.more), (std::vector<std::string>{"http://h.cn/zwgk/ndbg/index_1.htm", "http://h.cn/zwgk/ndbg/index_2.htm"}));
  // Later pages name no further pages of their own.
  EXPECT_TRUE(reader("trs").read(U("http://h.cn/zwgk/ndbg/index_1.htm"), page, 2).more.empty());
}

TEST(FetchReaders, TrsClassicCreatePageHtml) {
  const std::string page = R"HTML(<ul><li><a href="./202501/t20250120_1.html">2024年年报</a><span>2025-01-20</span></li></ul>
<script>var countPage = 4;//共多少页
createPageHTML(countPage, 0, "index", "html");</script>)HTML";
  const auto lp = reader("trs").read(U("http://h.cn/col/ndbg/index.html"), page, 1);
  EXPECT_EQ(urls(lp.more), (std::vector<std::string>{"http://h.cn/col/ndbg/index_1.html", "http://h.cn/col/ndbg/index_2.html",
                                                     "http://h.cn/col/ndbg/index_3.html"}));
  EXPECT_EQ(urls(reader("trs").read(U("http://h.cn/a/index.html"), "<script>createPageHTML(2, 0, \"index\", \"shtml\");</script>", 1).more),
            std::vector<std::string>{"http://h.cn/a/index_1.shtml"});
}

TEST(FetchReaders, UcapHomePages) {
  const std::string page = R"HTML(<ul><li><a href="./202501/content_9001.htm">示例部2024年政府信息公开工作年度报告</a><span>[2025-01-27]</span></li>
<li><a href="/">首页</a></li></ul><script>createPageHTML('page_div',3, 1,'home','htm',27);</script>)HTML";
  const auto lp = reader("ucap").read(U("http://h.cn/zhengce/ndbg/home.htm"), page, 1);
  ASSERT_EQ(lp.entries.size(), 1u);  // content_ links preferred: the home link goes
  EXPECT_EQ(lp.entries[0].published.value(), "2025-01-27");
  EXPECT_EQ(urls(lp.more), (std::vector<std::string>{"http://h.cn/zhengce/ndbg/home_1.htm", "http://h.cn/zhengce/ndbg/home_2.htm"}));
}

TEST(FetchReaders, JcmsDatastoreAndDataproxy) {
  const std::string column = R"HTML(<div id="4567"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=3&path=/&columnid=1234&unitid=4567&webname=%E7%A4%BA&permissiontype=0"></a>]]></nextgroup><recordset>
<record><![CDATA[<li><a href="/art/2025/1/24/art_1234_5007.html" title="示例市2024年政府信息公开工作年度报告">示例市2024年…</a><span>2025-01-24</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2025/1/23/art_1234_5006.html">示例市2025年要点</a><span>2025-01-23</span></li>]]></record>
</recordset></datastore></script></div>
<script>var pagination = new jpage({ totalRecord:5, perPage:2, proxyUrl:'/module/web/jpage/dataproxy.jsp' });</script>)HTML";
  const auto lp = reader("jcms").read(U("http://h.cn/col/col1234/index.html"), column, 1);
  ASSERT_EQ(lp.entries.size(), 2u);
  EXPECT_EQ(lp.entries[0].url.str(), "http://h.cn/art/2025/1/24/art_1234_5007.html");
  EXPECT_EQ(lp.entries[0].title, "示例市2024年政府信息公开工作年度报告");
  EXPECT_EQ(lp.entries[1].published.value(), "2025-01-23");
  EXPECT_EQ(urls(lp.more),
            (std::vector<std::string>{
                "http://h.cn/module/web/jpage/dataproxy.jsp?page=2&webid=3&path=/&columnid=1234&unitid=4567&webname=%E7%A4%BA&"
                "permissiontype=0&startrecord=3&endrecord=4&perpage=2",
                "http://h.cn/module/web/jpage/dataproxy.jsp?page=3&webid=3&path=/&columnid=1234&unitid=4567&webname=%E7%A4%BA&"
                "permissiontype=0&startrecord=5&endrecord=6&perpage=2"}));
  const std::string proxy = R"HTML(<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>5</totalrecord><totalpage>3</totalpage><recordset><record><![CDATA[<li><a href="/art/2025/1/20/art_1234_5003.html">示例市2023年政府信息公开工作年度报告</a><span>2024-01-20</span></li>]]></record></recordset></datastore>)HTML";
  const auto p2 = reader("jcms").read(lp.more[0], proxy, 2);
  ASSERT_EQ(p2.entries.size(), 1u);
  EXPECT_EQ(p2.entries[0].url.str(), "http://h.cn/art/2025/1/20/art_1234_5003.html");
  EXPECT_TRUE(p2.more.empty());
  // Without <nextgroup>: the endpoint from the page's webid and columnid (the column id from the URL).
  const std::string bare = R"HTML(<script type="text/xml"><datastore><recordset><record><![CDATA[<li><a href="/art/1.html">x</a></li>]]></record></recordset></datastore></script>
<script>new jpage({ webid: '9', totalRecord: 3, perPage: 1 })</script>)HTML";
  EXPECT_EQ(urls(reader("jcms").read(U("http://h.cn/col/col77/index.html"), bare, 1).more).front(),
            "http://h.cn/module/web/jpage/dataproxy.jsp?webid=9&columnid=77&page=2&startrecord=2&endrecord=2&perpage=1");
  EXPECT_FALSE(reader("jcms").read(U("http://h.cn/x.html"), "<html>nothing</html>", 1).problem.empty());
}

TEST(FetchReaders, GkmlptApi) {
  const std::string json = R"HTML({"articles":[
{"id":1,"title":"示例局2024年政府信息公开工作年度报告","url":"http://h.cn/gkmlpt/content/1/2/post_9.html","first_publish_time":1737475200},
{"id":2,"title":"示例局2023年政府信息公开工作年度报告","url":"/gkmlpt/content/1/2/post_8.html","first_publish_time":"2024-01-20 10:00:00"},
{"id":3,"url":"/no-title.html"}],"total":7})HTML";
  const auto lp = reader("gkmlpt").read(U("http://h.cn/gkmlpt/api/all/55?page=1&sid=7"), json, 1);
  ASSERT_EQ(lp.entries.size(), 2u);
  EXPECT_EQ(lp.entries[0].published.value(), "2025-01-22");  // 1737475200 = 2025-01-21T16:00Z = 2025-01-22 in China
  EXPECT_EQ(lp.entries[1].url.str(), "http://h.cn/gkmlpt/content/1/2/post_8.html");
  EXPECT_EQ(lp.entries[1].published.value(), "2024-01-20");
  // 7 in all, 3 to a page (the API's page, the untitled entry included): pages 2 and 3.
  EXPECT_EQ(urls(lp.more), (std::vector<std::string>{"http://h.cn/gkmlpt/api/all/55?page=2&sid=7", "http://h.cn/gkmlpt/api/all/55?page=3&sid=7"}));
  EXPECT_NE(reader("gkmlpt").read(U("http://h.cn/gkmlpt/index"), "<html>script</html>", 1).problem.find("API"), std::string::npos);
}

TEST(FetchReaders, GenericFollowsNextPageLinks) {
  const std::string page = R"HTML(<ul><li><a href="show.asp?id=71">示例县2024年政府信息公开工作年度报告</a> 2025-01-26</li></ul>
<a href="list.asp?page=1">上一页</a> <a href="list.asp?page=3">下一页</a>)HTML";
  const auto lp = reader("generic").read(U("http://h.cn/xxgk/list.asp?page=2"), page, 2);
  EXPECT_EQ(lp.entries.front().published.value(), "2025-01-26");
  EXPECT_EQ(urls(lp.more), std::vector<std::string>{"http://h.cn/xxgk/list.asp?page=3"});
}

TEST(FetchArticle, AttachmentsAndWhatIsNotOne) {
  const std::string page = R"HTML(<html><head><meta name="ArticleTitle" content="示例区2024年政府信息公开工作年度报告">
<meta name="PubDate" content="2025-01-20 09:30"><title>示例区2024年政府信息公开工作年度报告_年报_示例区政府</title></head><body>
<a href="javascript:;">登录</a> <a href="logoutUrl">退出</a> <a href="#top">顶部</a> <a href="./other.htm">上一篇</a>
<iframe src="http://tianqi.example.com/plugin/weather.html"></iframe>
<iframe ms-attr-src="/pdfjs/web/viewer.html?file={{el.url}}"></iframe>
<div class="TRS_Editor"><p>详见附件</p>
<iframe src="/pdfjs/web/viewer.html?file=%2Fattach%2F2025%2Freport.pdf"></iframe>
<embed src="./P020250120.pdf" type="application/pdf"><object data="/files/r.PDF"></object>
<a href="/module/download/downfile.jsp?classid=0&filename=3a9f.doc">附件1</a>
<a href="/uploadfiles/202501/abc">2024年报告.docx</a>
<a href="javascript:downloadFile('/attach/js.wps')">下载</a>
<a href="./P020250120.pdf">重复</a></div>
<script>var appendix = ["./P020250121_9.docx", "http://elsewhere.cn/x.pdf"];</script></body></html>)HTML";
  const Url at = U("http://h.cn/zwgk/ndbg/202501/t20250120_1.htm");
  const ArticlePage a = read_article(at, read_page(page));
  std::vector<std::string> got;
  for (const auto& x : a.attachments) got.push_back(x.url.str());
  EXPECT_EQ(got, (std::vector<std::string>{"http://h.cn/module/download/downfile.jsp?classid=0&filename=3a9f.doc",
                                           "http://h.cn/uploadfiles/202501/abc", "http://h.cn/attach/js.wps",
                                           "http://h.cn/zwgk/ndbg/202501/P020250120.pdf", "http://h.cn/attach/2025/report.pdf",
                                           "http://h.cn/files/r.PDF", "http://h.cn/zwgk/ndbg/202501/P020250121_9.docx"}));
  EXPECT_EQ(a.title.value(), "示例区2024年政府信息公开工作年度报告");
  EXPECT_EQ(a.published.value(), "2025-01-20");
  EXPECT_FALSE(a.has_tables);
  const ArticlePage plain = read_article(at, read_page("<title>示例区2024年年报 - 示例区</title><table>" +
                                                       std::string(40, ' ') + "<tr><td>1</td></tr></table>"));
  EXPECT_EQ(plain.title.value(), "示例区2024年年报");
  EXPECT_TRUE(plain.attachments.empty());
}

TEST(FetchArticle, DeepPagesAreReadWithoutRecursion) {
  std::string deep;
  for (int i = 0; i < 50000; ++i) deep += "<div>";
  deep += "<a href=\"/x.pdf\">x</a>";
  const auto parts = read_page(deep);
  ASSERT_EQ(parts.links.size(), 1u);
  EXPECT_EQ(parts.links[0].href, "/x.pdf");
}

TEST(FetchSources, ParsesAndReportsBadLines) {
  const std::string file =
      "\xEF\xBB\xBF" "agency\tregion\tkind\turl\tpattern\ttls\n"
      "# comment\n"
      "\n"
      "示例区\t220102\ttrs\thttp://h.cn/zwgk/ndbg/\t\t\n"
      "示例市\t\tjcms\thttps://h.cn/col/col1/index.html\t公开.*年报\tinsecure\n"
      "坏的\t22010\tcms\twww.h.cn/x\t\t\n"
      "\t\ttrs\thttp://h.cn/a/\t\t\n"
      "重复\t\ttrs\thttp://h.cn/zwgk/ndbg/\t\t\n"
      "坏模式\t\tgeneric\thttp://h.cn/g/\t(\t\n"
      "多了\t\tgeneric\thttp://h.cn/m/\t\t\textra\n"
      "单篇\t\tdocument\thttp://h.cn/f.pdf\r\n";
  const SourcesFile s = parse_sources(file, "sources.tsv");
  ASSERT_EQ(s.sources.size(), 3u);
  EXPECT_EQ(s.sources[0].agency, "示例区");
  EXPECT_EQ(s.sources[0].line, 4);
  EXPECT_EQ(s.sources[1].pattern, "公开.*年报");
  EXPECT_TRUE(s.sources[1].insecure_tls);
  EXPECT_EQ(s.sources[2].kind, "document");
  std::vector<std::string> messages;
  for (const auto& e : s.errors) messages.push_back(e.message);
  ASSERT_EQ(messages.size(), 5u);
  EXPECT_EQ(messages[0],
            "sources.tsv:6: region 22010 is not a division code (2, 4, 6, 9 or 12 digits; or leave it empty); unknown kind cms "
            "(one of trs, jcms, gkmlpt, ucap, generic, document); url www.h.cn/x is not an absolute http(s) URL");
  EXPECT_EQ(messages[1], "sources.tsv:7: the agency is empty");
  EXPECT_EQ(messages[2], "sources.tsv:8: the same trs listing as line 4");
  EXPECT_NE(messages[3].find("sources.tsv:9: the pattern ( is not a valid regular expression"), std::string::npos);
  EXPECT_EQ(messages[4], "sources.tsv:10: 7 fields, but the header names 6 columns (a tab too many?)");
  EXPECT_EQ(parse_sources("agency\tkind\n", "s.tsv").errors.at(0).message,
            "s.tsv:1: the header line lacks the column(s) region, url; it must name at least agency, region, kind and url, "
            "separated by tabs");
  EXPECT_EQ(parse_sources("", "s.tsv").errors.at(0).message,
            "s.tsv: the file is empty: it needs a header line (agency, region, kind, url) and one line per source");
  EXPECT_EQ(parse_sources("agency\tregion\tkind\turl\n\xB1\xA8\t\ttrs\thttp://h.cn/\n", "s.tsv").errors.at(0).message,
            "s.tsv:2: the line is not UTF-8 text (save the file as UTF-8)");
}
