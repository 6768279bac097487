#include "normalize/columns.h"

#include "model/categories.h"
#include "normalize/catalogue.h"
#include "text/text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

namespace xxgk {

std::vector<std::string> header_texts(const Document& doc, int block, const std::vector<int>& header_rows, int col) {
  std::vector<std::string> out;
  if (block < 0 || static_cast<size_t>(block) >= doc.blocks.size() || !doc.blocks[static_cast<size_t>(block)].is_table())
    return out;
  const Table& t = doc.blocks[static_cast<size_t>(block)].table();
  std::vector<std::pair<int, int>> anchors_seen;
  for (int r : header_rows) {
    if (r < 0 || static_cast<size_t>(r) >= t.rows.size()) continue;
    const auto& row = t.rows[static_cast<size_t>(r)];
    if (col < 0 || static_cast<size_t>(col) >= row.size()) continue;
    const Cell* c = &row[static_cast<size_t>(col)];
    std::pair<int, int> anchor{r, col};
    if (c->covered && c->anchor_row >= 0 && static_cast<size_t>(c->anchor_row) < t.rows.size() &&
        c->anchor_col >= 0 && static_cast<size_t>(c->anchor_col) < t.rows[static_cast<size_t>(c->anchor_row)].size()) {
      anchor = {c->anchor_row, c->anchor_col};
      c = &t.rows[static_cast<size_t>(c->anchor_row)][static_cast<size_t>(c->anchor_col)];
    }
    bool seen = false;
    for (const auto& a : anchors_seen) seen = seen || a == anchor;
    if (seen) continue;
    anchors_seen.push_back(anchor);
    std::string text = trim(c->text);
    if (!text.empty()) out.push_back(std::move(text));
  }
  return out;
}

namespace {

// The caption a header prints above its columns (申请人情况, 信息内容), not a column's label. The
// captions are keyed once: this is asked of every text of every header.
bool is_header_caption(std::string_view text) {
  static const std::array<std::string, 2> captions = {label_key("申请人情况"), label_key("信息内容")};
  const std::string k = label_key(text);
  return k == captions[0] || k == captions[1];
}

}  // namespace

std::optional<ColumnMatch> match_column(std::string_view table, const std::vector<std::string>& texts) {
  if (texts.empty()) return std::nullopt;
  ColumnMatch out;
  out.printed = fmt::format("{}", fmt::join(texts, " / "));
  LabelGroup group = LabelGroup::None;
  std::vector<std::string> leaves;  // texts that are neither a group nor a row of review_litigation
  for (const auto& t : texts) {
    if (auto g = match_group(t)) {
      group = *g;
      continue;
    }
    if (table == "review_litigation") {
      if (auto m = match_label(table, "row", t, group); m && !m->fuzzy) {
        out.row = std::string(m->entry->id);
        continue;
      }
    }
    if (is_header_caption(t)) continue;
    leaves.push_back(t);
  }
  if (leaves.empty()) return std::nullopt;
  // The lowest text is the leaf; a word wrapped over two header rows is the last two joined.
  std::optional<LabelMatch> best;
  for (size_t n = 1; n <= std::min<size_t>(3, leaves.size()) && !(best && !best->fuzzy); ++n) {
    std::string joined;
    for (size_t k = leaves.size() - n; k < leaves.size(); ++k) joined += leaves[k];
    if (auto m = match_label(table, "col", joined, group); m && (!best || (best->fuzzy && !m->fuzzy))) best = m;
  }
  if (!best) {
    std::string joined;
    for (const auto& l : leaves) joined += l;
    out.col = unmapped_id(joined);
    return out;
  }
  out.col = std::string(best->entry->id);
  out.fuzzy = best->fuzzy;
  return out;
}

std::vector<std::string> canonical_columns(std::string_view table) {
  std::vector<std::string> out;
  for (auto id : category_ids(table, "col")) out.emplace_back(id);
  return out;
}

std::vector<std::string> default_proactive_columns(std::string_view row, size_t n, bool prefer_2019) {
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

std::string unmapped_id(std::string_view printed) {
  std::string k = label_key(printed);
  if (k.empty()) k = "unlabelled";
  return "x_" + k;
}

}  // namespace xxgk
