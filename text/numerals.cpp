// Chinese numerals (二十五, 一百零三, 3万5千) and the counts narrative text states.
#include "text/icu_util.h"
#include "text/text.h"

#include <array>
#include <cmath>
#include <string_view>

namespace xxgk {
namespace {

// Digit value of a Chinese numeral character (simplified, traditional and financial forms).
int cn_digit(UChar32 c) {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': case U'壹': return 1;
    case U'二': case U'两': case U'兩': case U'贰': case U'貳': return 2;
    case U'三': case U'叁': case U'參': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': case U'陸': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
}

long long cn_unit(UChar32 c) {
  switch (c) {
    case U'十': case U'拾': return 10;
    case U'百': case U'佰': return 100;
    case U'千': case U'仟': return 1000;
    case U'万': case U'萬': return 10000;
    case U'亿': case U'億': return 100000000;
    default: return 0;
  }
}

bool is_ascii_digit(UChar32 c) { return c >= '0' && c <= '9'; }

// Measure words after a count in the reports' narrative. 类 is left out on purpose: 三类内部事务
//信息 names a category, not a count.
constexpr std::array<std::u32string_view, 18> kMeasureWords = {
    U"件", U"个", U"条", U"次", U"项", U"人", U"家", U"场", U"期", U"批",
    U"份", U"篇", U"起", U"宗", U"名", U"例", U"封", U"元"};

bool is_measure_word(UChar32 c) {
  for (auto w : kMeasureWords)
    if (w[0] == static_cast<char32_t>(c)) return true;
  return false;
}

}  // namespace

std::optional<long long> parse_chinese_numeral(std::string_view s) {
  const auto cps = detail::code_points(s);
  if (cps.empty()) return std::nullopt;
  double total = 0;     // completed 万 / 亿 groups
  double section = 0;   // below the last 万
  double pending = -1;  // a digit waiting for its unit
  long long last_unit = 0;
  bool zero_between = false;  // 一千零五: the 零 says the 5 is units, not hundreds
  bool any_digit = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    const UChar32 c = cps[i];
    if (is_ascii_digit(c)) {  // an Arabic number inside a numeral: 3万5千, 1.5万
      if (pending >= 0) return std::nullopt;
      std::string digits;
      while (i < cps.size() && (is_ascii_digit(cps[i]) || cps[i] == '.' || cps[i] == ',')) {
        if (cps[i] != ',') digits += static_cast<char>(cps[i]);
        ++i;
      }
      --i;
      char* end = nullptr;
      pending = std::strtod(digits.c_str(), &end);
      if (!end || *end != '\0') return std::nullopt;
      any_digit = true;
      continue;
    }
    if (const int d = cn_digit(c); d >= 0) {
      if (d == 0) {
        zero_between = true;
        any_digit = true;
        continue;
      }
      if (pending >= 0) return std::nullopt;  // 三五: not a numeral
      pending = d;
      any_digit = true;
      continue;
    }
    const long long unit = cn_unit(c);
    if (unit == 0) return std::nullopt;
    if (unit == 100000000) {
      total = (total + section + std::max(pending, 0.0)) * static_cast<double>(unit);
      section = 0;
    } else if (unit == 10000) {
      const double group = section + std::max(pending, 0.0);
      total += (group == 0 ? 1 : group) * static_cast<double>(unit);
      section = 0;
    } else {
      if (pending < 0 && !(unit == 10 && !any_digit)) return std::nullopt;  // only 十 stands alone
      section += (pending < 0 ? 1 : pending) * static_cast<double>(unit);
    }
    pending = -1;
    last_unit = unit;
    zero_between = false;
  }
  if (!any_digit && cn_unit(cps.front()) != 10) return std::nullopt;  // 十, 十万: 十 stands for 一十
  if (pending >= 0) {
    // 一百五 is 150 and 三万五 is 35000 (the unit below the last one is implied), unless a 零 came
    // between (一百零五 = 105).
    section += (zero_between || last_unit < 10) ? pending : pending * static_cast<double>(last_unit / 10);
  }
  const double v = total + section;
  if (v != std::floor(v) || v > 9e15) return std::nullopt;
  return static_cast<long long>(v);
}

std::vector<CountMention> find_counts(std::string_view text) {
  const std::string norm = normalize_text(text);
  std::vector<CountMention> out;
  // Byte offset of each code point, so mentions point into `norm`.
  std::vector<UChar32> cps;
  std::vector<size_t> offs;
  {
    const icu::UnicodeString u = detail::from_utf8(norm);
    size_t byte = 0;
    for (int32_t i = 0; i < u.length();) {
      const UChar32 c = u.char32At(i);
      i += U16_LENGTH(c);
      cps.push_back(c);
      offs.push_back(byte);
      byte += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    offs.push_back(byte);
  }
  auto numeral_char = [](UChar32 c) { return is_ascii_digit(c) || cn_digit(c) >= 0 || cn_unit(c) > 0; };
  for (size_t i = 0; i < cps.size();) {
    if (!numeral_char(cps[i]) || (!is_ascii_digit(cps[i]) && cn_unit(cps[i]) > 0 && cps[i] != U'十')) {
      ++i;
      continue;
    }
    size_t j = i;
    bool chinese = false;
    while (j < cps.size() &&
           (numeral_char(cps[j]) || ((cps[j] == ',' || cps[j] == '.') && j + 1 < cps.size() && j > i &&
                                     is_ascii_digit(cps[j - 1]) && is_ascii_digit(cps[j + 1])))) {
      if (!is_ascii_digit(cps[j]) && cps[j] != ',' && cps[j] != '.') chinese = true;
      ++j;
    }
    const size_t begin = i;
    i = j;
    // What follows: 余 / 多 ("5500余条") then the measure word.
    size_t k = j;
    if (k < cps.size() && (cps[k] == U'余' || cps[k] == U'多')) ++k;
    const UChar32 next = k < cps.size() ? cps[k] : 0;
    const UChar32 prev = begin > 0 ? cps[begin - 1] : 0;
    if (prev == U'第') continue;  // 第二十条, 第3项: an ordinal, not a count
    if (!chinese) {
      // Dates, years, phone numbers and codes are not counts.
      if (next == U'年' || next == U'月' || next == U'日' || next == U'号' || next == '-' || next == '%' ||
          prev == '-' || prev == '.' || prev == '@' || (prev >= 'A' && prev <= 'z'))
        continue;
    } else if (!is_measure_word(next)) {
      continue;
    }
    const std::string token = norm.substr(offs[begin], offs[j] - offs[begin]);
    std::optional<long long> v;
    if (!chinese) {
      std::string digits;
      bool ok = true;
      for (char c : token)
        if (c == '.') ok = false;
        else if (c != ',') digits += c;
      if (ok && !digits.empty() && digits.size() <= 15) v = std::stoll(digits);
    } else {
      v = parse_chinese_numeral(token);
    }
    if (!v) continue;
    CountMention m;
    m.value = *v;
    m.chinese = chinese;
    m.begin = offs[begin];
    m.end = offs[j];
    if (is_measure_word(next)) m.unit = norm.substr(offs[k], offs[k + 1] - offs[k]);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace xxgk
