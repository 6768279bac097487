// DOCX: a ZIP archive (libzip, from memory) of XML parts (libxml2). The package relationships name
// the main document part; its w:body is read by wordml_body.cpp, safely parsed by safe_xml.cpp
// from an archive checked by zip_archive.cpp.
#include "extract/docx/docx_reader.h"
#include "extract/docx/safe_xml.h"
#include "extract/docx/wordml_body.h"
#include "model/errors.h"
#include "text/text.h"

#include <fmt/format.h>

#include <array>

namespace xxgk {
namespace {

constexpr std::string_view kRelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr std::string_view kDublinCoreNs = "http://purl.org/dc/elements/1.1/";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Package-relative part name from a relationship target of the package's own _rels/.rels.
std::string part_name(std::string target) {
  while (!target.empty() && target.front() == '/') target.erase(0, 1);
  if (target.rfind("./", 0) == 0) target.erase(0, 2);
  return target;
}

struct PackageParts {
  std::string main_document = "word/document.xml";  // the usual names, when .rels is missing
  std::string core_properties = "docProps/core.xml";
};

PackageParts package_parts(const ZipArchive& zip) {
  PackageParts parts;
  const auto rels = zip.find("_rels/.rels");
  if (!rels) return parts;
  const XmlDocPtr doc = parse_xml_part(zip.read(*rels, "_rels/.rels"), "_rels/.rels");
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return parts;
  for (const xmlNode* r = root->children; r; r = r->next) {
    if (!is_element(r, kRelationshipsNs, "Relationship")) continue;
    const std::string type = plain_attr(r, "Type").value_or("");
    const std::string target = part_name(plain_attr(r, "Target").value_or(""));
    if (target.empty() || plain_attr(r, "TargetMode").value_or("") == "External") continue;
    // Transitional and strict OOXML use different URIs with the same last segments.
    if (ends_with(type, "/officeDocument")) parts.main_document = target;
    else if (ends_with(type, "/metadata/core-properties")) parts.core_properties = target;
  }
  return parts;
}

[[noreturn]] void not_docx(const ZipArchive& zip) {
  struct Kind {
    std::string_view part, en, zh;
  };
  static constexpr std::array<Kind, 3> kOthers = {{
      {"xl/workbook.xml", "an Excel workbook (XLSX)", "Excel 工作簿（XLSX）"},
      {"ppt/presentation.xml", "a PowerPoint presentation (PPTX)", "PowerPoint 演示文稿（PPTX）"},
      {"content.xml", "an OpenDocument file (ODT/ODS)", "OpenDocument 文档（ODT/ODS）"},
  }};
  for (const auto& k : kOthers)
    if (zip.find(k.part))
      throw DocumentError("not_docx", fmt::format("the archive is {}, not a Word document", k.en),
                          fmt::format("压缩包是{}，不是 Word 文档", k.zh));
  throw DocumentError("not_docx", "the archive holds no Word document part (word/document.xml): it is not a DOCX file",
                      "压缩包内没有 Word 文档部件（word/document.xml），不是 DOCX 文件");
}

// dc:title of the core properties; empty when absent or unreadable (it is only a hint). A part
// that tries XXE still fails the document: hostile input is reported, never skipped silently.
std::string core_title(const ZipArchive& zip, const std::string& part) {
  const auto index = zip.find(part);
  if (!index) return "";
  XmlDocPtr doc;
  try {
    doc = parse_xml_part(zip.read(*index, part), part);
  } catch (const DocumentError& e) {
    if (e.code() == "corrupt") return "";
    throw;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  for (const xmlNode* c = root ? root->children : nullptr; c; c = c->next)
    if (is_element(c, kDublinCoreNs, "title")) return trim(direct_text(c));
  return "";
}

class DocxExtractor final : public Extractor {
 public:
  Document extract(std::string_view, std::string_view bytes, const ExtractOptions& options) const override {
    return read_docx(bytes, "docx", options);
  }
};

}  // namespace

Document read_docx(std::string_view bytes, std::string format, const ExtractOptions& options, const ArchiveLimits& limits) {
  const ZipArchive zip(bytes, limits);
  const PackageParts parts = package_parts(zip);
  auto index = zip.find(parts.main_document);
  std::string main_part = parts.main_document;
  if (!index && main_part != "word/document.xml") index = zip.find(main_part = "word/document.xml");
  if (!index) not_docx(zip);
  const std::string xml = zip.read(*index, main_part);
  check_deadline(options);
  const XmlDocPtr doc = parse_xml_part(xml, main_part);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!is_wml(root, "document")) not_docx(zip);
  const xmlNode* body = nullptr;
  for (const xmlNode* c = root->children; c && !body; c = c->next)
    if (is_wml(c, "body")) body = c;

  Document out;
  out.format = std::move(format);
  BodyContent content = body ? read_wordml_body(body) : BodyContent{};
  if (content.blocks.empty() && content.alt_chunks > 0)
    throw DocumentError("unread_content",
                        "the Word document's body is all embedded in another format (w:altChunk, such as HTML put in "
                        "by a web exporter), which xxgk does not read",
                        "Word 文档正文全部以其他格式嵌入（w:altChunk，如网页导出工具嵌入的 HTML），无法读取");
  if (content.blocks.empty())
    throw DocumentError("no_text", "the Word document holds no text in its body (its pages may be pictures)",
                        "Word 文档正文没有文字（内容可能是图片）");
  out.blocks = std::move(content.blocks);
  if (content.alt_chunks > 0)
    out.problems.push_back(ExtractionProblem{
        "unread_content",
        fmt::format("文档中有 {} 处以其他格式嵌入的内容（w:altChunk，如网页导出工具嵌入的 HTML），未能读取", content.alt_chunks),
        fmt::format("the document embeds {} part(s) in another format (w:altChunk, such as HTML put in by a web "
                    "exporter) that are not read",
                    content.alt_chunks),
        std::nullopt});
  out.title_hint = core_title(zip, parts.core_properties);
  check_deadline(options);
  return out;
}

std::unique_ptr<Extractor> make_docx_extractor() { return std::make_unique<DocxExtractor>(); }

}  // namespace xxgk
