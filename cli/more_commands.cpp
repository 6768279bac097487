#include "cli/commands.h"

namespace xxgk::cli {

// audit and export are added here when they land.
void add_more_commands(CLI::App&, Globals&) {}

}  // namespace xxgk::cli
