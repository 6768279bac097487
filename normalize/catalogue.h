// The label catalogue: every canonical id's official label and the variants real reports print,
// per template version, as data (catalogue_data.cpp). Keys are compared after label_key()
// (normalized, no spaces, no punctuation), so script, width, spacing and quotes never matter.
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
  LegalPerson,   // 法人或其他组织 (column group of requests)
  Litigation,    // 行政诉讼 (group of the two litigation rows / column groups)
};

struct LabelEntry {
  std::string_view table;  // proactive | requests | review_litigation
  std::string_view axis;   // row | col
  std::string_view id;
  LabelGroup requires_group;  // the leaf only means `id` inside this group (None: anywhere)
  LabelGroup member_of;       // the group this leaf belongs to (sets context when seen)
  unsigned templates;         // kT2019 | kT2021: which template versions print this label
  std::vector<std::string_view> variants;  // official label first, then the variants reports print
};

struct GroupDef {
  LabelGroup group;
  std::string_view table;  // where the group stands
  int number;              // its level-2 enumerator in table requests (（三） = 3), 0 if none
  std::vector<std::string_view> variants;
};

const std::vector<LabelEntry>& label_catalogue();
const std::vector<GroupDef>& group_catalogue();

// Recognises a group label ("不予公开", "本年度办理结果", "法人或其他组织"); pass the text after
// its enumerator (LabelSegment::text).
std::optional<LabelGroup> match_group(std::string_view text);

// A requests group named by its enumerator when the text is cut ("（三）不" of a wrapped cell,
// "（六）" alone): the level-2 number decides, if the text is empty or the start of the group's label.
std::optional<LabelGroup> group_by_number(int number, std::string_view text);

struct LabelMatch {
  const LabelEntry* entry = nullptr;
  bool fuzzy = false;  // matched by similarity, not equality (reported as structure.fuzzy_label)
  int distance = 0;    // edit distance to the official label, for the finding
};

// Finds the entry a printed leaf label means. `table` narrows the search (empty: any table);
// `group` is the group context the label stands in. Exact key equality first (with and without
// parenthesised asides); then similarity for typos and dropped characters, accepted only for
// labels of 6+ characters, at least 0.8 similar (Dice over the longest common subsequence),
// clearly (0.1) ahead of every other id and within one edit per four characters (at least one):
// short labels that differ in one character
// (予以公开 / 部分公开, 结果维持 / 结果纠正) are never matched by similarity. Memoized.
std::optional<LabelMatch> match_label(std::string_view table, std::string_view axis, std::string_view text,
                                      LabelGroup group);

// A label printed in parts (merged cells, or one cell with enumerators): the earlier parts give
// the group, the last part is the leaf. "三、本年度办理结果" + "（三）不予公开" + "1.属于国家秘密" →
// withheld_state_secret; "法人或其他组织" + "其他" → other_org. Falls back to the parts joined
// (a label wrapped over two cells). `group` is the context the label stands in.
std::optional<LabelMatch> match_label_path(std::string_view table, std::string_view axis,
                                           const std::vector<std::string>& parts, LabelGroup group = LabelGroup::None);

}  // namespace xxgk

namespace xxgk {

// The six parts' headings as real reports print them (catalogue_headings.cpp), in kSectionKeys
// order: the official heading first, then the variants seen (older wording, 整改措施 for 改进情况).
// Compared after label_key(); typos are not listed: part_heading() reads a numbered heading by
// similarity to these (normalize/metadata.h).
struct PartHeadings {
  std::string_view key;  // kSectionKeys
  std::vector<std::string_view> headings;
};
const std::vector<PartHeadings>& part_heading_catalogue();

}  // namespace xxgk
