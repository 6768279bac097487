// Matching printed labels against the catalogue (catalogue_data.cpp).
#include "normalize/catalogue.h"

#include "text/text.h"

#include <fmt/format.h>

#include <unordered_map>

namespace xxgk {
namespace {

struct KeyedEntry {
  std::string key;
  int length;  // code points of key
  const LabelEntry* entry;
};

const std::vector<KeyedEntry>& keyed_entries() {
  static const std::vector<KeyedEntry> keyed = [] {
    std::vector<KeyedEntry> out;
    for (const auto& e : label_catalogue())
      for (auto v : e.variants) {
        std::string k = label_key(v);
        const int n = u8_length(k);
        out.push_back({std::move(k), n, &e});
      }
    return out;
  }();
  return keyed;
}

bool group_allows(const LabelEntry& e, LabelGroup group) {
  return e.requires_group == LabelGroup::None || e.requires_group == group;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Whether 2·LCS/(a+b) can reach `floor` for texts of a and b characters: the LCS is at most the
// shorter length, so the similarity is at most 2·min(a,b)/(a+b).
bool similarity_can_reach(int a, int b, double floor) {
  return 2.0 * std::min(a, b) >= floor * (a + b);
}

// Similarity below which a label is not read as a typo of a catalogue label, and the lead the
// best id must have over the next one.
constexpr double kMinSimilarity = 0.8;
constexpr double kMinLead = 0.1;
constexpr int kMinFuzzyLength = 6;

std::optional<LabelMatch> match_uncached(std::string_view table, std::string_view axis, std::string_view text,
                                         LabelGroup group) {
  const std::string key = label_key(text);
  if (key.empty()) return std::nullopt;
  const std::string bare = label_key_without_asides(text);
  auto eligible = [&](const LabelEntry& e) {
    return (table.empty() || e.table == table) && e.axis == axis && group_allows(e, group);
  };
  // 1. Equality, with and without asides; a group-specific entry beats a general one.
  for (const std::string* k : {&key, &bare}) {
    const LabelEntry* best = nullptr;
    for (const auto& ke : keyed_entries()) {
      if (ke.key != *k || !eligible(*ke.entry)) continue;
      if (!best || (best->requires_group == LabelGroup::None && ke.entry->requires_group != LabelGroup::None))
        best = ke.entry;
    }
    if (best) return LabelMatch{best, false, 0};
  }
  // 2. Similarity, for typos and dropped or doubled characters (其他法律行政止公开).
  const int len = u8_length(bare);
  if (len < kMinFuzzyLength) return std::nullopt;
  const LabelEntry* best = nullptr;
  double best_s = 0;
  std::unordered_map<std::string_view, double> per_id;  // best similarity per id
  for (const auto& ke : keyed_entries()) {
    if (!eligible(*ke.entry) || ke.length < kMinFuzzyLength) continue;
    // The similarity cannot reach the floor when one length is far above the other (at most
    // 2·min/(len+klen)): skip the LCS, which would otherwise cost len × klen per key on a cell of a
    // megabyte of digits (the hostile corpus's header_digits).
    if (!similarity_can_reach(len, ke.length, kMinSimilarity)) continue;
    const double sim = 2.0 * lcs_length(bare, ke.key) / (len + ke.length);
    double& s = per_id[ke.entry->id];
    if (sim > s) s = sim;
    if (sim > best_s) {
      best_s = sim;
      best = ke.entry;
    }
  }
  if (!best || best_s < kMinSimilarity) return std::nullopt;
  for (const auto& [id, s] : per_id)
    if (id != best->id && best_s - s < kMinLead) return std::nullopt;  // two ids too close to call
  // And few edits for the length: one in a label of 6-7 characters (本年发文数量 is not 本年制发数量,
  // two apart), one more per four characters above.
  int distance = 1 << 20;
  for (auto v : best->variants) {
    const std::string k = label_key(v);
    const int d = edit_distance(bare, k);
    if (d <= std::max(1, std::max(len, u8_length(k)) / 4)) distance = std::min(distance, d);
  }
  if (distance == 1 << 20) return std::nullopt;
  return LabelMatch{best, true, edit_distance(bare, label_key(best->variants.front()))};
}

}  // namespace

std::optional<LabelGroup> match_group(std::string_view text) {
  static const std::vector<std::pair<std::string, LabelGroup>> keys = [] {
    std::vector<std::pair<std::string, LabelGroup>> out;
    for (const auto& g : group_catalogue())
      for (auto v : g.variants) out.emplace_back(label_key(v), g.group);
    return out;
  }();
  const std::string k = label_key(text);
  if (k.empty()) return std::nullopt;
  for (const auto& [key, g] : keys)
    if (k == key) return g;
  return std::nullopt;
}

std::optional<LabelGroup> group_by_number(int number, std::string_view text) {
  const std::string k = label_key(text);
  for (const auto& g : group_catalogue()) {
    if (g.number == 0 || g.number != number) continue;
    if (k.empty() || starts_with(label_key(g.variants.front()), k)) return g.group;
  }
  return std::nullopt;
}

std::optional<LabelMatch> match_label(std::string_view table, std::string_view axis, std::string_view text,
                                      LabelGroup group) {
  // Memoized per thread: the reader asks again for every candidate join of every row, and a batch
  // meets the same labels in every report. Bounded: cleared when full.
  thread_local std::unordered_map<std::string, std::optional<LabelMatch>> memo;
  // A text longer than any label is not kept: 20,000 cells of a megabyte each would hold 20 GB.
  constexpr size_t kMaxMemoText = 1024;
  if (text.size() > kMaxMemoText) return match_uncached(table, axis, text, group);
  std::string k = fmt::format("{}\x1f{}\x1f{}\x1f{}", table, axis, static_cast<int>(group), text);
  if (auto it = memo.find(k); it != memo.end()) return it->second;
  auto m = match_uncached(table, axis, text, group);
  if (memo.size() > 20000) memo.clear();
  memo.emplace(std::move(k), m);
  return m;
}

namespace {

// A garbled sub-row label (OCR: 保护第pa合法权益, 属于四信息) whose printed number and group name
// the sub-row the template numbers so: taken when its text is still half like that row's label
// (less than the similarity a label needs on its own, since the number says the same).
constexpr double kNumberedMinSimilarity = 0.6;

std::optional<LabelMatch> match_numbered(std::string_view table, const LabelSegment& leaf, LabelGroup group) {
  // The groups whose sub-rows are numbered 1. 2. 3. (（三）–（六）).
  const bool numbered = group == LabelGroup::Withheld || group == LabelGroup::Unavailable ||
                        group == LabelGroup::NotProcessed || group == LabelGroup::Other;
  if (leaf.level != 3 || !numbered || !(table.empty() || table == "requests")) return std::nullopt;
  const std::string bare = label_key_without_asides(leaf.text);
  const int len = u8_length(bare);
  if (len < 2) return std::nullopt;
  // The catalogue lists a group's sub-rows in the template's order (1. 2. 3. ...).
  int number = 0;
  for (const auto& e : label_catalogue()) {
    if (e.table != "requests" || e.axis != "row" || e.member_of != group || ++number != leaf.number) continue;
    if (!group_allows(e, group)) return std::nullopt;
    double best = 0;
    for (auto v : e.variants) {
      const std::string k = label_key(v);
      if (!similarity_can_reach(len, u8_length(k), kNumberedMinSimilarity)) continue;
      best = std::max(best, 2.0 * lcs_length(bare, k) / (len + u8_length(k)));
    }
    if (best < kNumberedMinSimilarity) return std::nullopt;
    return LabelMatch{&e, true, edit_distance(bare, label_key(e.variants.front()))};
  }
  return std::nullopt;
}

}  // namespace

std::optional<LabelMatch> match_label_path(std::string_view table, std::string_view axis,
                                           const std::vector<std::string>& parts, LabelGroup group) {
  std::vector<LabelSegment> segs;
  for (const auto& p : parts)
    for (auto& s : split_label(p)) segs.push_back(std::move(s));
  while (!segs.empty() && segs.back().text.empty()) segs.pop_back();
  if (segs.empty()) return std::nullopt;
  for (size_t i = 0; i + 1 < segs.size(); ++i) {
    if (auto g = match_group(segs[i].text)) group = *g;
    else if (segs[i].level == 2 && (table.empty() || table == "requests"))
      if (auto gn = group_by_number(segs[i].number, segs[i].text)) group = *gn;
  }
  // The leaf is the last part; a last part without an enumerator may also be the rest of the one
  // before it, wrapped into the next cell ("1.申请人…行政机关" + "不再处理其政府信息公开申请");
  // last, every part joined. Exact readings of any of them before a reading by similarity.
  std::vector<std::string> leaves = {segs.back().text};
  if (segs.size() >= 2 && segs.back().level == 0) leaves.push_back(segs[segs.size() - 2].text + segs.back().text);
  if (segs.size() >= 2) {
    std::string joined;
    for (const auto& s : segs) joined += s.text;
    leaves.push_back(std::move(joined));
  }
  std::optional<LabelMatch> fuzzy;
  for (const auto& leaf : leaves) {
    auto m = match_label(table, axis, leaf, group);
    if (m && !m->fuzzy) return m;
    if (m && !fuzzy) fuzzy = m;
  }
  // Last, a numbered sub-row too garbled for similarity alone: its number and group decide.
  if (!fuzzy && axis == "row") fuzzy = match_numbered(table, segs.back(), group);
  return fuzzy;
}

}  // namespace xxgk
