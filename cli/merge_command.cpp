// `xxgk merge`: shard databases into one store. Wiring only: the work is in audit/merge.
#include "cli/commands.h"

#include "audit/merge.h"
#include "audit/schema.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace xxgk::cli {

void add_merge_command(CLI::App& app, Globals& g) {
  struct Opts {
    std::string db;
    std::vector<std::string> shards;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "merge",
      "Join shard databases (each written by `xxgk audit --shard K/N`) into one store, new or existing, as one\n"
      "machine would have built it: documents in path order, deduplicated by SHA-256, revisions and cross-year\n"
      "findings computed over the whole, provenance kept. Merging a shard twice changes nothing; tonight's\n"
      "shards merge into last night's store. One transaction (a new target is built beside it and renamed):\n"
      "an interrupted merge leaves the target as it was. Shards are only read. A file that is not an xxgk\n"
      "store, a store of another schema version or one still being written is refused, and nothing is merged.\n"
      "Exit status: 0 merged, 2 refused or unusable database, 3 the target could not be written.");
  cmd->add_option("--db", o->db, "The target store (created when missing)")->required();
  cmd->add_option("shards", o->shards, "Shard databases")->required()->check(CLI::ExistingFile);
  cmd->callback([o, &g] {
    setup_logging(g);
    try {
      const MergeSummary s = merge_stores(o->db, o->shards);
      const double rate = s.seconds > 0 ? static_cast<double>(s.documents) / s.seconds : 0;
      fmt::print("xxgk merge: {} shards, {} documents in {:.1f} s ({:.0f} documents/s) into {}{}\n", s.shards, s.documents,
                 s.seconds, rate, o->db, s.created ? " (new)" : "");
      fmt::print("  new {}, revision {}, retried {}, skipped (already in the target) {}\n", s.added, s.revised, s.retried,
                 s.skipped);
      if (s.successors_updated)
        fmt::print("  next-year reports whose cross-year findings were updated: {}\n", s.successors_updated);
      for (const auto& [table, n] : s.rows_copied) fmt::print("  {}: {} rows copied\n", table, n);
    } catch (const MergeRefused& e) {
      spdlog::error("{}", e.what());
      g.exit_status = 2;
    } catch (const SchemaError& e) {
      spdlog::error("{}", e.what());
      g.exit_status = 2;
    } catch (const sql::StoreError& e) {
      spdlog::error("the merge did not complete, the target is as it was: {}", e.what());
      g.exit_status = 3;
    }
  });
}

}  // namespace xxgk::cli
