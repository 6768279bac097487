#include "extract/html/dom.h"

#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstring>
#include <mutex>

#include "model/errors.h"

namespace xxgk::html {
namespace {

struct XmlCharFreer {
  void operator()(xmlChar* p) const { xmlFree(p); }
};

// libxml2 reports errors to a global handler even with HTML_PARSE_NOERROR for some of them;
// a page's broken markup is not ours to print.
void silent(void*, const char*, ...) {}

template <size_t N>
bool one_of(std::string_view name, const std::string_view (&names)[N]) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

constexpr std::string_view kIgnored[] = {"script", "style",  "head",   "noscript", "template", "iframe",   "object",
                                         "embed",  "select", "option", "button",   "input",    "textarea", "svg"};

constexpr std::string_view kBlocks[] = {"p",      "div",     "h1",      "h2",         "h3",         "h4",   "h5",
                                        "h6",     "li",      "ul",      "ol",         "dl",         "dt",   "dd",
                                        "pre",    "center",  "section", "article",    "aside",      "nav",  "header",
                                        "footer", "address", "figure",  "figcaption", "blockquote", "main", "hr",
                                        "table",  "tr",      "caption", "form"};

}  // namespace

DocPtr parse_utf8_html(std::string_view utf8) {
  if (utf8.size() > static_cast<size_t>(INT_MAX))
    throw DocumentError("too_large", "the page is too large for the HTML parser", "网页过大，HTML 解析器无法读取");
  // libxml2 wants its globals set up once, from one thread, before threads parse in parallel.
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  xmlSetGenericErrorFunc(nullptr, silent);  // per thread
  // The text is UTF-8 already (decoded and verified by us); telling libxml2 so keeps a stale
  // <meta charset=gb2312> from re-decoding it. XML_PARSE_HUGE lifts libxml2's nesting limit of
  // 256, past which it silently drops the rest of the page (old pages nest unclosed <font> tags
  // that deep); every walk over the tree here is iterative, so depth costs no stack.
  const int options =
      HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | XML_PARSE_HUGE;
  DocPtr doc(htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8", options));
  if (!doc)
    throw DocumentError("unreadable_html", "the HTML parser could not read the page at all",
                        "HTML 解析器完全无法读取该网页");
  return doc;
}

std::string_view name_of(const xmlNode* n) {
  if (!n || n->type != XML_ELEMENT_NODE || !n->name) return {};
  return reinterpret_cast<const char*>(n->name);
}

bool is_element(const xmlNode* n, std::string_view name) { return name_of(n) == name; }

std::string attr(const xmlNode* n, const char* name) {
  if (!n || n->type != XML_ELEMENT_NODE) return {};
  std::unique_ptr<xmlChar, XmlCharFreer> v(xmlGetProp(n, reinterpret_cast<const xmlChar*>(name)));
  return v ? std::string(reinterpret_cast<const char*>(v.get())) : std::string();
}

std::string_view attr_view(const xmlNode* n, const char* name, std::string& scratch) {
  if (!n || n->type != XML_ELEMENT_NODE) return {};
  // The attribute xmlGetProp reads: the first of that name without a namespace.
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (a->ns || !a->name || std::strcmp(reinterpret_cast<const char*>(a->name), name) != 0) continue;
    const xmlNode* v = a->children;
    if (!v) return {};
    if (!v->next && (v->type == XML_TEXT_NODE || v->type == XML_CDATA_SECTION_NODE) && v->content)
      return reinterpret_cast<const char*>(v->content);
    scratch = attr(n, name);  // a value of several nodes (entities): libxml2 joins them
    return scratch;
  }
  return {};
}

namespace {

bool ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
unsigned char ascii_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c; }

// Whether `before`:`after` (lower case, no spaces) occurs around a colon of `text` read in lower
// case with its white space removed: "Display : NONE" holds display:none. Looked for at the colons
// only (a style of Word's HTML runs to hundreds of characters on every cell, with a dozen colons).
// Whether, at the colon at `colon`, `text` reads `before: after` (spaces and case aside).
bool property_at(std::string_view text, size_t colon, std::string_view before, std::string_view after) {
  size_t i = colon, k = before.size();
  while (k > 0 && i > 0) {
    const auto c = static_cast<unsigned char>(text[--i]);
    if (ascii_space(c)) continue;
    if (ascii_lower(c) != static_cast<unsigned char>(before[k - 1])) break;
    --k;
  }
  if (k != 0) return false;
  size_t j = colon + 1;
  k = 0;
  while (k < after.size() && j < text.size()) {
    const auto c = static_cast<unsigned char>(text[j++]);
    if (ascii_space(c)) continue;
    if (ascii_lower(c) != static_cast<unsigned char>(after[k])) break;
    ++k;
  }
  return k == after.size();
}

// A style that hides its element: display: none, visibility: hidden or Word's mso-hide: all. One
// pass over the colons of the style (Word's exported pages give every span a long one).
bool hides(std::string_view style) {
  for (size_t colon = style.find(':'); colon != std::string_view::npos; colon = style.find(':', colon + 1))
    if (property_at(style, colon, "display", "none") || property_at(style, colon, "visibility", "hidden") ||
        property_at(style, colon, "mso-hide", "all"))
      return true;
  return false;
}

}  // namespace

bool is_hidden(const xmlNode* n) {
  // Called for every element of every walk over the page: the attributes are read in place, with
  // no copy of their values (xmlGetProp allocated one per element and call, 11% of an HTML page's time).
  if (!n || n->type != XML_ELEMENT_NODE) return false;
  for (const xmlAttr* a = n->properties; a; a = a->next)
    if (a->name && std::strcmp(reinterpret_cast<const char*>(a->name), "hidden") == 0) return true;
  std::string copied;
  const std::string_view style = attr_view(n, "style", copied);
  return !style.empty() && hides(style);
}

bool is_ignored_element(const xmlNode* n) {
  // libxml2's HTML parser gives element names in lower case.
  std::string_view nm = name_of(n);
  return !nm.empty() && one_of(nm, kIgnored);
}

bool is_block_element(const xmlNode* n) {
  std::string_view nm = name_of(n);
  return !nm.empty() && one_of(nm, kBlocks);
}

std::string_view text_of(const xmlNode* n) {
  if (!n || (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) || !n->content) return {};
  return reinterpret_cast<const char*>(n->content);
}

const xmlNode* find_first(const xmlNode* root, std::string_view name) {
  const xmlNode* n = root;
  while (n) {
    if (n != root && is_element(n, name)) return n;
    if (n->children && (n->type == XML_ELEMENT_NODE || n == root)) {
      n = n->children;
      continue;
    }
    while (n && n != root && !n->next) n = n->parent;
    if (!n || n == root) return nullptr;
    n = n->next;
  }
  return nullptr;
}

}  // namespace xxgk::html
