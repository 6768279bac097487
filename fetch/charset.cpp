#include "fetch/charset.h"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <climits>
#include <memory>

namespace xxgk::fetch {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

std::string icu_name(std::string_view charset) {
  std::string n = ascii_lower(charset);
  while (!n.empty() && (n.back() == ' ' || n.back() == '"' || n.back() == '\'')) n.pop_back();
  while (!n.empty() && (n.front() == ' ' || n.front() == '"' || n.front() == '\'')) n.erase(0, 1);
  if (n == "gb2312" || n == "gbk" || n == "gb_2312-80" || n == "x-gbk" || n == "cp936" || n == "gb18030" ||
      n == "euc-cn" || n == "x-euc-cn" || n == "windows-936")
    return "GB18030";
  if (n == "utf8") return "UTF-8";
  return n;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) n = 1, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) n = 2, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) n = 3, cp = c & 0x07;
    else return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset, bool strict) {
  const std::string name = icu_name(charset);
  if (name.empty() || bytes.size() > static_cast<size_t>(INT_MAX) / 2) return std::nullopt;
  if (name == "UTF-8" || name == "utf-8") {
    if (valid_utf8(bytes)) return std::string(bytes);
    if (strict) return std::nullopt;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || !conv) return std::nullopt;
  if (strict) {
    ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    if (U_FAILURE(status)) return std::nullopt;
  }
  // UTF-16 needs at most one unit per input byte for these charsets (plus a pair per 4-byte
  // sequence, still no more than the bytes).
  icu::UnicodeString text;
  const auto capacity = static_cast<int32_t>(bytes.size() + 1);
  char16_t* buf = text.getBuffer(capacity);
  const int32_t len = ucnv_toUChars(conv.get(), buf, capacity, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  text.releaseBuffer(U_SUCCESS(status) ? len : 0);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace xxgk::fetch
