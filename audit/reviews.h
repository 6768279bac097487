// The auditors' review of findings (`xxgk review`): a verdict (confirmed, dismissed, open), a
// note, who and when, recorded against a finding's stable key (audit/finding_keys.h) in the
// append-only table `reviews` (docs/schema.md). A verdict stays in force while the finding shows
// the same numbers, also in a new revision of its report; when they change the finding needs a
// new look (state `changed`). Reviews move between stores, and into version control, as TSV.
#pragma once

#include "audit/store.h"

#include <optional>
#include <string>
#include <vector>

namespace xxgk {

inline constexpr const char* kVerdicts[] = {"confirmed", "dismissed", "open"};
// A current finding's state: its verdict in force, or `changed` (reviewed with other numbers).
inline constexpr const char* kFindingStates[] = {"open", "confirmed", "dismissed", "changed"};

class ReviewError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Review {
  std::string finding_key, verdict, note, reviewer, reviewed_at;
  std::optional<std::string> figures, agency_id;
  std::optional<int> year;
  std::optional<std::string> rule;
};

// A failing finding of a current report, as a reviewer sees it.
struct ReviewedFinding {
  std::string finding_key;
  std::int64_t document_id = 0;
  std::string path;
  std::optional<std::string> agency, agency_id;
  std::optional<int> year;
  std::string rule, severity, message_zh, message_en, figures;
  std::string state;             // open, confirmed, dismissed, changed
  std::optional<Review> latest;  // the review in force (or the stale one, for `changed`)
};

// Records a verdict on the current finding with this key, with its figures now. Throws ReviewError
// for an unknown verdict or a key no current report's finding has.
Review add_review(Store& store, const std::string& key, const std::string& verdict, const std::string& note,
                  const std::string& reviewer, const std::string& reviewed_at);

// The failing findings of the current reports (agency, year, rule order), each with its state;
// only those in `state` when given.
std::vector<ReviewedFinding> reviewed_findings(Store& store, const std::optional<std::string>& state = std::nullopt);

// Every review of the key, oldest first.
std::vector<Review> review_history(Store& store, const std::string& key);

// Failing findings of the current reports by state (open, confirmed, dismissed, changed).
struct FindingCounts {
  size_t open = 0, confirmed = 0, dismissed = 0, changed = 0;
  size_t still_open() const { return open + confirmed + changed; }  // what is not dismissed
};
FindingCounts finding_counts(Store& store);

// The TSV (header line, then one review a line, oldest first; \t \n \r \\ escaped as such).
inline constexpr const char* kReviewTsvHeader = "finding_key\tverdict\tnote\treviewer\treviewed_at\tfigures\tagency_id\tyear\trule";
std::string reviews_tsv(Store& store);
// Appends the TSV's reviews the store does not hold yet (the same key, verdict, note, reviewer,
// time and figures: already there), in one transaction; returns how many were added and how many
// were there. A line that cannot be read throws ReviewError naming it, and nothing is added.
struct ImportCounts {
  size_t added = 0, already = 0;
};
ImportCounts import_reviews_tsv(Store& store, const std::string& tsv, const std::string& source, const std::string& now);

}  // namespace xxgk
