// HTML pages: the bytes are decoded to UTF-8 by us (BOM, declared charset, ICU detection, each
// verified: see extract/encoding.h), parsed by libxml2's HTML parser, and the report is read out
// of whatever page chrome surrounds it.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "extract/encoding.h"
#include "extract/extractor.h"
#include "extract/html/dom.h"
#include "extract/html/flow.h"
#include "extract/html/grid.h"
#include "extract/html/page.h"
#include "extract/html/page_info.h"
#include "extract/html/table_images.h"
#include "extract/html/text_lines.h"
#include "model/errors.h"

namespace xxgk {
namespace {

using namespace html;

// The charset a page declares in its first bytes: <meta charset=…>, <meta http-equiv=
// "Content-Type" content="…; charset=…">, or an XML declaration's encoding="…". Only a hint:
// decode_text verifies it.
std::string declared_charset(std::string_view bytes) {
  std::string head(bytes.substr(0, 16384));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto value_at = [&](size_t p) {
    while (p < head.size() && (head[p] == ' ' || head[p] == '"' || head[p] == '\'' || head[p] == '=')) ++p;
    size_t e = p;
    while (e < head.size() && (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' || head[e] == '_'))
      ++e;
    return head.substr(p, e - p);
  };
  if (head.rfind("<?xml", 0) == 0) {
    size_t end = head.find("?>");
    size_t p = head.find("encoding", 0);
    if (p != std::string::npos && p < end) return value_at(p + 8);
  }
  for (size_t m = head.find("<meta"); m != std::string::npos; m = head.find("<meta", m + 5)) {
    const size_t end = head.find('>', m);
    if (end == std::string::npos) break;
    const size_t p = head.find("charset", m);
    if (p != std::string::npos && p < end) {
      std::string v = value_at(p + 7);
      if (!v.empty()) return v;
    }
  }
  return {};
}

std::string meta_content(const xmlNode* root, std::string_view property) {
  std::string found;
  walk(
      root,
      [&](const xmlNode* n) {
        if (!found.empty() || n->type != XML_ELEMENT_NODE) return false;
        if (is_element(n, "meta") && (attr(n, "property") == property || attr(n, "name") == property))
          found = collapse_spaces(attr(n, "content"));
        return !is_element(n, "body");
      },
      [](const xmlNode*) {});
  return found;
}

std::string title_hint(const xmlNode* root, const ReportArea& area) {
  if (const xmlNode* t = find_first(root, "title")) {
    std::string s = collapse_spaces(cell_text(t));
    if (!s.empty()) return s;
  }
  if (std::string og = meta_content(root, "og:title"); !og.empty()) return og;
  if (const xmlNode* h1 = find_first(area.container, "h1")) return collapse_spaces(cell_text(h1));
  return {};
}

// A report page holds tens of thousands of tags; libxml2 spends about 200 bytes on each, so a page
// of millions of empty tags is refused before it is parsed rather than allowed to eat memory.
constexpr long kMaxTags = 2'000'000;

long count_tags(std::string_view s) {
  long n = 0;
  for (size_t p = s.find('<'); p != std::string_view::npos && p + 1 < s.size(); p = s.find('<', p + 1))
    if (std::isalpha(static_cast<unsigned char>(s[p + 1]))) ++n;
  return n;
}

// Word's "downlevel-revealed" conditional comments (<![if !vml]> … <![endif]>): a browser ignores
// the markers and shows what lies between; libxml2 would keep the markers as text.
void remove_word_conditionals(std::string& html) {
  std::string out;
  size_t from = 0;
  for (size_t p = html.find("<!["); p != std::string::npos; p = html.find("<![", p + 3)) {
    const std::string_view rest = std::string_view(html).substr(p + 3, 6);
    const bool marker =
        (rest.size() >= 2 && (rest[0] == 'i' || rest[0] == 'I') && (rest[1] == 'f' || rest[1] == 'F')) ||
        (rest.size() >= 5 && (rest.substr(0, 5) == "endif" || rest.substr(0, 5) == "ENDIF"));
    if (!marker) continue;
    // The marker ends at its first ']', which must close it ("<![endif]-->" ends a comment instead).
    const size_t end = html.find(']', p + 3);
    if (end == std::string::npos || end + 1 >= html.size() || html[end + 1] != '>' || html.find('>', p) < end) continue;
    out.append(html, from, p - from);
    from = end + 2;
    p = end;
  }
  if (from == 0) return;
  out.append(html, from, std::string::npos);
  html = std::move(out);
}

long replacement_characters(const Document& doc) {
  long n = 0;
  auto count = [&](const std::string& s) {
    for (size_t p = s.find("\xEF\xBF\xBD"); p != std::string::npos; p = s.find("\xEF\xBF\xBD", p + 3)) ++n;
  };
  for (const auto& b : doc.blocks) {
    if (!b.is_table()) {
      count(b.paragraph().text);
      continue;
    }
    for (const auto& row : b.table().rows)
      for (const auto& c : row)
        if (!c.covered) count(c.text);
  }
  return n;
}

class HtmlExtractor final : public Extractor {
 public:
  Document extract(std::string_view, std::string_view bytes, const ExtractOptions& options) const override {
    Document doc;
    doc.format = "html";
    const std::string declared = declared_charset(bytes);
    Decoded decoded = decode_text(bytes, declared);
    spdlog::debug("HTML page decoded as {} (declared: {})", decoded.charset, declared.empty() ? "none" : declared);
    // NUL characters are not text and would end libxml2's reading of a text run.
    decoded.utf8.erase(std::remove(decoded.utf8.begin(), decoded.utf8.end(), '\0'), decoded.utf8.end());
    check_deadline(options);
    if (decoded.utf8.find_first_not_of(" \t\r\n\f") == std::string::npos)
      throw DocumentError("empty", "the page is empty", "网页为空");
    if (const long tags = count_tags(decoded.utf8); tags > kMaxTags)
      throw DocumentError(
          "too_complex",
          fmt::format("the page has {} HTML tags, more than the {} this reader accepts; no report page "
                      "has that many",
                      tags, kMaxTags),
          fmt::format("网页含有 {} 个 HTML 标签，超过可读取的上限 {}；正常的报告网页不会有这么多", tags, kMaxTags));

    remove_word_conditionals(decoded.utf8);
    DocPtr page = parse_utf8_html(decoded.utf8);
    decoded.utf8 = std::string();  // the DOM holds the text now
    const xmlNode* root = xmlDocGetRootElement(page.get());
    if (!root) throw DocumentError("empty", "the page holds no HTML content", "网页没有任何 HTML 内容");
    const xmlNode* body = find_first(root, "body");
    if (!body) body = root;
    check_deadline(options);

    const ReportArea area = find_report_area(body);
    doc.title_hint = title_hint(root, area);
    doc.page = read_page_info(root, body, area);
    const auto pictures = read_flow(area, options, doc);
    if (doc.blocks.empty()) throw DocumentError("empty", "the page holds no text", "网页中没有文字");

    for (auto& p : table_image_problems(doc, pictures)) doc.problems.push_back(std::move(p));
    if (const long bad = replacement_characters(doc); bad > 0) {
      ExtractionProblem p;
      p.code = "encoding";
      p.message = fmt::format("网页中有{}处字符无法按 {} 解码，已替换为“\xEF\xBF\xBD”", bad, decoded.charset);
      p.message_en = fmt::format("{} character(s) of the page could not be decoded as {} and were replaced by U+FFFD",
                                 bad, decoded.charset);
      doc.problems.push_back(std::move(p));
    }
    return doc;
  }
};

}  // namespace

std::unique_ptr<Extractor> make_html_extractor() { return std::make_unique<HtmlExtractor>(); }

}  // namespace xxgk
