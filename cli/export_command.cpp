// `xxgk export`: the store as tidy CSV. Wiring only: the work is in publish/csv_export.
#include "cli/commands.h"

#include "publish/csv_export.h"
#include "audit/schema.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace xxgk::cli {

void add_export_command(CLI::App& app, Globals& g) {
  struct Opts {
    std::string db = "xxgk.sqlite";
    std::string csv;
    bool all_revisions = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Write the database as tidy CSV for spreadsheets and pandas: reports.csv, figures.csv, findings.csv\n"
      "(UTF-8 with a byte-order mark; a blank cell has an empty value and its printed text in raw).");
  cmd->add_option("--db", o->db, "The SQLite database written by `xxgk audit`")->capture_default_str();
  cmd->add_option("--csv", o->csv, "Folder to write the CSV files into (created when missing)")->required();
  cmd->add_flag("--all-revisions", o->all_revisions,
                "Also export documents a later revision superseded (column is_current tells them apart)");
  cmd->callback([o, &g] {
    setup_logging(g);
    try {
      Store store(o->db, Store::Access::read_only);
      const auto n = export_csv(store, o->csv, o->all_revisions);
      fmt::print("xxgk export: {} reports, {} figures, {} findings written to {}/{{reports,figures,findings}}.csv\n",
                 n.reports, n.figures, n.findings, o->csv);
    } catch (const std::exception& e) {
      spdlog::error("export failed: {}", e.what());
      g.exit_status = 2;
    }
  });
}

}  // namespace xxgk::cli
