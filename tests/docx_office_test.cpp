// DOC and WPS through LibreOffice: the converter's command line, its private folder, its time
// limit, the message when LibreOffice is missing (all with stand-in soffice scripts, so they run
// everywhere), and one real conversion when LibreOffice is installed.
#include "docx_test_zip.h"
#include "extract/docx/docx_reader.h"
#include "extract/office/soffice.h"
#include "model/errors.h"
#include "pipeline/process.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

namespace xxgk {
namespace {

namespace fs = std::filesystem;
using namespace xxgk::testing;

std::string fixture(std::string_view name) { return std::string(XXGK_SOURCE_DIR) + "/tests/fixtures/office/" + std::string(name); }

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Bytes that look like Word's binary format to the format detection: a compound file header and a
// WordDocument stream name.
std::string word_binary_bytes() {
  std::string b = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  b.resize(512, '\0');
  for (char c : std::string_view("WordDocument")) {
    b += c;
    b += '\0';
  }
  return b;
}

// A scratch folder with stand-in soffice programs (shell scripts), removed afterwards.
class FakeSoffice : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "xxgk-office-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    ::unsetenv("XXGK_SOFFICE");
  }
  void TearDown() override {
    ::unsetenv("XXGK_SOFFICE");
    fs::remove_all(dir_);
  }
  std::string script(const std::string& name, const std::string& body) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << "#!/bin/sh\n" << body;
    fs::permissions(path, fs::perms::owner_all);
    return path.string();
  }
  // A stand-in that records its arguments, one a line, and "converts" by copying `docx`.
  std::string copying_soffice(const std::string& docx) {
    return script("soffice", "for a in \"$@\"; do echo \"$a\"; done > '" + (dir_ / "args").string() +
                                 "'\n"
                                 "prev=''; out=''; for a in \"$@\"; do [ \"$prev\" = --outdir ] && out=\"$a\"; prev=\"$a\"; done\n"
                                 "name=$(basename \"$prev\"); cp '" + docx + "' \"$out/${name%.*}.docx\"\n");
  }
  std::vector<std::string> recorded_args() {
    std::ifstream in(dir_ / "args");
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
  fs::path dir_;
};

Report record(const std::string& name, std::string_view bytes) {
  ProcessOptions options;
  options.lang = "en";
  return process_bytes(name, bytes, options);
}

TEST_F(FakeSoffice, MissingLibreOfficeSaysWhatToInstall) {
  ConversionOptions options;
  options.search_path = (dir_ / "empty").string();
  options.install_locations.clear();
  try {
    convert_to_docx(word_binary_bytes(), "doc", options);
    FAIL() << "converted without a converter";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "converter_missing");
    EXPECT_STREQ(e.what(),
                 "DOC and WPS files are read by converting them with LibreOffice, which is not installed: install it "
                 "with `apt-get install libreoffice-writer-nogui` (or point XXGK_SOFFICE at its soffice program)");
    EXPECT_EQ(e.message_zh(),
              "DOC 和 WPS 文件需先用 LibreOffice 转换后读取，但本机未安装 LibreOffice：请用 `apt-get install "
              "libreoffice-writer-nogui` 安装（或用环境变量 XXGK_SOFFICE 指定其 soffice 程序）");
  }
}

TEST_F(FakeSoffice, ARecordFailsPlainlyWhenTheNamedConverterIsNotThere) {
  ::setenv("XXGK_SOFFICE", "/nonexistent/soffice", 1);
  const Report r = record("report.doc", word_binary_bytes());
  EXPECT_EQ(r.status, "failed");
  EXPECT_EQ(r.source.format, "doc");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, "converter_missing");
  EXPECT_EQ(r.error->message,
            "DOC and WPS files are read by converting them with LibreOffice, but /nonexistent/soffice is not an "
            "executable program: install LibreOffice with `apt-get install libreoffice-writer-nogui`, or point "
            "XXGK_SOFFICE at its soffice program");
}

TEST_F(FakeSoffice, ConversionRunsHeadlessInAPrivateFolderThatIsRemoved) {
  const std::string docx = (dir_ / "converted.docx").string();
  std::ofstream(docx, std::ios::binary) << make_docx(p("2024年某某镇政府信息公开工作年度报告") + p("一、总体情况"));
  ::setenv("XXGK_SOFFICE", copying_soffice(docx).c_str(), 1);
  const Report r = record("folder/report.wps", word_binary_bytes());
  EXPECT_EQ(r.source.format, "wps");  // the record names the source, not the converted file
  ASSERT_TRUE(r.report.title.has_value());
  EXPECT_EQ(*r.report.title, "2024年某某镇政府信息公开工作年度报告");

  const auto args = recorded_args();
  ASSERT_EQ(args.size(), 10u);
  EXPECT_EQ(std::vector<std::string>(args.begin(), args.begin() + 4),
            (std::vector<std::string>{"--headless", "--norestore", "--nologo", "--nolockcheck"}));
  const std::string prefix = "-env:UserInstallation=file://";
  ASSERT_EQ(args[4].rfind(prefix, 0), 0u) << args[4];
  const fs::path profile = args[4].substr(prefix.size());
  const fs::path private_dir = profile.parent_path();
  EXPECT_EQ(profile.filename(), "profile");
  EXPECT_EQ(private_dir.filename().string().rfind("xxgk-office-", 0), 0u) << private_dir;
  EXPECT_EQ(args[5], "--convert-to");
  EXPECT_EQ(args[6], "docx:MS Word 2007 XML");
  EXPECT_EQ(args[7], "--outdir");
  EXPECT_EQ(fs::path(args[8]), private_dir / "out");
  // Word's binary layout is handed over as .doc whatever the file was called; the name is ours.
  EXPECT_EQ(fs::path(args[9]), private_dir / "source.doc");
  EXPECT_FALSE(fs::exists(private_dir));
}

TEST_F(FakeSoffice, TimeoutKillsTheWholeProcessGroup) {
  const fs::path pidfile = dir_ / "helper.pid";
  const std::string soffice = script("soffice", "sleep 30 &\necho $! > '" + pidfile.string() + "'\nwait\n");
  ConversionOptions options;
  options.soffice = soffice;
  // Long enough for the stand-in to start its helper and note its pid even on a loaded machine
  // under the sanitizers (at 0.3 s it was once stopped before it had).
  options.time_limit = std::chrono::milliseconds(1500);
  try {
    convert_to_docx(word_binary_bytes(), "doc", options);
    FAIL() << "the conversion did not time out";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "conversion_timeout");
    EXPECT_STREQ(e.what(), "LibreOffice did not finish converting the document within 1.5 s and was stopped");
  }
  // The helper the stand-in started is gone too (or a zombie waiting for init to reap it).
  std::ifstream in(pidfile);
  pid_t helper = 0;
  ASSERT_TRUE(in >> helper);
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    std::ifstream stat("/proc/" + std::to_string(helper) + "/stat");
    std::string pid, comm, state;
    gone = !(stat >> pid >> comm >> state) || state == "Z";
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(gone) << "process " << helper << " outlived the conversion";
}

TEST_F(FakeSoffice, AFailedConversionQuotesLibreOffice) {
  ConversionOptions options;
  options.soffice = script("soffice", "echo 'Warning: failed to launch javaldx'\necho 'Error: source file could not be loaded'\n");
  try {
    convert_to_docx(word_binary_bytes(), "doc", options);
    FAIL();
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), "conversion_failed");
    EXPECT_STREQ(e.what(),
                 "LibreOffice could not convert the document to DOCX: it exited with status 0 and wrote no DOCX (it said: "
                 "Error: source file could not be loaded)");
  }
}

TEST_F(FakeSoffice, EncryptedOfficeFilesFailWithoutAConversion) {
  ::setenv("XXGK_SOFFICE", "/nonexistent/soffice", 1);
  std::string bytes = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  bytes.resize(1024, '\0');
  for (char c : std::string_view("EncryptedPackage")) {
    bytes += c;
    bytes += '\0';
  }
  const Report r = record("secret.doc", bytes);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, "encrypted");
  EXPECT_EQ(r.error->message, "the document is password-protected (an encrypted Office file) and cannot be read");
}

TEST_F(FakeSoffice, AWpsThatIsAZipPackageIsReadDirectly) {
  ::setenv("XXGK_SOFFICE", "/nonexistent/soffice", 1);
  const Report r = record("report.wps", make_docx(p("2024年某某镇政府信息公开工作年度报告") + p("一、总体情况")));
  EXPECT_EQ(r.source.format, "wps");
  EXPECT_NE(r.status, "failed");
}

TEST_F(FakeSoffice, AWebPageSavedAsDocIsReadAsHtmlWithoutAConversion) {
  ::setenv("XXGK_SOFFICE", "/nonexistent/soffice", 1);
  const std::string page = slurp(std::string(XXGK_SOURCE_DIR) + "/corpus/html/huaian-city-2024.word-zoom.html");
  const Report as_doc = record("report.doc", page);
  const Report as_html = record("report.html", page);
  EXPECT_EQ(as_doc.source.format, "html");
  EXPECT_EQ(as_doc.status, as_html.status);
  ASSERT_EQ(as_doc.figures.size(), 200u);
  ASSERT_EQ(as_doc.figures.size(), as_html.figures.size());
  for (size_t i = 0; i < as_doc.figures.size(); ++i) {
    EXPECT_EQ(as_doc.figures[i].raw, as_html.figures[i].raw);
    EXPECT_EQ(as_doc.figures[i].value, as_html.figures[i].value);
  }
}

// ----- the real LibreOffice -----

std::vector<std::string> describe(const Document& d) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks) {
    if (!b.is_table()) {
      out.push_back(b.paragraph().text);
      continue;
    }
    for (const auto& row : b.table().rows) {
      std::string line = "|";
      for (const auto& c : row) {
        // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "<" + to_string(...).
        if (c.covered) {
          line += '<';
          line += std::to_string(c.anchor_row);
          line += ',';
          line += std::to_string(c.anchor_col);
          line += '>';
        } else {
          line += c.text;
        }
        line += '|';
      }
      out.push_back(line);
    }
  }
  return out;
}

TEST(LibreOffice, ADocReadsAsTheDocxItWasMadeFrom) {
  if (!find_soffice({})) GTEST_SKIP() << "LibreOffice is not installed (setup.sh test installs it)";
  const Document original = read_docx(slurp(fixture("merged-table.docx")), "docx", {});
  const std::vector<std::string> want = {
      "2024年某某县政府信息公开工作年度报告", "|申请人情况|<0,0>|总计|", "|三、本年度办理结果|（一）予以公开|5|",
      "|<1,0>|（二）部分公开||", "四、结转下年度继续办理"};
  ASSERT_EQ(describe(original), want);
  // Two conversions at once, each with its own profile.
  auto convert = [] {
    return read_docx(convert_to_docx(slurp(fixture("merged-table.doc")), "doc", {}), "doc", {});
  };
  auto a = std::async(std::launch::async, convert);
  auto b = std::async(std::launch::async, convert);
  const Document da = a.get(), db = b.get();
  EXPECT_EQ(da.format, "doc");
  EXPECT_EQ(describe(da), want);
  EXPECT_EQ(describe(db), want);
}

}  // namespace
}  // namespace xxgk
