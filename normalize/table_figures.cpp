// The table reader's second half: header rows, the columns of each row, the figures and the
// findings and problems of reading them.
#include "model/categories.h"
#include "normalize/columns.h"
#include "normalize/metadata.h"
#include "normalize/table_reader.h"
#include "text/text.h"

#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <unordered_set>

namespace xxgk {

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

Kind kind_of_part(int part) {
  switch (part) {
    case 1: return Kind::Proactive;
    case 2: return Kind::Requests;
    case 3: return Kind::Review;
    default: return Kind::None;
  }
}

const char* table_zh(std::string_view table) {
  if (table == "proactive") return "主动公开情况表";
  if (table == "requests") return "依申请公开情况表";
  if (table == "review_litigation") return "行政复议、行政诉讼情况表";
  return "表格";
}

namespace {

bool contains(std::string_view s, std::string_view needle) { return s.find(needle) != std::string_view::npos; }

bool is_proactive_marker(std::string_view key) {
  // 第二十条第（一）项 (both templates), 第十七条… in some 2019 copies.
  return (contains(key, "第二十条") || contains(key, "第十七条") || contains(key, "第十九条")) && u8_length(key) <= 16;
}

// How many distinct columns of `table` a row's labels name exactly. 总计 alone says nothing: every
// table has one, and review_litigation prints it three times.
int exact_cols(const GridRow& r, std::string_view table, LabelGroup group) {
  std::set<std::string_view> ids;
  for (const auto& t : r.label_texts())
    if (auto m = match_label(table, "col", t, group); m && !m->fuzzy) ids.insert(m->entry->id);
  if (ids.size() == 1 && ids.count("total")) return 0;
  return static_cast<int>(ids.size());
}

bool unread(const std::string& id) { return id.rfind("x_", 0) == 0; }

// What the unread labels (x_ ids) of `seq`, a table's row or column ids in print order, stand for
// by their place among the template's ids `canon` (in the template's order): an unread label
// whose two neighbours were read (or are an end) with exactly one of `canon` missing between
// them is that id. Nothing is named when the labels read are out of the template's order, nor
// for two unread labels side by side. One entry per entry of `seq`, "" where nothing is named.
std::vector<std::string> names_by_place(const std::vector<std::string>& seq, const std::vector<std::string>& canon) {
  std::vector<std::string> out(seq.size());
  auto index_of = [&](const std::string& id) {
    const auto it = std::find(canon.begin(), canon.end(), id);
    return it == canon.end() ? -1 : static_cast<int>(it - canon.begin());
  };
  int last = -1;
  for (const auto& id : seq) {
    if (unread(id)) continue;
    const int at = index_of(id);
    if (at <= last) return out;  // out of the template's order (or not in it)
    last = at;
  }
  for (size_t p = 0; p < seq.size(); ++p) {
    if (!unread(seq[p])) continue;
    if ((p > 0 && unread(seq[p - 1])) || (p + 1 < seq.size() && unread(seq[p + 1]))) continue;
    const int before = p > 0 ? index_of(seq[p - 1]) : -1;
    const int after = p + 1 < seq.size() ? index_of(seq[p + 1]) : static_cast<int>(canon.size());
    if (after - before == 2) out[p] = canon[static_cast<size_t>(before + 1)];
  }
  return out;
}

}  // namespace

bool TableReader::any_2019_evidence() const {
  for (const auto& r : grid_.rows)
    for (const auto& t : r.label_texts())
      for (std::string_view axis : {"row", "col"})
        if (auto m = match_label("proactive", axis, t, LabelGroup::None); m && !m->fuzzy && m->entry->templates == kT2019)
          return true;
  return false;
}

// ----- headers ------------------------------------------------------------------------------

Kind TableReader::header_kind(const GridRow& r) const {
  if (r.labels.empty() || r.numbers > 0 || r.marks > 0) return Kind::None;
  std::set<std::string> review_groups;  // 行政复议 / 行政诉讼 / 未经复议直接起诉 / 复议后起诉
  bool content = false;
  for (const auto& t : r.label_texts()) {
    const std::string k = label_key(t);
    if (r.labels.size() == 1)
      if (const Kind p = kind_of_part(part_heading_index(t)); p != Kind::None) return p;
    if (is_proactive_marker(k)) return Kind::Proactive;
    if (contains(k, "申请人情况") || contains(k, "勾稽关系")) return Kind::Requests;
    if (k == "信息内容") content = true;
    if (k == "行政复议" || k == "行政诉讼" || k == "未经复议直接起诉" || k == "复议后起诉") review_groups.insert(k);
  }
  if (exact_cols(r, "requests", LabelGroup::LegalPerson) >= 2) return Kind::Requests;
  // The group rows of the two-level header: 行政复议 | 行政诉讼, or 未经复议直接起诉 | 复议后起诉.
  if (review_groups.size() >= 2 || exact_cols(r, "review_litigation", LabelGroup::None) >= 2) return Kind::Review;
  if (content) return Kind::Proactive;
  if (exact_cols(r, "proactive", LabelGroup::None) >= 1) {
    for (const auto& t : r.label_texts())
      if (match_label("proactive", "row", t, LabelGroup::None)) return Kind::None;  // a row label over blanks
    return Kind::Proactive;
  }
  return Kind::None;
}

bool TableReader::handle_header(size_t i) {
  const GridRow& r = grid_.rows[i];
  const Kind k = header_kind(r);
  if (k == Kind::None) return false;
  set_kind(k);
  auto& rows = headers_[k];
  if (last_was_data_) rows.clear();  // a new header after figures: the next sub-table, or a new page
  bool marker = false;
  for (const auto& t : r.label_texts()) marker = marker || is_proactive_marker(label_key(t));
  if (k == Kind::Proactive && marker) {
    rows.clear();
    proactive_cols_.clear();
    return true;
  }
  rows.push_back(i);
  if (k == Kind::Proactive) {
    // Printed order, for rows that do not share the header's grid (text copies).
    proactive_cols_.clear();
    for (const auto& t : r.label_texts()) {
      if (label_key(t) == "信息内容") continue;
      auto m = match_label("proactive", "col", t, LabelGroup::None);
      proactive_cols_.push_back(m ? std::string(m->entry->id) : unmapped_id(t));
    }
  }
  if (k == Kind::Review) review_header_seen_ = true;
  return true;
}

void TableReader::set_kind(Kind k) {
  if (k != kind_) {
    kind_ = k;
    group_ = LabelGroup::None;
  }
}

std::vector<int> TableReader::header_rows(Kind k) const {
  std::vector<int> out;
  if (auto it = headers_.find(k); it != headers_.end())
    for (size_t i : it->second) out.push_back(grid_.rows[i].row);
  return out;
}

// ----- columns ------------------------------------------------------------------------------

bool TableReader::read_by_header(Kind k, const GridRow& r, const std::string& row_id) {
  const std::vector<int> hdr = header_rows(k);
  if (!r.aligned || hdr.empty()) return false;
  const std::string table = table_name(k);
  std::vector<std::pair<const GridCell*, ColumnMatch>> mapped;
  std::set<std::string> seen;
  for (const GridCell* v : r.values) {
    std::optional<ColumnMatch> cm = column_under(table, hdr, v->ref.col);
    if (!cm) {
      if (v->parsed.kind == CellKind::Blank) continue;  // a blank under no header: a label column
      return false;
    }
    if (!cm->row.empty() && cm->row != row_id) return false;  // a header of another layout
    if (cm->col.rfind("x_", 0) != 0 && !column_applies(table, row_id, cm->col)) return false;
    if (!seen.insert(cm->col).second) return false;
    mapped.emplace_back(v, std::move(*cm));
  }
  if (std::none_of(mapped.begin(), mapped.end(), [](const auto& m) { return m.second.col.rfind("x_", 0) != 0; }))
    return false;
  name_by_place(table, row_id, mapped);
  for (const auto& [v, cm] : mapped) {
    if (cm.col.rfind("x_", 0) == 0) unmapped_label(table, "col", cm.col, display_form(cm.printed), r.page());
    else if (cm.fuzzy) fuzzy_label(table, "col", cm.col, display_form(cm.printed), r.page(), cm.by_place);
    add_figure(table, row_id, cm.col, *v, r.page());
  }
  return true;
}

const std::optional<ColumnMatch>& TableReader::column_under(const std::string& table, const std::vector<int>& header_rows,
                                                           int col) {
  auto key = std::make_tuple(table, block_, header_rows, col);
  if (auto it = columns_under_.find(key); it != columns_under_.end()) return it->second;
  auto cm = match_column(table, header_texts(doc_, block_, header_rows, col));
  return columns_under_.emplace(std::move(key), std::move(cm)).first->second;
}

// One header that reads as no label (OCR: 商业企业 read 业企) is named by its place among the
// row's columns (names_by_place).
void TableReader::name_by_place(const std::string& table, const std::string& row_id,
                                std::vector<std::pair<const GridCell*, ColumnMatch>>& mapped) const {
  std::vector<std::string> canon;
  for (const auto& id : canonical_columns(table))
    if (column_applies(table, row_id, id)) canon.push_back(id);
  std::vector<std::string> seq;
  for (const auto& m : mapped) seq.push_back(m.second.col);
  const auto names = names_by_place(seq, canon);
  for (size_t k = 0; k < mapped.size(); ++k) {
    if (names[k].empty()) continue;
    ColumnMatch& cm = mapped[k].second;
    cm.col = names[k];
    cm.fuzzy = true;
    cm.by_place = true;
  }
}

bool TableReader::read_in_order(const std::string& table, const GridRow& r, const std::string& row_id,
                                const std::vector<std::string>& cols) {
  const size_t n = r.values.size();
  const bool extra_not_blank =
      n > cols.size() && std::any_of(r.values.begin(), r.values.end() - static_cast<ptrdiff_t>(cols.size()),
                                     [](const GridCell* v) { return v->parsed.kind != CellKind::Blank; });
  if (n < cols.size() || extra_not_blank) {
    const std::string label = display_form(fmt::format("{}", fmt::join(r.label_texts(), "")));
    problem(fmt::format("{}“{}”一行有{}个数字单元格，应为{}个，无法确定各数字所属的列", table_zh(table), label, n,
                        cols.size()),
            fmt::format("row \"{}\" of table {} has {} value cells where {} are expected: its columns cannot be told",
                        label, table, n, cols.size()));
    return false;
  }
  for (size_t k = 0; k < cols.size(); ++k) {
    if (cols[k].rfind("x_", 0) == 0) unmapped_label(table, "col", cols[k], cols[k].substr(2), r.page());
    add_figure(table, row_id, cols[k], *r.values[n - cols.size() + k], r.page());
  }
  return true;
}

void TableReader::read_requests_row(const GridRow& r, const Resolved& row) {
  if (!read_by_header(Kind::Requests, r, row.id)) read_in_order("requests", r, row.id, canonical_columns("requests"));
}

void TableReader::read_proactive_row(const GridRow& r, const Resolved& row) {
  if (read_by_header(Kind::Proactive, r, row.id)) return;
  std::vector<std::string> cols = proactive_cols_;
  // A header that does not fit this row (left over from another sub-table, or lost).
  const bool fits = !cols.empty() && r.values.size() >= cols.size() &&
                    std::all_of(cols.begin(), cols.end(), [&](const std::string& c) {
                      return c.rfind("x_", 0) == 0 || column_applies("proactive", row.id, c);
                    });
  if (!fits) cols = default_proactive_columns(row.id, r.values.size(), prefer_2019_);
  if (cols.empty()) {
    problem(fmt::format("主动公开情况表“{}”一行有{}个数字单元格，无法确定所属的列", row.printed, r.values.size()),
            fmt::format("row \"{}\" of the proactive table has {} value cells that match no column layout",
                        row.printed, r.values.size()));
    return;
  }
  read_in_order("proactive", r, row.id, cols);
}

void TableReader::read_review_row(const GridRow& r, const Resolved& row) {
  if (row.id == "review" && r.values.size() >= 15) {
    // A label such as 行政复议 standing before the single row of 15 numbers.
    read_review_values(r.values, r);
    return;
  }
  if (!read_by_header(Kind::Review, r, row.id))
    read_in_order("review_litigation", r, row.id, canonical_columns("review_litigation"));
}

void TableReader::read_review_values(const std::vector<const GridCell*>& values, const GridRow& r) {
  review_values_read_ = true;
  const size_t n = values.size();
  if (std::any_of(values.begin(), values.end() - 15, [](const GridCell* v) { return v->parsed.kind != CellKind::Blank; }))
    problem(fmt::format("行政复议、行政诉讼情况表读到{}个数字，应为15个，只取最后15个", n),
            fmt::format("the review/litigation table has {} figures where 15 are expected; the last 15 are read", n));
  const std::vector<const GridCell*> last(values.end() - 15, values.end());
  // Under the two-level header where the grid has one (行政复议 / 行政诉讼 · 未经复议直接起诉 /
  // 复议后起诉, then 结果维持 … 总计), else in the format's fixed order.
  const std::vector<int> hdr = header_rows(Kind::Review);
  const bool one_row = std::all_of(last.begin(), last.end(), [&](const GridCell* v) { return v->ref.row == last.front()->ref.row; });
  std::vector<std::pair<std::string, std::string>> ids;
  if (r.aligned && one_row && !hdr.empty()) {
    std::set<std::pair<std::string, std::string>> seen;
    for (const GridCell* v : last) {
      auto cm = match_column("review_litigation", header_texts(doc_, block_, hdr, v->ref.col));
      if (!cm || cm->row.empty() || cm->col.rfind("x_", 0) == 0 || !seen.insert({cm->row, cm->col}).second) {
        ids.clear();
        break;
      }
      ids.emplace_back(cm->row, cm->col);
    }
  }
  if (ids.empty()) {
    const auto cols = canonical_columns("review_litigation");
    for (std::string_view row : {"review", "litigation_direct", "litigation_after_review"})
      for (const auto& c : cols) ids.emplace_back(row, c);
  }
  for (size_t k = 0; k < 15; ++k) add_figure("review_litigation", ids[k].first, ids[k].second, *last[k], last[k]->cell->page);
}

// ----- figures and findings -----------------------------------------------------------------

void TableReader::add_figure(const std::string& table, const std::string& row, const std::string& col,
                             const GridCell& c, std::optional<int> page) {
  if (!addresses_.insert(table + '\x1f' + row + '\x1f' + col).second)
    for (const auto& f : out_.figures) {
      if (f.table != table || f.row != row || f.col != col) continue;
      // Two printed rows (or cells) for one address: a label misread or misprinted, or the table
      // printed twice. The first reading is kept and the doubt reported, once per row.
      for (auto& d : out_.findings)
        if (d.rule == "structure.duplicate_label" && d.table == table && d.row == row) {
          d.cells.push_back(CellAddress{table, row, col, c.cell->page});
          return;
        }
      Finding d;
      d.rule = "structure.duplicate_label";
      d.severity = "warning";
      d.status = "fail";
      d.table = table;
      d.row = row;
      d.cells = {CellAddress{table, row, col, c.cell->page}};
      d.message_zh = fmt::format("{}中有两行都读作 {}，保留先读到的一行（{} 列：“{}”，未采用“{}”）", table_zh(table), row,
                                 col, f.raw, trim(c.cell->text));
      d.message_en = fmt::format("two rows of table {} read as {}; the first is kept ({}: \"{}\", not \"{}\")", table,
                                 row, col, f.raw, trim(c.cell->text));
      out_.findings.push_back(std::move(d));
      return;
    }
  Figure f;
  f.table = table;
  f.row = row;
  f.col = col;
  f.raw = trim(c.cell->text);
  const CellValue v = col == "change" ? parse_cell(f.raw, true) : c.parsed;
  if (v.kind == CellKind::Number) {
    f.value = v.value;
    f.decimals = v.decimals;
  }
  f.page = c.cell->page ? c.cell->page : page;
  f.confidence = c.cell->confidence;
  f.cell = c.ref;
  out_.figures.push_back(std::move(f));
  out_.tables_found.insert(table);
}

void TableReader::unmapped_label(const std::string& table, const std::string& axis, const std::string& id,
                                 const std::string& printed, std::optional<int> page) {
  if (axis == "row") unread_rows_.emplace(std::make_pair(table, id), std::make_pair(printed, page));
  for (const auto& f : out_.findings)
    if (f.rule == "structure.unmapped_label" && f.table == table && (axis == "row" ? f.row : f.col) == id) return;
  Finding f;
  f.rule = "structure.unmapped_label";
  f.severity = "info";
  f.status = "fail";
  f.table = table;
  if (axis == "row") f.row = id;
  else f.col = id;
  f.cells.push_back(CellAddress{table, axis == "row" ? id : "", axis == "col" ? id : "", page});
  f.message_zh = fmt::format("{}中的{}标签“{}”不对应任何规范类别，其数字以 {} 保存", table_zh(table),
                             axis == "row" ? "行" : "列", printed, id);
  f.message_en = fmt::format("the {} label \"{}\" in table {} maps to no canonical id; its figures are kept under {}",
                             axis, printed, table, id);
  out_.findings.push_back(std::move(f));
}

void TableReader::fuzzy_label(const std::string& table, const std::string& axis, const std::string& id,
                              const std::string& printed, std::optional<int> page, bool by_place) {
  // A column header stands over every row: one finding for it, not one per row.
  if (axis == "col")
    for (const auto& d : out_.findings)
      if (d.rule == "structure.fuzzy_label" && d.table == table && d.col == id) return;
  Finding f;
  f.rule = "structure.fuzzy_label";
  f.severity = "info";
  f.status = "fail";
  f.table = table;
  if (axis == "row") f.row = id;
  else f.col = id;
  f.cells.push_back(CellAddress{table, axis == "row" ? id : "", axis == "col" ? id : "", page});
  const CategoryDef* def = find_category(table, axis, id);
  const std::string official = def ? std::string(def->label_zh) : id;
  if (by_place) {
    f.message_zh = fmt::format("{}的{}标签“{}”无法识读，按其在表中的位置（模板中唯一未印出的一{}）读作“{}”（{}）",
                               table_zh(table), axis == "row" ? "行" : "列", printed, axis == "row" ? "行" : "列",
                               official, id);
    f.message_en = fmt::format("the {} label \"{}\" in table {} reads as no official label; read by its place (the "
                               "template's only {} not otherwise printed) as {}",
                               axis, printed, table, axis == "row" ? "row" : "column", id);
  } else {
    f.message_zh = fmt::format("{}的{}标签“{}”与规范标签不完全一致，按近似匹配读作“{}”（{}）", table_zh(table),
                               axis == "row" ? "行" : "列", printed, official, id);
    f.message_en = fmt::format(
        "the {} label \"{}\" in table {} differs from every official label; read by similarity as {}", axis, printed,
        table, id);
  }
  out_.findings.push_back(std::move(f));
}

void TableReader::problem(std::string zh, std::string en) {
  out_.problems_zh.push_back(std::move(zh));
  out_.problems_en.push_back(std::move(en));
}

// A requests row label that reads as no id (OCR: 3.其他 as 了其他, （五）…2.重复申请 without its
// marks) is named by its place among the table's rows (names_by_place): its rows are fixed.
void TableReader::name_rows_by_place(const std::string& table) {
  std::vector<std::string> seq;  // row ids in reading order
  for (const auto& f : out_.figures)
    if (f.table == table && std::find(seq.begin(), seq.end(), f.row) == seq.end()) seq.push_back(f.row);
  // Either the 2019 single （六） row or the three 2021 rows, as finish() counts them.
  const bool single = std::find(seq.begin(), seq.end(), "other_processing") != seq.end();
  std::vector<std::string> canon;
  for (const auto& d : categories()) {
    if (d.table != table || d.axis != "row") continue;
    const bool other_2021 = d.id == "other_overdue_correction" || d.id == "other_unpaid_fee" || d.id == "other_other";
    if ((single && other_2021) || (!single && d.id == "other_processing")) continue;
    canon.emplace_back(d.id);
  }
  const auto names = names_by_place(seq, canon);
  for (size_t p = 0; p < seq.size(); ++p) {
    if (names[p].empty()) continue;
    const std::string& x = seq[p];
    for (auto& f : out_.figures)
      if (f.table == table && f.row == x) {
        addresses_.erase(f.table + '\x1f' + f.row + '\x1f' + f.col);
        f.row = names[p];
        addresses_.insert(f.table + '\x1f' + f.row + '\x1f' + f.col);
      }
    std::erase_if(out_.findings, [&](const Finding& f) {
      return f.rule == "structure.unmapped_label" && f.table == table && f.row == x;
    });
    const auto it = unread_rows_.find({table, x});
    const std::string printed = it != unread_rows_.end() ? it->second.first : x.substr(2);
    fuzzy_label(table, "row", names[p], printed, it != unread_rows_.end() ? it->second.second : std::nullopt, true);
  }
}

void TableReader::finish() {
  if (out_.tables_found.count("requests")) name_rows_by_place("requests");
  std::unordered_set<std::string> rows_read;  // table and row joined by '\x1f'
  for (const auto& f : out_.figures) rows_read.insert(f.table + '\x1f' + f.row);
  auto has = [&](std::string_view table, std::string_view row) {
    return rows_read.count(fmt::format("{}\x1f{}", table, row)) > 0;
  };
  auto any_id = [&](std::string_view table, std::string_view axis, unsigned only) {
    return std::any_of(out_.figures.begin(), out_.figures.end(), [&](const Figure& f) {
      if (f.table != table) return false;
      const CategoryDef* d = find_category(table, axis, axis == "row" ? f.row : f.col);
      return d && d->templates == only;
    });
  };
  for (std::string_view table : kTables) {
    if (!out_.tables_found.count(std::string(table))) continue;
    const bool t2019 = any_id(table, "row", kT2019) || any_id(table, "col", kT2019);
    const bool t2021 = any_id(table, "row", kT2021) || any_id(table, "col", kT2021);
    out_.table_templates[std::string(table)] = t2019 && t2021 ? "mixed" : t2021 ? "2021" : t2019 ? "2019" : "unknown";
    spdlog::debug("table {} reads as template {}", table, out_.table_templates[std::string(table)]);
    std::vector<std::string> missing;
    for (const auto& d : categories()) {
      if (d.table != table || d.axis != "row") continue;
      if (table == "requests") {
        // Either the 2019 single （六） row or the three 2021 rows, whatever the rest of the table.
        const bool single = has(table, "other_processing");
        if (single && (d.id == "other_overdue_correction" || d.id == "other_unpaid_fee" || d.id == "other_other")) continue;
        if (!single && d.id == "other_processing") continue;
      } else if (!(d.templates & (t2019 && !t2021 ? kT2019 : kT2021))) {
        continue;
      }
      if (!has(table, d.id)) missing.emplace_back(d.id);
    }
    if (!missing.empty()) {
      const std::string list = fmt::format("{}", fmt::join(missing, ", "));
      problem(fmt::format("{}缺少{}行：{}", table_zh(table), missing.size(), list),
              fmt::format("table {} lacks {} row(s): {}", table, missing.size(), list));
    }
    missing_cells(table, t2019 && !t2021);
  }
}

// Cells the template has in a row that was read but that no figure stands in (a header lost or
// read as no label — 信息内容 joined with 本年制发件数 gives an x_ column — leaves its column's
// cells unread): named, so the report is `partial`, never `ok` with figures missing. A proactive
// row keeps the columns of the template its own figures show (a 2021 report's 行政许可 has one
// column, a 2019 one's three); rows missing altogether are reported above.
void TableReader::missing_cells(std::string_view table, bool table_2019) {
  std::vector<std::string> rows;  // in reading order
  for (const auto& f : out_.figures)
    if (f.table == table && !unread(f.row) && std::find(rows.begin(), rows.end(), f.row) == rows.end())
      rows.push_back(f.row);
  std::sort(rows.begin(), rows.end(), [&](const std::string& a, const std::string& b) {
    return category_rank(table, "row", a) < category_rank(table, "row", b);
  });
  std::map<std::string_view, std::vector<const Figure*>> by_row;
  for (const auto& f : out_.figures)
    if (f.table == table) by_row[f.row].push_back(&f);
  std::vector<const CategoryDef*> cols;  // the table's columns, in the catalogue's order
  for (const auto& d : categories())
    if (d.table == table && d.axis == "col") cols.push_back(&d);
  std::vector<std::string> missing;
  for (const auto& row : rows) {
    std::set<std::string> read;
    unsigned only = 0;  // the template-only columns this row's figures stand in
    for (const Figure* figure : by_row[row]) {
      const Figure& f = *figure;
      read.insert(f.col);
      if (const CategoryDef* d = find_category(table, "col", f.col); d && d->templates != (kT2019 | kT2021))
        only |= d->templates;
    }
    const unsigned tmpl = only == kT2019 || (only == 0 && table_2019) ? kT2019 : kT2021;
    for (const CategoryDef* d : cols) {
      if (!(d->templates & tmpl) || !column_applies(table, row, d->id)) continue;
      if (!read.count(std::string(d->id))) missing.push_back(fmt::format("{}.{}", row, d->id));
    }
  }
  if (missing.empty()) return;
  const std::string list = fmt::format("{}", fmt::join(missing, ", "));
  problem(fmt::format("{}缺少{}个单元格：{}", table_zh(table), missing.size(), list),
          fmt::format("table {} lacks {} cell(s): {}", table, missing.size(), list));
}

}  // namespace xxgk
