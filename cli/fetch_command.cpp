// `xxgk fetch`: collect the reports from the portals a sources file lists. Wiring only: the work
// is in fetch/.
#include "cli/commands.h"

#include "audit/schema.h"
#include "fetch/crawl.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace xxgk::cli {

// The options `fetch` and `nightly` share, as a table.
void add_fetch_options(CLI::App* cmd, fetch::FetchOptions& o, std::string& contact, double& max_mb) {
  cmd->add_option("--delay", o.politeness.delay, "Seconds between two requests to the same host")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--hosts", o.hosts, "Hosts fetched in parallel (one request at a time per host)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--contact", contact,
                  "How a site owner reaches you: a URL or an e-mail address, sent in the User-Agent\n"
                  "(xxgk/0.1 (+CONTACT)); required");
  cmd->add_option("--warc", o.warc_path, "Also write every request and response to this WARC/1.1 file (appended)");
  cmd->add_option("--max-mb", max_mb, "Largest report file downloaded, in MiB (the transfer is cut there)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--timeout", o.client.timeout, "Seconds a whole transfer may take")->check(CLI::PositiveNumber)->capture_default_str();
  cmd->add_option("--connect-timeout", o.client.connect_timeout, "Seconds to set up a connection")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-crawl-delay", o.politeness.max_crawl_delay, "A robots.txt Crawl-delay is honoured up to this many seconds")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--max-retry-after", o.politeness.max_retry_after,
                  "A Retry-After (on 429/503) is honoured up to this many seconds, then the request is retried")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--revalidate-days", o.revalidate_days,
                  "Known reports are asked again (conditionally) once their last check is this many days old; 0: every run")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_flag("--full-walk", o.full_walk, "Walk every listing to its last page, even past pages with nothing new");
}

// The User-Agent from the contact; false (with the reason logged) when there is none.
bool finish_fetch_options(fetch::FetchOptions& o, const std::string& contact, double max_mb) {
  if (contact.empty()) {
    spdlog::error("--contact is required: a URL or e-mail address where site owners can reach whoever runs the fetch");
    return false;
  }
  o.client.user_agent = fmt::format("xxgk/0.1 (+{})", contact);
  o.max_bytes = static_cast<std::uint64_t>(max_mb * 1024 * 1024);
  return true;
}

void add_fetch_command(CLI::App& app, Globals& g) {
  struct Opts {
    fetch::FetchOptions fetch;
    std::string contact;
    double max_mb = 200;
    std::string shard;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "fetch",
      "Collect the annual reports from the portals a sources file lists (docs/sources.md): walk each listing\n"
      "(all its pages), keep the articles whose title names an annual report, and store each report (its PDF/DOC/DOCX\n"
      "files, or the page) in the store folder, content-addressed, with where and when it came from in the database.\n"
      "Polite (robots.txt, one request at a time per host, --delay, Retry-After, hosts that answer 403/412/521 are\n"
      "left alone for the run) and incremental (conditional requests; only what is new or changed is stored).\n"
      "Then `xxgk audit STORE --db FILE` reads them. Exit status: 0 all sources fetched; 1 some source, page or file\n"
      "had a problem (reported; the rest was fetched); 2 usage error or unusable database; 3 the database could not be\n"
      "written; 4 stopped by SIGINT/SIGTERM (what was stored is kept).");
  cmd->add_option("sources", o->fetch.sources_path, "The sources file (UTF-8 TSV: agency, region, kind, url, …)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--store", o->fetch.store_dir, "Folder the reports are stored in (created when missing)")->required();
  cmd->add_option("--db", o->fetch.db_path, "The SQLite database (the audit store; created when missing)")->capture_default_str();
  add_fetch_options(cmd, o->fetch, o->contact, o->max_mb);
  cmd->add_option("--shard", o->shard,
                  "Fetch only shard K of N (K from 0): the sources whose URL's host name hashes to K (FNV-1a, as\n"
                  "audit's --shard; docs/scale.md). Every source of a host is in one shard, so N machines fetching at\n"
                  "once still ask each host one thing at a time. Give each shard its own --db (on local disk) and --store")
      ->check([](const std::string& v) {
        std::string error;
        return parse_shard(v, error) ? std::string() : error;
      });
  cmd->callback([o, &g] {
    setup_logging(g);
    if (!o->shard.empty()) {
      std::string error;
      o->fetch.shard = *parse_shard(o->shard, error);
    }
    if (!finish_fetch_options(o->fetch, o->contact, o->max_mb)) {
      g.exit_status = 2;
      return;
    }
    fetch::FetchSummary summary;
    try {
      g.exit_status = fetch::run_fetch(o->fetch, summary);
    } catch (const SchemaError& e) {
      spdlog::error("{}", e.what());
      g.exit_status = 2;
      return;
    } catch (const sql::StoreError& e) {
      spdlog::error("the database could not be used: {}", e.what());
      g.exit_status = summary.run_id ? 3 : 2;
      return;
    } catch (const std::exception& e) {
      spdlog::error("fetch failed: {}", e.what());
      g.exit_status = 2;
      return;
    }
    fetch::write_fetch_summary(stdout, summary);
  });
}

}  // namespace xxgk::cli
