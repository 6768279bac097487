// `xxgk site`: the audit site from the store. Wiring only: the work is in publish/site.
#include "cli/commands.h"

#include "publish/site/site.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <thread>

namespace xxgk::cli {

void add_site_command(CLI::App& app, Globals& g) {
  auto o = std::make_shared<site::SiteOptions>();
  o->db = "xxgk.sqlite";
  o->jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CLI::App* cmd = app.add_subcommand(
      "site",
      "Write the audit site: static HTML, CSS and JavaScript that work from file:// and from any web server.\n"
      "An overview (reports by year and status, findings by rule, coverage by region, key totals), the reports\n"
      "index (filters by region, year, status, rule and format, search by agency, sort, pages; the filter in the\n"
      "URL), a page per report (its tables with failing cells highlighted, its sections, where it came from, its\n"
      "revisions), per agency (its years side by side) and per region, and what changed in the last runs.\n"
      "Run again after an audit and only the pages whose reports changed are rewritten.");
  cmd->add_option("--db", o->db, "The SQLite database written by `xxgk audit` (read only)")->capture_default_str();
  cmd->add_option("--out", o->out, "Folder to write the site into (created when missing; open index.html)")->required();
  cmd->add_option("--jobs", o->jobs, "Threads writing report and agency pages (default: the number of cores)");
  cmd->add_option("--roster", o->roster,
                  "A roster of the agencies that should publish (a sources file of `xxgk fetch`, or any TSV with an\n"
                  "`agency` column): coverage.html lists, for each year, those with no report, only failed or partial\n"
                  "documents, or a report published late (as `xxgk coverage`), and each region page counts its own");
  cmd->add_flag("--full", o->full, "Rewrite every page, whatever the previous build left (default: only what changed)");
  cmd->callback([o, &g] {
    setup_logging(g);
    try {
      const auto s = site::build_site(*o);
      fmt::print(
          "xxgk site: {} current reports ({} documents, {} agencies) in {}/index.html\n"
          "  written: {} report pages, {} agency pages, {} index and summary pages; {} pages unchanged, {} removed; "
          "{:.1f} MB written in {:.1f} s\n",
          s.reports, s.documents, s.agencies, o->out, s.report_pages, s.agency_pages, s.other_pages, s.unchanged, s.removed,
          static_cast<double>(s.bytes_written) / 1e6, s.seconds);
    } catch (const std::exception& e) {
      spdlog::error("site failed: {}", e.what());
      g.exit_status = 2;
    }
  });
}

}  // namespace xxgk::cli
