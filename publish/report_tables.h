// A report's three tables as HTML, as the audit report and the site's report pages show them:
// every cell a finding read is highlighted with that finding's severity and carries its number,
// and the findings of the table are listed beside it, each with its rule and message.
#pragma once

#include "model/report.h"

#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgk {

// The parts of the report each table belongs to, as the report prints their headings.
inline constexpr std::pair<std::string_view, std::string_view> kTableHeadings[] = {
    {"proactive", "二、主动公开政府信息情况"},
    {"requests", "三、收到和处理政府信息公开申请情况"},
    {"review_litigation", "四、政府信息公开行政复议、行政诉讼情况"},
};

// Text for HTML element content and attribute values (& < > " ').
std::string html_escape(std::string_view s);

// The cells a finding points at: its `cells`, or the line it names when it lists none.
std::vector<CellAddress> finding_cells(const Finding& f);

// What a page adds to each finding's list item (the site's review control): `attributes[k]` inside
// r.findings[k]'s <li> tag (" data-key=\"…\""), `after[k]` at the end of its content. Empty: nothing.
struct FindingExtras {
  std::vector<std::string> attributes, after;
};

// One table with its heading; `numbers[k]` is the number shown for r.findings[k] (findings are
// numbered once per report). A table the report lacks says so (and still lists its findings).
void write_report_table(std::ostream& out, const Report& r, std::string_view table, std::string_view heading,
                        const std::vector<int>& numbers, const std::string& lang, const FindingExtras* extras = nullptr);

// The CSS the tables need (classes grid, hit, findings …), shared by every page that shows them.
extern const char* const kReportTableStyle;

}  // namespace xxgk
