// The OCR path measured against the `tesseract` command line on the same page images, in one run,
// and the whole pipeline's documents per hour on N workers. Run from the repository root:
//
//   ./build/xxgk_ocr_bench [--jobs 2] [--dpi 300] [--repeat 1] [PDF...]   (default: corpus/scanned)
//
// 1. Per page, single-threaded: each page is rendered by Poppler (in memory, as the PDF path
//    does) and read by extract/ocr (engine already loaded, as in a batch); the same rendering is
//    written to a PNG and read by `tesseract PNG - -l chi_sim` (OMP_THREAD_LIMIT=1, a process
//    per page, as a shell loop would run it), and by one `tesseract LIST - -l chi_sim` over all
//    pages (chi_sim loaded once: the command line at its fastest). Seconds are CPU seconds
//    (user+sys, of the thread or of the child processes: the machine is shared, so wall time
//    says as much about the neighbours), wall seconds beside them.
// 2. Documents per hour: `xxgk extract --jobs N` in-process (run_extract) over the documents
//    (repeated --repeat times), wall clock.
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

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"OCR benchmark: extract/ocr against the tesseract command line, and documents per hour"};
  std::vector<std::string> inputs{"corpus/scanned"};
  int jobs = 2, dpi = 300, repeat = 1;
  app.add_option("pdfs", inputs, "Scanned PDFs or folders")->capture_default_str();
  app.add_option("-j,--jobs", jobs, "Workers for the documents-per-hour run")->capture_default_str();
  app.add_option("--dpi", dpi, "Resolution pages are rendered at (--ocr-dpi)")->capture_default_str();
  app.add_option("--repeat", repeat, "Times the documents are processed in the documents-per-hour run")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);
  setenv("OMP_THREAD_LIMIT", "1", 1);  // for the command line (children)

  const auto documents = collect_documents(inputs);
  const fs::path dir = fs::temp_directory_path() / fmt::format("xxgk-ocr-bench-{}", getpid());
  fs::create_directories(dir);
  std::ofstream list(dir / "pages.txt");

  ocr::OcrEngine& engine = ocr::thread_engine("");
  Times render, ours, cli_each, cli_once;
  int pages = 0;
  fmt::print("{:<58} {:>4}  {:>13}  {:>13}  {:>13}\n", "page", "", "extract/ocr", "tesseract CLI", "CLI/ours");
  fmt::print("{:<58} {:>4}  {:>13}  {:>13}  {:>13}\n", "", "", "cpu s (wall)", "cpu s (wall)", "cpu");
  for (const auto& path : documents) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    if (!doc) continue;
    for (int p = 0; p < doc->pages(); ++p) {
      std::unique_ptr<poppler::page> page(doc->create_page(p));
      if (!page) continue;
      double c0 = thread_cpu_now(), w0 = wall_now();
      const ocr::PixPtr image = ocr::render_page(*page, dpi);
      const double rc = thread_cpu_now() - c0, rw = wall_now() - w0;
      c0 = thread_cpu_now(), w0 = wall_now();
      const ocr::OcrPage read = ocr::read_page_image(image.get(), dpi, p + 1, engine);
      const double oc = thread_cpu_now() - c0 + rc, ow = wall_now() - w0 + rw;
      const std::string png = (dir / fmt::format("{:03}.png", pages)).string();
      pixWrite(png.c_str(), image.get(), IFF_PNG);
      list << png << "\n";
      c0 = children_cpu(), w0 = wall_now();
      run({"tesseract", png, "-", "-l", "chi_sim"});
      const double tc = children_cpu() - c0, tw = wall_now() - w0;
      render.cpu += rc, render.wall += rw;
      ours.cpu += oc, ours.wall += ow;
      cli_each.cpu += tc, cli_each.wall += tw;
      ++pages;
      fmt::print("{:<58} {:>4}  {:6.2f} ({:5.2f})  {:6.2f} ({:5.2f})  {:12.2f}x\n", fs::path(path).filename().string(), p + 1,
                 oc, ow, tc, tw, oc > 0 ? tc / oc : 0.0);
      (void)read;
    }
  }
  list.close();
  {
    const double c0 = children_cpu(), w0 = wall_now();
    run({"tesseract", (dir / "pages.txt").string(), (dir / "batch").string(), "-l", "chi_sim"});
    cli_once.cpu = children_cpu() - c0, cli_once.wall = wall_now() - w0;
  }
  fs::remove_all(dir);
  if (pages == 0) {
    fmt::print("no pages read\n");
    return 1;
  }
  const double n = pages;
  fmt::print("\nseconds per page over {} pages at {} dpi (CPU, wall in brackets; one thread):\n", pages, dpi);
  fmt::print("  extract/ocr (render + read)          {:6.2f} ({:5.2f})   of which rendering {:4.2f} ({:4.2f})\n",
             ours.cpu / n, ours.wall / n, render.cpu / n, render.wall / n);
  fmt::print("  tesseract CLI, a process per page    {:6.2f} ({:5.2f})   {:.2f}x extract/ocr's CPU\n", cli_each.cpu / n,
             cli_each.wall / n, cli_each.cpu / ours.cpu);
  fmt::print("  tesseract CLI, one process, list     {:6.2f} ({:5.2f})   {:.2f}x extract/ocr's CPU\n", cli_once.cpu / n,
             cli_once.wall / n, cli_once.cpu / ours.cpu);

  std::vector<std::string> batch;
  for (int r = 0; r < repeat; ++r) batch.insert(batch.end(), documents.begin(), documents.end());
  ExtractJobOptions job;
  job.jobs = jobs;
  job.process.extract.jobs = jobs;
  job.process.extract.ocr_dpi = dpi;
  std::ostringstream sink;
  const double w0 = wall_now();
  run_extract(batch, job, sink);
  const double wall = wall_now() - w0;
  fmt::print("\nxxgk extract --jobs {} over {} scanned documents ({} pages each pass): {:.1f} s wall, {:.0f} documents "
             "per hour, {:.0f} pages per hour\n",
             jobs, batch.size(), pages, wall, static_cast<double>(batch.size()) / wall * 3600,
             n * repeat / wall * 3600);
  return 0;
}
