// Hostile DOCX files: each fails its own document with a plain error, and the batch goes on.
// The fixtures in tests/fixtures/docx/ are made by make_hostile.py beside them.
#include "docx_test_zip.h"
#include "extract/docx/docx_reader.h"
#include "model/errors.h"
#include "pipeline/extract_job.h"
#include "pipeline/process.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace xxgk {
namespace {

using namespace xxgk::testing;

std::string fixture(std::string_view name) { return std::string(XXGK_SOURCE_DIR) + "/tests/fixtures/docx/" + std::string(name); }

Report record(const std::string& path) {
  ProcessOptions options;
  options.lang = "en";
  return process_file(path, options);
}

void expect_failure(const std::string& path, std::string_view code, std::string_view message) {
  const Report r = record(path);
  EXPECT_EQ(r.status, "failed") << path;
  ASSERT_TRUE(r.error.has_value()) << path;
  EXPECT_EQ(r.error->code, code) << path;
  EXPECT_EQ(r.error->message, message) << path;
  EXPECT_TRUE(r.figures.empty());
  EXPECT_EQ(r.source.format, "docx");
}

// Counts every attempt libxml2 makes to load an external resource (DTD, entity), and refuses it.
int g_external_loads = 0;
xmlParserInputPtr counting_loader(const char*, const char*, xmlParserCtxtPtr) {
  ++g_external_loads;
  return nullptr;
}

class ExternalLoads : public ::testing::Test {
 protected:
  void SetUp() override {
    g_external_loads = 0;
    previous_ = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(counting_loader);
  }
  void TearDown() override { xmlSetExternalEntityLoader(previous_); }
  xmlExternalEntityLoader previous_ = nullptr;
};

constexpr std::string_view kUnsafeDocument =
    "word/document.xml carries a document type declaration (<!DOCTYPE>), which Word files never have; it was refused "
    "unread, because such declarations are used to read local files or exhaust memory (XXE, billion laughs)";

TEST(DocxSafety, ZipBombIsRefusedBeforeInflating) {
  expect_failure(fixture("zip-bomb.docx"), "zip_bomb",
                 "the archive was refused as a possible zip bomb: entry word/document.xml declares 25166025 bytes "
                 "packed into 24640 (ratio 1021:1, the limit is 200:1); nothing was unpacked");
}

TEST(DocxSafety, AnEntryInflatingPastItsDeclaredSizeIsStopped) {
  expect_failure(fixture("lying-size.docx"), "zip_bomb",
                 "the archive was refused as a possible zip bomb: word/document.xml unpacks to more than the 900 bytes "
                 "its header declares; unpacking stopped there");
}

TEST(DocxSafety, TooManyEntries) {
  std::vector<std::pair<std::string, std::string>> entries = {{"word/document.xml", document_xml(p("x"))}};
  for (int i = 0; i < 10'000; ++i) entries.emplace_back("word/media/e" + std::to_string(i), "");
  try {
    read_docx(make_zip(entries), "docx", {});
    FAIL() << "an archive of 10001 entries was read";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "zip_bomb");
    EXPECT_STREQ(e.what(), "the archive was refused as a possible zip bomb: it holds 10001 entries, more than the limit of 10000");
  }
}

TEST(DocxSafety, EntryAndTotalSizeLimits) {
  const std::string bytes = make_zip({{"word/document.xml", document_xml(p(std::string(3000, 'x')))},
                                      {"word/media/a.bin", std::string(2000, 'y')}});
  ArchiveLimits per_entry;
  per_entry.max_entry_bytes = 2500;
  ArchiveLimits total;
  total.max_total_bytes = 4000;
  ArchiveLimits part;
  part.max_part_bytes = 1000;
  const auto code_and_message = [&](const ArchiveLimits& limits) {
    try {
      read_docx(bytes, "docx", {}, limits);
    } catch (const DocumentError& e) {
      return e.code() + ": " + e.what();
    }
    return std::string("read");
  };
  const size_t doc_size = document_xml(p(std::string(3000, 'x'))).size();
  EXPECT_EQ(code_and_message(per_entry),
            "zip_bomb: the archive was refused as a possible zip bomb: entry word/document.xml unpacks to " +
                std::to_string(doc_size) + " bytes, more than the limit of 2500 bytes per entry");
  EXPECT_EQ(code_and_message(total),
            "zip_bomb: the archive was refused as a possible zip bomb: its entries unpack to more than 4000 bytes in all");
  EXPECT_EQ(code_and_message(part), "too_large: word/document.xml is " + std::to_string(doc_size) +
                                        " bytes, more than the limit of 1000 bytes for one part");
  EXPECT_EQ(code_and_message(ArchiveLimits{}), "read");
}

TEST_F(ExternalLoads, ExternalEntityIsNeverResolved) {
  expect_failure(fixture("xxe-file.docx"), "unsafe_xml", kUnsafeDocument);
  EXPECT_EQ(g_external_loads, 0);
}

TEST_F(ExternalLoads, ExternalDtdOverTheNetworkIsNeverFetched) {
  expect_failure(fixture("xxe-network.docx"), "unsafe_xml", kUnsafeDocument);
  EXPECT_EQ(g_external_loads, 0);
}

TEST_F(ExternalLoads, BillionLaughsIsNotExpanded) {
  expect_failure(fixture("billion-laughs.docx"), "unsafe_xml", kUnsafeDocument);
  EXPECT_EQ(g_external_loads, 0);
}

TEST_F(ExternalLoads, XxeInTheCorePropertiesFailsTheDocumentToo) {
  expect_failure(fixture("xxe-core.docx"), "unsafe_xml",
                 "docProps/core.xml carries a document type declaration (<!DOCTYPE>), which Word files never have; it "
                 "was refused unread, because such declarations are used to read local files or exhaust memory (XXE, "
                 "billion laughs)");
  EXPECT_EQ(g_external_loads, 0);
}

TEST_F(ExternalLoads, DoctypeInUtf16IsRefusedAlike) {
  const std::string utf8 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "
                           "\"file:///etc/passwd\">]><w:document xmlns:w=\"" +
                           std::string(kW) + "\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
  std::string utf16 = "\xFF\xFE";
  for (char c : utf8) {
    utf16 += c;
    utf16 += '\0';
  }
  try {
    read_docx(make_zip({{"word/document.xml", utf16}}), "docx", {});
    FAIL() << "a UTF-16 document with a DTD was read";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "unsafe_xml");
  }
  EXPECT_EQ(g_external_loads, 0);
}

TEST(DocxSafety, ArchivePathNamesAreNeverUsedToWriteFiles) {
  namespace fs = std::filesystem;
  fs::remove("/tmp/xxgk-evil-path-written");
  fs::remove("/tmp/xxgk-evil-absolute-written");
  const Document d = read_docx(
      [] {
        std::ifstream in(fixture("evil-paths.docx"), std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
      }(),
      "docx", {});
  ASSERT_EQ(d.blocks.size(), 1u);
  EXPECT_EQ(d.blocks[0].paragraph().text, "正文");
  EXPECT_FALSE(fs::exists("/tmp/xxgk-evil-path-written"));
  EXPECT_FALSE(fs::exists("/tmp/xxgk-evil-absolute-written"));
}

TEST(DocxSafety, EncryptedArchive) {
  expect_failure(fixture("encrypted.docx"), "encrypted",
                 "the archive is password-protected (_rels/.rels is encrypted): the document cannot be read");
}

TEST(DocxSafety, NotAWordDocument) {
  expect_failure(fixture("workbook.docx"), "not_docx", "the archive is an Excel workbook (XLSX), not a Word document");
  try {
    read_docx(make_zip({{"readme.txt", "hello"}}), "docx", {});
    FAIL();
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "not_docx");
    EXPECT_STREQ(e.what(), "the archive holds no Word document part (word/document.xml): it is not a DOCX file");
  }
}

TEST(DocxSafety, TruncatedArchive) {
  expect_failure(fixture("truncated.docx"), "corrupt",
                 "the file is not a readable ZIP archive (DOCX files are ZIP archives): Not a zip archive");
}

TEST(DocxSafety, MalformedXmlNamesThePartAndLine) {
  try {
    read_docx(make_zip({{"word/document.xml", "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"x\">\n<w:body>"}}), "docx", {});
    FAIL();
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "corrupt");
    EXPECT_EQ(std::string(e.what()).rfind("word/document.xml is not well-formed XML (line 3: ", 0), 0u) << e.what();
  }
}

TEST(DocxSafety, ExcessiveNestingIsRefusedByTheParser) {
  std::string body;
  for (int i = 0; i < 400; ++i) body += "<w:sdt><w:sdtContent>";
  body += p("深处");
  for (int i = 0; i < 400; ++i) body += "</w:sdtContent></w:sdt>";
  try {
    read_docx(make_docx(body), "docx", {});
    FAIL() << "800 levels of nesting were read";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "corrupt");
  }
}

TEST(DocxSafety, ATableClaimingMillionsOfSlotsIsRefused) {
  std::string rows;
  for (int i = 0; i < 5000; ++i) rows += "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"999\"/></w:tcPr></w:tc></w:tr>";
  try {
    read_docx(make_docx(tbl(rows)), "docx", {});
    FAIL();
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "too_large");
    EXPECT_STREQ(e.what(), "a table of 5000 rows by 256 columns is larger than xxgk reads");
  }
}

TEST(DocxSafety, TheBatchGoesOnPastHostileDocuments) {
  const std::vector<std::string> docs = {fixture("zip-bomb.docx"), fixture("xxe-file.docx"),
                                         std::string(XXGK_SOURCE_DIR) + "/corpus/docx/template-2021-blank.docx",
                                         fixture("billion-laughs.docx")};
  ExtractJobOptions options;
  options.jobs = 2;
  options.process.lang = "en";
  std::ostringstream out;
  EXPECT_EQ(run_extract(docs, options, out), 1);
  std::istringstream lines(out.str());
  std::vector<std::string> summary;
  for (std::string line; std::getline(lines, line);) {
    const auto r = nlohmann::json::parse(line);
    summary.push_back(r["status"].get<std::string>() + " " + (r["error"].is_null() ? "" : r["error"]["code"].get<std::string>()));
  }
  EXPECT_EQ(summary, (std::vector<std::string>{"failed zip_bomb", "failed unsafe_xml", "ok ", "failed unsafe_xml"}));
}

}  // namespace
}  // namespace xxgk
