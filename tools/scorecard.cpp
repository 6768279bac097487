// xxgk_scorecard: how right the pipeline is on the corpus, measured against the truth files.
//
// Reads corpus/truth/manifest.tsv (document → truth case) and corpus/truth/<case>.json (see
// corpus/README.md), runs the pipeline in-process on every document and prints, per corpus folder
// (format) and overall:
//   figures right   a truth figure is right when the record has it at the same table/row/col with
//                   the same value (null = null) and the same raw text after display folding
//                   (full-width → ASCII, the full-width decimal point too, traditional → simplified);
//                   a missing figure is wrong
//   docs all right  documents whose every truth figure is right
//   agency+year     documents whose agency and reporting year equal the truth's (agency after display
//                   folding; a place-only agency 测试市 is its government 测试市人民政府); a wrong or
//                   missing agency or year is wrong
//   exact records   documents whose record equals its <document>.expected.json (where one exists)
//   planted found   planted findings reported with the same rule, table, row, col, expected, actual
//   false pos.      findings of severity error that no planted finding accounts for
// Output is deterministic (manifest order, fixed formatting). Exit status 2 when the corpus itself is
// broken (a document or truth file missing or unreadable); low scores never fail the run.
#include "output/json_record.h"
#include "pipeline/extract_job.h"
#include "pipeline/process.h"
#include "text/text.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct ManifestRow {
  std::string document, truth_case, layout, folder;
};

struct Score {
  int documents = 0;
  long figures = 0, figures_right = 0, figures_extra = 0;
  int docs_all_right = 0;
  int meta_right = 0;
  int with_expected = 0, exact = 0;
  int planted = 0, planted_found = 0;
  int false_positives = 0;

  void add(const Score& o) {
    documents += o.documents;
    figures += o.figures;
    figures_right += o.figures_right;
    figures_extra += o.figures_extra;
    docs_all_right += o.docs_all_right;
    meta_right += o.meta_right;
    with_expected += o.with_expected;
    exact += o.exact;
    planted += o.planted;
    planted_found += o.planted_found;
    false_positives += o.false_positives;
  }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<ManifestRow> read_manifest(const std::string& path) {
  std::istringstream in(read_file(path));
  std::string line;
  std::vector<ManifestRow> rows;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::string cell;
    std::istringstream ls(line);
    while (std::getline(ls, cell, '\t')) f.push_back(cell);
    if (f.size() < 2) throw std::runtime_error("malformed manifest line: " + line);
    ManifestRow r{f[0], f[1], f.size() > 2 ? f[2] : "", ""};
    const auto slash1 = r.document.find('/');
    const auto slash2 = r.document.find('/', slash1 + 1);
    r.folder = r.document.substr(slash1 + 1, slash2 - slash1 - 1);
    rows.push_back(std::move(r));
  }
  return rows;
}

// What a printed truth cell means as a number (corpus/README.md): blank and marks are null;
// 增/+ positive, 减/- negative; `,` separators; a trailing 件/元/万元/个 ignored.
std::optional<double> truth_value(std::string s) {
  s = xxgk::trim(s);
  double sign = 1;
  auto eat_prefix = [&](std::string_view p) {
    if (s.rfind(p, 0) == 0) {
      s = s.substr(p.size());
      return true;
    }
    return false;
  };
  if (eat_prefix("减") || eat_prefix("-")) sign = -1;
  else if (!eat_prefix("增")) eat_prefix("+");
  for (std::string_view unit : {"万元", "件", "元", "个"})
    if (s.size() > unit.size() && s.compare(s.size() - unit.size(), unit.size(), unit) == 0) {
      s.resize(s.size() - unit.size());
      break;
    }
  std::string digits;
  bool dot = false;
  for (char c : s) {
    if (c == ',') continue;
    if (c == '.' && !dot && !digits.empty()) {
      dot = true;
    } else if (c < '0' || c > '9') {
      return std::nullopt;
    }
    digits += c;
  }
  if (digits.empty() || digits.back() == '.') return std::nullopt;
  return sign * std::stod(digits);
}

// A figure's raw text as the scorecard compares it: display folding (full-width digits and letters →
// ASCII, traditional → simplified) plus the full-width full stop of a decimal (９６１７１．６), which
// display_form keeps because it is also CJK punctuation in running text.
std::string raw_fold(std::string_view raw) {
  const std::string s = xxgk::display_form(xxgk::trim(raw));
  const std::string_view stop = "\xEF\xBC\x8E";  // U+FF0E
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, stop.size(), stop) == 0) {
      out += '.';
      i += stop.size();
    } else {
      out += s[i++];
    }
  }
  return out;
}

bool same_number(std::optional<double> a, std::optional<double> b) {
  if (!a || !b) return !a && !b;
  return std::fabs(*a - *b) < 1e-6;
}

std::optional<double> json_number(const json& j) {
  return j.is_number() ? std::optional<double>(j.get<double>()) : std::nullopt;
}

bool same_id(const std::optional<std::string>& got, const json& want) {
  if (want.is_null()) return !got;
  return got && *got == want.get<std::string>();
}

struct DocResult {
  Score score;
  std::string detail;
};

DocResult score_document(const ManifestRow& row, const json& truth, const xxgk::ProcessOptions& options) {
  DocResult out;
  Score& s = out.score;
  s.documents = 1;
  const xxgk::Report report = xxgk::process_file(row.document, options);

  // Figures.
  std::map<std::string, const xxgk::Figure*> got;
  for (const auto& f : report.figures) got[f.table + "." + f.row + "." + f.col] = &f;
  long wrong = 0, missing = 0;
  for (auto it = truth["figures"].begin(); it != truth["figures"].end(); ++it) {
    ++s.figures;
    const std::string raw = it.value().get<std::string>();
    const auto g = got.find(it.key());
    if (g == got.end()) {
      ++missing;
      continue;
    }
    const bool right = same_number(g->second->value, truth_value(raw)) &&
                       raw_fold(g->second->raw) == raw_fold(raw);
    if (right) ++s.figures_right;
    else ++wrong;
    got.erase(g);
  }
  s.figures_extra = static_cast<long>(got.size());
  if (s.figures_right == s.figures) s.docs_all_right = 1;

  // Agency and year.
  // A title that names only the place (测试市2025年…) names its government (测试市人民政府) when the
  // text never prints the government's full name: the place alone is right then too.
  bool agency_right = false;
  if (report.report.agency && truth["agency"].is_string()) {
    const std::string read = xxgk::display_form(*report.report.agency);
    const std::string want = xxgk::display_form(truth["agency"].get<std::string>());
    agency_right = read == want || read + "人民政府" == want;
  }
  const bool year_right = report.report.year && truth["year"].is_number() && *report.report.year == truth["year"].get<int>();
  if (agency_right && year_right) s.meta_right = 1;

  // The whole record, where an expected record has been reviewed.
  std::string exact = "-";
  if (fs::exists(row.document + ".expected.json")) {
    s.with_expected = 1;
    const bool same = json::parse(read_file(row.document + ".expected.json")) == json::parse(xxgk::record_line(report));
    s.exact = same ? 1 : 0;
    exact = same ? "yes" : "no";
  }

  // Findings.
  const json& planted = truth["planted"];
  std::vector<bool> used(report.findings.size(), false);
  for (const auto& p : planted) {
    ++s.planted;
    for (size_t i = 0; i < report.findings.size(); ++i) {
      const auto& f = report.findings[i];
      if (used[i] || f.rule != p["rule"].get<std::string>() || !same_id(f.table, p["table"]) ||
          !same_id(f.row, p["row"]) || !same_id(f.col, p["col"]) || !same_number(f.expected, json_number(p["expected"])) ||
          !same_number(f.actual, json_number(p["actual"])))
        continue;
      used[i] = true;
      ++s.planted_found;
      break;
    }
  }
  for (size_t i = 0; i < report.findings.size(); ++i)
    if (!used[i] && report.findings[i].severity == "error") ++s.false_positives;

  out.detail = fmt::format(
      "{:<58} {:<8} {:>4}/{:<4} missing {:>3} wrong {:>3} extra {:>3}  agency {} year {}  planted {}/{}  fp {}  exact {}",
      row.document, report.status, s.figures_right, s.figures, missing, wrong, s.figures_extra,
      agency_right ? "ok" : "WRONG", year_right ? "ok" : "WRONG", s.planted_found, s.planted, s.false_positives, exact);
  return out;
}

std::string pct(long num, long den) {
  return den ? fmt::format("{:6.2f}%", 100.0 * static_cast<double>(num) / static_cast<double>(den)) : "      -";
}

std::string line(const std::string& name, const Score& s) {
  return fmt::format("{:<9} {:>4}  {:>6}/{:<6} {}  {:>3}/{:<3}    {:>3}/{:<3}     {:>3}/{:<3}      {:>3}/{:<3} {}   {:>4}",
                     name, s.documents, s.figures_right, s.figures, pct(s.figures_right, s.figures), s.docs_all_right,
                     s.documents, s.meta_right, s.documents, s.exact, s.with_expected, s.planted_found, s.planted, pct(s.planted_found, s.planted),
                     s.false_positives);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"xxgk_scorecard: the pipeline's accuracy on the corpus, against the truth files"};
  std::string manifest = "corpus/truth/manifest.tsv";
  std::string truth_dir = "corpus/truth";
  std::vector<std::string> folders;
  int jobs = 1, ocr_dpi = 300;
  bool details = false, no_ocr = false;
  app.add_option("--manifest", manifest, "document → truth case table")->capture_default_str();
  app.add_option("--truth", truth_dir, "folder of the truth files")->capture_default_str();
  app.add_option("--formats", folders, "only these corpus folders (txt html docx doc pdf scanned)")->delimiter(',');
  app.add_option("--jobs", jobs, "documents processed in parallel")->capture_default_str()->check(CLI::Range(1, 64));
  app.add_flag("--details", details, "one line per document after the summary");
  app.add_flag("--no-ocr", no_ocr, "do not OCR pages without a text layer (fast; scanned scores drop)");
  app.add_option("--ocr-dpi", ocr_dpi,
                 "resolution scanned pages are rendered at for OCR (robustness: the expected records are at 300, so "
                 "'exact' then compares with another resolution's reading)")
      ->capture_default_str()
      ->check(CLI::Range(72, 1200));
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::off);

  std::vector<ManifestRow> rows;
  std::map<std::string, json> truths;
  try {
    for (auto& r : read_manifest(manifest)) {
      if (!folders.empty() && std::find(folders.begin(), folders.end(), r.folder) == folders.end()) continue;
      if (!fs::exists(r.document)) throw std::runtime_error("manifest names a missing document: " + r.document);
      if (!truths.count(r.truth_case)) truths[r.truth_case] = json::parse(read_file(truth_dir + "/" + r.truth_case + ".json"));
      rows.push_back(std::move(r));
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "scorecard: {}\n", e.what());
    return 2;
  }

  xxgk::ProcessOptions options;
  options.extract.ocr = !no_ocr;
  options.extract.ocr_dpi = ocr_dpi;
  std::vector<DocResult> results(rows.size());
  xxgk::parallel_ordered(
      rows.size(), jobs, [&](size_t i) { results[i] = score_document(rows[i], truths[rows[i].truth_case], options); },
      [](size_t) {});

  const std::vector<std::string> order = {"txt", "html", "docx", "doc", "pdf", "scanned"};
  std::map<std::string, Score> by_folder;
  Score all;
  for (size_t i = 0; i < rows.size(); ++i) {
    by_folder[rows[i].folder].add(results[i].score);
    all.add(results[i].score);
  }
  std::string how;
  if (no_ocr) how = " (no OCR)";
  else if (ocr_dpi != 300) how = fmt::format(" (OCR at {} dpi)", ocr_dpi);
  fmt::print("xxgk scorecard: {} documents, {} truth cases{}\n\n", rows.size(), truths.size(), how);
  fmt::print("{:<9} {:>4}  {:>21}  {:>7}  {:>12}    {:>7}      {:>16}   {:>4}\n", "format", "docs", "figures right",
             "all-right", "agency+year", "exact", "planted found", "false+");
  for (const auto& f : order)
    if (by_folder.count(f)) fmt::print("{}\n", line(f, by_folder[f]));
  for (const auto& [f, s] : by_folder)
    if (std::find(order.begin(), order.end(), f) == order.end()) fmt::print("{}\n", line(f, s));
  fmt::print("{}\n", line("overall", all));
  if (details) {
    fmt::print("\n");
    for (const auto& r : results) fmt::print("{}\n", r.detail);
  }
  return 0;
}
