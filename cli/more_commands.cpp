#include "cli/commands.h"

namespace xxgk::cli {

void add_audit_command(CLI::App& app, Globals& g);         // cli/audit_command.cpp
void add_audit_worker_command(CLI::App& app, Globals& g);  // cli/audit_command.cpp (hidden)
void add_export_command(CLI::App& app, Globals& g);        // cli/export_command.cpp
void add_site_command(CLI::App& app, Globals& g);          // cli/site_command.cpp
void add_coverage_command(CLI::App& app, Globals& g);      // cli/coverage_command.cpp
void add_fetch_command(CLI::App& app, Globals& g);         // cli/fetch_command.cpp
void add_nightly_command(CLI::App& app, Globals& g);       // cli/nightly_command.cpp
void add_merge_command(CLI::App& app, Globals& g);         // cli/merge_command.cpp
void add_review_command(CLI::App& app, Globals& g);        // cli/review_command.cpp
void add_indicators_command(CLI::App& app, Globals& g);    // cli/indicators_command.cpp

void add_more_commands(CLI::App& app, Globals& g) {
  add_audit_command(app, g);
  add_audit_worker_command(app, g);
  add_export_command(app, g);
  add_site_command(app, g);
  add_coverage_command(app, g);
  add_fetch_command(app, g);
  add_nightly_command(app, g);
  add_merge_command(app, g);
  add_review_command(app, g);
  add_indicators_command(app, g);
}

}  // namespace xxgk::cli
