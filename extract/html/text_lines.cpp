#include "extract/html/text_lines.h"

namespace xxgk::html {
namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length (1 for a stray byte, decoded as itself).
size_t next_char(std::string_view s, size_t i, char32_t& cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (i + n > s.size()) n = 1;
  if (n == 1) {
    cp = c;
    return 1;
  }
  cp = n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (b(i + k) & 0x3Fu);
  return n;
}

bool is_collapsible_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0;
}

bool is_invisible(char32_t cp) { return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF || cp == 0xAD; }

// East Asian wide characters, for the segment-break rule: a source line break between two of
// them is removed, not turned into a space.
bool is_wide(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

// White space beyond ASCII that may stand at either end of a line (U+3000 indents Chinese
// paragraphs; Word pads with NBSP, which append() already turned into spaces).
bool is_wide_space(char32_t cp) {
  return cp == 0x3000 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0xFEFF || cp == 0x85;
}

// Trims white space at both ends of a line (cheap: lines are trimmed by the hundred thousand).
std::string_view trim_line(std::string_view s) {
  for (;;) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    if (s.empty() || static_cast<unsigned char>(s.front()) < 0x80) break;
    char32_t cp = 0;
    const size_t n = next_char(s, 0, cp);
    if (!is_wide_space(cp)) break;
    s.remove_prefix(n);
  }
  for (;;) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    if (s.empty() || static_cast<unsigned char>(s.back()) < 0x80) break;
    size_t start = s.size() - 1;  // the last character's first byte
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 && s.size() - start < 4) --start;
    char32_t cp = 0;
    next_char(s, start, cp);
    if (!is_wide_space(cp)) break;
    s.remove_suffix(s.size() - start);
  }
  return s;
}

}  // namespace

void TextLines::append(std::string_view text, bool preformatted) {
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const size_t n = next_char(text, i, cp);
    const std::string_view ch = text.substr(i, n);
    i += n;
    if (preformatted && cp == '\n') {
      line_break();
      continue;
    }
    if (is_collapsible_space(cp)) {
      pending_space_ = true;
      if (cp == '\n' || cp == '\r') pending_newline_ = true;
      continue;
    }
    if (is_invisible(cp)) continue;
    put(ch, cp);
  }
}

void TextLines::put(std::string_view utf8_char, char32_t cp) {
  const bool wide = is_wide(cp);
  if (pending_space_ && !line_.empty() && !(pending_newline_ && last_wide_ && wide)) line_ += ' ';
  pending_space_ = false;
  pending_newline_ = false;
  line_ += utf8_char;
  bytes_ += utf8_char.size();
  last_wide_ = wide;
}

void TextLines::line_break() {
  const std::string_view t = trim_line(line_);
  if (!t.empty()) lines_.emplace_back(t);
  line_.clear();
  pending_space_ = false;
  pending_newline_ = false;
  last_wide_ = false;
}

std::vector<std::string> TextLines::take_lines() {
  line_break();
  std::vector<std::string> out = std::move(lines_);
  lines_.clear();
  bytes_ = 0;
  return out;
}

std::string TextLines::joined() {
  std::string out;
  for (auto& l : take_lines()) {
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}

std::string collapse_spaces(std::string_view text) {
  TextLines t;
  t.append(text);
  return t.joined();
}

}  // namespace xxgk::html
