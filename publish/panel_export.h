// `xxgk export --panel FILE.csv`: the researcher's table, one row per agency and year (the current
// revision), with where the agency sits, the report's status, one column per canonical figure
// (`table.row.col`, contract order, both templates' cells) and the failed rules by severity; a
// blank, not-applicable or unread figure is an empty field, never 0. datapackage.json beside it.
#pragma once

#include "audit/store.h"

#include <string>
#include <vector>

namespace xxgk {

// The canonical figure columns of the panel: every (table, row, col) a template has, in contract order.
std::vector<std::string> panel_figure_columns();

struct PanelCounts {
  size_t rows = 0;          // agency × year rows written
  size_t documents = 0;     // current documents behind them
  size_t left_out = 0;      // current documents with no agency identity or no year (not in the panel)
};

// Writes `file` (UTF-8 with a byte-order mark, CRLF, written whole then renamed) and adds the
// `panel` resource to datapackage.json in its folder.
PanelCounts export_panel(Store& store, const std::string& file);

}  // namespace xxgk
