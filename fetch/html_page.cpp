#include "fetch/html_page.h"

#include "fetch/charset.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace xxgk::fetch {
namespace {

struct DocFreer {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct XmlCharFreer {
  void operator()(xmlChar* p) const { xmlFree(p); }
};

void silent(void*, const char*, ...) {}

std::string_view name_of(const xmlNode* n) {
  if (!n || n->type != XML_ELEMENT_NODE || !n->name) return {};
  return reinterpret_cast<const char*>(n->name);
}

std::string attr(const xmlNode* n, const char* name) {
  std::unique_ptr<xmlChar, XmlCharFreer> v(xmlGetProp(n, reinterpret_cast<const xmlChar*>(name)));
  return v ? std::string(reinterpret_cast<const char*>(v.get())) : std::string();
}

// Visits the nodes below root in document order without recursion; enter() returns whether to
// descend, leave() runs after a descended element's children.
template <class Enter, class Leave>
void walk(const xmlNode* root, Enter&& enter, Leave&& leave) {
  if (!root) return;
  const xmlNode* n = root->children;
  while (n) {
    const bool descend = enter(n);
    if (descend && n->type == XML_ELEMENT_NODE && n->children) {
      n = n->children;
      continue;
    }
    if (descend) leave(n);
    while (!n->next) {
      n = n->parent;
      if (!n || n == root) return;
      leave(n);
    }
    n = n->next;
  }
}

bool skipped(std::string_view name) { return name == "script" || name == "style" || name == "noscript" || name == "template"; }

// The text under a node (scripts and styles left out), at most `limit` bytes.
std::string text_under(const xmlNode* node, size_t limit = 4096) {
  std::string out;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (node->content) out = reinterpret_cast<const char*>(node->content);
    return out;
  }
  walk(
      node,
      [&](const xmlNode* n) {
        if (out.size() >= limit) return false;
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
          out += reinterpret_cast<const char*>(n->content);
          out += ' ';
        }
        return n->type == XML_ELEMENT_NODE && !skipped(name_of(n));
      },
      [](const xmlNode*) {});
  return out.substr(0, limit);
}

}  // namespace

std::string collapse_space(std::string_view s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    size_t skip = 0;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) ws = true, skip = 1;  // nbsp
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80)
      ws = true, skip = 2;  // ideographic space
    if (ws) {
      space = !out.empty();
      i += skip;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

PageParts read_page(std::string_view html) {
  PageParts parts;
  if (html.empty() || html.size() > static_cast<size_t>(INT_MAX)) return parts;
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  xmlSetGenericErrorFunc(nullptr, silent);
  const int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | XML_PARSE_HUGE;
  std::unique_ptr<xmlDoc, DocFreer> doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options));
  if (!doc) return parts;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return parts;

  // Links per element, to find each link's list entry: the largest ancestor holding only it.
  std::unordered_map<const xmlNode*, int> links_under;
  std::vector<const xmlNode*> anchors;
  auto enter = [&](const xmlNode* n) {
    if (n->type != XML_ELEMENT_NODE) return false;
    const std::string_view name = name_of(n);
    if (name == "a" && !attr(n, "href").empty()) {
      anchors.push_back(n);
      links_under[n] = 1;
    } else if (name == "iframe" || name == "frame" || name == "embed") {
      const std::string src = attr(n, "src");
      if (!src.empty()) parts.frames.push_back({std::string(name), src});
    } else if (name == "object") {
      const std::string data = attr(n, "data");
      if (!data.empty()) parts.frames.push_back({"object", data});
    } else if (name == "script") {
      std::string text;
      for (const xmlNode* c = n->children; c; c = c->next)
        if (c->content) text += reinterpret_cast<const char*>(c->content);
      if (!text.empty()) parts.scripts.push_back(std::move(text));
      return false;
    } else if (name == "meta") {
      std::string key = ascii_lower(attr(n, "name"));
      if (key.empty()) key = ascii_lower(attr(n, "http-equiv"));
      if (!key.empty() && !parts.meta.count(key)) parts.meta[key] = attr(n, "content");
    } else if (name == "title" && parts.title.empty()) {
      parts.title = collapse_space(text_under(n));
    } else if (name == "td" || name == "th") {
      ++parts.table_cells;
      if (parts.table_text.size() < (4u << 20)) parts.table_text += collapse_space(text_under(n, 4096)) + "|";
    } else if (name == "style") {
      return false;
    }
    return true;
  };
  // Counts flow up as the walk leaves each element: O(nodes), whatever the depth.
  auto leave = [&](const xmlNode* n) {
    const auto it = links_under.find(n);
    if (it == links_under.end() || !n->parent) return;
    const int count = it->second;
    links_under[n->parent] += count;
  };
  walk(reinterpret_cast<const xmlNode*>(doc.get()), enter, leave);

  for (const xmlNode* a : anchors) {
    PageLink l;
    l.href = attr(a, "href");
    l.title = collapse_space(attr(a, "title"));
    l.text = collapse_space(text_under(a, 1024));
    const xmlNode* entry = a;
    while (entry->parent && entry->parent->type == XML_ELEMENT_NODE && links_under[entry->parent] == 1 &&
           name_of(entry->parent) != "body" && name_of(entry->parent) != "html")
      entry = entry->parent;
    l.entry = collapse_space(text_under(entry, 2048));
    parts.links.push_back(std::move(l));
  }
  return parts;
}

}  // namespace xxgk::fetch
