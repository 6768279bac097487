// Text normalization before matching: NFKC, traditional → simplified, spaces, quotes, dashes,
// enumerators. One test per variant family of the field guide.
#include "text/icu_util.h"
#include "text/text.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

namespace xxgk {
namespace {

TEST(NormalizeText, FoldsFullWidthDigitsLettersAndBrackets) {
  EXPECT_EQ(normalize_text("１２３４ＡＢｃ（一）"), "1234ABc(一)");
  EXPECT_EQ(normalize_text("１，２３４"), "1,234");
}

TEST(NormalizeText, TraditionalBecomesSimplified) {
  EXPECT_EQ(normalize_text("國務院辦公廳"), "国务院办公厅");
  EXPECT_EQ(normalize_text("規範性文件"), "规范性文件");
  EXPECT_EQ(normalize_text("上年結轉政府信息公開申請數量"), "上年结转政府信息公开申请数量");
}

// The transliterator runs only on text where the key of a rewriting rule occurs; keys made of
// simplified characters must still be found (ICU rewrites them: kept so that records stay the same).
TEST(NormalizeText, RewritingRulesWithSimplifiedKeysStillApply) {
  EXPECT_EQ(normalize_text("开展巡察工作"), "开展巡查工作");
  EXPECT_EQ(normalize_text("剃发"), "剃髮");
  EXPECT_EQ(normalize_text("收到申请"), "收到申请");
  EXPECT_EQ(normalize_text("发 了 系 于"), "发 了 系 于");  // characters of rules, no rewriting key
  EXPECT_EQ(normalize_text("繫"), "系");
}

TEST(NormalizeText, CollapsesEveryKindOfSpace) {
  // U+3000, NBSP, a line break inside a cell, tabs, zero-width space, BOM, soft hyphen.
  EXPECT_EQ(normalize_text("\u3000总\u00A0计\n\t（七）\u200B总计\uFEFF "), "总 计 (七)总计");
  EXPECT_EQ(normalize_text("商业\u00AD企业"), "商业企业");
}

TEST(NormalizeText, UnifiesQuotesAndDashes) {
  EXPECT_EQ(normalize_text("危及“三安全一稳定”"), "危及\"三安全一稳定\"");
  EXPECT_EQ(normalize_text("危及「三安全一穩定」"), "危及\"三安全一稳定\"");
  EXPECT_EQ(normalize_text("危及‘三安全一稳定’"), "危及'三安全一稳定'");
  EXPECT_EQ(normalize_text("–"), "—");
  EXPECT_EQ(normalize_text("――"), "——");
  EXPECT_EQ(normalize_text("－"), "-");
}

TEST(LabelKey, DropsSpacesPunctuationAndSymbols) {
  EXPECT_EQ(label_key("（三）不予公开 1.属于“国家秘密”"), "三不予公开1属于国家秘密");
  EXPECT_EQ(label_key("总 计"), "总计");
  EXPECT_EQ(label_key("总\u3000计"), "总计");
  EXPECT_EQ(label_key("本年增/减"), "本年增减");
  EXPECT_EQ(label_key("本年收费金额（单位：万元）"), "本年收费金额单位万元");
  EXPECT_EQ(label_key("商业企\n业"), "商业企业");
  EXPECT_EQ(label_key("危及「三安全一穩定」"), label_key("危及\"三安全一稳定\""));
  EXPECT_EQ(label_key(""), "");
}

TEST(LabelKey, MemoizedKeysEqualFreshOnes) {
  // The memo must never hand back another input's key.
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(label_key("（一）予以公开"), "一予以公开");
    EXPECT_EQ(label_key("（二）部分公开"), "二部分公开");
  }
}

TEST(LabelKey, WithoutAsidesDropsParenthesisedTextEvenWhenLeftOpen) {
  EXPECT_EQ(label_key_without_asides("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), "部分公开");
  EXPECT_EQ(label_key_without_asides("部分公开（区分处理的，只计这一情"), "部分公开");
  EXPECT_EQ(label_key_without_asides("本年收费金额【万元】"), "本年收费金额");
}

TEST(DisplayForm, KeepsPunctuationFoldsDigitsAndScript) {
  EXPECT_EQ(display_form("２０２４年，國務院"), "2024年，国务院");
  EXPECT_EQ(display_form("2024 年"), "2024 年");
}

TEST(DisplayForm, KeepsSimplifiedPlaceNamesIcuWouldChange) {
  EXPECT_EQ(display_form("乾安县人民政府"), "乾安县人民政府");
  EXPECT_EQ(display_form("乾安縣人民政府"), "乾安县人民政府");
  EXPECT_EQ(display_form("瞭望"), "瞭望");
  EXPECT_EQ(display_form("乾淨"), "干净");  // elsewhere 乾 is the traditional form of 干
}

struct Seg {
  int level, number;
  std::string text;
};

std::vector<Seg> segs(std::string_view s) {
  std::vector<Seg> out;
  for (const auto& x : split_label(s)) out.push_back({x.level, x.number, x.text});
  return out;
}

void expect_segs(std::string_view s, const std::vector<Seg>& want) {
  const auto got = segs(s);
  ASSERT_EQ(got.size(), want.size()) << s;
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].level, want[i].level) << s << " #" << i;
    EXPECT_EQ(got[i].number, want[i].number) << s << " #" << i;
    EXPECT_EQ(got[i].text, want[i].text) << s << " #" << i;
  }
}

TEST(SplitLabel, EveryEnumeratorForm) {
  expect_segs("一、本年新收政府信息公开申请数量", {{1, 1, "本年新收政府信息公开申请数量"}});
  expect_segs("四.结转下年度继续办理", {{1, 4, "结转下年度继续办理"}});
  expect_segs("（一）予以公开", {{2, 1, "予以公开"}});
  expect_segs("(六)其他处理", {{2, 6, "其他处理"}});
  expect_segs("1.属于国家秘密", {{3, 1, "属于国家秘密"}});
  expect_segs("1、属于国家秘密", {{3, 1, "属于国家秘密"}});
  expect_segs("１．属于国家秘密", {{3, 1, "属于国家秘密"}});
  expect_segs("（1）属于国家秘密", {{3, 1, "属于国家秘密"}});
  expect_segs("1）属于国家秘密", {{3, 1, "属于国家秘密"}});
  expect_segs("①属于国家秘密", {{3, 1, "属于国家秘密"}});
  expect_segs("⑵其他法律行政法规禁止公开", {{3, 2, "其他法律行政法规禁止公开"}});
  expect_segs("1 属于国家秘密", {{3, 1, "属于国家秘密"}});
  expect_segs("属于国家秘密", {{0, 0, "属于国家秘密"}});
  expect_segs("（十一）其他", {{2, 11, "其他"}});
  // OCR reads the point as a colon: before a Han character it is the enumerator's mark; between
  // digits it is a time or a ratio.
  expect_segs("3:危及三安全一稳定", {{3, 3, "危及三安全一稳定"}});
  expect_segs("（三）不予公开3：危及", {{2, 3, "不予公开"}, {3, 3, "危及"}});
  expect_segs("10:30办理", {{0, 0, "10:30办理"}});
}

TEST(SplitLabel, MergedLabelCellsSplitIntoTheirParts) {
  expect_segs("三、本年度办理结果（三）不予公开1.属于国家秘密",
              {{1, 3, "本年度办理结果"}, {2, 3, "不予公开"}, {3, 1, "属于国家秘密"}});
  expect_segs("三、本年度办理结果\n（六）其他处理\n3.其他", {{1, 3, "本年度办理结果"}, {2, 6, "其他处理"}, {3, 3, "其他"}});
  expect_segs("三、", {{1, 3, ""}});
}

TEST(SplitLabel, NumbersInsideTextAreNotEnumerators) {
  expect_segs("本年收费金额4.5万元", {{0, 0, "本年收费金额4.5万元"}});
  expect_segs("一、二类事项", {{1, 1, "二类事项"}});
  expect_segs("国令第711号", {{0, 0, "国令第711号"}});
  expect_segs("2024年", {{0, 0, "2024年"}});
}

TEST(ChineseNumeral, ParsesNarrativeForms) {
  EXPECT_EQ(parse_chinese_numeral("二十五"), 25);
  EXPECT_EQ(parse_chinese_numeral("一百零三"), 103);
  EXPECT_EQ(parse_chinese_numeral("十五"), 15);
  EXPECT_EQ(parse_chinese_numeral("十"), 10);
  EXPECT_EQ(parse_chinese_numeral("两千零一十"), 2010);
  EXPECT_EQ(parse_chinese_numeral("三万五千"), 35000);
  EXPECT_EQ(parse_chinese_numeral("十万"), 100000);
  EXPECT_EQ(parse_chinese_numeral("一百五"), 150);
  EXPECT_EQ(parse_chinese_numeral("一千零五"), 1005);
  EXPECT_EQ(parse_chinese_numeral("〇"), 0);
  EXPECT_EQ(parse_chinese_numeral("零"), 0);
  EXPECT_EQ(parse_chinese_numeral("壹佰贰拾"), 120);
  EXPECT_EQ(parse_chinese_numeral("3万5千"), 35000);
  EXPECT_EQ(parse_chinese_numeral("1.5万"), 15000);
  EXPECT_EQ(parse_chinese_numeral("三亿五千万"), 350000000);
}

TEST(ChineseNumeral, RejectsWhatIsNotANumeral) {
  EXPECT_EQ(parse_chinese_numeral(""), std::nullopt);
  EXPECT_EQ(parse_chinese_numeral("三五"), std::nullopt);
  EXPECT_EQ(parse_chinese_numeral("百"), std::nullopt);
  EXPECT_EQ(parse_chinese_numeral("三件"), std::nullopt);
  EXPECT_EQ(parse_chinese_numeral("一是"), std::nullopt);
}

TEST(FindCounts, ArabicAndChineseCountsWithTheirUnits) {
  const auto m = find_counts("全市共受理政府信息公开申请3119件，答复二十五件（含上年度结转申请34件），一百零三件顺延");
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].value, 3119);
  EXPECT_EQ(m[0].unit, "件");
  EXPECT_FALSE(m[0].chinese);
  EXPECT_EQ(m[1].value, 25);
  EXPECT_TRUE(m[1].chinese);
  EXPECT_EQ(m[2].value, 34);
  EXPECT_EQ(m[3].value, 103);
  const std::string norm = normalize_text("答复二十五件");
  const auto one = find_counts("答复二十五件");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(norm.substr(one[0].begin, one[0].end - one[0].begin), "二十五");
}

TEST(FindCounts, SkipsYearsDatesPhonesOrdinalsAndProse) {
  const auto m = find_counts(
      "2024年1月1日起至12月31日止，电话：0431-84339350，第二十条第（一）项，一是危及“三安全一稳定”，发布信息5500余条，１２件");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].value, 5500);
  EXPECT_EQ(m[0].unit, "条");
  EXPECT_EQ(m[1].value, 12);
}

TEST(Similarity, CodePointDistances) {
  EXPECT_EQ(edit_distance("其他法律行政止公开", "其他法律行政法规禁止公开"), 3);
  EXPECT_EQ(lcs_length("其他法律行政止公开", "其他法律行政法规禁止公开"), 9);
  EXPECT_EQ(u8_length("总计1"), 3);
}

TEST(Trim, RemovesUnicodeSpaceAtBothEnds) {
  EXPECT_EQ(trim("\u3000\u00A0 总计 \u200B"), "总计");
  EXPECT_EQ(strip_spaces("总 \u3000计"), "总计");
}

}  // namespace
}  // namespace xxgk

// The keys of ICU's Traditional-Simplified rules are read from a copy built in (text/CMakeLists.txt),
// so that a process need not create the transliterator to ask for them: the copy must be exactly
// what the ICU in use gives (text.cpp falls back to asking ICU when its version differs).
TEST(Normalize, TheBuiltInTraditionalSimplifiedRulesAreICUsOwn) {
  const icu::UnicodeString read = xxgk::detail::traditional_rules_read();
  EXPECT_GT(read.length(), 10000);
  EXPECT_TRUE(read == xxgk::detail::traditional_rules_from_icu());
  EXPECT_NE(read.indexOf(u"\u570B > \u56FD;"), -1);  // 國 > 国;
}

// Normalization applies ICU's Traditional-Simplified rules itself (text.cpp, TraditionalRules): it
// must give what ICU's transliterator gives, on every rule's key alone and run together, on random
// strings of the keys' characters (where rules overlap and mask each other), and on the corpus.
TEST(Normalize, TraditionalSimplifiedByOwnReadingOfTheRulesEqualsICU) {
  const icu::UnicodeString rules = xxgk::detail::traditional_rules_read();
  std::vector<icu::UnicodeString> keys;
  std::vector<UChar32> alphabet = {u'a', u' ', u'，', u'国', 0x20BB7, u'\n'};
  for (int32_t pos = 0; pos < rules.length();) {
    int32_t end = rules.indexOf(u'\n', pos);
    if (end < 0) end = rules.length();
    const int32_t arrow = rules.indexOf(icu::UnicodeString(u" > "), pos, end - pos);
    if (arrow > pos) {
      keys.push_back(rules.tempSubStringBetween(pos, arrow));
      for (int32_t i = 0; i < keys.back().length(); i += U16_LENGTH(keys.back().char32At(i)))
        alphabet.push_back(keys.back().char32At(i));
    }
    pos = end + 1;
  }
  ASSERT_GT(keys.size(), 3000u);
  int checked = 0, differ = 0;
  auto check = [&](const icu::UnicodeString& s) {
    icu::UnicodeString by_icu = s, by_rules = s;
    xxgk::detail::traditional_to_simplified_by_icu(by_icu);
    ASSERT_TRUE(xxgk::detail::traditional_to_simplified_by_rules(by_rules));
    ++checked;
    if (by_icu != by_rules && ++differ <= 5) {
      std::string in, a, b;
      ADD_FAILURE() << s.toUTF8String(in) << ": ICU " << by_icu.toUTF8String(a) << ", rules " << by_rules.toUTF8String(b);
    }
  };
  for (const auto& k : keys) {
    check(k);
    check(k + k);
    check(icu::UnicodeString(u"开") + k + u"了");
  }
  std::mt19937 rng(25);
  for (int n = 0; n < 60000; ++n) {
    icu::UnicodeString s;
    const int len = 1 + static_cast<int>(rng() % 10);
    for (int k = 0; k < len; ++k) {
      if (rng() % 3 == 0) s.append(keys[rng() % keys.size()]);
      else s.append(alphabet[rng() % alphabet.size()]);
    }
    check(s);
  }
  for (const char* dir : {"corpus/txt", "corpus/html", "corpus/docx"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(XXGK_SOURCE_DIR) + "/" + dir)) {
      if (!e.is_regular_file()) continue;
      std::ifstream in(e.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      check(icu::UnicodeString::fromUTF8(bytes));
    }
  EXPECT_EQ(differ, 0) << "of " << checked;
  EXPECT_GT(checked, 70000);
}

// least_key_length decides that a paragraph is too long to be a heading without keying it whole: it
// must never exceed the key's length, on any line of the corpus or on random text of rule characters,
// enclosed digits, full-width forms, spaces and punctuation.
TEST(LabelKey, LeastKeyLengthNeverExceedsTheKeys) {
  EXPECT_EQ(xxgk::least_key_length("abc，。 123"), 0);
  EXPECT_EQ(xxgk::least_key_length(""), 0);
  int checked = 0, exact = 0;
  auto check = [&](std::string_view s) {
    const int least = xxgk::least_key_length(s), length = xxgk::u8_length(xxgk::label_key(s));
    EXPECT_LE(least, length) << s;
    ++checked;
    exact += least == length;
  };
  for (const char* dir : {"corpus/txt", "corpus/html"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(XXGK_SOURCE_DIR) + "/" + dir)) {
      if (!e.is_regular_file()) continue;
      std::ifstream in(e.path(), std::ios::binary);
      for (std::string line; std::getline(in, line);) check(line);
    }
  const std::vector<std::string> pieces = {"國", "务", "政府信息公开", "了", "乾安县", "①", "（一）", "１２", "，", " ",
                                           "\u3000", "\u200B", "㈠", "巡察", "\xE4\xB8", "a", "发", "髮", "𠮷"};
  std::mt19937 rng(7);
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (int k = 1 + static_cast<int>(rng() % 12); k > 0; --k) s += pieces[rng() % pieces.size()];
    check(s);
  }
  EXPECT_GT(checked, 20000);
  EXPECT_GT(exact, 0);
}

// display_form returns text already in display form as it is, and converts the rest.
TEST(DisplayForm, TextAlreadyInDisplayFormIsReturnedAsItIs) {
  EXPECT_EQ(xxgk::display_form("收到政府信息公开申请 12 件，（一）"), "收到政府信息公开申请 12 件，（一）");
  EXPECT_EQ(xxgk::display_form("开展巡察工作"), "开展巡查工作");
  EXPECT_EQ(xxgk::display_form("１２件"), "12件");
  EXPECT_EQ(xxgk::display_form("收到\xE4\xB8申请"), "收到\uFFFD申请");  // ill-formed: read by ICU
}

// trim reads only the ends of well-formed text, and strip_spaces copies the runs between spaces: they
// must give what reading the whole text through ICU gives (ill-formed bytes as U+FFFD), on random
// text of spaces of every kind, CJK, ASCII and broken sequences.
TEST(Trim, GivesWhatReadingTheWholeTextGives) {
  auto reference = [](std::string_view s) {
    const icu::UnicodeString u = xxgk::detail::from_utf8(s);
    int32_t b = 0, e = u.length();
    while (b < e && xxgk::detail::is_space(u.char32At(b))) b += U16_LENGTH(u.char32At(b));
    while (e > b && xxgk::detail::is_space(u.char32At(e - 1))) e -= U16_LENGTH(u.char32At(e - 1));
    return xxgk::detail::to_utf8(u.tempSubStringBetween(b, e));
  };
  const std::vector<std::string> pieces = {" ", "\t", "\n", "\u3000", "\u00A0", "\u200B", "\uFEFF", "\u2003", "总", "计",
                                           "a", "1", "𠮷", "\xE4\xB8", "\xC0\xAF", "\xED\xA0\x80", "\x80", "（", "\xF4\x90\x80\x80"};
  std::mt19937 rng(3);
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (int k = static_cast<int>(rng() % 9); k > 0; --k) s += pieces[rng() % pieces.size()];
    ASSERT_EQ(xxgk::trim(s), reference(s)) << s;
    const icu::UnicodeString u = xxgk::detail::from_utf8(s);
    icu::UnicodeString kept;
    for (int32_t i = 0; i < u.length(); i += U16_LENGTH(u.char32At(i)))
      if (!xxgk::detail::is_space(u.char32At(i))) kept.append(u.char32At(i));
    ASSERT_EQ(xxgk::strip_spaces(s), xxgk::detail::to_utf8(kept)) << s;
  }
}

// is_valid_utf8 says what ICU's reading says (U8_NEXT: no overlong form, surrogate, code point past
// U+10FFFF or cut sequence), on every one-, two- and three-byte sequence, four-byte ones around the
// limits, and random byte strings in and around UTF-8.
TEST(Utf8, IsValidAsICUReadsIt) {
  auto icu_reads = [](std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto length = static_cast<int32_t>(s.size());
    for (int32_t i = 0; i < length;) {
      UChar32 c;
      U8_NEXT(p, i, length, c);
      if (c < 0) return false;
    }
    return true;
  };
  int checked = 0;
  auto check = [&](const std::string& s) {
    ASSERT_EQ(xxgk::is_valid_utf8(s), icu_reads(s)) << testing::PrintToString(s);
    ++checked;
  };
  for (int a = 0; a < 256; ++a) {
    check(std::string(1, static_cast<char>(a)));
    for (int b = 0; b < 256; ++b) {
      check(std::string{static_cast<char>(a), static_cast<char>(b)});
      if (a >= 0xE0 && a <= 0xEF)
        for (int c = 0x70; c < 0xD0; ++c) check(std::string{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
    }
  }
  for (int a : {0xF0, 0xF1, 0xF4, 0xF5})
    for (int b : {0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0})
      for (int c : {0x7F, 0x80, 0xBF, 0xC0}) check(std::string{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), '\x80'});
  const std::vector<std::string> pieces = {"a", "总计", "𠮷", "\xE4\xB8", "\xC0\xAF", "\xED\xA0\x80", "\x80", "abcdefgh", "\xEF\xBF\xBD",
                                           "\xE0\x9F\x80", "\xF4\x90\x80\x80", "\xC2\xA0"};
  std::mt19937 rng(11);
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (int k = static_cast<int>(rng() % 12); k > 0; --k) s += pieces[rng() % pieces.size()];
    check(s);
  }
  EXPECT_GT(checked, 450000);
}
