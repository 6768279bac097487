// A bounded per-thread memo of a function of a text (text/text.cpp's keys and normal forms,
// text/enumerators.cpp's label splits). Internal to text/.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace xxgk::detail {

// A bounded per-thread memo: the table reader asks for the same cell's key many times, and the
// same labels recur in every report of a batch. Cleared when full rather than grown without bound.
template <class Value>
class Memo {
 public:
  template <class Make>
  Value get(std::string_view in, Make make) {
    if (in.size() > kMaxKeyBytes) return get_long(in, make);
    if (auto it = map_.find(in); it != map_.end()) return it->second;
    Value out = make(in);
    if (map_.size() >= kMaxEntries) map_.clear();
    map_.emplace(std::string(in), out);
    return out;
  }

 private:
  // Paragraphs and oversized cells: the readers ask for the same one many times in a row (a table
  // cell of a megabyte was keyed ~40 times, 2 s), so the last few are kept, each up to 4 MB.
  template <class Make>
  Value get_long(std::string_view in, Make make) {
    for (const auto& [k, v] : long_)
      if (k == in) return v;
    Value out = make(in);
    if (in.size() > kMaxLongBytes) return out;
    long_[next_long_] = {std::string(in), out};
    next_long_ = (next_long_ + 1) % long_.size();
    return out;
  }
  static constexpr size_t kMaxLongBytes = 4u << 20;
  std::array<std::pair<std::string, Value>, 4> long_;
  size_t next_long_ = 0;

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  static constexpr size_t kMaxEntries = 1 << 15;
  static constexpr size_t kMaxKeyBytes = 512;
  std::unordered_map<std::string, Value, Hash, std::equal_to<>> map_;
};

}  // namespace xxgk::detail
