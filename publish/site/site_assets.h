// The site's stylesheet and scripts, built into the binary from publish/site/assets/ (see
// publish/CMakeLists.txt and site/embed_assets.cmake).
#pragma once

namespace xxgk::site {

extern const char* const kSiteCss;    // assets/site.css (the report tables' style is appended when written)
extern const char* const kReportsJs;  // assets/reports.js: the reports index
extern const char* const kReviewJs;   // assets/review.js: verdicts on findings kept in the browser, downloaded as TSV

}  // namespace xxgk::site
