// The auditor's review on the site: each failing finding a page lists carries its stable key and the
// verdict the store holds for it, and assets/review.js adds a control that records a verdict in the
// browser (localStorage) and downloads the list as the TSV `xxgk review import` reads. What a TSV
// line needs beyond the page's markup (the finding's numbers, its agency and year) is in one JSON
// block per page.
#pragma once

#include "model/report.h"
#include "publish/site/site_data.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace xxgk::site {

// The verdicts as the site names them, in the TSV's words.
struct VerdictLabel {
  std::string_view verdict, zh;
};
inline constexpr VerdictLabel kVerdictLabels[] = {
    {"confirmed", "确认有误"}, {"dismissed", "排除"}, {"open", "待查"}, {"changed", "复核后数字有变"}};

// Only failing findings are reviewed (as `xxgk review list`): a not-assessable one claims nothing.
bool reviewable(const FindingReview& r);

class ReviewMarks {
 public:
  // `self`: the page's root-relative path.
  explicit ReviewMarks(std::string self) : self_(std::move(self)) {}
  // Registers a finding the page lists; returns what goes into its <li> tag (data-key, data-verdict),
  // "" when it is not reviewable.
  std::string attributes(const FindingReview& r, const std::string& rule, const std::optional<std::string>& agency_id,
                         std::optional<int> year, const std::string& agency);
  // The verdict the store holds, shown inside the finding's <li> ("" when never reviewed).
  static std::string stored_verdict(const FindingReview& r);
  // <script type="application/json" id="review-data">…</script> and the control's script; "" when
  // the page lists no reviewable finding.
  std::string block() const;
  bool empty() const { return findings_.empty(); }

 private:
  std::string self_;
  nlohmann::json findings_ = nlohmann::json::object();
};

// reviews.html: every mark kept in this browser, the download, and how to import it.
std::string reviews_page();

}  // namespace xxgk::site
