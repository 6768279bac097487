// The table reader: walks the grid rows of every table block and gives each value cell its
// (table, row, col). Row labels are resolved by normalize/catalogue (exact first, then by
// similarity, never across tables by similarity); labels wrapped over several grid rows and
// labels built from merged cells are resolved from their parts; column headers by
// normalize/columns. Reading decisions that are doubts become findings or problems.
#include "normalize/tables.h"

#include "model/categories.h"
#include "model/deadline.h"
#include "normalize/catalogue.h"
#include "normalize/columns.h"
#include "normalize/grid.h"
#include "normalize/table_reader.h"
#include "text/text.h"

#include <spdlog/spdlog.h>

namespace xxgk {

TableReader::TableReader(const Document& doc) : doc_(doc), grid_(build_grid(doc)) {}

TableReading TableReader::run() {
  prefer_2019_ = any_2019_evidence();
  for (const auto& b : grid_.blocks) read_block(b);
  finish();
  return std::move(out_);
}

// ----- blocks -------------------------------------------------------------------------------

TableReader::BlockEvidence TableReader::evidence(const GridBlock& b) const {
  BlockEvidence ev;
  std::map<Kind, std::set<std::string_view>> ids;
  bool data_seen = false;
  for (size_t i = b.first_row; i < b.end_row; ++i) {
    const GridRow& r = grid_.rows[i];
    for (const auto& t : r.label_texts()) {
      const std::string k = label_key(t);
      if (k.find("逾期不补正") != std::string::npos || k.find("缴纳费用") != std::string::npos) ev.has_2021_other = true;
    }
    if (r.numbers == 0 && r.marks == 0) {
      if (const Kind k = header_kind(r); k != Kind::None) {
        if (ev.header == Kind::None) ev.header = k;
        if (!data_seen && ev.first_header == Kind::None) ev.first_header = k;
        continue;
      }
    }
    if (!r.has_values()) continue;
    data_seen = true;
    ev.any_values = true;
    for (Kind k : {Kind::Proactive, Kind::Requests, Kind::Review})
      if (auto m = match_label_path(table_name(k), "row", r.label_texts()); m && !m->fuzzy) ids[k].insert(m->entry->id);
  }
  for (const auto& [k, s] : ids)
    if (static_cast<int>(s.size()) > ev.best_rows) {
      ev.best_rows = static_cast<int>(s.size());
      ev.best_kind = k;
    }
  return ev;
}

void TableReader::read_block(const GridBlock& b) {
  const BlockEvidence ev = evidence(b);
  const Kind by_part = kind_of_part(b.part);
  // A table under 一、五、六 (a fee table in part six, a list in the overview) is read only when it
  // carries a header of one of the three tables; elsewhere it must show what it is.
  const bool outside = b.part == 0 || b.part >= 4;
  bool ours = ev.header != Kind::None || ev.best_rows >= 2 || (by_part != Kind::None && ev.any_values);
  if (outside && ev.header == Kind::None) ours = false;
  if (!ours) {
    if (ev.any_values) spdlog::debug("table block {} is none of the three statistical tables: not read", b.block);
    return;
  }
  Kind start = ev.first_header;
  if (start == Kind::None) start = by_part;
  if (start == Kind::None && ev.best_rows >= 2) start = ev.best_kind;
  if (start == Kind::None) start = kind_;  // a table continued from the previous block
  set_kind(start);
  block_ = b.block;
  block_end_ = b.end_row;
  block_has_2021_other_ = ev.has_2021_other;
  pending_.clear();
  headers_.clear();
  review_pending_values_.clear();
  for (size_t i = b.first_row; i < b.end_row; ++i) handle_row(i);
}

// ----- rows ---------------------------------------------------------------------------------

void TableReader::handle_row(size_t i) {
  check_document_deadline();  // a table of 100,000 rows must not run past --doc-timeout
  const GridRow& r = grid_.rows[i];
  if (r.is_note()) return;
  if (r.labels.empty() && !r.has_values()) {
    // A row of blanks is the 15 figures of review_litigation in a blank form; else a spacer.
    if (review_waiting() && r.values.size() >= 15) read_review_values(r.values, r);
    return;
  }
  if (r.numbers == 0 && r.marks == 0 && handle_header(i)) {
    last_was_data_ = false;
    return;
  }
  if (review_waiting()) {
    // The one row of 15 numbers, perhaps wrapped over two lines, perhaps under a stray label.
    auto res = resolve(i, true);
    if (!res && r.has_values()) {
      review_pending_values_.insert(review_pending_values_.end(), r.values.begin(), r.values.end());
      if (review_pending_values_.size() >= 15) {
        read_review_values(review_pending_values_, r);
        review_pending_values_.clear();
      }
      return;
    }
  }
  auto res = resolve(i, false);
  if (!r.has_values()) {
    // Label only: a group label, a wrapped fragment, or a leaf whose figures stand on the next
    // grid row. A leaf over a row of blank cells is a blank form's row, read as blanks.
    if (!res || r.values.empty() || values_follow(i)) {
      note_groups(r);
      pending_.push_back(i);
      return;
    }
  }
  if (!res) {
    pending_.clear();
    if (kind_ == Kind::None) return;
    if (r.labels.empty()) {
      problem(fmt::format("{}有一行{}个数字没有行标签，无法确定所属的行", table_zh(table_name(kind_)), r.values.size()),
              fmt::format("a row of {} figures in table {} has no label: its row cannot be told", r.values.size(),
                          table_name(kind_)));
      return;
    }
    std::string printed;
    for (const auto& t : r.label_texts()) printed += t;
    res = Resolved{table_name(kind_), unmapped_id(printed), false, display_form(printed)};
    unmapped_label(res->table, "row", res->id, res->printed, r.page());
  }
  pending_.clear();
  last_was_data_ = true;
  set_kind(kind_of(res->table));
  if (res->fuzzy) fuzzy_label(res->table, "row", res->id, res->printed, r.page());
  if (res->table == "requests") read_requests_row(r, *res);
  else if (res->table == "proactive") read_proactive_row(r, *res);
  else read_review_row(r, *res);
}

bool TableReader::values_follow(size_t i) const {
  for (size_t j = i + 1; j < block_end_; ++j) {
    const GridRow& n = grid_.rows[j];
    if (n.is_note() || (n.labels.empty() && !n.has_values())) continue;
    if (!n.has_values()) return false;
    if (n.labels.empty()) return true;
    auto m = match_label_path(table_name(kind_), "row", n.label_texts(), group_);
    return !m || m->fuzzy;
  }
  return false;
}

void TableReader::note_groups(const GridRow& r) {
  for (const auto& t : r.label_texts())
    for (const auto& seg : split_label(t)) {
      if (auto g = match_group(seg.text)) {
        if (*g != LabelGroup::LegalPerson) group_ = *g;
      } else if (kind_ == Kind::Requests && seg.level == 2) {
        if (auto gn = group_by_number(seg.number, seg.text)) group_ = *gn;
      }
    }
}

// ----- labels -------------------------------------------------------------------------------

std::vector<TableReader::Candidate> TableReader::candidates(size_t i) const {
  const GridRow& r = grid_.rows[i];
  std::vector<size_t> before(pending_.end() - std::min<ptrdiff_t>(3, static_cast<ptrdiff_t>(pending_.size())),
                             pending_.end());
  std::vector<size_t> after;
  for (size_t j = i + 1; j < block_end_ && after.size() < 3; ++j) {
    const GridRow& n = grid_.rows[j];
    if (n.has_values() || n.labels.empty() || n.is_note() || header_kind(n) != Kind::None) break;
    // A row whose label opens with an enumerator (2. 3. 4. of sub-rows left blank) is an item of
    // its own, not the rest of this row's label wrapped onto the next line.
    if (split_label(n.labels.back()->text).front().level != 0) break;
    after.push_back(j);
  }
  std::vector<Candidate> out;
  out.push_back({r.label_texts(), 0});
  for (size_t extra = 1; extra <= before.size() + after.size(); ++extra)
    for (size_t p = std::min(extra, before.size()) + 1; p-- > 0;) {
      const size_t q = extra - p;
      if (q > after.size()) continue;
      std::vector<size_t> window(before.end() - static_cast<ptrdiff_t>(p), before.end());
      window.push_back(i);
      window.insert(window.end(), after.begin(), after.begin() + static_cast<ptrdiff_t>(q));
      // Column by column where the rows share a grid: a tall group label in one column, the
      // wrapped leaf in the next.
      if (r.aligned) {
        std::map<int, std::string> by_col;
        for (size_t w : window)
          for (const GridCell* l : grid_.rows[w].labels) by_col[l->ref.col] += l->text;
        std::vector<std::string> parts;
        for (auto& [c, t] : by_col) parts.push_back(std::move(t));
        out.push_back({std::move(parts), static_cast<int>(extra)});
      }
      std::string joined;
      for (size_t w : window)
        for (const auto& t : grid_.rows[w].label_texts()) joined += t;
      out.push_back({{joined}, static_cast<int>(extra)});
    }
  return out;
}

std::optional<TableReader::Resolved> TableReader::resolve(size_t i, bool review_only) {
  const GridRow& r = grid_.rows[i];
  const std::string current = kind_ == Kind::None ? "" : table_name(kind_);
  // The 2019 single row （六）其他处理: the group label itself carries figures. Not in a table that
  // prints the 2021 sub-rows, where the group label may share a grid row with a sub-row's figures.
  if (r.has_values() && !r.labels.empty() && !review_only && !block_has_2021_other_ &&
      (kind_ == Kind::Requests || kind_ == Kind::None)) {
    const auto segs = split_label(r.labels.back()->text);
    if (!segs.empty() && match_group(segs.back().text) == LabelGroup::Other)
      return Resolved{"requests", "other_processing", false, display_form(r.labels.back()->text)};
  }
  std::vector<std::string> tables;
  if (review_only) tables = {"review_litigation"};
  else if (current.empty()) tables = {""};
  else tables = {current, ""};
  const auto cands = candidates(i);
  for (bool fuzzy_pass : {false, true})
    for (const auto& c : cands)
      for (const auto& t : tables) {
        auto m = match_label_path(t, "row", c.parts, group_);
        if (!m || m->fuzzy != fuzzy_pass) continue;
        const LabelEntry& e = *m->entry;
        // Similarity never moves a row into another table, and a short label never does.
        if (t.empty() && !current.empty() && e.table != current && (fuzzy_pass || !may_switch_to(e))) continue;
        if (e.member_of != LabelGroup::None) group_ = e.member_of;
        else if (e.table == "requests") group_ = LabelGroup::None;
        std::string printed;
        for (const auto& p : c.parts) printed += (printed.empty() ? "" : " ") + p;
        return Resolved{std::string(e.table), std::string(e.id), m->fuzzy, display_form(printed)};
      }
  return std::nullopt;
}

bool TableReader::may_switch_to(const LabelEntry& e) const {
  const std::string k = label_key(e.variants.front());
  if (u8_length(k) < 4) return false;
  for (const auto& other : label_catalogue()) {
    if (other.table != table_name(kind_)) continue;
    for (auto v : other.variants)
      for (auto w : e.variants)
        if (label_key(v) == label_key(w)) return false;
  }
  return true;
}

TableReading read_tables(const Document& doc) { return TableReader(doc).run(); }

}  // namespace xxgk
