// Subcommands, each declared as a table of options (CLI11) and a callback into the library.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace xxgk::cli {

struct Globals {
  std::string log_level = "warn";
  std::string log_file;
  int exit_status = 0;
};

void add_global_options(CLI::App& app, Globals& g);
void setup_logging(const Globals& g);

void add_extract_command(CLI::App& app, Globals& g);

// Commands that live in their own files (audit, export, …).
void add_more_commands(CLI::App& app, Globals& g);

}  // namespace xxgk::cli
