// `xxgk review`: auditors' verdicts on findings. Wiring only: the work is in audit/reviews.
#include "cli/commands.h"
#include "pipeline/utc_time.h"

#include "audit/reviews.h"
#include "audit/schema.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

namespace xxgk::cli {
namespace {

std::string default_reviewer() {
  for (const char* var : {"XXGK_REVIEWER", "USER", "LOGNAME"})
    if (const char* v = std::getenv(var); v && *v) return v;
  return "unknown";
}

std::string state_words(const ReviewedFinding& f) {
  if (f.state == "changed")
    return fmt::format("changed (was {} by {} at {}: its numbers changed since, it needs a new look)", f.latest->verdict,
                       f.latest->reviewer, f.latest->reviewed_at);
  if (!f.latest) return "open (not reviewed)";
  return fmt::format("{} (by {} at {})", f.state, f.latest->reviewer, f.latest->reviewed_at);
}

// Runs one subcommand's work against the store, turning the errors into exit statuses.
template <class Fn>
void with_store(const std::string& db, Globals& g, Fn&& fn) {
  setup_logging(g);
  try {
    Store store(db);
    fn(store);
  } catch (const ReviewError& e) {
    spdlog::error("{}", e.what());
    g.exit_status = 2;
  } catch (const SchemaError& e) {
    spdlog::error("{}", e.what());
    g.exit_status = 2;
  } catch (const std::exception& e) {
    spdlog::error("review failed: {}", e.what());
    g.exit_status = 3;
  }
}

}  // namespace

void add_review_command(CLI::App& app, Globals& g) {
  struct Opts {
    std::string db = "xxgk.sqlite";
    std::string key, verdict, note, by = default_reviewer(), state, file;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "review",
      "Record what an auditor concluded about a finding: confirmed, dismissed or open, with a note, who and when.\n"
      "A verdict is kept against the finding's stable key (agency, year, rule, cells: findings.csv and `list` show it),\n"
      "so it holds after a rerun and in a new revision of the report while the finding's numbers stay the same;\n"
      "when they change the finding is shown as `changed`: it needs a new look. Nothing is overwritten: every\n"
      "verdict is kept (`history`). `export`/`import` move reviews as TSV (for version control, or from the site).\n"
      "Exit status: 0 done, 2 a bad key, verdict or file, or an unusable database, 3 the database could not be written.");
  cmd->require_subcommand(1);
  cmd->add_option("--db", o->db, "The SQLite database written by `xxgk audit`")->capture_default_str();

  CLI::App* set = cmd->add_subcommand("set", "Record a verdict on the finding with this key");
  set->add_option("key", o->key, "The finding's key (findings.csv finding_key, `xxgk review list`)")->required();
  set->add_option("--verdict", o->verdict, "confirmed, dismissed or open")
      ->required()
      ->check(CLI::IsMember({"confirmed", "dismissed", "open"}));
  set->add_option("--note", o->note, "Why (free text)");
  set->add_option("--by", o->by, "Who reviewed it (default: $XXGK_REVIEWER, else $USER)")->capture_default_str();
  set->callback([o, &g] {
    with_store(o->db, g, [&](Store& store) {
      const Review r = add_review(store, o->key, o->verdict, o->note, o->by, utc_now());
      fmt::print("{} {} ({} {} {}) by {} at {}\n", r.finding_key, r.verdict, r.agency_id.value_or("?"),
                 r.year ? std::to_string(*r.year) : "?", r.rule.value_or("?"), r.reviewer, r.reviewed_at);
    });
  });

  CLI::App* list = cmd->add_subcommand("list", "List the failing findings of the current reports with their verdicts");
  list->add_option("--verdict", o->state, "Only those in this state: open, confirmed, dismissed, changed")
      ->check(CLI::IsMember({"open", "confirmed", "dismissed", "changed"}));
  list->callback([o, &g] {
    with_store(o->db, g, [&](Store& store) {
      const auto found = reviewed_findings(store, o->state.empty() ? std::nullopt : std::optional<std::string>(o->state));
      for (const auto& f : found)
        fmt::print("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", f.finding_key, f.agency.value_or(""), f.year ? std::to_string(*f.year) : "",
                   f.rule, f.severity, state_words(f), f.message_en);
      const FindingCounts c = finding_counts(store);
      fmt::print("{} findings listed; in the current reports: {} open (of which {} changed since reviewed), {} confirmed, "
                 "{} dismissed (not counted as open)\n",
                 found.size(), c.open + c.changed, c.changed, c.confirmed, c.dismissed);
    });
  });

  CLI::App* history = cmd->add_subcommand("history", "Every verdict recorded on the finding with this key, oldest first");
  history->add_option("key", o->key, "The finding's key")->required();
  history->callback([o, &g] {
    with_store(o->db, g, [&](Store& store) {
      const auto h = review_history(store, o->key);
      if (h.empty()) fmt::print("{}: no review recorded\n", o->key);
      for (const auto& r : h)
        fmt::print("{}\t{}\t{}\t{}\t{}\n", r.reviewed_at, r.verdict, r.reviewer, r.note, r.figures.value_or(""));
    });
  });

  CLI::App* exp = cmd->add_subcommand("export", "Write every review as TSV (header line; oldest first)");
  exp->add_option("file", o->file, "The TSV file to write (- for standard output)")->required();
  exp->callback([o, &g] {
    with_store(o->db, g, [&](Store& store) {
      const std::string tsv = reviews_tsv(store);
      if (o->file == "-") {
        fmt::print("{}", tsv);
        return;
      }
      const std::string tmp = o->file + ".tmp";
      {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << tsv;
        if (!out.flush()) throw ReviewError("cannot write " + tmp);
      }
      std::filesystem::rename(tmp, o->file);
      fmt::print(stderr, "xxgk review: {} reviews written to {}\n", std::count(tsv.begin(), tsv.end(), '\n') - 1, o->file);
    });
  });

  CLI::App* imp = cmd->add_subcommand(
      "import", "Add the reviews of a TSV (from `export` or the site) that the database does not hold yet");
  imp->add_option("file", o->file, "The TSV file to read")->required()->check(CLI::ExistingFile);
  imp->callback([o, &g] {
    with_store(o->db, g, [&](Store& store) {
      std::ifstream in(o->file, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      const ImportCounts c = import_reviews_tsv(store, text.str(), o->file, utc_now());
      fmt::print("xxgk review: {} reviews added, {} already there, from {}\n", c.added, c.already, o->file);
    });
  });
}

}  // namespace xxgk::cli
