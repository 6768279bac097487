#include "normalize/tables.h"

#include "model/categories.h"
#include "normalize/catalogue.h"
#include "text/numbers.h"
#include "text/text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

namespace xxgk {
namespace {

// ---------------------------------------------------------------------------------------------
// Logical rows: a grid row with horizontal merge copies dropped (a value printed once counts
// once) and vertical merge copies kept (they are the label context of the rows they span).

struct LCell {
  const Cell* cell = nullptr;
  CellRef ref;
  CellValue parsed;
};

struct LRow {
  int block = -1;
  int row = -1;
  bool rectangular = false;
  int width = 0;
  std::vector<LCell> cells;
  // Filled by split_row():
  std::vector<const LCell*> labels;  // non-empty label cells, left to right, consecutive copies merged
  std::vector<const LCell*> values;  // the trailing run of value-like cells
  int numbers = 0;                   // how many of `values` hold a number
};

// A 2019 本年增/减 figure (增3 / 减4): text to parse_cell, a number to the change column it
// stands in, so it must not end a row's run of values.
bool is_change_figure(const LCell& c) {
  return c.parsed.kind == CellKind::Text && parse_cell(c.cell->text, true).kind == CellKind::Number;
}

void split_row(LRow& r) {
  size_t first_value = r.cells.size();
  while (first_value > 0 && (is_value_like(r.cells[first_value - 1].parsed) || is_change_figure(r.cells[first_value - 1])))
    --first_value;
  for (size_t i = 0; i < first_value; ++i) {
    const LCell& c = r.cells[i];
    if (c.cell->text.empty()) continue;
    if (!r.labels.empty() && r.labels.back()->cell->text == c.cell->text) continue;
    r.labels.push_back(&c);
  }
  for (size_t i = first_value; i < r.cells.size(); ++i) {
    r.values.push_back(&r.cells[i]);
    if (r.cells[i].parsed.kind == CellKind::Number || is_change_figure(r.cells[i])) ++r.numbers;
  }
}

std::vector<LRow> logical_rows(const Document& doc) {
  std::vector<LRow> out;
  for (size_t b = 0; b < doc.blocks.size(); ++b) {
    if (!doc.blocks[b].is_table()) continue;
    const Table& t = doc.blocks[b].table();
    for (size_t r = 0; r < t.rows.size(); ++r) {
      LRow lr;
      lr.block = static_cast<int>(b);
      lr.row = static_cast<int>(r);
      lr.rectangular = !t.ragged;
      lr.width = static_cast<int>(t.rows[r].size());
      for (size_t c = 0; c < t.rows[r].size(); ++c) {
        const Cell& cell = t.rows[r][c];
        if (cell.covered && cell.anchor_row == static_cast<int>(r)) continue;  // horizontal copy
        LCell lc;
        lc.cell = &cell;
        lc.ref = CellRef{static_cast<int>(b), static_cast<int>(r), static_cast<int>(c)};
        lc.parsed = parse_cell(cell.text);
        lr.cells.push_back(lc);
      }
      split_row(lr);
      out.push_back(std::move(lr));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

enum class Kind { None, Proactive, Requests, Review };

const char* table_name(Kind k) {
  switch (k) {
    case Kind::Proactive: return "proactive";
    case Kind::Requests: return "requests";
    case Kind::Review: return "review_litigation";
    default: return "";
  }
}

Kind kind_of(std::string_view table) {
  if (table == "proactive") return Kind::Proactive;
  if (table == "requests") return Kind::Requests;
  if (table == "review_litigation") return Kind::Review;
  return Kind::None;
}

const char* table_zh(std::string_view table) {
  if (table == "proactive") return "主动公开情况表";
  if (table == "requests") return "依申请公开情况表";
  if (table == "review_litigation") return "行政复议、行政诉讼情况表";
  return "表格";
}

std::vector<std::string> canonical_cols(std::string_view table) {
  std::vector<std::string> out;
  for (auto id : category_ids(table, "col")) out.emplace_back(id);
  return out;
}

// Column ids of the proactive sub-tables when no header row says which (header lost in a
// copy, or a row whose value count does not match the last header).
std::vector<std::string> default_proactive_cols(std::string_view row, size_t n, bool prefer_2019) {
  using V = std::vector<std::string>;
  if (row == "regulations" || row == "normative_documents") {
    if (n == 3) return prefer_2019 ? V{"made", "published", "published_total"} : V{"issued", "repealed", "in_force"};
  } else if (row == "licensing" || row == "other_services" || row == "penalty" || row == "coercion") {
    if (n == 1) return V{"decisions"};
    if (n == 3) return V{"previous_items", "change", "decisions"};
  } else if (row == "fees") {
    if (n == 1) return V{"amount"};
    if (n == 2) return V{"previous_items", "change"};
  } else if (row == "procurement") {
    if (n == 2) return V{"procurement_items", "procurement_amount"};
  }
  return {};
}

std::string x_id(std::string_view label) {
  std::string k = label_key(label);
  if (k.empty()) k = "unlabelled";
  return "x_" + k;
}

struct ResolvedRow {
  std::string table;
  std::string id;  // canonical or x_
  bool fuzzy = false;
  std::string printed;  // the label as printed (joined)
};

class TableReader {
 public:
  explicit TableReader(const Document& doc) : doc_(doc), rows_(logical_rows(doc)) {}

  TableReading run() {
    prefer_2019_ = any_2019_evidence();
    int current_block = -1;
    for (size_t i = 0; i < rows_.size(); ++i) {
      const LRow& r = rows_[i];
      if (r.block != current_block) {
        current_block = r.block;
        block_recognised_ = false;
        header_rows_.clear();
        pending_.clear();
      }
      handle_row(i);
    }
    check_completeness();
    return std::move(out_);
  }

 private:
  // ----- row classification -----

  bool any_2019_evidence() const {
    for (const auto& r : rows_)
      for (const LCell* l : r.labels) {
        auto k = label_key(l->cell->text);
        if (k == "本年新制作数量" || k == "其他对外管理服务事项" || k == "政府集中采购" || k == "上一年项目数量")
          return true;
      }
    return false;
  }

  static bool key_contains(const LCell* c, std::string_view needle) {
    return label_key(c->cell->text).find(needle) != std::string::npos;
  }

  bool is_proactive_header(const LRow& r) const {
    for (const LCell* l : r.labels)
      if (label_key(l->cell->text) == "信息内容") return true;
    return false;
  }

  bool is_marker(const LRow& r, Kind& kind) const {
    for (const LCell* l : r.labels) {
      if (key_contains(l, "第二十条")) { kind = Kind::Proactive; return true; }
      if (key_contains(l, "申请人情况") || key_contains(l, "勾稽关系")) { kind = Kind::Requests; return true; }
    }
    return false;
  }

  int count_col_labels(const LRow& r, std::string_view table) const {
    int n = 0;
    for (const LCell* l : r.labels)
      if (match_label(table, "col", l->cell->text, LabelGroup::LegalPerson)) ++n;
    return n;
  }

  bool is_review_header(const LRow& r) const {
    bool review = false, litigation = false;
    for (const LCell* l : r.labels) {
      auto k = label_key(l->cell->text);
      if (k == "行政复议") review = true;
      if (k == "行政诉讼" || k == "未经复议直接起诉" || k == "复议后起诉") litigation = true;
    }
    return (review && litigation) || count_col_labels(r, "review_litigation") >= 2;
  }

  // ----- main loop -----

  void handle_row(size_t i) {
    const LRow& r = rows_[i];
    if (r.labels.empty() && r.numbers == 0) {
      // A row of blanks is the 15 figures of review_litigation in a blank form; else a spacer.
      if (kind_ == Kind::Review && review_header_seen_ && !review_row_read_ && r.values.size() >= 15)
        read_review_15(r, r.values);
      return;
    }
    if (r.numbers == 0) {
      Kind k = Kind::None;
      if (is_proactive_header(r)) {
        set_kind(Kind::Proactive);
        read_proactive_header(r);
        return;
      }
      if (is_marker(r, k)) {
        set_kind(k);
        return;
      }
      if (is_review_header(r)) {
        set_kind(Kind::Review);
        review_header_seen_ = true;
        return;
      }
      if (count_col_labels(r, "requests") >= 2) {
        set_kind(Kind::Requests);
        header_rows_.push_back(i);
        return;
      }
    }
    if (kind_ == Kind::Review && review_header_seen_ && !review_row_read_) {
      // The one row of 15 numbers, perhaps wrapped over two lines, perhaps with a stray label.
      auto resolved = resolve(r, i);
      if (!resolved || resolved->table != "review_litigation") {
        review_accum_.insert(review_accum_.end(), r.values.begin(), r.values.end());
        if (review_accum_.size() >= 15) {
          read_review_15(r, review_accum_);
          review_accum_.clear();
        }
        return;
      }
    }
    if (r.values.empty()) {
      // Label only: a group label, a wrapped fragment, or a note.
      for (const LCell* l : r.labels)
        for (const auto& seg : split_label(l->cell->text)) note_group(seg);
      pending_.push_back(i);
      return;
    }
    auto resolved = resolve(r, i);
    pending_.clear();
    if (!resolved) {
      // A labelled row of figures we do not recognise: kept under x_ ids inside a table we know,
      // ignored in tables that are not one of the three (a fee table in part six, say).
      if (kind_ == Kind::None || !block_recognised_ || r.labels.empty()) return;
      std::string printed;
      for (const LCell* l : r.labels) printed += l->cell->text;
      resolved = ResolvedRow{table_name(kind_), x_id(printed), false, printed};
      unmapped_label(resolved->table, "row", resolved->id, printed, r);
    }
    block_recognised_ = true;
    set_kind(kind_of(resolved->table));
    if (resolved->fuzzy) fuzzy_label(*resolved, r);
    if (resolved->table == "requests") read_requests_row(r, *resolved);
    else if (resolved->table == "proactive") read_proactive_row(r, *resolved);
    else read_review_row(r, *resolved);
  }

  void set_kind(Kind k) {
    if (k != kind_) {
      kind_ = k;
      group_ = LabelGroup::None;
    }
    if (k != Kind::None) block_recognised_ = true;
  }

  void note_group(const LabelSegment& seg) {
    if (auto g = match_group(seg.text)) {
      if (*g != LabelGroup::LegalPerson && *g != LabelGroup::Litigation) group_ = *g;
      return;
    }
    // （三）（四）（五）（六） name their groups by number when the text is garbled.
    if (kind_ == Kind::Requests && seg.level == 2 && seg.text.empty()) {
      static const std::map<int, LabelGroup> by_number = {
          {3, LabelGroup::Withheld}, {4, LabelGroup::Unavailable}, {5, LabelGroup::NotProcessed}, {6, LabelGroup::Other}};
      if (auto it = by_number.find(seg.number); it != by_number.end()) group_ = it->second;
    }
  }

  // ----- labels -----

  std::optional<ResolvedRow> resolve_text(const std::vector<std::string>& texts) {
    std::vector<LabelSegment> segs;
    std::string printed;
    for (const auto& t : texts) {
      printed += t;
      for (auto& s : split_label(t)) segs.push_back(std::move(s));
    }
    while (!segs.empty() && segs.back().text.empty()) segs.pop_back();
    if (segs.empty()) return std::nullopt;
    for (size_t k = 0; k + 1 < segs.size(); ++k) note_group(segs[k]);
    const LabelSegment& leaf = segs.back();
    if (auto g = match_group(leaf.text)) {
      // A group label carrying figures itself: the 2019 single row （六）其他处理.
      if (*g == LabelGroup::Other) return ResolvedRow{"requests", "other_processing", false, printed};
      note_group(leaf);
      return std::nullopt;
    }
    LabelGroup group = group_;
    if (last_requests_row_ == "other_overdue_correction" || last_requests_row_ == "other_unpaid_fee")
      group = LabelGroup::Other;
    std::optional<LabelMatch> m;
    if (kind_ != Kind::None) m = match_label(table_name(kind_), "row", leaf.text, group);
    if (!m) m = match_label("", "row", leaf.text, group);
    if (!m && segs.size() > 1) {
      std::string joined;
      for (const auto& s : segs) joined += s.text;
      m = match_label("", "row", joined, group);
    }
    if (!m) return std::nullopt;
    const LabelEntry& e = *m->entry;
    if (e.member_of != LabelGroup::None) group_ = e.member_of;
    else if (e.table == "requests") group_ = LabelGroup::None;
    return ResolvedRow{std::string(e.table), std::string(e.id), m->fuzzy, printed};
  }

  static std::vector<std::string> label_texts(const LRow& r) {
    std::vector<std::string> out;
    for (const LCell* l : r.labels) out.push_back(l->cell->text);
    return out;
  }

  std::optional<ResolvedRow> resolve(const LRow& r, size_t i) {
    auto own = label_texts(r);
    if (own.empty()) return std::nullopt;
    if (auto m = resolve_text(own)) return m;
    // A label wrapped over several lines: try it with the label-only lines around it.
    if (!pending_.empty()) {
      std::vector<std::string> joined;
      for (size_t p : pending_)
        for (auto& t : label_texts(rows_[p])) joined.push_back(t);
      joined.insert(joined.end(), own.begin(), own.end());
      if (auto m = resolve_text({concat(joined)})) return m;
    }
    if (i + 1 < rows_.size() && rows_[i + 1].values.empty() && !rows_[i + 1].labels.empty() &&
        rows_[i + 1].block == r.block) {
      auto next = label_texts(rows_[i + 1]);
      std::vector<std::string> joined = own;
      joined.insert(joined.end(), next.begin(), next.end());
      if (auto m = resolve_text({concat(joined)})) return m;
    }
    return std::nullopt;
  }

  static std::string concat(const std::vector<std::string>& parts) {
    std::string s;
    for (const auto& p : parts) s += p;
    return s;
  }

  // ----- figures -----

  void add_figure(const std::string& table, const std::string& row, const std::string& col, const LCell& c) {
    for (const auto& f : out_.figures)
      if (f.table == table && f.row == row && f.col == col) {
        spdlog::debug("{}.{}.{} printed twice; the first reading is kept", table, row, col);
        return;
      }
    Figure f;
    f.table = table;
    f.row = row;
    f.col = col;
    f.raw = trim(c.cell->text);
    CellValue v = col == "change" ? parse_cell(c.cell->text, true) : c.parsed;
    if (v.kind == CellKind::Number) {
      f.value = v.value;
      f.decimals = v.decimals;
    }
    f.page = c.cell->page;
    f.confidence = c.cell->confidence;
    f.cell = c.ref;
    out_.figures.push_back(std::move(f));
    out_.tables_found.insert(table);
  }

  void read_requests_row(const LRow& r, const ResolvedRow& row) {
    last_requests_row_ = row.id;
    const auto cols = requests_cols(r);
    if (r.values.size() < cols.size()) {
      problem(fmt::format("依申请公开情况表“{}”一行只读到{}个数字单元格，应为{}个", row.printed, r.values.size(), cols.size()),
              fmt::format("row \"{}\" of the requests table has {} value cells where {} are expected", row.printed,
                          r.values.size(), cols.size()));
      return;
    }
    const size_t off = r.values.size() - cols.size();
    for (size_t k = 0; k < cols.size(); ++k) add_figure("requests", row.id, cols[k], *r.values[off + k]);
  }

  // Column ids of the requests table: from the header when a rectangular grid says so, else the
  // template's order (自然人, five kinds of 法人或其他组织, 总计), which every layout keeps.
  std::vector<std::string> requests_cols(const LRow& r) {
    auto canonical = canonical_cols("requests");
    if (!r.rectangular || header_rows_.empty() || r.values.size() < canonical.size()) return canonical;
    const Table& t = doc_.blocks[static_cast<size_t>(r.block)].table();
    const size_t off = r.values.size() - canonical.size();
    std::vector<std::string> cols;
    for (size_t k = 0; k < canonical.size(); ++k) {
      const int gc = r.values[off + k]->ref.col;
      std::optional<std::string> id;
      LabelGroup group = LabelGroup::None;
      for (size_t h : header_rows_) {
        const LRow& hr = rows_[h];
        if (hr.block != r.block || gc >= static_cast<int>(t.rows[static_cast<size_t>(hr.row)].size())) continue;
        const std::string& text = t.rows[static_cast<size_t>(hr.row)][static_cast<size_t>(gc)].text;
        if (auto g = match_group(text)) group = *g;
        if (auto m = match_label("requests", "col", text, group)) id = std::string(m->entry->id);
      }
      if (!id) return canonical;
      cols.push_back(*id);
    }
    auto sorted = cols;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return canonical;
    return cols;
  }

  void read_proactive_header(const LRow& r) {
    proactive_cols_.clear();
    bool after_content = false;
    for (const LCell* l : r.labels) {
      if (label_key(l->cell->text) == "信息内容") {
        after_content = true;
        continue;
      }
      if (!after_content) continue;
      if (auto m = match_label("proactive", "col", l->cell->text, LabelGroup::None))
        proactive_cols_.emplace_back(m->entry->id);
      else
        proactive_cols_.push_back(x_id(l->cell->text));
    }
    proactive_header_labels_.clear();
    for (const LCell* l : r.labels) proactive_header_labels_.push_back(l->cell->text);
  }

  void read_proactive_row(const LRow& r, const ResolvedRow& row) {
    std::vector<std::string> cols;
    if (!proactive_cols_.empty() && r.values.size() >= proactive_cols_.size()) {
      cols = proactive_cols_;
      // A header that does not fit this row (e.g. left over from the previous sub-table).
      for (const auto& c : cols)
        if (c.rfind("x_", 0) != 0 && !column_applies("proactive", row.id, c)) cols.clear();
    }
    if (cols.empty()) cols = default_proactive_cols(row.id, r.values.size(), prefer_2019_);
    if (cols.empty()) {
      problem(fmt::format("主动公开情况表“{}”一行有{}个数字单元格，无法确定所属的列", row.printed, r.values.size()),
              fmt::format("row \"{}\" of the proactive table has {} value cells that match no column layout",
                          row.printed, r.values.size()));
      return;
    }
    const size_t off = r.values.size() - cols.size();
    for (size_t k = 0; k < cols.size(); ++k) {
      if (cols[k].rfind("x_", 0) == 0) unmapped_label("proactive", "col", cols[k], cols[k].substr(2), r);
      add_figure("proactive", row.id, cols[k], *r.values[off + k]);
    }
  }

  void read_review_row(const LRow& r, const ResolvedRow& row) {
    if (r.values.size() >= 15 && row.id == "review") {
      // A label such as 行政复议 standing before the single row of 15 numbers.
      read_review_15(r, r.values);
      return;
    }
    const auto cols = canonical_cols("review_litigation");
    if (r.values.size() < cols.size()) {
      problem(fmt::format("行政复议、行政诉讼情况表“{}”一行只读到{}个数字单元格，应为5个", row.printed, r.values.size()),
              fmt::format("row \"{}\" of the review/litigation table has {} value cells where 5 are expected",
                          row.printed, r.values.size()));
      return;
    }
    const size_t off = r.values.size() - cols.size();
    for (size_t k = 0; k < cols.size(); ++k) add_figure("review_litigation", row.id, cols[k], *r.values[off + k]);
  }

  void read_review_15(const LRow& r, const std::vector<const LCell*>& values) {
    static const std::array<const char*, 3> rows = {"review", "litigation_direct", "litigation_after_review"};
    const auto cols = canonical_cols("review_litigation");
    const size_t off = values.size() - 15;
    for (size_t k = 0; k < 15; ++k) add_figure("review_litigation", rows[k / 5], cols[k % 5], *values[off + k]);
    review_row_read_ = true;
    block_recognised_ = true;
    (void)r;
  }

  // ----- findings and problems -----

  void unmapped_label(const std::string& table, const std::string& axis, const std::string& id,
                      const std::string& printed, const LRow& r) {
    for (const auto& f : out_.findings)
      if (f.rule == "structure.unmapped_label" && f.table == table && (axis == "row" ? f.row : f.col) == id) return;
    Finding f;
    f.rule = "structure.unmapped_label";
    f.severity = "info";
    f.status = "fail";
    f.table = table;
    if (axis == "row") f.row = id;
    else f.col = id;
    std::optional<int> page = r.cells.empty() ? std::nullopt : r.cells.front().cell->page;
    f.cells.push_back(CellAddress{table, axis == "row" ? id : "", axis == "col" ? id : "", page});
    f.message_zh = fmt::format("{}中的{}标签“{}”不对应任何规范类别，其数字以 {} 保存", table_zh(table),
                               axis == "row" ? "行" : "列", printed, id);
    f.message_en = fmt::format("the {} label \"{}\" in table {} maps to no canonical id; its figures are kept under {}",
                               axis, printed, table, id);
    out_.findings.push_back(std::move(f));
  }

  void fuzzy_label(const ResolvedRow& row, const LRow& r) {
    Finding f;
    f.rule = "structure.fuzzy_label";
    f.severity = "info";
    f.status = "fail";
    f.table = row.table;
    f.row = row.id;
    std::optional<int> page = r.cells.empty() ? std::nullopt : r.cells.front().cell->page;
    f.cells.push_back(CellAddress{row.table, row.id, "", page});
    const CategoryDef* def = find_category(row.table, "row", row.id);
    std::string official = def ? std::string(def->label_zh) : row.id;
    f.message_zh = fmt::format("{}的行标签“{}”与规范标签不完全一致，按近似匹配读作“{}”（{}）", table_zh(row.table),
                               row.printed, official, row.id);
    f.message_en = fmt::format("the row label \"{}\" in table {} differs from every official label; read by similarity as {}",
                               row.printed, row.table, row.id);
    out_.findings.push_back(std::move(f));
  }

  void problem(std::string zh, std::string en) {
    out_.problems_zh.push_back(std::move(zh));
    out_.problems_en.push_back(std::move(en));
  }

  void check_completeness() {
    auto has_row = [&](std::string_view table, std::string_view row) {
      return std::any_of(out_.figures.begin(), out_.figures.end(),
                         [&](const Figure& f) { return f.table == table && f.row == row; });
    };
    for (std::string_view table : kTables) {
      if (!out_.tables_found.count(std::string(table))) continue;
      const bool t2019 = table == "requests" ? has_row(table, "other_processing")
                                             : (has_row(table, "other_services") || has_row(table, "procurement"));
      std::vector<std::string> missing;
      for (const auto& d : categories()) {
        if (d.table != table || d.axis != "row") continue;
        if (table == "requests") {
          if (t2019 && (d.id == "other_overdue_correction" || d.id == "other_unpaid_fee" || d.id == "other_other")) continue;
          if (!t2019 && d.id == "other_processing") continue;
        } else if (!(d.templates & (t2019 ? kT2019 : kT2021))) {
          continue;
        }
        if (!has_row(table, d.id)) missing.emplace_back(d.id);
      }
      if (!missing.empty()) {
        std::string list = fmt::format("{}", fmt::join(missing, ", "));
        problem(fmt::format("{}缺少{}行：{}", table_zh(table), missing.size(), list),
                fmt::format("table {} lacks {} row(s): {}", table, missing.size(), list));
      }
    }
  }

  const Document& doc_;
  std::vector<LRow> rows_;
  TableReading out_;

  Kind kind_ = Kind::None;
  LabelGroup group_ = LabelGroup::None;
  bool block_recognised_ = false;
  bool prefer_2019_ = false;
  std::vector<size_t> header_rows_;
  std::vector<size_t> pending_;
  std::vector<std::string> proactive_cols_;
  std::vector<std::string> proactive_header_labels_;
  std::string last_requests_row_;
  bool review_header_seen_ = false;
  bool review_row_read_ = false;
  std::vector<const LCell*> review_accum_;
};

}  // namespace

TableReading read_tables(const Document& doc) { return TableReader(doc).run(); }

}  // namespace xxgk
