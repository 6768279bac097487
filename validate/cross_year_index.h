// Pairing the reports of one batch across years without holding their records: for each report
// only the few figures cross_year.* read are kept (about 20 cells, a few hundred bytes), so a run
// over many thousands of documents stays small; the records themselves are written as they come.
#pragma once

#include "model/report.h"

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace xxgk {

class CrossYearIndex {
 public:
  // Keeps what cross_year.* need of the report at position `index` of the batch (nothing when it
  // has no agency or year, or failed). Not thread-safe: call from the thread that emits records.
  void add(std::size_t index, const Report& report);

  // Call once every report of the batch is added: groups the kept reports by agency and year.
  void finish();

  // The cross-year findings of the report at batch position `index` (after finish()): against each
  // report of the same agency for the year before, in the validator's order. A previous year printed
  // twice with the same figures (an HTML page and its PDF) is compared once, against the first.
  // Computed on demand, so a batch's findings are never all held at once.
  std::vector<Finding> findings_for(std::size_t index) const;

  // findings_for every report that has any, by batch position (small batches, tests).
  std::map<std::size_t, std::vector<Finding>> findings();

  std::size_t size() const { return kept_.size(); }

 private:
  struct Cell {
    double value = 0;
    int page = 0;             // 0: no page
    unsigned char state = 0;  // 0 not printed, 1 a number, 2 printed but not a number (raw kept)
    signed char decimals = 0;
  };
  struct Kept {
    std::size_t index;
    std::string path;
    std::string agency;
    int year;
    std::vector<Cell> cells;                 // one per address of kAddresses
    std::vector<std::pair<int, std::string>> raws;  // printed text of the cells that are not numbers
  };
  Report rebuild(const Kept& k) const;
  static bool same_figures(const Kept& a, const Kept& b);

  std::vector<Kept> kept_;  // in batch order
  // agency → year → the positions in kept_ of its reports.
  std::unordered_map<std::string, std::map<int, std::vector<std::size_t>>> by_agency_;
};

}  // namespace xxgk
