// `xxgk nightly CONFIG`: fetch, audit, report, and what changed tonight, under a lock. Wiring only:
// the work is in nightly/.
#include "cli/commands.h"

#include "nightly/job.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <memory>

namespace xxgk::cli {

void add_nightly_command(CLI::App& app, Globals& g) {
  auto config = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "nightly",
      "The nightly job, for cron or a systemd timer (deploy/): fetch the sources' new and changed reports, audit\n"
      "them (cross-year rules over the whole database), rewrite the HTML report, and print and save what changed\n"
      "tonight (new and revised reports with the figures that changed, new findings, failed documents, sources\n"
      "that failed or were blocked) as text and JSON. CONFIG is a small key = value file (docs/nightly.md).\n"
      "A lock file keeps two runs from overlapping.\n"
      "Exit status: 0 all fetched and read; 1 done, with problems (in the summary); 2 the config or database cannot\n"
      "be used; 3 the database could not be written; 4 stopped by SIGINT/SIGTERM (the next run goes on); 5 another\n"
      "run holds the lock.");
  cmd->add_option("config", *config, "The nightly configuration file")->required();
  cmd->callback([config, &g] {
    setup_logging(g);
    const auto parsed = nightly::read_config(*config);
    // Printed whatever the log level: nothing runs until the config is right.
    for (const auto& e : parsed.errors) fmt::print(stderr, "xxgk nightly: {}\n", e);
    if (!parsed.errors.empty()) {
      g.exit_status = nightly::kUsage;
      return;
    }
    if (!parsed.config.log.empty()) {
      Globals with_log = g;
      with_log.log_file = parsed.config.log;
      setup_logging(with_log);
    }
    nightly::NightlyProgram program;
    std::error_code ec;
    program.worker_exe = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    program.worker_args = {"--log-level", g.log_level};
    const std::string log = parsed.config.log.empty() ? g.log_file : parsed.config.log;
    if (!log.empty()) program.worker_args.insert(program.worker_args.end(), {"--log-file", log});
    g.exit_status = nightly::run_nightly(parsed.config, program, stdout);
  });
}

}  // namespace xxgk::cli
