#include "extract/encoding.h"

#include <spdlog/spdlog.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <memory>
#include <optional>
#include <tuple>
#include <vector>

#include "model/errors.h"

namespace xxgk {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Candidates are ranked on a sample; only the winner is converted in full (a 50 MB page would
// otherwise be converted once per candidate).
constexpr size_t kSampleBytes = 512 * 1024;

// Words of these reports, simplified and traditional: a right decoding holds many of them, a
// wrong one (Big5 read as GB18030, say) almost none.
constexpr std::string_view kVocabulary[] = {"的",   "年",   "政府", "信息", "公开", "公開", "申请", "申請", "工作",
                                            "情况", "情況", "行政", "报告", "報告", "本年", "复议", "復議"};

// Converts bytes with one charset. Strict: any invalid sequence fails. Lenient: each invalid
// sequence becomes U+FFFD and is counted in *invalid. `whole`: false for a sample cut from longer
// bytes, where a character cut off at the end is not an error.
bool convert(std::string_view bytes, std::string_view charset, bool lenient, bool whole, std::string& out,
             long* invalid = nullptr) {
  UErrorCode status = U_ZERO_ERROR;
  std::string name(charset);
  ConverterPtr conv(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || !conv) return false;
  // Lenient: U+FFFD (not the charset's own substitution character, which may be 0x1A).
  ucnv_setToUCallBack(conv.get(), lenient ? UCNV_TO_U_CALLBACK_SUBSTITUTE : UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr,
                      nullptr, &status);
  if (U_FAILURE(status)) return false;
  if (bytes.size() > static_cast<size_t>(INT32_MAX / 2 - 16)) return false;
  icu::UnicodeString u;
  const int32_t cap = static_cast<int32_t>(bytes.size()) * 2 + 16;
  UChar* buf = u.getBuffer(cap);
  if (!buf) return false;
  const char* src = bytes.data();
  UChar* dst = buf;
  ucnv_toUnicode(conv.get(), &dst, buf + cap, &src, bytes.data() + bytes.size(), nullptr, whole, &status);
  const int32_t len = static_cast<int32_t>(dst - buf);
  u.releaseBuffer(U_SUCCESS(status) ? len : 0);
  if (U_FAILURE(status)) return false;
  std::string s;
  u.toUTF8String(s);
  if (invalid) {
    long n = 0;
    if (lenient)
      for (size_t p = s.find("\xEF\xBF\xBD"); p != std::string::npos; p = s.find("\xEF\xBF\xBD", p + 3)) ++n;
    *invalid = n;
  }
  out = std::move(s);
  return true;
}

// Words of kVocabulary a declared charset's reading must hold for the declaration to settle the
// charset without the detector.
constexpr long kSettlingVocabulary = 8;

// Invalid sequences tolerated in decoded text: a few stray bytes, never a wrong charset. UTF-8 is
// allowed more (16, or one in a hundred bytes): text in another charset read as UTF-8 fails on
// nearly every character, so a page that is UTF-8 but for a few damaged spots cannot be mistaken
// for one, while GB18030 or Big5 read almost any bytes and must be held to fewer.
long tolerated_invalid(size_t utf8_bytes, std::string_view charset) {
  if (charset == "UTF-8") return std::max<long>(16, static_cast<long>(utf8_bytes / 100));
  return std::max<long>(3, static_cast<long>(utf8_bytes / 3000));
}

long vocabulary_score(std::string_view text) {
  long score = 0;
  for (std::string_view w : kVocabulary)
    for (size_t p = text.find(w); p != std::string_view::npos; p = text.find(w, p + w.size())) ++score;
  return score;
}

bool is_cjk_charset(std::string_view cs) {
  return cs == "GB18030" || cs == "Big5" || cs == "Big5-HKSCS" || cs == "UTF-16LE" || cs == "UTF-16BE" || cs == "UTF-8";
}

// ICU's detector: its candidate names, best first.
std::vector<std::string> detected_charsets(std::string_view sample) {
  std::vector<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&status));
  if (U_FAILURE(status)) return out;
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  int32_t n = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &n, &status);
  for (int32_t i = 0; U_SUCCESS(status) && i < n && i < 6; ++i) {
    const char* name = ucsdet_getName(matches[i], &status);
    if (U_SUCCESS(status) && name) out.push_back(canonical_charset(name));
  }
  return out;
}

}  // namespace

std::string canonical_charset(std::string_view name) {
  std::string n;
  for (char c : name)
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '"' && c != '\'')
      n += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // GB2312 pages routinely contain GBK characters, and GBK pages GB18030 ones: read the superset.
  if (n == "GB2312" || n == "GBK" || n == "CP936" || n == "X-GBK" || n == "EUC-CN" || n == "HZ-GB-2312" ||
      n == "GB_2312-80" || n == "CHINESE" || n == "WINDOWS-936" || n == "GB18030" || n == "X-EUC-CN" ||
      n == "CSGB2312" || n == "ISO-IR-58" || n == "MS936")
    return "GB18030";
  if (n == "UTF8" || n == "UTF-8" || n == "UNICODE-1-1-UTF-8") return "UTF-8";
  if (n == "BIG5" || n == "BIG-5" || n == "CN-BIG5" || n == "X-X-BIG5" || n == "CSBIG5" || n == "CP950" ||
      n == "WINDOWS-950")
    return "Big5";
  if (n == "BIG5-HKSCS") return "Big5-HKSCS";
  if (n == "UTF-16" || n == "UTF-16LE" || n == "UNICODE") return "UTF-16LE";
  if (n == "UTF-16BE") return "UTF-16BE";
  return n;
}

bool convert_strict(std::string_view bytes, std::string_view charset, std::string& out) {
  return convert(bytes, charset, false, true, out);
}

double cjk_ratio(std::string_view utf8) {
  // Read in place, not converted to UTF-16 first; an ill-formed sequence (c < 0) counts for neither
  // side, as the U+FFFD it would become.
  const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int64_t>(utf8.size());
  long cjk = 0, other = 0;
  for (int64_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c < 0x80) continue;  // ASCII markup, digits and spaces do not tell (nor an ill-formed sequence)
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF))
      ++cjk;
    else if (c == 0xA0 || c == 0xB7 || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x27BF) || c == 0xFEFF ||
             c == 0xFFFD)
      continue;  // punctuation, symbols and marks every script's pages use
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
    if (is_valid_utf8(bytes.substr(3))) return {std::string(bytes.substr(3)), "UTF-8", 0};
  }
  if (has_prefix("\xFF\xFE") && convert_strict(bytes.substr(2), "UTF-16LE", out)) return {out, "UTF-16LE", 0};
  if (has_prefix("\xFE\xFF") && convert_strict(bytes.substr(2), "UTF-16BE", out)) return {out, "UTF-16BE", 0};
  if (has_prefix("\x84\x31\x95\x33") && convert_strict(bytes.substr(4), "GB18030", out)) return {out, "GB18030", 0};

  if (is_valid_utf8(bytes)) return {std::string(bytes), "UTF-8", 0};

  const std::string declared_cs = declared.empty() ? std::string() : canonical_charset(declared);
  const std::string_view sample = bytes.substr(0, kSampleBytes);

  // The bytes and the page settle it: the declared CJK charset reads the whole without one invalid
  // sequence, as Chinese text holding the reports' own words. No other candidate can then read
  // more of the vocabulary (another charset's reading of the same bytes is gibberish), so the
  // detector and the other candidates are not run: they cost most of a GBK page's decoding.
  if (!declared_cs.empty() && declared_cs != "UTF-8" && declared_cs.rfind("UTF-16", 0) != 0 && is_cjk_charset(declared_cs) &&
      convert_strict(bytes, declared_cs, out)) {
    const std::string_view head = std::string_view(out).substr(0, kSampleBytes);
    if (cjk_ratio(head) > 0.6 && vocabulary_score(head) >= kSettlingVocabulary) return {out, declared_cs, 0};
  }

  // Candidates in order of preference (a tie on vocabulary goes to the earlier one): the declared
  // charset, ICU's detector's guesses, then the others. Every CJK charset is a candidate whatever the
  // detector guesses, so its guesses change only the order (see below).
  auto candidates_in_order = [&](const std::vector<std::string>& detected) {
    std::vector<std::string> candidates;
    auto add = [&](const std::string& cs) {
      if (cs.empty() || cs == "UTF-8" || !is_cjk_charset(cs)) return;
      if (std::find(candidates.begin(), candidates.end(), cs) == candidates.end()) candidates.push_back(cs);
    };
    add(declared_cs);
    for (const auto& cs : detected) add(cs);
    for (const char* cs : {"GB18030", "Big5", "Big5-HKSCS", "UTF-16LE", "UTF-16BE"}) add(cs);
    // Almost any byte string "decodes" as UTF-16, and ASCII markup read that way is mostly CJK
    // ideographs: UTF-16 without a BOM is only believed where NUL bytes show it (the high byte of
    // every ASCII character, at least one byte in twenty).
    const size_t nuls = static_cast<size_t>(std::count(sample.begin(), sample.end(), '\0'));
    if (nuls * 20 < sample.size())
      candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                      [](const std::string& cs) { return cs.rfind("UTF-16", 0) == 0; }),
                       candidates.end());
    candidates.insert(candidates.begin(), "UTF-8");  // not valid as a whole: perhaps a stray byte
    return candidates;
  };

  // Each candidate reads the sample: it must give CJK text with at most a few invalid sequences.
  // The one whose text holds most of the report's vocabulary wins; then the one with fewer
  // invalid sequences; then the earlier. So a clean decoding that yields gibberish (GBK bytes
  // read as Big5) loses to the right one with a stray byte.
  struct Ranked {
    std::string charset;
    long score;
    long invalid;
    size_t order;
  };
  std::vector<Ranked> ranked;
  for (const auto& cs : candidates_in_order({})) {
    long invalid = 0;
    if (!convert(sample, cs, true, sample.size() == bytes.size(), out, &invalid)) continue;
    if (invalid > tolerated_invalid(out.size(), cs) || cjk_ratio(out) <= 0.6) continue;
    ranked.push_back({cs, vocabulary_score(out), invalid, 0});
  }
  // Sorts the candidates that read the sample by vocabulary, then invalid sequences, then `order`.
  auto rank_in = [&](const std::vector<std::string>& order) {
    for (auto& r : ranked) r.order = static_cast<size_t>(std::find(order.begin(), order.end(), r.charset) - order.begin());
    std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
      return std::tie(b.score, a.invalid, a.order) < std::tie(a.score, b.invalid, b.order);
    });
  };
  // The first candidate in the ranking that reads the whole text, into `out`.
  long invalid = 0;
  auto first_reading_whole = [&]() -> std::optional<size_t> {
    for (size_t i = 0; i < ranked.size(); ++i) {
      const Ranked& r = ranked[i];
      invalid = 0;
      if (r.invalid == 0 && convert_strict(bytes, r.charset, out)) return i;
      if (convert(bytes, r.charset, true, true, out, &invalid) && invalid <= tolerated_invalid(out.size(), r.charset))
        return i;  // else the sample read, the whole does not
    }
    return std::nullopt;
  };
  rank_in(candidates_in_order({}));
  std::optional<size_t> taken = first_reading_whole();
  // The detector's guesses (most of an undeclared GBK page's decoding) only break ties: it is asked
  // only when a candidate ranked down to the one taken ties with the next on vocabulary and invalid
  // sequences, so the choice is the one the detector's order gives.
  bool order_matters = false;
  for (size_t i = 0; taken && i <= *taken && i + 1 < ranked.size(); ++i)
    order_matters = order_matters || (ranked[i].score == ranked[i + 1].score && ranked[i].invalid == ranked[i + 1].invalid);
  if (order_matters) {
    rank_in(candidates_in_order(detected_charsets(sample)));
    taken = first_reading_whole();
  }
  if (taken) {
    const std::string& charset = ranked[*taken].charset;
    if (!declared_cs.empty() && declared_cs != charset)
      spdlog::info("the text declares {} but reads as {}: {} is used", declared, charset, charset);
    if (invalid > 0)
      spdlog::warn("{} byte sequence(s) are not valid {}; they were replaced by U+FFFD", invalid, charset);
    return {out, charset, invalid};
  }

  // A page in a Western charset: not a Chinese report, but its text is still its text.
  if (!declared_cs.empty() && !is_cjk_charset(declared_cs) && convert_strict(bytes, declared_cs, out))
    return {out, declared_cs, 0};

  throw DocumentError("encoding",
                      "the text is in no character encoding we can verify (tried UTF-8, GB18030, Big5, UTF-16)",
                      "无法确认文本的字符编码（已尝试 UTF-8、GB18030、Big5、UTF-16）");
}

}  // namespace xxgk
