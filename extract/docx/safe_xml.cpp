#include "extract/docx/safe_xml.h"

#include "model/errors.h"

#include <fmt/format.h>
#include <libxml/parser.h>

#include <array>
#include <mutex>

namespace xxgk {
namespace {

constexpr std::array<std::string_view, 2> kWmlNamespaces = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",  // transitional (Word, WPS)
    "http://purl.oclc.org/ooxml/wordprocessingml/main",              // ISO/IEC 29500 strict
};

struct CtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

// Called by libxml2 when it meets <!DOCTYPE …>, before the internal subset is parsed: remember it
// and stop, so no declaration (entity, external reference) is ever read.
void refuse_doctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxt*>(ctx);
  *static_cast<bool*>(ctxt->_private) = true;
  xmlStopParser(ctxt);
}

std::string_view as_view(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

}  // namespace

XmlDocPtr parse_xml_part(std::string_view bytes, std::string_view part) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });  // libxml2's globals, once, before any thread parses
  if (bytes.size() > static_cast<size_t>(INT32_MAX))
    throw DocumentError("too_large", fmt::format("{} is too large to parse", part), fmt::format("{} 过大，无法解析", part));

  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) throw std::bad_alloc();
  bool saw_doctype = false;
  ctxt->_private = &saw_doctype;
  // Every hook through which a DTD could act is cut; the first one stops the parse.
  ctxt->sax->internalSubset = refuse_doctype;
  ctxt->sax->externalSubset = nullptr;
  ctxt->sax->entityDecl = nullptr;
  ctxt->sax->unparsedEntityDecl = nullptr;
  ctxt->sax->resolveEntity = nullptr;
  // NONET: no network. Deliberately absent: NOENT (substitute entities), DTDLOAD, DTDATTR, DTDVALID,
  // XINCLUDE, HUGE (libxml2's default limits on depth and text size stay in force).
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  const std::string url(part);
  XmlDocPtr doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), url.c_str(), nullptr, options));
  if (saw_doctype || (doc && (doc->intSubset || doc->extSubset)))
    throw DocumentError(
        "unsafe_xml",
        fmt::format("{} carries a document type declaration (<!DOCTYPE>), which Word files never have; it was refused "
                    "unread, because such declarations are used to read local files or exhaust memory (XXE, billion laughs)",
                    part),
        fmt::format("{} 含有文档类型声明（<!DOCTYPE>），正常的 Word 文件不会有；为防止读取本机文件或耗尽内存（XXE、实体膨胀攻击），"
                    "已拒绝读取",
                    part));
  if (!doc || !ctxt->wellFormed) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    std::string why = e && e->message ? e->message : "unknown error";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    const int line = e ? e->line : 0;
    throw DocumentError("corrupt", fmt::format("{} is not well-formed XML (line {}: {})", part, line, why),
                        fmt::format("{} 不是格式正确的 XML（第 {} 行：{}）", part, line, why));
  }
  return doc;
}

bool is_element(const xmlNode* n, std::string_view ns, std::string_view local) {
  return n && n->type == XML_ELEMENT_NODE && n->ns && as_view(n->ns->href) == ns && as_view(n->name) == local;
}

bool is_wml(const xmlNode* n) {
  if (!n || n->type != XML_ELEMENT_NODE || !n->ns) return false;
  const auto href = as_view(n->ns->href);
  for (auto w : kWmlNamespaces)
    if (href == w) return true;
  return false;
}

bool is_wml(const xmlNode* n, std::string_view local) { return is_wml(n) && as_view(n->name) == local; }

std::optional<std::string> wml_attr(const xmlNode* n, std::string_view local) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (as_view(a->name) != local || !a->ns) continue;
    const auto href = as_view(a->ns->href);
    for (auto w : kWmlNamespaces)
      if (href == w) {
        std::string v;
        for (const xmlNode* t = a->children; t; t = t->next)
          if (t->type == XML_TEXT_NODE) v += as_view(t->content);
        return v;
      }
  }
  return std::nullopt;
}

std::optional<std::string> plain_attr(const xmlNode* n, std::string_view local) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (as_view(a->name) != local || a->ns) continue;
    std::string v;
    for (const xmlNode* t = a->children; t; t = t->next)
      if (t->type == XML_TEXT_NODE) v += as_view(t->content);
    return v;
  }
  return std::nullopt;
}

std::string direct_text(const xmlNode* n) {
  std::string out;
  for (const xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) out += as_view(c->content);
  return out;
}

}  // namespace xxgk
