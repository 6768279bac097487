#include "extract/pdf/text_quality.h"

#include "extract/pdf/chars.h"

#include <algorithm>
#include <set>

namespace xxgk::pdf {
namespace {

// The 300 most frequent characters of these reports (counted over the sample reports' text and
// the contract's labels). Real report text is 80-90% made of them; Han characters that a font
// without a ToUnicode map turns its glyph ids into are spread over the whole CJK block, and
// almost never are.
constexpr std::string_view kCommonHan =
    "政公开府信息的务作工年市和件新理一人全请规不申进行策办主动解性等要中报读化对提结度关查定上强范在平题民制问"
    "时审及建项加面实体各其告情重处机文复条设法众业况二共国发内期三果事式保展力网本台服求与步高部管方是计需例专"
    "分日依目据指容持布确他格准以通安会导传形道改点升门决过组到程了栏有社推领诉出数费织正未用回应议媒四量好地春"
    "下予核严落站收淮个街针区大围编统省检为障群类切答相单月维效海员表断构能根第宣于精培训明责完入限成积极更水同"
    "列电总增存多做由南按流可参考科创讼五督号联深得具现元认头密标位取章属优合监级厅室华系照后产互询无起所集源着"
    "常职话委索评至习线均并仍还十质域研际受序立季队伍简任绕长纠尚先将聚户坚";

const std::set<char32_t>& common_han() {
  static const std::set<char32_t> set = [] {
    std::set<char32_t> s;
    for (size_t i = 0; i < kCommonHan.size();) s.insert(next_code_point(kCommonHan, i));
    return s;
  }();
  return set;
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0; }

bool is_ascii_punct_or_digit(char32_t c) { return c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')); }

// Thresholds, each with the reason it is set where it is.
constexpr long kMinLetters = 20;          // fewer letters than this say too little to judge
constexpr double kMaxBroken = 0.10;       // a readable page has almost no private-use or U+FFFD
constexpr double kMinHanShare = 0.30;     // a Chinese page is mostly Han, even beside numbers
constexpr double kMinOddShare = 0.30;     // ... and glyph soup is mostly Latin-1 and the like
constexpr long kMinHanToJudge = 40;       // the common-character test needs a sample
constexpr double kMinCommonShare = 0.25;  // real text: 0.6-0.9; identity-mapped glyph ids: ~0.02

}  // namespace

TextStats text_stats(const std::vector<Word>& words) {
  TextStats s;
  const auto& common = common_han();
  for (const auto& w : words) {
    if (w.text.find("(cid:") != std::string::npos) ++s.cid_marks;
    for (size_t i = 0; i < w.text.size();) {
      const char32_t c = next_code_point(w.text, i);
      if (is_space(c)) continue;
      ++s.chars;
      if (is_private_use(c) || c == 0xFFFD || c < 0x20 || (c >= 0x7F && c < 0xA0)) {
        ++s.broken;
        ++s.letters;
        continue;
      }
      if (is_han(c)) {
        ++s.han;
        ++s.letters;
        if (common.count(c)) ++s.common_han;
        continue;
      }
      if (is_cjk_punct(c) || is_ascii_punct_or_digit(c)) continue;
      ++s.letters;
      if (c >= 0x80) ++s.odd_letters;
    }
  }
  return s;
}

PageQuality assess_page(const PdfFile& file, const PageText& page) {
  PageQuality q;
  const TextStats s = text_stats(page.words);
  if (s.chars == 0) {
    if (!file.page_has_ink(page.number)) {
      q.verdict = TextVerdict::Blank;
      return q;
    }
    q.verdict = TextVerdict::NoText;
    q.reason_en = "the page has no text layer (it is an image, e.g. a scan): it needs OCR";
    q.reason_zh = "该页没有文字层（为图片，如扫描件），需要 OCR 识别";
    return q;
  }
  auto garbage = [&](const char* en, const char* zh) {
    q.verdict = TextVerdict::Garbage;
    q.reason_en = en;
    q.reason_zh = zh;
    return q;
  };
  if (s.cid_marks >= 3)
    return garbage("the page's text layer holds (cid:…) placeholders instead of characters: it needs OCR",
                   "该页文字层为 (cid:…) 占位符而非文字，需要 OCR 识别");
  if (s.letters >= kMinLetters && static_cast<double>(s.broken) > kMaxBroken * static_cast<double>(s.letters))
    return garbage("the page's fonts have no Unicode map (private-use or unknown characters): it needs OCR",
                   "该页字体缺少 Unicode 映射（私用区或无法识别的字符），需要 OCR 识别");
  if (s.letters >= kMinLetters && static_cast<double>(s.han) < kMinHanShare * static_cast<double>(s.letters) &&
      static_cast<double>(s.odd_letters) >= kMinOddShare * static_cast<double>(s.letters))
    return garbage("the page's text layer decodes to symbols, not Chinese (fonts without a Unicode map): it needs OCR",
                   "该页文字层解码为乱码而非中文（字体缺少 Unicode 映射），需要 OCR 识别");
  if (s.han >= kMinHanToJudge && static_cast<double>(s.common_han) < kMinCommonShare * static_cast<double>(s.han))
    return garbage("the page's Chinese characters make no sense (fonts without a Unicode map): it needs OCR",
                   "该页文字层的汉字不成文（字体缺少 Unicode 映射），需要 OCR 识别");
  return q;
}

std::vector<int> pages_needing_ocr(std::string_view pdf_bytes) {
  PdfFile file(pdf_bytes);
  std::vector<int> out;
  for (int p = 1; p <= file.pages(); ++p)
    if (assess_page(file, file.read_page(p)).needs_ocr()) out.push_back(p);
  return out;
}

}  // namespace xxgk::pdf
