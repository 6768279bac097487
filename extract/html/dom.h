// libxml2's HTML DOM, held by RAII, and the questions the HTML extractor asks of its nodes.
#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

namespace xxgk::html {

struct DocFreer {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFreer>;

// Parses UTF-8 HTML with libxml2's HTML parser: no network, no external entities, errors
// recovered and not printed. Throws DocumentError when libxml2 returns no document at all.
DocPtr parse_utf8_html(std::string_view utf8);

// Element name, lower case ("td", "o:p"); "" for non-elements.
std::string_view name_of(const xmlNode* n);
bool is_element(const xmlNode* n, std::string_view name);

// An attribute's value ("" when absent).
std::string attr(const xmlNode* n, const char* name);

// The same value read in place, without a copy when it is one text node (nearly always); otherwise
// joined into `scratch`, which the view then points into. For what is asked of every element.
std::string_view attr_view(const xmlNode* n, const char* name, std::string& scratch);

// The element is not shown: display:none / visibility:hidden / mso-hide:all in its style, or the
// hidden attribute.
bool is_hidden(const xmlNode* n);

// Elements whose content is never report text: script, style, head, noscript, template, …
bool is_ignored_element(const xmlNode* n);

// Block-level elements: their start and end break a line of text.
bool is_block_element(const xmlNode* n);

// Text of a text or CDATA node; "" otherwise.
std::string_view text_of(const xmlNode* n);

// The first element named `name` in document order below `root` (iterative: safe on deep trees).
const xmlNode* find_first(const xmlNode* root, std::string_view name);

// Visits the nodes below `root` in document order without recursion (hostile pages nest
// elements tens of thousands deep). enter(n) is called for every node; when it returns true the
// node's children are visited and then leave(n) is called.
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

}  // namespace xxgk::html
