#include "regions/divisions.h"

#include "regions/data.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>
#include <span>
#include <stdexcept>
#include <type_traits>

namespace xxgk::regions {
namespace {

bool ends_with(std::string_view s, std::string_view e) { return s.size() >= e.size() && s.substr(s.size() - e.size()) == e; }

Level level_of_code(std::string_view code) {
  switch (code.size()) {
    case 2: return Level::province;
    case 4: return Level::city;
    case 6: return Level::county;
    default: return Level::township;
  }
}

size_t chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Whether `s` is a run of ethnic names, each optionally followed by 族 (朝鲜族, 拉祜族佤族, 维吾尔).
bool all_ethnic(std::string_view s, const std::vector<std::string>& groups) {
  if (s.empty()) return true;
  for (const auto& g : groups) {
    if (s.substr(0, g.size()) != g) continue;
    std::string_view rest = s.substr(g.size());
    if (all_ethnic(rest, groups)) return true;
    if (rest.substr(0, 3) == "族" && all_ethnic(rest.substr(3), groups)) return true;
  }
  return false;
}

// The place part of an autonomous name's base (长白朝鲜族 → 长白; 新疆维吾尔 → 新疆; 内蒙古 → none): the
// shortest prefix of at least two characters after which only ethnic names follow.
std::string ethnic_stem(std::string_view base, const std::vector<std::string>& groups) {
  for (size_t i = 0, chars = 0; i < base.size();) {
    // Step one UTF-8 character.
    const auto c = static_cast<unsigned char>(base[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (++chars < 2 || i >= base.size()) continue;
    if (all_ethnic(base.substr(i), groups)) return std::string(base.substr(0, i));
  }
  return {};
}

}  // namespace

std::string_view level_name(Level level) {
  switch (level) {
    case Level::province: return "province";
    case Level::city: return "city";
    case Level::county: return "county";
    case Level::township: return "township";
  }
  return "";
}

Divisions::Divisions(std::string_view tsv) {
  std::vector<std::string> groups;
  for (const auto& row : tsv_rows(ethnic_groups_tsv(), 1, "data/regions/ethnic_groups.tsv")) groups.emplace_back(row[0]);
  // Longest first, so 土家 is tried before 土.
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });

  for (const auto& row : tsv_rows(division_keys_tsv(), 2, "data/divisions/keys.tsv"))
    keys_.emplace(std::string(row[0]), std::string(row[1]));
  const auto rows = tsv_rows(tsv, 3, "data/divisions/divisions.tsv");
  divisions_.reserve(rows.size());
  by_code_.reserve(rows.size());
  keys_seen_.reserve(rows.size() * 2);
  pending_.reserve(rows.size() * 2);
  arena_.reserve(rows.size() * 24);
  for (const auto& row : rows) {
    const std::string code(row[0]);
    const std::string_view kind = row[2];
    if (code.size() != 2 && code.size() != 4 && code.size() != 6 && code.size() != 9)
      throw std::runtime_error(fmt::format("divisions.tsv: code {} is not 2, 4, 6 or 9 digits", code));
    int parent = -1;
    if (code.size() > 2) {
      const auto p = by_code_.find(std::string(parent_code(code)));
      if (p == by_code_.end()) throw std::runtime_error(fmt::format("divisions.tsv: {} comes before its parent", code));
      parent = p->second;
    }
    if (kind == "placeholder" || kind == "same_as_city") {
      // Not a division of its own: its code and its children belong to the line above it.
      by_code_.emplace(code, parent);
      continue;
    }
    if (kind != "division" && kind != "zone")
      throw std::runtime_error(fmt::format("divisions.tsv: {} has an unknown kind '{}'", code, kind));
    Division d{code, std::string(row[1]), level_of_code(code), parent, kind == "zone"};
    by_code_.emplace(code, static_cast<int>(divisions_.size()));
    divisions_.push_back(std::move(d));
  }
  slots_.assign(std::bit_ceil(rows.size() * 4), 0);
  for (int i = 0; i < static_cast<int>(divisions_.size()); ++i) add_forms(i, groups);
  keys_.clear();
  build_index();
}

std::int64_t Divisions::slot_of(std::string_view key, std::size_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t s = hash & mask;; s = (s + 1) & mask) {
    const std::uint32_t k = slots_[s];
    if (k == 0) return static_cast<std::int64_t>(s);
    const Key& seen = keys_seen_[k - 1];
    if (seen.hash == hash && std::string_view(arena_).substr(seen.offset, seen.length) == key)
      return static_cast<std::int64_t>(s);
  }
}

void Divisions::add_form(const std::string& text, int division, Tier tier) {
  const std::string& key = text;
  if (key.empty()) return;
  if (keys_seen_.size() * 2 >= slots_.size()) place_keys(slots_.size() * 2);  // past half full: double
  const std::size_t hash = std::hash<std::string_view>{}(key);
  const auto slot = static_cast<size_t>(slot_of(key, hash));
  if (slots_[slot] == 0) {
    keys_seen_.push_back(Key{static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(key.size()), hash});
    arena_ += key;
    slots_[slot] = static_cast<std::uint32_t>(keys_seen_.size());
  }
  pending_.push_back(PendingForm{slots_[slot] - 1, division, tier});
  longest_form_ = std::max(longest_form_, key.size());
}

void Divisions::place_keys(size_t slots) {
  slots_.assign(slots, 0);
  const std::size_t mask = slots - 1;
  for (std::uint32_t k = 0; k < keys_seen_.size(); ++k) {
    std::size_t s = keys_seen_[k].hash & mask;
    while (slots_[s] != 0) s = (s + 1) & mask;
    slots_[s] = k + 1;
  }
}

// The forms grouped by key, each key's in the order they were added; a division added twice under
// one key (a name that is also one of its own variants) keeps its first place and the surer tier.
void Divisions::build_index() {
  form_begin_.assign(keys_seen_.size() + 1, 0);
  for (const auto& p : pending_) ++form_begin_[p.key + 1];
  for (size_t k = 0; k < keys_seen_.size(); ++k) form_begin_[k + 1] += form_begin_[k];
  std::vector<std::uint32_t> filled(keys_seen_.size(), 0);
  std::vector<Form> grouped(pending_.size());
  for (const auto& p : pending_) {
    Form* begin = grouped.data() + form_begin_[p.key];
    Form* end = begin + filled[p.key];
    Form* same = std::find_if(begin, end, [&](const Form& f) { return f.division == p.division; });
    if (same != end) {
      same->tier = std::min(same->tier, p.tier);
      continue;
    }
    *end = Form{p.division, p.tier};
    ++filled[p.key];
  }
  // Close the gaps the merged duplicates left.
  forms_.clear();
  forms_.reserve(pending_.size());
  for (size_t k = 0; k < keys_seen_.size(); ++k) {
    const auto begin = grouped.begin() + form_begin_[k];
    form_begin_[k] = static_cast<std::uint32_t>(forms_.size());
    forms_.insert(forms_.end(), begin, begin + filled[k]);
  }
  form_begin_.back() = static_cast<std::uint32_t>(forms_.size());
  std::vector<PendingForm>().swap(pending_);
}

void Divisions::add_forms(int i, const std::vector<std::string>& groups) {
  const Division& d = divisions_[static_cast<size_t>(i)];
  // Every form is made from the name's match key (the name itself but for data/divisions/keys.tsv's).
  const auto known = keys_.find(d.name);
  const std::string& n = known == keys_.end() ? d.name : known->second;
  add_form(n, i, d.zone ? Tier::variant : Tier::name);
  // Autonomous divisions are printed by their place name and kind alone: 延边朝鲜族自治州 = 延边州,
  // 长白朝鲜族自治县 = 长白县, 广西壮族自治区 = 广西, 于家务回族乡 = 于家务乡.
  static const std::pair<std::string_view, std::string_view> kAutonomous[] = {
      {"自治区", ""}, {"自治州", "州"}, {"自治县", "县"}, {"自治旗", "旗"}, {"族乡", "乡"}, {"族镇", "镇"}};
  for (const auto& [ending, kind] : kAutonomous) {
    if (!ends_with(n, ending)) continue;
    std::string base = n.substr(0, n.size() - ending.size());
    if (ending == "族乡" || ending == "族镇") base += "族";  // 于家务回族乡: base 于家务回族
    if (ends_with(base, "民族")) base = base.substr(0, base.size() - 6);  // 某某民族乡
    else if (const std::string stem = ethnic_stem(base, groups); !stem.empty()) base = stem;
    else if (ending != "自治区") break;
    add_form(base + std::string(kind), i, Tier::variant);
    if (ending == "自治州") add_form(base, i, Tier::variant);
    break;
  }
  if (d.level == Level::province)
    for (std::string_view e : {"省", "市"})
      if (ends_with(n, e)) add_form(n.substr(0, n.size() - e.size()), i, Tier::variant);  // 吉林, 北京
  // A zone named after its city is also printed without it (长春经济技术开发区 → 长春市经济技术开发区,
  // 经济技术开发区 under 长春市).
  if (d.zone && d.parent >= 0) {
    std::string city = divisions_[static_cast<size_t>(d.parent)].name;  // its keys.tsv line, if any, is rare enough
    if (divisions_[static_cast<size_t>(d.parent)].level == Level::county && d.level == Level::township) city.clear();
    for (std::string_view e : {"市", "地区", "盟"})
      if (!city.empty() && ends_with(city, e)) {
        const std::string stem = city.substr(0, city.size() - e.size());
        if (n.rfind(stem, 0) == 0 && n.size() > stem.size() + 6) add_form(n.substr(stem.size()), i, Tier::variant);
        break;
      }
  }
  if (d.zone) return;
  // Renames that keep the stem: a county 县 → 区 / 市 (九台县 → 九台市 → 九台区), a township 乡 → 镇 →
  // 街道. The old name is read only where no division has it as its name or variant.
  static constexpr std::string_view county[] = {"县", "区", "市"}, township[] = {"乡", "镇", "街道"};
  const std::span<const std::string_view> endings = d.level == Level::county     ? std::span<const std::string_view>(county)
                                                    : d.level == Level::township ? std::span<const std::string_view>(township)
                                                                                 : std::span<const std::string_view>();
  for (std::string_view e : endings) {
    if (!ends_with(n, e) || ends_with(n, "自治县")) continue;
    const std::string stem = n.substr(0, n.size() - e.size());
    if (chars(stem) < 2) break;
    for (std::string_view other : endings)
      if (other != e) add_form(stem + std::string(other), i, Tier::former);
    break;
  }
}

int Divisions::find_code(std::string_view code) const {
  const auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? -1 : it->second;
}

std::span<const Form> Divisions::forms(std::string_view key) const {
  const std::uint32_t k = slots_[static_cast<size_t>(slot_of(key, std::hash<std::string_view>{}(key)))];
  if (k == 0) return {};
  return std::span<const Form>(forms_.data() + form_begin_[k - 1], form_begin_[k] - form_begin_[k - 1]);
}

std::vector<std::string> Divisions::names(int i) const {
  std::vector<std::string> out;
  for (; i >= 0; i = divisions_[static_cast<size_t>(i)].parent) out.push_back(divisions_[static_cast<size_t>(i)].name);
  std::reverse(out.begin(), out.end());
  return out;
}

bool Divisions::within(int i, int ancestor) const {
  for (; i >= 0; i = divisions_[static_cast<size_t>(i)].parent)
    if (i == ancestor) return true;
  return false;
}

namespace {

// The index's bytes: a header, then each member in turn. Plain values are copied as they lie in
// memory: the bytes are written and read by the same build (the header says which layout and hash).
constexpr std::string_view kIndexMagic = "xxgk divisions index 1\n";

// A hash and layout check: the same key must hash alike where the bytes are read.
std::uint64_t layout_check() {
  return static_cast<std::uint64_t>(std::hash<std::string_view>{}("长春市南关区新春街道")) ^
         (sizeof(Form) << 8) ^ (sizeof(std::size_t) << 16) ^ (sizeof(Division) << 24);
}

class Writer {
 public:
  template <class T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void bytes(std::string_view s) {
    value(static_cast<std::uint64_t>(s.size()));
    out_.append(s);
  }
  template <class T>
  void array(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    value(static_cast<std::uint64_t>(v.size()));
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <class T>
  bool value(T& v) {
    if (in_.size() < sizeof v) return false;
    std::memcpy(&v, in_.data(), sizeof v);
    in_.remove_prefix(sizeof v);
    return true;
  }
  bool bytes(std::string_view& s) {
    std::uint64_t n = 0;
    if (!value(n) || in_.size() < n) return false;
    s = in_.substr(0, n);
    in_.remove_prefix(n);
    return true;
  }
  template <class T>
  bool array(std::vector<T>& v) {
    std::uint64_t n = 0;
    if (!value(n) || n > in_.size() / sizeof(T)) return false;
    v.resize(n);
    std::memcpy(v.data(), in_.data(), n * sizeof(T));
    in_.remove_prefix(n * sizeof(T));
    return true;
  }
  bool at_end() const { return in_.empty(); }

 private:
  std::string_view in_;
};

}  // namespace

std::string Divisions::to_bytes() const {
  Writer w;
  w.out_.append(kIndexMagic);
  w.value(layout_check());
  w.value(static_cast<std::uint64_t>(divisions_.size()));
  for (const Division& d : divisions_) {
    w.bytes(d.code);
    w.bytes(d.name);
    w.value(d.level);
    w.value(d.parent);
    w.value(d.zone);
  }
  // In the order of the codes: the same index gives the same bytes, whatever its hash map's history.
  std::vector<std::pair<std::string_view, int>> codes(by_code_.begin(), by_code_.end());
  std::sort(codes.begin(), codes.end());
  w.value(static_cast<std::uint64_t>(codes.size()));
  for (const auto& [code, i] : codes) {
    w.bytes(code);
    w.value(i);
  }
  w.bytes(arena_);
  w.array(keys_seen_);
  w.value(static_cast<std::uint64_t>(slots_.size()));  // the table is filled again from the keys' hashes
  w.array(forms_);
  w.array(form_begin_);
  w.value(static_cast<std::uint64_t>(longest_form_));
  return std::move(w.out_);
}

std::optional<Divisions> Divisions::from_bytes(std::string_view bytes) {
  if (bytes.substr(0, kIndexMagic.size()) != kIndexMagic) return std::nullopt;
  Reader r(bytes.substr(kIndexMagic.size()));
  std::uint64_t check = 0, n = 0;
  if (!r.value(check) || check != layout_check() || !r.value(n)) return std::nullopt;
  Divisions d;
  d.divisions_.reserve(n);
  for (std::uint64_t k = 0; k < n; ++k) {
    Division x;
    std::string_view code, name;
    if (!r.bytes(code) || !r.bytes(name) || !r.value(x.level) || !r.value(x.parent) || !r.value(x.zone)) return std::nullopt;
    x.code = code;
    x.name = name;
    d.divisions_.push_back(std::move(x));
  }
  if (!r.value(n)) return std::nullopt;
  d.by_code_.reserve(n);
  for (std::uint64_t k = 0; k < n; ++k) {
    std::string_view code;
    int i = 0;
    if (!r.bytes(code) || !r.value(i) || i < -1 || i >= static_cast<int>(d.divisions_.size())) return std::nullopt;
    d.by_code_.emplace(code, i);
  }
  std::string_view arena;
  std::uint64_t longest = 0, slots = 0;
  if (!r.bytes(arena) || !r.array(d.keys_seen_) || !r.value(slots) || !r.array(d.forms_) || !r.array(d.form_begin_) ||
      !r.value(longest) || !r.at_end())
    return std::nullopt;
  // What every lookup relies on: a power-of-two table with room to spare, keys inside the arena, forms
  // inside their array.
  if (!std::has_single_bit(slots) || slots < 2 * d.keys_seen_.size() || slots > (std::uint64_t{1} << 26) ||
      d.form_begin_.size() != d.keys_seen_.size() + 1 || d.form_begin_.back() != d.forms_.size())
    return std::nullopt;
  for (size_t k = 0; k + 1 < d.form_begin_.size(); ++k)
    if (d.form_begin_[k] > d.form_begin_[k + 1]) return std::nullopt;
  for (const Key& key : d.keys_seen_)
    if (std::uint64_t{key.offset} + key.length > arena.size()) return std::nullopt;
  d.place_keys(static_cast<size_t>(slots));
  for (const Form& f : d.forms_)
    if (f.division < 0 || static_cast<size_t>(f.division) >= d.divisions_.size()) return std::nullopt;
  for (const Division& x : d.divisions_)
    if (x.parent < -1 || x.parent >= static_cast<int>(d.divisions_.size())) return std::nullopt;
  d.arena_ = arena;
  d.longest_form_ = static_cast<size_t>(longest);
  return d;
}

std::string_view parent_code(std::string_view code) {
  return code.size() <= 2 ? code.substr(0, 0) : code.substr(0, code.size() == 9 ? 6 : code.size() - 2);
}

namespace {

// The fields of the line of `code` in a tsv sorted by code (after its header line); empty when none.
std::vector<std::string_view> line_of_code(std::string_view tsv, std::string_view code) {
  size_t lo = tsv.find('\n'), hi = tsv.size();  // [lo, hi) holds whole lines; lo starts one
  if (lo == std::string_view::npos) return {};
  ++lo;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const size_t start = mid == lo ? lo : tsv.rfind('\n', mid - 1) + 1;  // the line holding mid
    size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view line_code = line.substr(0, line.find('\t'));
    if (line_code == code) return tsv_fields(line);
    if (line_code < code) lo = end + 1;
    else hi = start;
  }
  return {};
}

bool is_division_kind(std::string_view kind) { return kind == "division" || kind == "zone"; }

}  // namespace

std::vector<ChainLink> code_chain(std::string_view tsv, std::string_view code) {
  std::vector<ChainLink> chain;
  for (std::string_view c = code; !c.empty(); c = parent_code(c)) {
    const auto fields = line_of_code(tsv, c);
    if (fields.size() < 3) return {};
    if (!is_division_kind(fields[2])) {
      if (c == code) return {};  // a placeholder's code stands for the division above it
      continue;
    }
    chain.push_back(ChainLink{fields[0], fields[1], level_of_code(fields[0])});
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

}  // namespace xxgk::regions
