// `xxgk coverage`: who on a roster has not published. Wiring only: the work is in publish/coverage.
#include "cli/commands.h"

#include "audit/schema.h"
#include "publish/coverage.h"

#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

namespace xxgk::cli {

void add_coverage_command(CLI::App& app, Globals& g) {
  struct Opts {
    std::string db = "xxgk.sqlite";
    std::string roster;
    int year = 0;
    bool csv = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "coverage",
      "List, by region, the agencies of a roster with no report for a year, with only failed or partial\n"
      "documents, or whose report was published after the legal deadline (31 January; 31 March for the\n"
      "governments of counties, cities and provinces: 条例 第五十条; where the publication date is known).\n"
      "Exit status: 0 done; 1 done, but some roster lines were skipped (each reported with its line number:\n"
      "no agency, not UTF-8); 2 the roster or the database cannot be used.");
  cmd->add_option("--db", o->db, "The SQLite database written by `xxgk audit`")->capture_default_str();
  cmd->add_option("--roster", o->roster,
                  "The agencies expected to publish: a sources file (TSV: agency, region, kind, url, …) or any TSV\n"
                  "with a header naming at least `agency` (and optionally `region`, a division code)")
      ->required();
  cmd->add_option("--year", o->year, "The reporting year (the year the figures cover)")->required()->check(CLI::Range(2000, 2100));
  cmd->add_flag("--csv", o->csv,
                "Print CSV instead (columns agency, region, year, state, region_names, detail; state is missing,\n"
                "failed, partial or late)");
  cmd->callback([o, &g] {
    setup_logging(g);
    try {
      const Roster roster = read_roster(o->roster);
      // A bad line is reported and skipped, the rest counted (as the fetch treats the sources file): exit 1.
      for (const auto& p : roster.problems) spdlog::warn("{}", p.message);
      Store store(o->db, Store::Access::read_only);
      const Coverage c = coverage(store, roster.entries, o->year);
      if (o->csv) print_coverage_csv(std::cout, c);
      else print_coverage(std::cout, c, o->roster);
      if (!roster.problems.empty()) g.exit_status = 1;
    } catch (const std::exception& e) {
      spdlog::error("coverage failed: {}", e.what());
      g.exit_status = 2;
    }
  });
}

}  // namespace xxgk::cli
