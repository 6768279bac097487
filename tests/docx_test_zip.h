// Test support: DOCX files built in memory from a w:body's XML, zipped with libzip.
#pragma once

#include <zip.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgk::testing {

inline constexpr std::string_view kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

struct ZipSourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};
struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};

// A ZIP archive of the given (name, content) entries, deflated.
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  std::unique_ptr<zip_source_t, ZipSourceFree> buffer(zip_source_buffer_create(nullptr, 0, 0, &err));
  std::unique_ptr<zip_t, ZipDiscard> za(buffer ? zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &err) : nullptr);
  zip_error_fini(&err);
  if (!za) throw std::runtime_error("make_zip: cannot create an archive");
  zip_source_keep(buffer.get());  // the archive takes one reference; ours reads the bytes back after zip_close
  for (const auto& [name, content] : entries) {
    std::unique_ptr<zip_source_t, ZipSourceFree> s(zip_source_buffer(za.get(), content.data(), content.size(), 0));
    if (!s || zip_file_add(za.get(), name.c_str(), s.get(), ZIP_FL_ENC_UTF_8) < 0)
      throw std::runtime_error("make_zip: cannot add " + name);
    s.release();  // the archive owns it now
  }
  if (zip_close(za.get()) != 0) throw std::runtime_error("make_zip: cannot write the archive");
  za.release();  // zip_close freed it
  std::string out;
  if (zip_source_open(buffer.get()) == 0) {
    zip_source_seek(buffer.get(), 0, SEEK_END);
    out.resize(static_cast<size_t>(zip_source_tell(buffer.get())));
    zip_source_seek(buffer.get(), 0, SEEK_SET);
    zip_source_read(buffer.get(), out.data(), out.size());
    zip_source_close(buffer.get());
  }
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
