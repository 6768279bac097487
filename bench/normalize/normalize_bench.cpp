// Normalization's share of the per-document time: every document through extract → normalize →
// validate, each stage timed on its own, totals per format. Not a test (a timed assertion on a
// shared machine is flaky): a measurement to read. Run from the repository root:
//
//   ./build/xxgk_normalize_bench [--repeat 3] [--no-ocr] [--per-document] [PATH...]   (default: corpus)
//
// Each document is read into memory once; then extract, normalize and validate run on it
// `--repeat` times (fewer when one pass of the document takes over a second, as OCR'd scans do)
// and each stage counts with its fastest pass: the machine is shared, and the fastest pass is the
// one least disturbed by the neighbours. The label memos are warm after the first document, as
// they are in a batch. Times are wall clock on one thread (a DOC's extraction runs LibreOffice in
// a child process: its CPU would not show in this thread's CPU time).
#include "extract/extractor.h"
#include "normalize/normalizer.h"
#include "pipeline/walk.h"
#include "validate/validator.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

namespace {

using namespace xxgk;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct StageTimes {
  double extract = 0, normalize = 0, validate = 0;
  double total() const { return extract + normalize + validate; }
};

struct DocumentTimes {
  std::string path, format;
  StageTimes t;
  int figures = 0;
  int passes = 0;
};

struct FormatTotals {
  int documents = 0;
  int failed = 0;  // extraction threw: not a report, unreadable … (not counted in the stages)
  StageTimes t;
  double max_share = 0;  // the largest per-document normalize share
  std::string max_share_path;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// One document's fastest time per stage over up to `repeat` passes; nullopt if extraction fails.
std::optional<DocumentTimes> time_document(const std::string& path, int repeat, const ExtractOptions& options) {
  const std::string bytes = read_file(path);
  const std::string format = detect_format(path, bytes);
  const Extractor* ex = extractor_for(format);
  if (!ex || bytes.empty()) return std::nullopt;
  DocumentTimes d{path, format, {}, 0, 0};
  double spent = 0;
  for (int pass = 0; pass < repeat && (pass == 0 || spent < 1.0); ++pass) {
    auto t0 = Clock::now();
    Document doc;
    try {
      doc = ex->extract(path, bytes, options);
    } catch (const std::exception&) {  // DocumentError: not a report, unreadable, …
      return std::nullopt;
    }
    const double te = seconds_since(t0);
    Report r;
    t0 = Clock::now();
    normalize_document(doc, r);
    const double tn = seconds_since(t0);
    t0 = Clock::now();
    validate(r);
    const double tv = seconds_since(t0);
    const StageTimes t{te, tn, tv};
    if (pass == 0) {
      d.t = t;
      d.format = doc.format;
      d.figures = static_cast<int>(r.figures.size());
    } else {
      d.t.extract = std::min(d.t.extract, t.extract);
      d.t.normalize = std::min(d.t.normalize, t.normalize);
      d.t.validate = std::min(d.t.validate, t.validate);
    }
    spent += t.total();
    ++d.passes;
  }
  return d;
}

std::string ms(double s) { return fmt::format("{:.2f}", s * 1000); }
std::string pct(double part, double whole) { return whole > 0 ? fmt::format("{:.1f}%", 100 * part / whole) : "—"; }

void print_table(const std::map<std::string, FormatTotals>& per_format) {
  fmt::print("| format | docs | failed | extract ms/doc | normalize ms/doc | validate ms/doc | normalize share | "
             "largest share of one document |\n");
  fmt::print("|---|---:|---:|---:|---:|---:|---:|---|\n");
  FormatTotals all;
  for (const auto& [format, f] : per_format) {
    const double n = std::max(1, f.documents);
    fmt::print("| {} | {} | {} | {} | {} | {} | {} | {} ({}) |\n", format, f.documents, f.failed, ms(f.t.extract / n),
               ms(f.t.normalize / n), ms(f.t.validate / n), pct(f.t.normalize, f.t.total()),
               pct(f.max_share, 1), f.max_share_path);
    all.documents += f.documents;
    all.failed += f.failed;
    all.t.extract += f.t.extract;
    all.t.normalize += f.t.normalize;
    all.t.validate += f.t.validate;
  }
  const double n = std::max(1, all.documents);
  fmt::print("| **all** | {} | {} | {} | {} | {} | {} | |\n", all.documents, all.failed, ms(all.t.extract / n),
             ms(all.t.normalize / n), ms(all.t.validate / n), pct(all.t.normalize, all.t.total()));
  fmt::print("\nTotals (s): extract {:.3f}, normalize {:.3f}, validate {:.3f}.\n", all.t.extract, all.t.normalize,
             all.t.validate);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Normalization's share of the per-document time (extract → normalize → validate), per format"};
  std::vector<std::string> paths;
  int repeat = 3;
  bool no_ocr = false, per_document = false;
  app.add_option("paths", paths, "documents or folders (default: corpus)");
  app.add_option("--repeat", repeat, "passes per document; each stage counts with its fastest")
      ->check(CLI::Range(1, 100));
  app.add_flag("--no-ocr", no_ocr, "report scanned pages instead of OCR'ing them");
  app.add_flag("--per-document", per_document, "also print each document's times");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::err);
  if (paths.empty()) paths = {"corpus"};

  ExtractOptions options;
  options.ocr = !no_ocr;
  std::map<std::string, FormatTotals> per_format;
  std::vector<DocumentTimes> docs;
  for (const auto& path : collect_documents(paths)) {
    auto d = time_document(path, repeat, options);
    if (!d) {
      const std::string bytes = read_file(path);
      const std::string format = detect_format(path, bytes);
      ++per_format[format.empty() ? "unknown" : format].failed;
      continue;
    }
    FormatTotals& f = per_format[d->format];
    ++f.documents;
    f.t.extract += d->t.extract;
    f.t.normalize += d->t.normalize;
    f.t.validate += d->t.validate;
    const double share = d->t.total() > 0 ? d->t.normalize / d->t.total() : 0;
    if (share > f.max_share) {
      f.max_share = share;
      f.max_share_path = d->path;
    }
    docs.push_back(std::move(*d));
  }
  if (per_document) {
    fmt::print("| document | format | passes | figures | extract ms | normalize ms | validate ms | normalize share |\n");
    fmt::print("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (const auto& d : docs)
      fmt::print("| {} | {} | {} | {} | {} | {} | {} | {} |\n", d.path, d.format, d.passes, d.figures, ms(d.t.extract),
                 ms(d.t.normalize), ms(d.t.validate), pct(d.t.normalize, d.t.total()));
    fmt::print("\n");
  }
  print_table(per_format);
  return 0;
}
