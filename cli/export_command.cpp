// `xxgk export`: the store as tidy CSV. Wiring only: the work is in publish/csv_export.
#include "cli/commands.h"

#include "publish/csv_export.h"
#include "publish/panel_export.h"
#include "audit/schema.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace xxgk::cli {

void add_export_command(CLI::App& app, Globals& g) {
  struct Opts {
    std::string db = "xxgk.sqlite";
    std::string csv;
    std::string panel;
    bool all_revisions = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Write the database as tidy CSV for spreadsheets and pandas: reports.csv, figures.csv, findings.csv\n"
      "(UTF-8 with a byte-order mark; a blank cell has an empty value and its printed text in raw), and/or\n"
      "the panel (one row per agency and year, one column per canonical figure). Each folder written gets a\n"
      "Frictionless datapackage.json declaring every field's type, unit and meaning.");
  cmd->add_option("--db", o->db, "The SQLite database written by `xxgk audit`")->capture_default_str();
  cmd->add_option("--csv", o->csv, "Folder to write reports.csv, figures.csv and findings.csv into (created when missing)");
  cmd->add_option("--panel", o->panel,
                                "File to write the panel into (FILE.csv: one row per agency and year of the current\n"
                                "revisions; the folder's datapackage.json gains its `panel` resource)");
  cmd->add_flag("--all-revisions", o->all_revisions,
                "Also export documents a later revision superseded (column is_current tells them apart)");
  cmd->callback([o, &g] {
    if (o->csv.empty() && o->panel.empty()) throw CLI::RequiredError("--csv or --panel");
    setup_logging(g);
    try {
      Store store(o->db, Store::Access::read_only);
      if (!o->csv.empty()) {
        const auto n = export_csv(store, o->csv, o->all_revisions);
        fmt::print("xxgk export: {} reports, {} figures, {} findings written to {}/{{reports,figures,findings}}.csv\n",
                   n.reports, n.figures, n.findings, o->csv);
      }
      if (!o->panel.empty()) {
        const auto n = export_panel(store, o->panel);
        fmt::print("xxgk export: {} agency-year rows from {} current documents written to {}{}\n", n.rows, n.documents,
                   o->panel,
                   n.left_out ? fmt::format(" ({} documents without an agency identity or a year left out; reports.csv "
                                            "lists them)", n.left_out)
                              : std::string());
      }
    } catch (const std::exception& e) {
      spdlog::error("export failed: {}", e.what());
      g.exit_status = 2;
    }
  });
}

}  // namespace xxgk::cli
