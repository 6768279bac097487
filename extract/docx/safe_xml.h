// XML parts of an Office archive, parsed without trusting them: no network, no external entities,
// no DTD loading, no entity substitution, and a part that declares a DTD at all is refused (OOXML
// forbids DTDs; one in a Word file is an XXE or billion-laughs attempt, not a document).
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace xxgk {

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// Parses one part. Throws DocumentError "unsafe_xml" when the part carries a document type
// declaration, "corrupt" when it is not well-formed XML. `part` names it in messages.
XmlDocPtr parse_xml_part(std::string_view bytes, std::string_view part);

// Namespace-aware element tests. WordprocessingML comes in two namespaces (transitional, as Word
// and WPS write it, and ISO strict); both are read alike.
bool is_wml(const xmlNode* n);
bool is_wml(const xmlNode* n, std::string_view local);
bool is_element(const xmlNode* n, std::string_view ns, std::string_view local);

// The attribute `local` in the WordprocessingML namespace (w:val …), if present.
std::optional<std::string> wml_attr(const xmlNode* n, std::string_view local);

// An attribute without namespace (Relationship/@Target …), if present.
std::optional<std::string> plain_attr(const xmlNode* n, std::string_view local);

// The concatenated text children of an element (not its descendants').
std::string direct_text(const xmlNode* n);

inline std::string_view local_name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

}  // namespace xxgk
