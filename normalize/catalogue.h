// The label catalogue: every canonical id's official label and the variants real reports print,
// as data. Keys are compared after label_key() (normalized, no spaces, no punctuation).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// Group labels that give a leaf its meaning: "其他" under （六）其他处理 is other_other, while
// "其他" under 法人或其他组织 is the other_org column.
enum class LabelGroup {
  None,
  Results,       // 三、本年度办理结果
  Withheld,      // （三）不予公开
  Unavailable,   // （四）无法提供
  NotProcessed,  // （五）不予处理
  Other,         // （六）其他处理
  LegalPerson,   // 法人或其他组织 (column group)
  Review,        // 行政复议 (column group of review_litigation)
  Litigation,    // 行政诉讼 (column group of review_litigation)
};

struct LabelEntry {
  std::string_view table;  // proactive | requests | review_litigation
  std::string_view axis;   // row | col
  std::string_view id;
  LabelGroup requires_group;  // the leaf only means `id` inside this group (None: anywhere)
  LabelGroup member_of;       // the group this leaf belongs to (sets context when seen)
  unsigned templates;         // kT2019 | kT2021: which template versions print this label
  std::vector<std::string_view> variants;  // official label first
};

const std::vector<LabelEntry>& label_catalogue();

// Recognises a group label ("（三）不予公开", "三、本年度办理结果", "法人或其他组织").
std::optional<LabelGroup> match_group(std::string_view text);

struct LabelMatch {
  const LabelEntry* entry = nullptr;
  bool fuzzy = false;  // matched by bounded edit distance, not equality
  int distance = 0;
};

// Finds the entry a printed label means. `table` narrows the search (empty: any table); `group`
// is the group context the label stands in. Exact key equality first (with and without
// parenthesised asides); then a bounded edit distance, accepted only when one candidate is
// clearly nearest, so a label never crosses into a category that is close in text but different
// in meaning (予以公开 vs 部分公开 are too short and too far apart to be confused).
std::optional<LabelMatch> match_label(std::string_view table, std::string_view axis,
                                      std::string_view text, LabelGroup group);

}  // namespace xxgk
