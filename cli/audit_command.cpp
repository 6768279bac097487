// `xxgk audit` (the main job) and its hidden worker mode `xxgk audit-worker`. Wiring only: the
// work is in audit/.
#include "cli/commands.h"

#include "audit/job.h"
#include "audit/schema.h"
#include "audit/worker_pool.h"
#include "publish/html_report.h"
#include "publish/output_file.h"

#include <spdlog/sinks/sink.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

namespace xxgk::cli {
namespace {

void add_process_options(CLI::App* cmd, ProcessOptions& p) {
  cmd->add_option("--lang", p.lang, "Language of messages: zh or en")->check(CLI::IsMember({"zh", "en"}))->capture_default_str();
  cmd->add_option("--doc-timeout", p.doc_timeout_seconds,
                  "Give up on a document after this many seconds; it is stored as failed (0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--ocr-dpi", p.extract.ocr_dpi, "Resolution scanned pages are rendered at for OCR")
      ->check(CLI::Range(72, 1200))
      ->capture_default_str();
  cmd->add_flag("!--no-ocr", p.extract.ocr, "Do not OCR pages without a text layer; report them instead");
  cmd->add_option("--doc-memory-mb", p.doc_memory_mb,
                  "Memory a worker may take for one document: this many MiB plus 16 times the document's size; "
                  "past it the document is stored as failed (out_of_memory) (0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
}

// Per-document lines go to the log: at info level on standard error when it is not a terminal
// (unless --log-level was given), and always into --log-file.
void tune_logging(const CLI::App& app, const Globals& g, Progress::Mode mode) {
  auto logger = spdlog::default_logger();
  auto stderr_level = spdlog::level::from_str(g.log_level);
  if (mode == Progress::Mode::lines && app.count("--log-level") == 0) stderr_level = spdlog::level::info;
  logger->sinks().front()->set_level(stderr_level);
  auto level = stderr_level;
  if (logger->sinks().size() > 1) {
    logger->sinks().back()->set_level(std::min(spdlog::level::from_str(g.log_level), spdlog::level::info));
    level = std::min(level, spdlog::level::info);
  }
  logger->set_level(level);
}

}  // namespace

void add_audit_command(CLI::App& app, Globals& g) {
  struct Opts {
    AuditOptions audit;
    std::string html_path;  // empty: no HTML report
    double max_mb = 200;
    std::string progress = "auto";
    std::string shard;
  };
  auto o = std::make_shared<Opts>();
  o->audit.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CLI::App* cmd = app.add_subcommand(
      "audit",
      "The main job: read every document, store reports, figures, findings and sections in an SQLite database,\n"
      "run the cross-year rules over the database, and optionally write an HTML audit report.\n"
      "Incremental: documents already stored (same SHA-256) are skipped; a changed document, or another\n"
      "document for an agency and year already stored, is kept as a new revision. --retry-failed reads\n"
      "documents stored as failed again.\n"
      "Exit status: 0 every document read, 1 some document failed, 2 usage error (an --html path that cannot be\n"
      "written included) or unusable database, 3 the database could not be written during the run, 4 the run is\n"
      "stored but the HTML report could not be written.");
  cmd->add_option("paths", o->audit.paths, "Files or folders (PDF, HTML, DOCX, DOC, WPS, TXT)")->required();
  cmd->add_option("--db", o->audit.db_path, "The SQLite database (created when missing)")->capture_default_str();
  cmd->add_option("--html", o->html_path, "Also write the audit report, one self-contained HTML file");
  cmd->add_option("-j,--jobs", o->audit.jobs, "Worker processes (default: the number of cores)")->check(CLI::Range(1, 256));
  cmd->add_option("--max-mb", o->max_mb, "Documents larger than this many MiB are stored as failed without being read")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--progress", o->progress, "auto (a bar on a terminal, log lines otherwise), bar, lines or none")
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}))
      ->capture_default_str();
  cmd->add_option("--worker-recycle", o->audit.recycle_after, "Documents a worker process reads before it is replaced")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_flag("--retry-failed", o->audit.retry_failed,
                "Read again the documents stored as failed (a timeout, a missing converter or OCR language …); the\n"
                "new outcome replaces the failure. Documents that produced a report, even a partial one, stay skipped");
  cmd->add_option("--shard", o->shard,
                  "Read only shard K of N (K from 0): the documents whose path relative to the folder given (or URL,\n"
                  "when fetched) hashes to K (docs/scale.md). N machines run K = 0..N-1, each into its own --db on\n"
                  "local disk, and `xxgk merge` joins the databases")
      ->check([](const std::string& v) {
        std::string error;
        return parse_shard(v, error) ? std::string() : error;
      });
  add_process_options(cmd, o->audit.process);
  cmd->callback([o, &g, &app] {
    setup_logging(g);
    const Progress::Mode mode = o->progress == "bar" ? Progress::Mode::bar
                                : o->progress == "lines" ? Progress::Mode::lines
                                : o->progress == "none"  ? Progress::Mode::none
                                                         : Progress::detect();
    tune_logging(app, g, mode);
    AuditOptions a = o->audit;
    if (!o->shard.empty()) {
      std::string error;
      a.shard = *parse_shard(o->shard, error);
    }
    a.progress = mode;
    a.process.max_bytes = static_cast<std::uint64_t>(o->max_mb * 1024 * 1024);
    std::error_code ec;
    a.worker_exe = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    a.worker_args = {"--log-level", g.log_level};
    if (!g.log_file.empty()) a.worker_args.insert(a.worker_args.end(), {"--log-file", g.log_file});
    // A report that cannot be written is found out now, not after the whole run.
    if (!o->html_path.empty())
      if (auto why = unwritable_reason(o->html_path)) {
        spdlog::error("--html {}: {}", o->html_path, *why);
        g.exit_status = 2;
        return;
      }
    RunSummary summary;
    std::string html_written = o->html_path;
    try {
      g.exit_status = run_audit(a, summary);
      if (!o->html_path.empty()) {
        Store store(a.db_path, Store::Access::read_only);
        try {
          write_html_report(store, o->html_path, a.process.lang);
        } catch (const std::runtime_error& e) {
          spdlog::error("the audit report could not be written ({}); the database {} holds the whole run", e.what(),
                        a.db_path);
          html_written.clear();
          g.exit_status = 4;
        }
      }
    } catch (const SchemaError& e) {
      spdlog::error("{}", e.what());
      g.exit_status = 2;
      return;
    } catch (const sql::StoreError& e) {
      // A damaged file is found when opening it or only when a damaged page is read during the run:
      // either way it is a database that cannot be used (2), not a failed write (3).
      if (e.damaged()) {
        spdlog::error("the database {} is damaged (corrupt or truncated) and cannot be used: {}; restore it from a copy, "
                      "or give another --db",
                      a.db_path, e.what());
        g.exit_status = 2;
        return;
      }
      spdlog::error("the database could not be used: {}", e.what());
      g.exit_status = summary.listed ? 3 : 2;
      return;
    }
    write_summary(stdout, summary, a.db_path, html_written);
    spdlog::info("audit done: {} processed ({} new, {} revision, {} retried), {} skipped, {} failed, {:.1f} s",
                 summary.processed, summary.added, summary.revised, summary.retried, summary.skipped,
                 summary.by_status.count("failed") ? summary.by_status.at("failed") : 0, summary.seconds);
  });
}

void add_audit_worker_command(CLI::App& app, Globals& g) {
  auto p = std::make_shared<ProcessOptions>();
  CLI::App* cmd = app.add_subcommand("audit-worker", "Internal: reads documents for `xxgk audit` (requests on stdin, records on stdout)");
  cmd->group("");  // hidden from --help
  cmd->add_option("--max-bytes", p->max_bytes, "Size limit in bytes");
  add_process_options(cmd, *p);
  cmd->callback([p, &g] {
    setup_logging(g);
    // Records travel on the original standard output; anything a library prints to stdout goes
    // to standard error instead, so it cannot corrupt a record.
    const int records = dup(STDOUT_FILENO);
    dup2(STDERR_FILENO, STDOUT_FILENO);
    serve_worker(STDIN_FILENO, records, *p);
    close(records);
    // Ends here, without running the destructors of the tables the pipeline built (the national
    // divisions' index alone took a fifth of a short-lived worker's CPU time to take apart): every
    // record is written, the log is flushed, and the process's memory goes back with it.
    spdlog::shutdown();
    std::_Exit(0);
  });
}

}  // namespace xxgk::cli
