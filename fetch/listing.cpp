#include "fetch/listing.h"

#include "fetch/readers/readers.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <fmt/format.h>

#include <stdexcept>

namespace xxgk::fetch {
namespace {

std::unique_ptr<icu::RegexPattern> compile(const std::string& pattern) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  std::unique_ptr<icu::RegexPattern> p(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), UREGEX_CASE_INSENSITIVE, where, status));
  if (U_FAILURE(status) || !p)
    throw std::invalid_argument(fmt::format("the pattern {} is not a valid regular expression ({}, at character {})",
                                            pattern, u_errorName(status), where.offset));
  return p;
}

bool found(const icu::RegexPattern& p, const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(p.matcher(text, status));
  if (U_FAILURE(status) || !m) return false;
  m->setTimeLimit(50, status);  // a hostile title cannot stall a night on a user's pattern
  const bool hit = m->find(status);
  return U_SUCCESS(status) && hit;
}

// ASCII digits for full-width ones (０-９ are EF BC 90-99 in UTF-8); other bytes as they are.
std::string ascii_digits(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

size_t skip_spaces(std::string_view s, size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

// A number of 1-2 (or exactly 4) digits at i; its end in `end`.
std::optional<int> number_at(std::string_view s, size_t i, size_t min_digits, size_t max_digits, size_t& end) {
  size_t j = i;
  while (j < s.size() && digit(s[j]) && j - i < max_digits + 1) ++j;
  if (j - i < min_digits || j - i > max_digits) return std::nullopt;
  end = j;
  return std::stoi(std::string(s.substr(i, j - i)));
}

}  // namespace

struct TitleFilter::Patterns {
  std::unique_ptr<icu::RegexPattern> pattern, exclude;
};

TitleFilter::TitleFilter(const std::string& pattern, const std::string& exclude) : patterns_(std::make_unique<Patterns>()) {
  patterns_->pattern = compile(pattern.empty() ? kDefaultTitlePattern : pattern);
  if (!exclude.empty()) patterns_->exclude = compile(exclude);
}
TitleFilter::~TitleFilter() = default;
TitleFilter::TitleFilter(TitleFilter&&) noexcept = default;
TitleFilter& TitleFilter::operator=(TitleFilter&&) noexcept = default;

bool TitleFilter::matches(std::string_view title) const {
  const auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(title.data(), static_cast<int32_t>(title.size())));
  if (!found(*patterns_->pattern, text)) return false;
  if (patterns_->exclude && found(*patterns_->exclude, text)) return false;
  return year_in_title(title).has_value();
}

std::optional<int> year_in_title(std::string_view title) {
  const std::string s = ascii_digits(title);
  static constexpr std::string_view kNian = "\xE5\xB9\xB4";  // 年
  for (size_t i = 0; i + 4 <= s.size(); ++i) {
    if (!digit(s[i]) || (i > 0 && digit(s[i - 1]))) continue;
    size_t end = 0;
    const auto y = number_at(s, i, 4, 4, end);
    if (!y) continue;
    if (s.substr(skip_spaces(s, end), kNian.size()) == kNian && *y >= 2000 && *y <= 2099) return y;
  }
  return std::nullopt;
}

std::optional<std::string> date_in_text(std::string_view text) {
  const std::string s = ascii_digits(text);
  static constexpr std::string_view kNian = "\xE5\xB9\xB4", kYue = "\xE6\x9C\x88";  // 年 月
  for (size_t i = 0; i + 8 <= s.size(); ++i) {
    if (!digit(s[i]) || (i > 0 && digit(s[i - 1]))) continue;
    size_t end = 0;
    const auto y = number_at(s, i, 4, 4, end);
    if (!y || *y < 1990 || *y > 2099) continue;
    // The separator after the year, repeated after the month (or 年 … 月 … 日).
    std::string_view sep1, sep2;
    size_t j = skip_spaces(s, end);
    if (j < s.size() && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
      sep1 = std::string_view(s).substr(j, 1);
      sep2 = sep1;
      ++j;
    } else if (s.substr(j, 3) == kNian) {
      sep1 = kNian;
      sep2 = kYue;
      j += 3;
    } else {
      continue;
    }
    j = skip_spaces(s, j);
    const auto m = number_at(s, j, 1, 2, end);
    if (!m) continue;
    j = skip_spaces(s, end);
    if (s.substr(j, sep2.size()) != sep2) continue;
    j = skip_spaces(s, j + sep2.size());
    const auto d = number_at(s, j, 1, 2, end);
    if (!d) continue;
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*m < 1 || *m > 12 || *d < 1 || *d > kDays[*m - 1]) continue;
    if (*m == 2 && *d == 29 && !((*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0)) continue;
    return fmt::format("{:04d}-{:02d}-{:02d}", *y, *m, *d);
  }
  return std::nullopt;
}

bool is_known_kind(std::string_view kind) { return kind == "document" || listing_reader(kind) != nullptr; }

const ListingReader* listing_reader(std::string_view kind) { return readers::find(kind); }

}  // namespace xxgk::fetch
