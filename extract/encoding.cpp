#include "extract/encoding.h"

#include "model/errors.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <memory>
#include <vector>

namespace xxgk {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

std::string canonical_charset(std::string_view name) {
  std::string n;
  for (char c : name) n += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // GB2312 pages routinely contain GBK characters, and GBK pages GB18030 ones: read the superset.
  if (n == "GB2312" || n == "GBK" || n == "CP936" || n == "X-GBK" || n == "EUC-CN" || n == "HZ-GB-2312" ||
      n == "GB_2312-80" || n == "CHINESE" || n == "WINDOWS-936")
    return "GB18030";
  if (n == "UTF8") return "UTF-8";
  if (n == "BIG5-HKSCS" || n == "BIG-5" || n == "CN-BIG5") return "Big5";
  return n;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    if (n == 2 && c < 0xC2) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    if (n == 3) {
      unsigned cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6);
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    }
    if (n == 4) {
      unsigned cp = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12);
      if (cp < 0x10000 || cp > 0x10FFFF) return false;
    }
    i += n;
  }
  return true;
}

bool convert_strict(std::string_view bytes, std::string_view charset, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  std::string name(charset);
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || !conv) return false;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString u;
  const int32_t cap = static_cast<int32_t>(bytes.size()) * 2 + 16;
  UChar* buf = u.getBuffer(cap);
  int32_t len = ucnv_toUChars(conv.get(), buf, cap, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  u.releaseBuffer(U_SUCCESS(status) ? len : 0);
  if (U_FAILURE(status)) return false;
  std::string s;
  u.toUTF8String(s);
  out = std::move(s);
  return true;
}

double cjk_ratio(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  long cjk = 0, other = 0;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c < 0x80) continue;  // ASCII markup, digits and spaces do not tell
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFF00 && c <= 0xFFEF))
      ++cjk;
    else
      ++other;
  }
  if (cjk + other == 0) return 0;
  return static_cast<double>(cjk) / static_cast<double>(cjk + other);
}

Decoded decode_text(std::string_view bytes, std::string_view declared) {
  auto has_prefix = [&](std::string_view p) { return bytes.substr(0, p.size()) == p; };
  std::string out;
  if (has_prefix("\xEF\xBB\xBF")) {
    if (is_valid_utf8(bytes.substr(3))) return {std::string(bytes.substr(3)), "UTF-8"};
  }
  if (has_prefix("\xFF\xFE") && convert_strict(bytes.substr(2), "UTF-16LE", out)) return {out, "UTF-16LE"};
  if (has_prefix("\xFE\xFF") && convert_strict(bytes.substr(2), "UTF-16BE", out)) return {out, "UTF-16BE"};
  if (has_prefix("\x84\x31\x95\x33") && convert_strict(bytes.substr(4), "GB18030", out)) return {out, "GB18030"};

  // Text that is valid UTF-8 and holds non-ASCII is UTF-8 whatever the page declares: GBK text
  // is almost never valid UTF-8, while pages saved as UTF-8 often keep a stale gb2312 meta.
  const bool utf8 = is_valid_utf8(bytes);
  if (utf8) return {std::string(bytes), "UTF-8"};

  // A declared charset, verified: it must decode cleanly and give CJK text.
  if (!declared.empty()) {
    std::string cs = canonical_charset(declared);
    if (cs != "UTF-8" && convert_strict(bytes, cs, out) && cjk_ratio(out) > 0.5) return {out, cs};
  }

  // ICU's detector, each candidate verified; then the usual suspects for Chinese text.
  std::vector<std::string> candidates;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&status));
  if (U_SUCCESS(status)) {
    ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 20)), &status);
    int32_t n = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &n, &status);
    for (int32_t i = 0; U_SUCCESS(status) && i < n && i < 6; ++i) {
      const char* name = ucsdet_getName(matches[i], &status);
      if (U_SUCCESS(status) && name) candidates.push_back(canonical_charset(name));
    }
  }
  for (const char* c : {"GB18030", "Big5", "UTF-16LE", "UTF-16BE"}) candidates.emplace_back(c);
  // Several charsets decode most byte strings without error (Big5 text is valid GB18030), so the
  // candidates are ranked by how much of the vocabulary of these reports their text holds.
  std::string best;
  std::string best_cs;
  long best_score = -1;
  for (const auto& cs : candidates) {
    if (cs == "UTF-8" || cs.rfind("ISO-8859", 0) == 0 || cs.rfind("WINDOWS-125", 0) == 0) continue;
    if (!convert_strict(bytes, cs, out) || cjk_ratio(out) <= 0.6) continue;
    long score = 0;
    for (std::string_view w : {"的", "年", "政府", "信息", "公开", "公開", "申请", "申請", "工作", "情况", "情況"})
      for (size_t p = out.find(w); p != std::string::npos; p = out.find(w, p + w.size())) ++score;
    if (score > best_score) {
      best_score = score;
      best = out;
      best_cs = cs;
    }
  }
  if (best_score >= 0) return {best, best_cs};
  throw DocumentError("encoding", "the text is in no character encoding we can verify (tried UTF-8, GB18030, Big5, UTF-16)",
                      "无法确认文本的字符编码（已尝试 UTF-8、GB18030、Big5、UTF-16）");
}

}  // namespace xxgk
