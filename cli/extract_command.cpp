#include "cli/commands.h"

#include "pipeline/extract_job.h"
#include "pipeline/stage_times.h"
#include "pipeline/walk.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

namespace xxgk::cli {

void add_extract_command(CLI::App& app, Globals& g) {
  struct Opts {
    std::vector<std::string> paths;
    std::string output;
    ExtractJobOptions job;
    double max_mb = 200;
    bool write_expected = false;
    bool stage_times = false;
  };
  auto o = std::make_shared<Opts>();
  o->job.process.doc_memory_mb = 0;  // one process, documents on threads: no bound per document (audit's workers have one)
  CLI::App* cmd = app.add_subcommand(
      "extract",
      "Read documents and write one JSON record per document (JSON Lines, schema xxgk.report/1).\n"
      "Folders are walked recursively; records come out in byte-wise sorted path order.\n"
      "Exit status: 0 every document read, 1 some document failed (its record is still written), 2 usage error.");
  cmd->add_option("paths", o->paths, "Files or folders (PDF, HTML, DOCX, DOC, WPS, TXT)")->required();
  cmd->add_option("-o,--output", o->output, "Write the records to FILE instead of standard output");
  cmd->add_option("-j,--jobs", o->job.jobs, "Worker threads")->check(CLI::Range(1, 256))->capture_default_str();
  cmd->add_option("--lang", o->job.process.lang, "Language of messages: zh or en")
      ->check(CLI::IsMember({"zh", "en"}))
      ->capture_default_str();
  cmd->add_option("--doc-timeout", o->job.process.doc_timeout_seconds,
                  "Give up on a document after this many seconds (0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--max-mb", o->max_mb, "Documents larger than this many MiB fail without being read")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--ocr-dpi", o->job.process.extract.ocr_dpi, "Resolution scanned pages are rendered at for OCR")
      ->check(CLI::Range(72, 1200))
      ->capture_default_str();
  cmd->add_flag("!--no-ocr", o->job.process.extract.ocr, "Do not OCR pages without a text layer; report them instead");
  cmd->add_flag("!--no-cross-year", o->job.cross_year,
                "Do not compare the same agency's reports for consecutive years (cross_year.*); records are then "
                "written as soon as each is read instead of after the whole batch");
  cmd->add_flag("--write-expected", o->write_expected,
                "Corpus maintenance: write each document's record, pretty-printed, to <document>.expected.json");
  cmd->add_flag("--stage-times", o->stage_times,
                "Benchmarks: print to standard error the CPU time each stage took (hash, read, normalize, validate, "
                "cross_year, write), summed over the documents (bench/speed)");
  cmd->callback([o, &g] {
    setup_logging(g);
    if (o->stage_times) enable_stage_times();
    o->job.process.max_bytes = static_cast<std::uint64_t>(o->max_mb * 1024 * 1024);
    o->job.process.extract.jobs = o->job.jobs;  // scanned pages share the same workers
    const auto docs = collect_documents(o->paths);
    if (o->write_expected) {
      g.exit_status = write_expected_records(docs, o->job);
      return;
    }
    if (o->output.empty()) {
      g.exit_status = run_extract(docs, o->job, std::cout);
    } else {
      std::ofstream out(o->output, std::ios::binary | std::ios::trunc);
      if (!out) throw CLI::ValidationError("--output", "cannot open " + o->output + " for writing");
      g.exit_status = run_extract(docs, o->job, out);
    }
    if (o->stage_times) std::cerr << stage_times_report(docs.size());
  });
}

}  // namespace xxgk::cli
