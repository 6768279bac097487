// Tidy CSV for spreadsheets and pandas: figures.csv (one row per figure), findings.csv (one row per
// finding), reports.csv (one row per document), indicators.csv (one row per report and indicator).
// UTF-8 with a byte-order mark so that Excel opens the Chinese text correctly (pandas reads it with the default encoding); RFC 4180 quoting;
// a blank cell has an empty `value` and its printed text in `raw`, so a blank is never a zero.
// Text that a spreadsheet would run as a formula (a hostile document's title =HYPERLINK(…)) is
// written with a leading apostrophe (see spreadsheet_safe).
#pragma once

#include "audit/store.h"

#include <string>

namespace xxgk {

struct CsvExportCounts {
  size_t reports = 0, figures = 0, findings = 0, indicators = 0;
};

// Writes the four files into `dir` (created if missing), and datapackage.json describing them. all_revisions: also documents that a
// later revision superseded (with `is_current` 0); by default only current documents.
CsvExportCounts export_csv(Store& store, const std::string& dir, bool all_revisions);

// One CSV field, quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view s);

// A text field as a spreadsheet should show it: text starting with =, +, -, @, a tab or a carriage
// return, which Excel and LibreOffice would evaluate as a formula, gets a leading apostrophe (shown
// by neither; the OWASP advice on CSV injection). Plain numbers (-3, +1.5) and runs of dashes (the
// printed blank "-") are left as they are: spreadsheets read them as a number or as text.
std::string spreadsheet_safe(std::string_view s);

}  // namespace xxgk
