// Golden corpus: every document under corpus/ has its expected record beside it
// (<document>.expected.json). The test runs the real `xxgk extract` binary on the document and
// compares the whole record. Regenerate a record on purpose with
//   ./build/xxgk extract --write-expected corpus/<format>/<file>
// and review the diff before committing it.
// A batch (a folder holding batch.expected.jsonl) is run as one `xxgk extract <folder>`: its
// records depend on each other (cross_year.*). Regenerate on purpose with
//   ./build/xxgk extract --log-level off <folder> > <folder>/batch.expected.jsonl
#include "pipeline/walk.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

#if defined(__SANITIZE_ADDRESS__)
// Under ASan the scanned documents (OCR, 3-8 pages each, ~40 s apiece there) would double the
// sanitizer run; the plain build checks them all, the sanitizer build the smallest (3 pages).
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
constexpr const char* kSanitizedScan = "corpus/scanned/testcity-2025.scan300.pdf";

std::vector<std::string> corpus_documents() {
  std::vector<std::string> out;
  for (const auto& p : xxgk::collect_documents({"corpus"})) {
    if (p.find("/tools/") != std::string::npos || p.find("/truth/") != std::string::npos) continue;
    if (kSanitized && p.rfind("corpus/scanned/", 0) == 0 && p != kSanitizedScan) continue;
    if (fs::exists(p + ".expected.json")) out.push_back(p);
  }
  return out;
}

std::string run(const std::string& cmd, int& status) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) return out;
  std::array<char, 65536> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  status = pclose(pipe.release());
  return out;
}

// Where two records differ, as JSON pointers, so a failure says what changed.
void diff(const json& want, const json& got, const std::string& at, std::vector<std::string>& out) {
  if (out.size() > 40) return;
  if (want.type() != got.type() || (!want.is_object() && !want.is_array())) {
    if (want != got) out.push_back(at + ": expected " + want.dump() + ", got " + got.dump());
    return;
  }
  if (want.is_array()) {
    for (size_t i = 0; i < std::max(want.size(), got.size()); ++i) {
      if (i >= want.size()) out.push_back(at + "/" + std::to_string(i) + ": unexpected " + got[i].dump());
      else if (i >= got.size()) out.push_back(at + "/" + std::to_string(i) + ": missing " + want[i].dump());
      else diff(want[i], got[i], at + "/" + std::to_string(i), out);
    }
    return;
  }
  for (auto it = want.begin(); it != want.end(); ++it) {
    if (!got.contains(it.key())) out.push_back(at + "/" + it.key() + ": missing");
    else diff(it.value(), got[it.key()], at + "/" + it.key(), out);
  }
  for (auto it = got.begin(); it != got.end(); ++it)
    if (!want.contains(it.key())) out.push_back(at + "/" + it.key() + ": unexpected " + it.value().dump());
}

class Corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(Corpus, RecordMatchesExpected) {
  const std::string doc = GetParam();
  std::ifstream in(doc + ".expected.json");
  ASSERT_TRUE(in) << "no expected record for " << doc;
  const json want = json::parse(in);
  int status = 0;
  const std::string line = run(std::string(XXGK_BINARY) + " extract --log-level off '" + doc + "'", status);
  ASSERT_FALSE(line.empty()) << "xxgk printed nothing for " << doc;
  const json got = json::parse(line);
  std::vector<std::string> differences;
  diff(want, got, "", differences);
  std::ostringstream msg;
  for (const auto& d : differences) msg << "  " << d << "\n";
  EXPECT_TRUE(differences.empty()) << doc << " differs from its expected record:\n" << msg.str();
  const int exit_code = WEXITSTATUS(status);
  EXPECT_EQ(exit_code, want["status"] == "failed" ? 1 : 0);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param.substr(std::string("corpus/").size());
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Golden, Corpus, ::testing::ValuesIn(corpus_documents()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Corpus);

std::vector<std::string> corpus_batches() {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator("corpus"))
    if (e.is_regular_file() && e.path().filename() == "batch.expected.jsonl") out.push_back(e.path().parent_path().string());
  std::sort(out.begin(), out.end());
  return out;
}

class CorpusBatch : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusBatch, RecordsMatchExpected) {
  const std::string dir = GetParam();
  std::ifstream in(dir + "/batch.expected.jsonl");
  std::vector<json> want;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) want.push_back(json::parse(line));
  int status = 0;
  std::istringstream got_lines(run(std::string(XXGK_BINARY) + " extract --log-level off '" + dir + "'", status));
  std::vector<json> got;
  for (std::string line; std::getline(got_lines, line);)
    if (!line.empty()) got.push_back(json::parse(line));
  ASSERT_EQ(got.size(), want.size()) << dir;
  std::vector<std::string> differences;
  for (size_t i = 0; i < want.size(); ++i) diff(want[i], got[i], "/" + std::to_string(i), differences);
  std::ostringstream msg;
  for (const auto& d : differences) msg << "  " << d << "\n";
  EXPECT_TRUE(differences.empty()) << dir << " differs from its expected records:\n" << msg.str();
}

INSTANTIATE_TEST_SUITE_P(Golden, CorpusBatch, ::testing::ValuesIn(corpus_batches()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CorpusBatch);

}  // namespace
