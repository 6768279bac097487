// Shared by the audit tests: reports made from the corpus's seed (a 2024 street-office report,
// every figure 0) by changing what a test needs (agency, year, single cells), a temporary folder,
// running the real binary, and a canonical dump of a store's tables to compare two states.
#pragma once

#include "pipeline/process.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace audit_test {

namespace fs = std::filesystem;

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

// The seed: 长春市南关区新春街道办事处, 2024, template 2021, status ok, 200 figures.
inline std::string seed() { return read_file(fs::path(XXGK_SOURCE_DIR) / "corpus/txt/000_c2afdc98611f7d7b.txt"); }

inline std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

// The same report for another year (every "2024" in the text becomes `year`).
inline std::string with_year(const std::string& text, int year) { return replace_all(text, "2024", std::to_string(year)); }

// Another street office of the same district: 新春街道 → `street` (e.g. 桃源街道).
inline std::string with_street(const std::string& text, const std::string& street) {
  return replace_all(text, "新春街道", street);
}

// Sets the value printed in column `col` (0 = 自然人 … 6 = 总计) of the requests row whose label
// line is `label` (e.g. "一、本年新收政府信息公开申请数量").
inline std::string set_requests_cell(const std::string& text, const std::string& label, int col, const std::string& value) {
  std::istringstream in(text);
  std::ostringstream out;
  std::string line;
  int after = -1;
  while (std::getline(in, line)) {
    if (after >= 0) ++after;
    if (line == "\t" + label) after = 0;
    if (after == col + 1) line = "\t" + value;
    out << line << "\n";
  }
  return out.str();
}

inline const std::string kNewReceived = "一、本年新收政府信息公开申请数量";
inline const std::string kCarriedForward = "四、结转下年度继续办理";

// 2023 report of 新春街道 that carried 1 request of a natural person forward into 2024, while the
// 2024 report (the seed) prints 0 carried over: cross_year.carry fails for 自然人 and 总计.
inline std::string xinchun_2023() {
  std::string t = with_year(seed(), 2023);
  for (const auto& row : {kNewReceived, kCarriedForward})
    for (int col : {0, 6}) t = set_requests_cell(t, row, col, "1");
  return t;
}

// 桃源街道 2024 with 1 new request of a natural person and a 总计 left at 0: requests.row_total
// and requests.balance fail, the report is flagged.
inline std::string taoyuan_2024_flagged() { return set_requests_cell(with_street(seed(), "桃源街道"), kNewReceived, 0, "1"); }

// Three reports in `docs`: 新春街道 2023 and 2024 (the 2024 report has cross-year findings against
// 2023) and 桃源街道 2024 (flagged).
inline void write_three(const fs::path& docs) {
  write_file(docs / "xinchun-2023.txt", xinchun_2023());
  write_file(docs / "xinchun-2024.txt", seed());
  write_file(docs / "taoyuan-2024.txt", taoyuan_2024_flagged());
}

// A document's record as the pipeline makes it, for the in-process store tests.
inline xxgk::Report make(const std::string& path, const std::string& text) {
  return xxgk::process_bytes(path, text, xxgk::ProcessOptions{});
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "xxgk-audit-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& p) const { return path_ / p; }

 private:
  fs::path path_;
};

// Runs a shell command; returns its exit status and fills `output` with its standard output.
inline int run(const std::string& cmd, std::string* output = nullptr) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) return -1;
  std::array<char, 65536> buf{};
  size_t n;
  std::string out;
  while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  const int status = pclose(pipe.release());
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

inline std::string quote(const fs::path& p) { return "'" + p.string() + "'"; }

#ifdef XXGK_BINARY
inline std::string audit_cmd(const fs::path& docs, const fs::path& db, const std::string& extra = "") {
  return std::string(XXGK_BINARY) + " audit " + quote(docs) + " --db " + quote(db) + " --progress none --log-level off " + extra;
}
#endif

struct Db {
  explicit Db(const fs::path& p, int flags = SQLITE_OPEN_READWRITE) {
    sqlite3* raw = nullptr;
    sqlite3_open_v2(p.c_str(), &raw, flags, nullptr);
    h.reset(raw);
    sqlite3_busy_timeout(raw, 10000);
  }
  struct Closer {
    void operator()(sqlite3* d) const { sqlite3_close_v2(d); }
  };
  std::unique_ptr<sqlite3, Closer> h;

  // Every row of a query, columns separated by '|', rows by '\n'; NULL as \N. Throws on error.
  std::string query(const std::string& sql) const {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(h.get(), sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(h.get()));
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(s, sqlite3_finalize);
    std::string out;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        if (c) out += '|';
        const auto* t = sqlite3_column_text(s, c);
        out += t ? reinterpret_cast<const char*>(t) : "\\N";
      }
      out += '\n';
    }
    if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + sqlite3_errmsg(h.get()));
    return out;
  }
  long long count(const std::string& sql) const { return std::stoll("0" + query(sql)); }
};

// The whole content of a store, table by table, in a fixed order. with_times=false leaves out
// processed_at, so two stores filled at different times compare equal when their data do.
inline std::string dump(const fs::path& db_path, bool with_times = true) {
  Db db(db_path);
  const std::string docs_cols = std::string("id, path, sha256, format, size, pages, status, error_code, error_message, ") +
                                (with_times ? "processed_at, " : "") + "revision, supersedes, is_current";
  std::string out = "user_version\n" + db.query("PRAGMA user_version");
  out += "meta\n" + db.query("SELECT * FROM meta ORDER BY key");
  out += "documents\n" + db.query("SELECT " + docs_cols + " FROM documents ORDER BY id");
  out += "reports\n" + db.query("SELECT * FROM reports ORDER BY document_id");
  out += "figures\n" + db.query("SELECT * FROM figures ORDER BY document_id, seq");
  out += "findings\n" + db.query("SELECT * FROM findings ORDER BY document_id, seq");
  out += "sections\n" + db.query("SELECT * FROM sections ORDER BY document_id, key");
  return out;
}

}  // namespace audit_test
