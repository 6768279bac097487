// `xxgk indicators`: indicators over a region and year, and rankings. Wiring only: the work is in
// publish/indicator_aggregates.
#include "cli/commands.h"

#include "audit/schema.h"
#include "publish/indicator_aggregates.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace xxgk::cli {

void add_indicators_command(CLI::App& app, Globals& g) {
  struct Opts {
    std::string db = "xxgk.sqlite";
    std::string region;
    int year = 0;
    bool csv = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "indicators",
      "Every indicator of contract/indicators.tsv for a region (with everything under it) and a year: the ratio of\n"
      "the sums of numerator and denominator over the reports whose operands are all present (never the mean of\n"
      "rates), with the number of reports and the denominator; governments and departments apart. Rankings list\n"
      "the agencies whose denominator reaches the indicator's minimum, highest first (ties share a rank, listed by\n"
      "agency identity), and say how many were left out and why. One report per agency and year (current\n"
      "revisions). Exit status: 0 done, 2 a bad option or an unusable database.");
  cmd->add_option("--db", o->db, "The SQLite database written by `xxgk audit`")->capture_default_str();
  cmd->add_option("--region", o->region, "Division code (2201: 长春市 and everything under it); default every report");
  cmd->add_option("--year", o->year, "Reporting year; default every year, each apart");
  cmd->add_flag("--csv", o->csv, "Print CSV (kind aggregate, ranked or under_minimum; UTF-8 with a byte-order mark)");
  cmd->callback([o, &g] {
    setup_logging(g);
    try {
      Store store(o->db, Store::Access::read_only);
      IndicatorScope scope;
      if (!o->region.empty()) scope.region = o->region;
      if (o->year) scope.year = o->year;
      const auto groups = aggregate_indicators(store, scope);
      fmt::print("{}", o->csv ? indicators_csv(groups) : indicators_text(groups));
    } catch (const std::invalid_argument& e) {
      spdlog::error("{}", e.what());
      g.exit_status = 2;
    } catch (const std::exception& e) {
      spdlog::error("indicators: {}", e.what());
      g.exit_status = 2;
    }
  });
}

}  // namespace xxgk::cli
