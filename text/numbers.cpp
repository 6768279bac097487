#include "text/numbers.h"

#include "text/text.h"

#include <array>
#include <cstdlib>

namespace xxgk {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Marks agencies print where a figure does not apply (after normalize_text: every dash is —).
constexpr std::array<std::string_view, 18> kNotApplicable = {
    "无", "不适用", "空", "暂无", "x", "X", "×", "不涉及", "未涉及", "N/A", "n/a", "NA", "…", "...", "*", "/无", "——/", "—/"};

// Characters that, alone or repeated, mean "nothing to report here".
bool is_mark_run(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '/' || s[i] == '-' || s[i] == '\\' || s[i] == '_') {
      ++i;
    } else if (s.compare(i, 3, "—") == 0) {
      i += 3;
    } else {
      return false;
    }
  }
  return !s.empty();
}

// Units printed after a figure; the longest first (万元 before 元).
constexpr std::array<std::string_view, 12> kUnits = {"万元", "元", "件", "个", "项", "条", "次", "家", "人", "宗", "份", "起"};

// Parses an ASCII decimal with optional thousands separators. Sets decimals.
std::optional<double> parse_plain_number(std::string_view s, int& decimals) {
  if (s.empty()) return std::nullopt;
  std::string digits;
  bool seen_dot = false;
  int after_dot = 0;
  int group = 0;  // digits since the last comma
  bool seen_comma = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digits += c;
      if (seen_dot) ++after_dot;
      else ++group;
    } else if (c == ',' && !seen_dot) {
      // A thousands separator: 1-3 digits before the first, exactly 3 between.
      if (group == 0 || (seen_comma && group != 3) || (!seen_comma && group > 3)) return std::nullopt;
      seen_comma = true;
      group = 0;
    } else if (c == '.' && !seen_dot) {
      if (digits.empty() || (seen_comma && group != 3)) return std::nullopt;
      seen_dot = true;
      digits += '.';
    } else {
      return std::nullopt;
    }
  }
  if (seen_comma && !seen_dot && group != 3) return std::nullopt;
  if (digits.empty() || digits.back() == '.') return std::nullopt;
  decimals = after_dot;
  return std::strtod(digits.c_str(), nullptr);
}

}  // namespace

CellValue parse_cell(std::string_view raw, bool signed_change) {
  CellValue out;
  const std::string s = strip_spaces(normalize_text(raw));
  if (s.empty()) return out;  // Blank
  if (is_mark_run(s)) {
    out.kind = CellKind::NotApplicable;
    return out;
  }
  for (auto na : kNotApplicable)
    if (s == na) {
      out.kind = CellKind::NotApplicable;
      return out;
    }
  std::string_view v = s;
  for (auto u : kUnits)
    if (ends_with(v, u) && v.size() > u.size()) {
      v.remove_suffix(u.size());
      out.unit = std::string(u);
      break;
    }
  double sign = 1;
  if (starts_with(v, "-")) {
    sign = -1;
    v.remove_prefix(1);
  } else if (starts_with(v, "+")) {
    v.remove_prefix(1);
  } else if (signed_change) {
    for (std::string_view p : {"减少", "减", "—", "↓"})
      if (starts_with(v, p)) {
        sign = -1;
        v.remove_prefix(p.size());
        break;
      }
    for (std::string_view p : {"增加", "增", "↑"})
      if (starts_with(v, p)) {
        v.remove_prefix(p.size());
        break;
      }
  }
  int decimals = 0;
  const auto n = parse_plain_number(v, decimals);
  if (!n) {
    out.kind = CellKind::Text;
    out.unit.clear();
    return out;
  }
  out.kind = CellKind::Number;
  out.value = sign * *n;
  if (*out.value == 0) out.value = 0.0;  // no "-0"
  out.decimals = decimals;
  return out;
}

std::optional<long long> parse_count_text(std::string_view s) {
  std::string t = strip_spaces(normalize_text(s));
  for (std::string_view u : {"件", "个", "条", "次", "项", "人", "家", "场"})
    if (ends_with(t, u) && t.size() > u.size()) {
      t.resize(t.size() - u.size());
      break;
    }
  if (t.empty()) return std::nullopt;
  int decimals = 0;
  if (auto n = parse_plain_number(t, decimals); n && decimals == 0) return static_cast<long long>(*n);
  return parse_chinese_numeral(t);
}

}  // namespace xxgk
