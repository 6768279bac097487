#include "cli/commands.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace xxgk::cli {

void add_global_options(CLI::App& app, Globals& g) {
  app.add_option("--log-level", g.log_level, "Log level on standard error: trace, debug, info, warn, error, off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
  app.add_option("--log-file", g.log_file, "Also write the log to this file (appended)");
}

void setup_logging(const Globals& g) {
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  if (!g.log_file.empty()) sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(g.log_file, false));
  auto logger = std::make_shared<spdlog::logger>("xxgk", sinks.begin(), sinks.end());
  logger->set_level(spdlog::level::from_str(g.log_level));
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  spdlog::set_default_logger(logger);
}

}  // namespace xxgk::cli
