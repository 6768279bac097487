// The OCR path measured against the `tesseract` command line on the same page images, in one run,
// and the whole pipeline's documents per hour on N workers. Run from the repository root:
//
//   ./build/xxgk_ocr_bench [--jobs 2] [--dpi 300] [--repeat 1] [--no-documents] [PDF|IMAGE|DIR...]
//                                                              (default: corpus/scanned)
//
// 1. Per page, single-threaded: each PDF page is rendered by Poppler (in memory, as the PDF path
//    does) and read by extract/ocr (engine and all its models already loaded, as in a batch); the
//    same rendering is written to a PNG and read by `tesseract PNG - -l chi_sim`
//    (OMP_THREAD_LIMIT=1, a process per page, as a shell loop would run it), and by one
//    `tesseract LIST - -l chi_sim` over all pages (chi_sim loaded once: the command line at its
//    fastest). A page image given directly (PNG, JPEG, TIFF, PNM) is read by both as it is, at
//    its own resolution (else --dpi). Seconds are CPU seconds (user+sys, of the thread or of the
//    child processes: the machine is shared, so wall time says as much about the neighbours),
//    wall seconds beside them.
//    Two comparisons come of it. On the same page image: extract/ocr's reading plus its decoding of
//    the PNG the command line reads (Leptonica's pixRead) against the command line on that PNG.
//    From the PDF: extract/ocr's rendering plus reading against `pdftoppm -r DPI -gray` of that
//    page (uncompressed PGM, its fastest output) plus the command line on the page image, as a
//    shell script would OCR a PDF.
//    Pages are also split by kind: pages where extract/ocr found a ruled table, and pages of running
//    text only. On the table pages the command line's time is put beside what it read: of the
//    numbers extract/ocr read in the page's tables, how many occur anywhere in the command line's
//    text (as a run of digits; position not checked, so an upper bound on what it found). One
//    command-line process per kind reads that kind's page list.
// 2. Documents per hour: `xxgk extract --jobs N` in-process (run_extract) over the PDFs
//    (repeated --repeat times), wall clock.
// The last lines are for scripts (bench/run): `summary<TAB>key<TAB>value`.
#include "extract/ocr/cell_reader.h"
#include "extract/ocr/ocr_engine.h"
#include "extract/ocr/page_image.h"
#include "extract/ocr/page_reader.h"
#include "pipeline/extract_job.h"
#include "pipeline/walk.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace {

using namespace xxgk;
namespace fs = std::filesystem;

double wall_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double thread_cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double children_cpu() {
  rusage ru{};
  getrusage(RUSAGE_CHILDREN, &ru);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
  return s(ru.ru_utime) + s(ru.ru_stime);
}

// Runs a command (argv), output to /dev/null; returns its exit status.
int run(const std::vector<std::string>& argv) {
  std::fflush(stdout);  // the child must not print what is still buffered here
  const pid_t pid = fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct Times {
  double cpu = 0, wall = 0;
};

bool is_image(const fs::path& p) {
  std::string ext = p.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* e : {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pnm", ".pgm", ".ppm", ".bmp"})
    if (ext == e) return true;
  return false;
}

// A page image as read_page_image takes it: 32-bit colour as it is, anything else as 8-bit grey.
ocr::PixPtr load_image(const std::string& path, int& dpi) {
  ocr::PixPtr pix(pixRead(path.c_str()));
  if (!pix) return pix;
  if (pixGetXRes(pix.get()) > 0) dpi = pixGetXRes(pix.get());
  if (pixGetDepth(pix.get()) == 32 || pixGetDepth(pix.get()) == 8) return pix;
  return ocr::PixPtr(pixConvertTo8(pix.get(), 0));
}

// Every model the engine reads with (chi_sim, the digits recognizer, the Han script model) loads
// on first use: load them before the clock starts, as a batch has them loaded.
void warm_up(ocr::OcrEngine& engine) {
  ocr::PixPtr blank(pixCreate(64, 64, 8));
  pixSetAllArbitrary(blank.get(), 255);
  engine.set_image(blank.get(), 300);
  const ocr::Rect all{0, 0, 64, 64};
  engine.read(all, ocr::Layout::Line);
  engine.read_digits(all);
  engine.read_second_opinion(all, ocr::Layout::Line);
  engine.set_image(nullptr, 300);
}

// The runs of ASCII digits in `text` (thousands separators and decimal points end a run: both
// sides count alike), as a multiset.
std::map<std::string, int> digit_runs(const std::string& text) {
  std::map<std::string, int> out;
  std::string run;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      run += c;
      continue;
    }
    if (!run.empty()) ++out[run], run.clear();
  }
  if (!run.empty()) ++out[run];
  return out;
}

// The numbers extract/ocr read in the page's table cells.
std::map<std::string, int> table_numbers(const ocr::OcrPage& page) {
  std::string all;
  for (const auto& block : page.blocks) {
    if (!block.is_table()) continue;
    for (const auto& row : block.table().rows)
      for (const auto& cell : row)
        if (!cell.covered && ocr::looks_numeric(cell.text)) all += cell.text + " ";
  }
  return digit_runs(all);
}

std::string read_text_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Per kind of page: CPU of extract/ocr and of the command line (a process per page, and one
// process over the kind's list), and numbers found.
struct Kind {
  Kind(const char* k, const char* t) : key(k), title(t) {}
  const char* key;    // in file names and summary keys
  const char* title;  // in the report
  int pages = 0;
  double ours = 0, cli_each = 0, cli_once = 0;
  int numbers = 0, numbers_in_cli = 0;
  std::ofstream list;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"OCR benchmark: extract/ocr against the tesseract command line, and documents per hour"};
  std::vector<std::string> inputs{"corpus/scanned"};
  int jobs = 2, dpi = 300, repeat = 1;
  bool no_documents = false;
  app.add_option("inputs", inputs, "Scanned PDFs, page images (PNG, JPEG, TIFF, PNM) or folders of them")
      ->capture_default_str();
  app.add_option("-j,--jobs", jobs, "Workers for the documents-per-hour run")->capture_default_str();
  app.add_option("--dpi", dpi, "Resolution PDF pages are rendered at (--ocr-dpi); images without one")
      ->capture_default_str();
  app.add_option("--repeat", repeat, "Times the PDFs are processed in the documents-per-hour run")
      ->capture_default_str();
  app.add_flag("--no-documents", no_documents, "Per page only: skip the documents-per-hour run");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);
  setenv("OMP_THREAD_LIMIT", "1", 1);  // for the command line (children)
  ocr::quiet_leptonica();

  std::vector<std::string> images, rest;
  for (const auto& in : inputs) {
    if (fs::is_directory(in)) {
      std::vector<std::string> found;
      for (const auto& e : fs::recursive_directory_iterator(in))
        if (e.is_regular_file() && is_image(e.path())) found.push_back(e.path().string());
      std::sort(found.begin(), found.end());
      images.insert(images.end(), found.begin(), found.end());
      rest.push_back(in);
    } else if (is_image(in)) {
      images.push_back(in);
    } else {
      rest.push_back(in);
    }
  }
  std::vector<std::string> pdfs;
  for (const auto& d : collect_documents(rest))
    if (fs::path(d).extension() == ".pdf") pdfs.push_back(d);

  const fs::path dir = fs::temp_directory_path() / fmt::format("xxgk-ocr-bench-{}", getpid());
  fs::create_directories(dir);
  Kind table_pages("table_pages", "with a ruled table"), text_pages("text_pages", "running text only");
  for (auto* kind : {&table_pages, &text_pages}) kind->list.open(dir / fmt::format("{}.txt", kind->key));

  ocr::OcrEngine& engine = ocr::thread_engine("");
  warm_up(engine);
  Times render, ours, cli_each, cli_once, decode, pdftoppm;
  int pages = 0;
  fmt::print("{:<58} {:>4}  {:>13}  {:>13}  {:>9}\n", "page", "", "extract/ocr", "tesseract CLI", "CLI/ours");
  fmt::print("{:<58} {:>4}  {:>13}  {:>13}  {:>9}\n", "", "", "cpu s (wall)", "cpu s (wall)", "cpu");
  // Reads one page image with extract/ocr (plus the rendering's cost) and with the command line.
  auto measure = [&](const std::string& name, int page, Pix* image, int image_dpi, const std::string& png,
                     double render_cpu, double render_wall, double decode_cpu, double pdftoppm_cpu) {
    double c0 = thread_cpu_now(), w0 = wall_now();
    const ocr::OcrPage read = ocr::read_page_image(image, image_dpi, page, engine);
    const double oc = thread_cpu_now() - c0 + render_cpu, ow = wall_now() - w0 + render_wall;
    const bool has_table = std::any_of(read.blocks.begin(), read.blocks.end(), [](const Block& b) { return b.is_table(); });
    Kind& kind = has_table ? table_pages : text_pages;
    kind.list << png << "\n";
    const fs::path out = dir / fmt::format("cli-{:03}", pages);
    c0 = children_cpu(), w0 = wall_now();
    run({"tesseract", png, out.string(), "-l", "chi_sim"});
    const double tc = children_cpu() - c0, tw = wall_now() - w0;
    kind.pages += 1;
    kind.ours += oc - render_cpu + decode_cpu;  // the same page image
    kind.cli_each += tc;
    if (has_table) {
      auto cli = digit_runs(read_text_file(out.string() + ".txt"));
      for (const auto& [number, count] : table_numbers(read)) {
        kind.numbers += count;
        kind.numbers_in_cli += std::min(count, cli[number]);
      }
    }
    render.cpu += render_cpu, render.wall += render_wall;
    decode.cpu += decode_cpu;
    pdftoppm.cpu += pdftoppm_cpu;
    ours.cpu += oc, ours.wall += ow;
    cli_each.cpu += tc, cli_each.wall += tw;
    ++pages;
    fmt::print("{:<58} {:>4}  {:6.2f} ({:5.2f})  {:6.2f} ({:5.2f})  {:8.2f}x\n", name, page, oc, ow, tc, tw,
               oc > 0 ? tc / oc : 0.0);
  };
  for (const auto& path : pdfs) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    if (!doc) continue;
    for (int p = 0; p < doc->pages(); ++p) {
      std::unique_ptr<poppler::page> page(doc->create_page(p));
      if (!page) continue;
      const double c0 = thread_cpu_now(), w0 = wall_now();
      const ocr::PixPtr image = ocr::render_page(*page, dpi);
      const double rc = thread_cpu_now() - c0, rw = wall_now() - w0;
      const std::string png = (dir / fmt::format("{:03}.png", pages)).string();
      pixWrite(png.c_str(), image.get(), IFF_PNG);
      // What reading the same PNG as the command line costs extract/ocr, and what the command
      // line's usual companion costs to make it from the PDF.
      const double d0 = thread_cpu_now();
      const ocr::PixPtr decoded(pixRead(png.c_str()));
      const double dc = thread_cpu_now() - d0;
      const double t0 = children_cpu();
      run({"pdftoppm", "-r", std::to_string(dpi), "-gray", "-f", std::to_string(p + 1), "-l",
           std::to_string(p + 1), path, (dir / "pdftoppm").string()});
      const double tc = children_cpu() - t0;
      measure(fs::path(path).filename().string(), p + 1, image.get(), dpi, png, rc, rw, dc, tc);
    }
  }
  for (const auto& path : images) {
    int image_dpi = dpi;
    const double d0 = thread_cpu_now();
    const ocr::PixPtr image = load_image(path, image_dpi);
    const double dc = thread_cpu_now() - d0;
    if (!image) {
      fmt::print("{}: not an image Leptonica reads\n", path);
      continue;
    }
    measure(fs::path(path).filename().string(), 1, image.get(), image_dpi, fs::absolute(path).string(), 0, 0, dc, 0);
  }
  table_pages.list.close();
  text_pages.list.close();
  if (pages == 0) {
    fs::remove_all(dir);
    fmt::print("no pages read\n");
    return 1;
  }
  // One process per kind of page over that kind's list (chi_sim loaded once per kind).
  for (auto* kind : {&table_pages, &text_pages}) {
    if (kind->pages == 0) continue;
    const double c0 = children_cpu(), w0 = wall_now();
    run({"tesseract", (dir / fmt::format("{}.txt", kind->key)).string(),
         (dir / fmt::format("{}-out", kind->key)).string(), "-l", "chi_sim"});
    kind->cli_once = children_cpu() - c0;
    cli_once.cpu += kind->cli_once, cli_once.wall += wall_now() - w0;
  }
  fs::remove_all(dir);
  const double n = pages;
  fmt::print("\nseconds per page over {} pages (PDF pages rendered at {} dpi; CPU, wall in brackets; one thread):\n",
             pages, dpi);
  fmt::print("  extract/ocr (render + read)          {:6.2f} ({:5.2f})   of which rendering {:4.2f} ({:4.2f})\n",
             ours.cpu / n, ours.wall / n, render.cpu / n, render.wall / n);
  fmt::print("  tesseract CLI, a process per page    {:6.2f} ({:5.2f})   {:.2f}x extract/ocr's CPU\n", cli_each.cpu / n,
             cli_each.wall / n, cli_each.cpu / ours.cpu);
  fmt::print("  tesseract CLI, one process, list     {:6.2f} ({:5.2f})   {:.2f}x extract/ocr's CPU\n", cli_once.cpu / n,
             cli_once.wall / n, cli_once.cpu / ours.cpu);
  // The two like-for-like comparisons (CPU; above 1, extract/ocr is faster).
  const double same_image = ours.cpu - render.cpu + decode.cpu;
  fmt::print("\nlike for like, CPU seconds per page (CLI/ours above 1: extract/ocr is faster):\n");
  fmt::print("  same page image: extract/ocr {:5.2f} (PNG decoding {:4.2f} + reading)  CLI a process per page {:5.2f} "
             "({:.2f}x)  CLI one process {:5.2f} ({:.2f}x)\n",
             same_image / n, decode.cpu / n, cli_each.cpu / n, cli_each.cpu / same_image, cli_once.cpu / n,
             cli_once.cpu / same_image);
  if (pdftoppm.cpu > 0)
    fmt::print("  from the PDF:    extract/ocr {:5.2f} (rendering {:4.2f} + reading)  pdftoppm + CLI a process per page "
               "{:5.2f} ({:.2f}x)  pdftoppm + CLI one process {:5.2f} ({:.2f}x)\n",
               ours.cpu / n, render.cpu / n, (pdftoppm.cpu + cli_each.cpu) / n, (pdftoppm.cpu + cli_each.cpu) / ours.cpu,
               (pdftoppm.cpu + cli_once.cpu) / n, (pdftoppm.cpu + cli_once.cpu) / ours.cpu);

  fmt::print("\nby kind of page, same page image, CPU seconds per page (CLI/ours above 1: extract/ocr is faster):\n");
  for (auto* kind : {&text_pages, &table_pages}) {
    if (kind->pages == 0) continue;
    const double k = kind->pages;
    fmt::print("  {:<27} {:3} pages: extract/ocr {:5.2f}  CLI a process per page {:5.2f} ({:.2f}x)  CLI one process "
               "{:5.2f} ({:.2f}x)\n",
               kind->title, kind->pages, kind->ours / k,
               kind->cli_each / k, kind->cli_each / kind->ours, kind->cli_once / k, kind->cli_once / kind->ours);
  }
  if (table_pages.numbers > 0)
    fmt::print("  numbers extract/ocr read in the tables: {}; of them in the command line's text of those pages: {} "
               "({:.0f}%)\n",
               table_pages.numbers, table_pages.numbers_in_cli, 100.0 * table_pages.numbers_in_cli / table_pages.numbers);

  double docs_per_hour = 0, pdf_pages_per_hour = 0;
  if (!no_documents && !pdfs.empty()) {
    std::vector<std::string> batch;
    for (int r = 0; r < repeat; ++r) batch.insert(batch.end(), pdfs.begin(), pdfs.end());
    ExtractJobOptions job;
    job.jobs = jobs;
    job.process.extract.jobs = jobs;
    job.process.extract.ocr_dpi = dpi;
    std::ostringstream sink;
    const double w0 = wall_now();
    run_extract(batch, job, sink);
    const double wall = wall_now() - w0;
    const int pdf_pages = pages - static_cast<int>(images.size());
    docs_per_hour = static_cast<double>(batch.size()) / wall * 3600;
    pdf_pages_per_hour = static_cast<double>(pdf_pages) * repeat / wall * 3600;
    fmt::print("\nxxgk extract --jobs {} over {} scanned documents ({} pages each pass): {:.1f} s wall, {:.0f} documents "
               "per hour, {:.0f} pages per hour\n",
               jobs, batch.size(), pdf_pages, wall, docs_per_hour, pdf_pages_per_hour);
  }
  fmt::print("\nsummary\tpages\t{}\n", pages);
  fmt::print("summary\tours_cpu_s_per_page\t{:.3f}\n", ours.cpu / n);
  fmt::print("summary\tcli_each_cpu_s_per_page\t{:.3f}\n", cli_each.cpu / n);
  fmt::print("summary\tcli_once_cpu_s_per_page\t{:.3f}\n", cli_once.cpu / n);
  fmt::print("summary\tcli_each_over_ours\t{:.3f}\n", cli_each.cpu / ours.cpu);
  fmt::print("summary\tcli_once_over_ours\t{:.3f}\n", cli_once.cpu / ours.cpu);
  fmt::print("summary\tours_same_image_cpu_s_per_page\t{:.3f}\n", same_image / n);
  fmt::print("summary\tcli_each_over_ours_same_image\t{:.3f}\n", cli_each.cpu / same_image);
  fmt::print("summary\tcli_once_over_ours_same_image\t{:.3f}\n", cli_once.cpu / same_image);
  if (pdftoppm.cpu > 0) {
    fmt::print("summary\tpdftoppm_cpu_s_per_page\t{:.3f}\n", pdftoppm.cpu / n);
    fmt::print("summary\tpdftoppm_cli_each_over_ours\t{:.3f}\n", (pdftoppm.cpu + cli_each.cpu) / ours.cpu);
    fmt::print("summary\tpdftoppm_cli_once_over_ours\t{:.3f}\n", (pdftoppm.cpu + cli_once.cpu) / ours.cpu);
  }
  for (auto* kind : {&text_pages, &table_pages}) {
    if (kind->pages == 0) continue;
    const char* key = kind->key;
    fmt::print("summary\t{}\t{}\n", key, kind->pages);
    fmt::print("summary\t{}_ours_cpu_s_per_page\t{:.3f}\n", key, kind->ours / kind->pages);
    fmt::print("summary\t{}_cli_each_over_ours\t{:.3f}\n", key, kind->cli_each / kind->ours);
    fmt::print("summary\t{}_cli_once_over_ours\t{:.3f}\n", key, kind->cli_once / kind->ours);
  }
  if (table_pages.numbers > 0) {
    fmt::print("summary\ttable_numbers_read\t{}\n", table_pages.numbers);
    fmt::print("summary\ttable_numbers_in_cli_text\t{}\n", table_pages.numbers_in_cli);
  }
  if (docs_per_hour > 0) {
    fmt::print("summary\tjobs\t{}\n", jobs);
    fmt::print("summary\tdocuments_per_hour\t{:.0f}\n", docs_per_hour);
    fmt::print("summary\tpages_per_hour\t{:.0f}\n", pdf_pages_per_hour);
  }
  return 0;
}
