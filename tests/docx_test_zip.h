// Test support: DOCX files built in memory from a w:body's XML, zipped with libzip.
#pragma once

#include <zip.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgk::testing {

inline constexpr std::string_view kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// A ZIP archive of the given (name, content) entries, deflated.
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* za = buffer ? zip_open_from_source(buffer, ZIP_TRUNCATE, &err) : nullptr;
  zip_error_fini(&err);
  if (!za) throw std::runtime_error("make_zip: cannot create an archive");
  zip_source_keep(buffer);  // read the bytes back after zip_close
  for (const auto& [name, content] : entries) {
    zip_source_t* s = zip_source_buffer(za, content.data(), content.size(), 0);
    if (!s || zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(s);
      zip_discard(za);
      zip_source_free(buffer);
      throw std::runtime_error("make_zip: cannot add " + name);
    }
  }
  if (zip_close(za) != 0) {
    zip_discard(za);
    zip_source_free(buffer);
    throw std::runtime_error("make_zip: cannot write the archive");
  }
  std::string out;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    out.resize(static_cast<size_t>(zip_source_tell(buffer)));
    zip_source_seek(buffer, 0, SEEK_SET);
    zip_source_read(buffer, out.data(), out.size());
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return out;
}

inline std::string document_xml(std::string_view body, std::string_view ns = kW) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"" + std::string(ns) +
         "\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>" + std::string(body) +
         "</w:body></w:document>";
}

inline std::string package_rels(std::string_view main_part = "word/document.xml") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"" +
         std::string(main_part) +
         "\"/><Relationship Id=\"rId2\" "
         "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
         "Target=\"docProps/core.xml\"/></Relationships>";
}

inline std::string core_xml(std::string_view title) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties "
         "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
         std::string(title) + "</dc:title></cp:coreProperties>";
}

// A DOCX whose body is `body` (WordprocessingML, prefix w:), with an optional dc:title.
inline std::string make_docx(std::string_view body, std::string_view title = {}) {
  std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels", package_rels()},
      {"word/document.xml", document_xml(body)},
  };
  if (!title.empty()) entries.emplace_back("docProps/core.xml", core_xml(title));
  return make_zip(entries);
}

// Short-hands for WordprocessingML.
inline std::string p(std::string_view text) { return "<w:p><w:r><w:t>" + std::string(text) + "</w:t></w:r></w:p>"; }

// A cell: `props` goes inside w:tcPr (e.g. <w:gridSpan w:val="2"/>).
inline std::string tc(std::string_view text, std::string_view props = {}) {
  return "<w:tc><w:tcPr>" + std::string(props) + "</w:tcPr>" + (text.empty() ? "<w:p/>" : p(text)) + "</w:tc>";
}

inline std::string tr(std::string_view cells, std::string_view props = {}) {
  return "<w:tr><w:trPr>" + std::string(props) + "</w:trPr>" + std::string(cells) + "</w:tr>";
}

inline std::string tbl(std::string_view rows) { return "<w:tbl><w:tblPr/>" + std::string(rows) + "</w:tbl>"; }

}  // namespace xxgk::testing
