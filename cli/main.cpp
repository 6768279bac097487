// xxgk: the command line. Argument parsing and wiring only; the work is in the library.
#include "cli/commands.h"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"xxgk — reads 政府信息公开工作年度报告 (government information-disclosure annual reports),\n"
               "extracts their statistical tables under canonical ids, and flags figures that do not reconcile."};
  app.require_subcommand(1);
  app.fallthrough();  // global options (--log-level, --log-file) also after the subcommand
  app.set_version_flag("--version", "xxgk 0.1.0");
  xxgk::cli::Globals globals;
  xxgk::cli::add_global_options(app, globals);
  xxgk::cli::add_extract_command(app, globals);
  xxgk::cli::add_more_commands(app, globals);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;  // usage errors exit 2, as the contract says
  }
  return globals.exit_status;
}
