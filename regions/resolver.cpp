#include "regions/resolver.h"

#include "regions/data.h"
#include "text/text.h"
#include "validate/cross_year.h"

#include <algorithm>
#include <array>
#include <tuple>

namespace xxgk::regions {
namespace {

// data/regions/agency_words.tsv and data/regions/aliases.tsv, keyed (label_key) once.
struct Vocabulary {
  std::vector<std::string> government, between, prefix;  // longest first
  std::vector<std::pair<std::string, std::string>> place_aliases, department_aliases;

  static const Vocabulary& get() {
    static const Vocabulary v;
    return v;
  }

 private:
  Vocabulary() {
    for (const auto& row : tsv_rows(agency_words_tsv(), 2, "data/regions/agency_words.tsv")) {
      auto& list = row[1] == "government" ? government : row[1] == "between" ? between : prefix;
      list.push_back(label_key(row[0]));
    }
    for (const auto& row : tsv_rows(aliases_tsv(), 3, "data/regions/aliases.tsv"))
      (row[0] == "place" ? place_aliases : department_aliases).emplace_back(label_key(row[1]), label_key(row[2]));
    auto longest_first = [](auto& v) {
      std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    };
    longest_first(government);
    longest_first(between);
    longest_first(prefix);
  }
};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

size_t char_bytes(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// A chain of place names read from the start of a key, and the divisions it may mean.
struct Chain {
  size_t end = 0;          // bytes of the key read
  size_t covered = 0;      // end, or the whole key when only a government word follows (新华街道 + 办事处)
  std::vector<int> cands;  // sorted
  int former = 0;          // tokens read through a rename's former form
  int variants = 0;        // tokens read through a short form or a zone's name
  int tokens = 0;
};

// Better: explains more of the name (places, and a government word after them); then fewer former
// names; then fewer variants; then reads more as places; then fewer tokens. So 新华街道办事处 is the
// division 新华街道 and its 办事处, not a zone that the statistics call 新华街道办事处.
auto rank(const Chain& c) {
  return std::make_tuple(-static_cast<long>(c.covered), c.former, c.variants, -static_cast<long>(c.end), c.tokens);
}
bool better(const Chain& a, const Chain& b) { return rank(a) < rank(b); }
bool same_rank(const Chain& a, const Chain& b) { return rank(a) == rank(b); }

class ChainReader {
 public:
  ChainReader(const Divisions& d, const Vocabulary& v, std::string_view key) : d_(d), v_(v), key_(key) {}

  // The best chains (several only when they read the same and mean different divisions).
  std::vector<Chain> read() {
    extend(Chain{}, 0);
    return best_;
  }

 private:
  void offer(Chain c) {
    c.covered = c.end;
    const std::string_view rest = key_.substr(c.end);
    for (const auto& w : v_.government)
      if (rest == w) c.covered = key_.size();
    if (best_.empty() || better(c, best_.front())) {
      best_ = {c};
    } else if (same_rank(c, best_.front())) {
      best_.push_back(c);
    }
  }

  // Divisions printed as key_[pos, pos+len) that lie inside one of the chain's candidates (anywhere
  // when the chain is empty), of the lowest tier that has any.
  void tokens_at(const Chain& c, size_t pos, std::vector<std::pair<size_t, Chain>>& out) const {
    const size_t limit = std::min(key_.size() - pos, d_.longest_form_bytes());
    for (size_t len = 0; len < limit;) {
      len += char_bytes(static_cast<unsigned char>(key_[pos + len]));
      if (len > limit) break;
      const auto forms = d_.forms(key_.substr(pos, len));
      if (forms.empty()) continue;
      std::array<std::vector<int>, 3> by_tier;
      for (const auto& f : forms) {
        bool inside = c.tokens == 0;
        for (int a : c.cands)
          if (!inside && f.division != a && d_.within(f.division, a)) inside = true;
        if (inside) by_tier[static_cast<size_t>(f.tier)].push_back(f.division);
      }
      size_t t = 0;
      while (t < by_tier.size() && by_tier[t].empty()) ++t;
      if (t == by_tier.size()) continue;
      auto& chosen = by_tier[t];
      std::sort(chosen.begin(), chosen.end());
      chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
      Chain next{pos + len, 0, chosen, c.former + (t == 2 ? 1 : 0), c.variants + (t == 1 ? 1 : 0), c.tokens + 1};
      out.emplace_back(len, std::move(next));
    }
  }

  void extend(const Chain& c, size_t pos) {
    if (++steps_ > kMaxSteps) return;  // a hostile name cannot make the search explode
    if (c.tokens > 0) offer(c);
    if (pos >= key_.size()) return;
    std::vector<std::pair<size_t, Chain>> next;
    tokens_at(c, pos, next);
    // 人民政府 between two places: 南关区人民政府新春街道办事处.
    if (c.tokens > 0)
      for (const auto& w : v_.between)
        if (starts_with(key_.substr(pos), w) && pos + w.size() < key_.size()) {
          std::vector<std::pair<size_t, Chain>> after;
          tokens_at(c, pos + w.size(), after);
          for (auto& a : after) next.push_back(std::move(a));
          break;
        }
    for (const auto& [len, n] : next) extend(n, n.end);
  }

  static constexpr int kMaxSteps = 4096;
  const Divisions& d_;
  const Vocabulary& v_;
  std::string_view key_;
  std::vector<Chain> best_;
  int steps_ = 0;
};

// Whether the text names one of the ancestors of `c` that the other candidates do not share.
bool names_own_ancestor(const Divisions& d, int c, const std::vector<int>& others, std::string_view text) {
  for (int a = d[c].parent; a >= 0; a = d[a].parent) {
    bool shared = false;
    for (int o : others)
      if (o != c && d.within(o, a)) shared = true;
    if (!shared && text.find(d[a].name) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::string Placement::identity(std::string_view agency, const Divisions& d) const {
  if (outcome == Outcome::placed) {
    const std::string& code = d[division].code;
    return role == "government" ? code + "/government" : code + "/department/" + department;
  }
  return "name/" + agency_key(std::string(agency));
}

Placement resolve(const PlaceQuery& q, const Divisions& d) {
  const Vocabulary& v = Vocabulary::get();
  Placement p;
  int hint = -1;
  if (!q.region_code.empty()) {
    hint = d.find_code(q.region_code);
    p.code_unknown = hint < 0;
  }
  std::string key = label_key_without_asides(q.agency);
  if (key.empty() && hint < 0) return p;  // no_agency

  for (const auto& [from, to] : v.place_aliases)
    if (const size_t at = key.find(from); at != std::string::npos) {
      key.replace(at, from.size(), to);
      break;
    }
  bool prefixed = false;
  for (const auto& w : v.prefix)
    if (starts_with(key, w) && key.size() > w.size()) {
      key.erase(0, w.size());
      prefixed = true;
      break;
    }

  ChainReader reader(d, v, key);
  const std::vector<Chain> chains = reader.read();
  std::vector<int> cands;
  size_t end = 0;
  for (const auto& c : chains) {
    cands.insert(cands.end(), c.cands.begin(), c.cands.end());
    end = c.end;
    p.former_name = p.former_name || c.former > 0;
  }
  std::sort(cands.begin(), cands.end());
  cands.erase(std::unique(cands.begin(), cands.end()), cands.end());

  // The role, from what follows the places.
  const std::string rest = key.substr(end);
  bool government = !prefixed && rest.empty();
  if (!prefixed && !cands.empty())
    for (const auto& w : v.government) government = government || rest == w;
  p.role = government ? "government" : "department";
  if (!government) {
    p.department = rest;
    for (const auto& [from, to] : v.department_aliases)
      if (p.department == from) p.department = to;
    if (starts_with(p.department, "政府")) p.department = "人民" + p.department;  // 政府办公室 = 人民政府办公室
  }

  // The sources file's code wins.
  if (hint >= 0) {
    std::vector<int> inside;
    for (int c : cands)
      if (d.within(c, hint)) inside.push_back(c);
    if (inside.empty()) {
      bool above = false;  // the code names a place inside the one the name does: the code is more exact
      for (int c : cands) above = above || d.within(hint, c);
      if (!cands.empty() && !above) p.code_mismatch = cands.size() == 1 ? cands.front() : -2;
      inside = {hint};
    }
    cands = std::move(inside);
  }
  if (cands.empty()) {
    p.outcome = Placement::Outcome::unknown;
    return p;
  }
  if (cands.size() > 1) {
    const std::string text = strip_spaces(normalize_text(q.context));
    std::vector<int> named;
    for (int c : cands)
      if (names_own_ancestor(d, c, cands, text)) named.push_back(c);
    if (named.size() == 1) cands = named;
  }
  if (cands.size() > 1) {
    p.outcome = Placement::Outcome::ambiguous;
    p.candidates = std::move(cands);
    return p;
  }
  p.outcome = Placement::Outcome::placed;
  p.division = cands.front();
  return p;
}

}  // namespace xxgk::regions
