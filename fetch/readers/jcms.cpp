// Hanweb JCMS (大汉): the column page /col/colNNNN/index.html holds its first records inside
// <script type="text/xml"><datastore><recordset><record><![CDATA[<li><a href=…>title</a>
// <span>date</span></li>]]></record>…; the rest come from a data endpoint,
// /module/web/jpage/dataproxy.jsp?page=N&webid=W&columnid=C (its address is in the datastore's
// <nextgroup>, or built from the page's webid/columnid), answering the same datastore XML with
// <totalrecord>/<totalpage>. index_1.html does not exist there.
#include "fetch/readers/readers.h"

#include "fetch/sniff.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace xxgk::fetch::readers {
namespace {

std::string_view between(std::string_view s, std::string_view open, std::string_view close, size_t& pos) {
  const size_t a = s.find(open, pos);
  if (a == std::string_view::npos) return pos = std::string_view::npos, std::string_view();
  const size_t b = s.find(close, a + open.size());
  if (b == std::string_view::npos) return pos = std::string_view::npos, std::string_view();
  pos = b + close.size();
  return s.substr(a + open.size(), b - a - open.size());
}

std::string_view strip_cdata(std::string_view s) {
  const size_t a = s.find("<![CDATA[");
  const size_t b = s.rfind("]]>");
  if (a != std::string_view::npos && b != std::string_view::npos && b > a) return s.substr(a + 9, b - a - 9);
  return s;
}

std::optional<long> tag_number(std::string_view s, std::string_view tag) {
  size_t pos = 0;
  const auto v = between(s, fmt::format("<{}>", tag), fmt::format("</{}>", tag), pos);
  if (pos == std::string_view::npos) return std::nullopt;
  std::string digits;
  for (char c : v)
    if (c >= '0' && c <= '9' && digits.size() < 9) digits += c;
  return digits.empty() ? std::nullopt : std::optional<long>(std::stol(digits));
}

// The column id: from the config (columnid: 123, 'columnid':'123') or the URL (/col/col123/).
std::optional<long> column_id(const Url& url, std::string_view text) {
  if (auto c = number_after(text, "columnid")) return c;
  const size_t at = url.path.find("/col/col");
  if (at == std::string::npos) return std::nullopt;
  std::string digits;
  for (size_t i = at + 8; i < url.path.size() && std::isdigit(static_cast<unsigned char>(url.path[i])); ++i) digits += url.path[i];
  return digits.empty() || digits.size() > 9 ? std::nullopt : std::optional<long>(std::stol(digits));
}

Url page_url(const Url& endpoint, long n, std::optional<long> per_page) {
  Url u = with_query_param(endpoint, "page", std::to_string(n));
  if (per_page && *per_page > 0) {
    u = with_query_param(u, "startrecord", std::to_string((n - 1) * *per_page + 1));
    u = with_query_param(u, "endrecord", std::to_string(n * *per_page));
    u = with_query_param(u, "perpage", std::to_string(*per_page));
  }
  return u;
}

class JcmsReader : public ListingReader {
 public:
  std::string_view kind() const override { return "jcms"; }

  ListingPage read(const Url& url, std::string_view bytes, int page) const override {
    ListingPage out;
    const std::string text = decode_page(bytes).utf8;
    size_t pos = 0;
    int records = 0;
    while (pos != std::string_view::npos) {
      const std::string_view record = between(text, "<record>", "</record>", pos);
      if (pos == std::string_view::npos) break;
      ++records;
      const PageParts parts = read_page(strip_cdata(record));
      for (auto& e : entries_from_links(url, parts, nullptr)) out.entries.push_back(std::move(e));
    }
    if (records == 0 && text.find("<datastore") == std::string::npos) {
      out.problem = "no jcms datastore (<datastore><record>…) in the page: is this a jcms column page?";
      return out;
    }
    const auto total_records = tag_number(text, "totalrecord").has_value() ? tag_number(text, "totalrecord")
                                                                            : number_after(text, "totalRecord");
    auto total_pages = tag_number(text, "totalpage");
    auto per_page = number_after(text, "perPage");
    if (!per_page) per_page = number_after(text, "perpage");

    if (page == 1) {
      // The endpoint: <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?…">]]>, or built.
      std::optional<Url> endpoint;
      size_t p = 0;
      const std::string_view group = between(text, "<nextgroup>", "</nextgroup>", p);
      if (p != std::string_view::npos) {
        const PageParts g = read_page(strip_cdata(group));
        if (!g.links.empty()) endpoint = resolve_url(url, g.links.front().href);
      }
      if (!endpoint) {
        const auto web = number_after(text, "webid");
        const auto col = column_id(url, text);
        if (web && col)
          endpoint = resolve_url(url, fmt::format("/module/web/jpage/dataproxy.jsp?webid={}&columnid={}", *web, *col));
      }
      if (!per_page && records > 0) per_page = records;
      if (!total_pages && total_records && per_page && *per_page > 0)
        total_pages = (*total_records + *per_page - 1) / *per_page;
      const bool all_here = total_records && records >= *total_records;
      if (!all_here && endpoint && records > 0) {
        const long first_missing = per_page && *per_page > 0 ? records / *per_page + 1 : 2;
        const long last = total_pages ? std::min<long>(*total_pages, 500) : first_missing;
        for (long n = first_missing; n <= last; ++n) out.more.push_back(page_url(*endpoint, n, per_page));
      } else if (!all_here && !endpoint && records > 0 && (!total_records || records < *total_records)) {
        out.problem = "the jcms column names no data endpoint (<nextgroup>, webid and columnid): only its first records are read";
      }
    } else if (!total_pages && records > 0) {
      // The endpoint did not say how many pages: ask for the next until one comes back empty.
      const auto n = query_param(url, "page");
      if (n && !n->empty() && n->size() < 6 && std::all_of(n->begin(), n->end(), [](unsigned char c) { return std::isdigit(c) != 0; }) && std::stol(*n) < 500)
        out.more.push_back(page_url(url, std::stol(*n) + 1, per_page ? per_page : std::optional<long>(records)));
    }
    return out;
  }
};

}  // namespace

const ListingReader& jcms_reader() {
  static const JcmsReader r;
  return r;
}

}  // namespace xxgk::fetch::readers
