// The table reader's state machine, shared by tables.cpp (blocks, rows, labels) and
// table_figures.cpp (headers, columns, figures, findings). Not part of the normalize/ interface:
// use read_tables() from tables.h.
#pragma once

#include "normalize/catalogue.h"
#include "normalize/grid.h"
#include "normalize/tables.h"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

namespace xxgk {

enum class Kind { None, Proactive, Requests, Review };

const char* table_name(Kind k);
Kind kind_of(std::string_view table);
Kind kind_of_part(int part);  // 二 → Proactive, 三 → Requests, 四 → Review
const char* table_zh(std::string_view table);

class TableReader {
 public:
  explicit TableReader(const Document& doc);
  TableReader(Document&&) = delete;  // the grid points into the document's cells: it must outlive the reader
  TableReading run();

 private:
  struct BlockEvidence {
    Kind header = Kind::None;        // the first header or marker of one of the three tables
    Kind first_header = Kind::None;  // ... when it stands before any row of figures
    Kind best_kind = Kind::None;     // the table most row labels belong to
    int best_rows = 0;               // how many distinct canonical rows of it
    bool any_values = false;
    bool has_2021_other = false;  // prints the 2021 sub-rows of （六）其他处理
  };
  struct Candidate {
    std::vector<std::string> parts;  // label parts, left to right
    int extra = 0;                   // label-only rows borrowed around the row
  };
  struct Resolved {
    std::string table, id;
    bool fuzzy = false;
    std::string printed;  // display form of the label as printed
  };

  // tables.cpp
  BlockEvidence evidence(const GridBlock& b) const;
  void read_block(const GridBlock& b);
  void handle_row(size_t i);
  bool values_follow(size_t i) const;
  void note_groups(const GridRow& r);
  std::vector<Candidate> candidates(size_t i) const;
  std::optional<Resolved> resolve(size_t i, bool review_only);
  bool may_switch_to(const LabelEntry& e) const;

  // table_figures.cpp
  bool any_2019_evidence() const;
  Kind header_kind(const GridRow& r) const;
  bool handle_header(size_t i);
  void set_kind(Kind k);
  bool review_waiting() const { return kind_ == Kind::Review && review_header_seen_ && !review_values_read_; }
  std::vector<int> header_rows(Kind k) const;
  void read_requests_row(const GridRow& r, const Resolved& row);
  void read_proactive_row(const GridRow& r, const Resolved& row);
  void read_review_row(const GridRow& r, const Resolved& row);
  void read_review_values(const std::vector<const GridCell*>& values, const GridRow& r);
  bool read_by_header(Kind k, const GridRow& r, const std::string& row_id);
  const std::optional<ColumnMatch>& column_under(const std::string& table, const std::vector<int>& header_rows, int col);
  bool read_in_order(const std::string& table, const GridRow& r, const std::string& row_id,
                     const std::vector<std::string>& cols);
  void add_figure(const std::string& table, const std::string& row, const std::string& col, const GridCell& c,
                  std::optional<int> page);
  void unmapped_label(const std::string& table, const std::string& axis, const std::string& id,
                      const std::string& printed, std::optional<int> page);
  void fuzzy_label(const std::string& table, const std::string& axis, const std::string& id,
                   const std::string& printed, std::optional<int> page, bool by_place = false);
  void name_by_place(const std::string& table, const std::string& row_id,
                     std::vector<std::pair<const GridCell*, ColumnMatch>>& mapped) const;
  void name_rows_by_place(const std::string& table);
  void problem(std::string zh, std::string en);
  void missing_cells(std::string_view table, bool table_2019);
  void finish();

  const Document& doc_;
  Grid grid_;
  TableReading out_;

  Kind kind_ = Kind::None;
  LabelGroup group_ = LabelGroup::None;
  bool prefer_2019_ = false;
  int block_ = -1;
  size_t block_end_ = 0;
  bool block_has_2021_other_ = false;
  // Row labels that read as no id, as printed, by (table, x_ id): a row named later by its place
  // is reported with them.
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::optional<int>>> unread_rows_;
  // The figures' addresses (table, row, col joined by '\x1f'), for add_figure to find a second
  // reading of one in a hash: comparing with every figure read so far was 2% of an HTML report's
  // instructions. Rows renamed by their place are renamed here too.
  std::unordered_set<std::string> addresses_;
  bool last_was_data_ = false;
  std::vector<size_t> pending_;               // label-only rows since the last row of figures
  std::map<Kind, std::vector<size_t>> headers_;  // header rows of the current block, per table
  std::vector<std::string> proactive_cols_;   // the last proactive header, in printed order
  // match_column of the header texts above a column, by (table, block, header rows, column): every
  // row under a header asks for the same columns.
  std::map<std::tuple<std::string, int, std::vector<int>, int>, std::optional<ColumnMatch>> columns_under_;
  bool review_header_seen_ = false;
  bool review_values_read_ = false;
  std::vector<const GridCell*> review_pending_values_;
};

}  // namespace xxgk
