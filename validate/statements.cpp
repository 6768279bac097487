#include "validate/statements.h"

#include "model/deadline.h"
#include "text/numbers.h"
#include "text/text.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <tuple>

namespace xxgk {

const std::vector<TextTarget>& text_targets() {
  // clang-format off
  static const std::vector<TextTarget> targets = {
    {"requests.new_received.total", "requests", {{"new_received", "total"}}, "new_received", "total", "收到申请", "requests received"},
    {"requests.carried_over.total", "requests", {{"carried_over", "total"}}, "carried_over", "total", "上年结转申请", "requests carried over"},
    {"requests.processed_total.total", "requests", {{"processed_total", "total"}}, "processed_total", "total", "答复（办结）申请", "requests answered"},
    {"requests.carried_forward.total", "requests", {{"carried_forward", "total"}}, "carried_forward", "total", "结转下年度申请", "requests carried forward"},
    {"review.total", "review_litigation", {{"review", "total"}}, "review", "total", "行政复议", "administrative reviews"},
    {"review.upheld", "review_litigation", {{"review", "upheld"}}, "review", "upheld", "行政复议结果维持", "reviews upheld"},
    {"review.corrected", "review_litigation", {{"review", "corrected"}}, "review", "corrected", "行政复议结果纠正", "reviews corrected"},
    {"review.other", "review_litigation", {{"review", "other"}}, "review", "other", "行政复议其他结果", "reviews with other results"},
    {"review.pending", "review_litigation", {{"review", "pending"}}, "review", "pending", "行政复议尚未审结", "reviews pending"},
    {"litigation.total", "review_litigation", {{"litigation_direct", "total"}, {"litigation_after_review", "total"}}, "", "total", "行政诉讼", "lawsuits"},
    {"litigation.upheld", "review_litigation", {{"litigation_direct", "upheld"}, {"litigation_after_review", "upheld"}}, "", "upheld", "行政诉讼结果维持", "lawsuits upheld"},
    {"litigation.corrected", "review_litigation", {{"litigation_direct", "corrected"}, {"litigation_after_review", "corrected"}}, "", "corrected", "行政诉讼结果纠正", "lawsuits corrected"},
    {"litigation.other", "review_litigation", {{"litigation_direct", "other"}, {"litigation_after_review", "other"}}, "", "other", "行政诉讼其他结果", "lawsuits with other results"},
    {"litigation.pending", "review_litigation", {{"litigation_direct", "pending"}, {"litigation_after_review", "pending"}}, "", "pending", "行政诉讼尚未审结", "lawsuits pending"},
    {"litigation_direct.total", "review_litigation", {{"litigation_direct", "total"}}, "litigation_direct", "total", "未经复议直接起诉", "lawsuits filed directly"},
    {"litigation_after_review.total", "review_litigation", {{"litigation_after_review", "total"}}, "litigation_after_review", "total", "复议后起诉", "lawsuits filed after review"},
  };
  // clang-format on
  return targets;
}

const TextTarget* find_text_target(std::string_view id) {
  for (const auto& t : text_targets())
    if (t.id == id) return &t;
  return nullptr;
}

namespace {

// How the narrative states figures. Regular expressions (ICU syntax) over the text with its spaces
// removed (PDFs print "受理政府信息公开申请 3119 件"). Placeholders: {N} the number (Arabic digits,
// thousands separators, or Chinese numerals), {U} a unit of cases, {B} the end of a clause.
// An absence pattern ("未收到政府信息公开申请") states 0; its "gap" group (what stands between the
// negation and the object) must name the disclosure work or be empty.
struct StatementPattern {
  std::string_view name;
  std::string_view target;
  std::string_view regex;
  std::string_view breakdown;  // "review" | "litigation": read the 其中… parts that follow
  bool absence = false;
};

// clang-format off
const std::array<StatementPattern, 14> kPatterns = {{
  // 共收到政府信息公开申请N件 · 全市共受理…N件 · 新收…N件 · 新受理17件 · 收到和办理政府信息公开申请9件
  {"received", "requests.new_received.total",
   "(?:收到和办理|收到并办理|受理和办理|新收到|新受理|新收|收到|接到|受理|接收)(?:了)?(?:各类|各级)?"
   "(?:公民、法人(?:和|或)其他组织|社会公众|群众)?(?:提出的|提交的|的)?(?:政府信息公开|信息公开|依申请公开)?"
   "(?:申请件|申请)?(?:数量)?(?:共计|合计|总计|总数|总量|共)?(?:为|达)?{N}{U}", "", false},
  // 答复N件 · 办结17件
  {"processed", "requests.processed_total.total",
   "(?:已办结|办结|办理完毕|已答复|作出答复|予以答复|完成答复|答复)(?:了)?(?:政府信息公开|信息公开|依申请公开)?"
   "(?:申请)?(?:共计|合计|共)?(?:为)?{N}{U}", "", false},
  // 含上年度结转申请M件 · 上年结转0件
  {"carried_over", "requests.carried_over.total",
   "(?:上一年度|上一年|上年度|上年)(?:结转|转入|遗留|未办结)(?:的)?(?:政府信息公开|信息公开)?(?:申请)?"
   "(?:共计|共)?(?:为)?{N}{U}", "", false},
  // 另有K件顺延到下年度答复 · 另有2件结转下年度办理
  {"carried_forward_after", "requests.carried_forward.total",
   "{N}{U}(?:申请)?(?:需|将)?(?:结转|顺延|转)(?:至|到|入)?(?:下一|下)(?:个)?年度", "", false},
  // 结转下年度K件 · 转下一年度0件
  {"carried_forward_before", "requests.carried_forward.total",
   "(?:结转|顺延|转)(?:至|到|入)?(?:下一|下)(?:个)?年度(?:继续)?(?:办理|答复|处理)?(?:的)?"
   "(?:政府信息公开|信息公开)?(?:申请)?(?:共计|共)?(?:为)?{N}{U}", "", false},
  // 行政复议N件，其中结果维持a件… (not "行政诉讼、行政复议N件": a joint count names no cell)
  {"review", "review.total",
   "(?<![、和及与或])行政复议(?:案件|申请)?(?:共计|合计|共)?(?:为)?{N}{U}", "review", false},
  // 行政诉讼N件 = 未经复议直接起诉 + 复议后起诉
  {"litigation", "litigation.total",
   "(?<![、和及与或])(?<!、提起)(?<!和提起)行政诉讼(?:案件)?(?:共计|合计|共)?(?:为)?{N}{U}", "litigation", false},
  {"litigation_direct", "litigation_direct.total",
   "(?:未经复议|未经行政复议)?直接(?:提起)?(?:行政)?(?:诉讼|起诉)(?:案件)?(?:共)?{N}{U}", "", false},
  {"litigation_after_review", "litigation_after_review.total",
   "(?:复议后|经复议后)(?:提起)?(?:行政)?(?:诉讼|起诉)(?:案件)?(?:共)?{N}{U}", "", false},
  // 未收到政府信息公开申请 (= 0)
  {"none_received", "requests.new_received.total",
   "(?:未曾|未|没有|无)(?:收到过|接到过|受理过|收到|接到|受理)(?:任何)?(?:新的)?"
   "(?:公民、法人(?:和|或)其他组织(?:提出)?的)?(?<gap>)"
   "(?:政府信息公开申请|信息公开申请|依申请公开申请|依申请公开事项|依申请公开){B}", "", true},
  // 未发生…行政复议、行政诉讼 · 也无因政府信息公开申请行政复议、提起行政诉讼的案件 (= 0)
  {"no_review", "review.total",
   "(?:未发生|没有发生|未出现|没有出现|未有|没有|未|无)(?<gap>[^。；;，,！!？?\\n]{0,30}?)行政复议"
   "(?:[、和及与或](?:提起)?行政诉讼)?(?:的)?(?:案件|情况|情形|事项|案例)?{B}", "", true},
  {"no_litigation", "litigation.total",
   "(?:未发生|没有发生|未出现|没有出现|未有|没有|未|无)(?<gap>[^。；;，,！!？?\\n]{0,30}?)行政诉讼"
   "(?:的)?(?:案件|情况|情形|事项|案例)?{B}", "", true},
  // 无上年结转 · 无结转下年度 (= 0)
  {"none_carried_over", "requests.carried_over.total",
   "(?:无|没有)(?<gap>)(?:上一年度|上年度|上年)(?:结转|遗留)(?:的)?(?:政府信息公开|信息公开)?(?:申请)?{B}", "", true},
  {"none_carried_forward", "requests.carried_forward.total",
   "(?:无|没有)(?<gap>)(?:需)?(?:结转|顺延)(?:至|到)?(?:下一|下)(?:个)?年度(?:继续办理|办理)?(?:的)?"
   "(?:政府信息公开|信息公开)?(?:申请)?{B}", "", true},
}};

// The parts of a 行政复议/行政诉讼 statement: 其中结果维持a件，结果纠正b件，其他结果c件，尚未审结d件.
struct PartWord {
  std::string_view word;
  std::string_view review_target;      // "" = not a part of a review statement
  std::string_view litigation_target;
};

const std::array<PartWord, 14> kPartWords = {{
  {"结果维持", "review.upheld", "litigation.upheld"},
  {"维持", "review.upheld", "litigation.upheld"},
  {"结果纠正", "review.corrected", "litigation.corrected"},
  {"纠错", "review.corrected", "litigation.corrected"},
  {"纠正", "review.corrected", "litigation.corrected"},
  {"其他结果", "review.other", "litigation.other"},
  {"其他", "review.other", "litigation.other"},
  {"尚未审结", "review.pending", "litigation.pending"},
  {"未审结", "review.pending", "litigation.pending"},
  {"正在审理中", "review.pending", "litigation.pending"},
  {"正在审理", "review.pending", "litigation.pending"},
  {"未经复议直接起诉", "", "litigation_direct.total"},
  {"直接起诉", "", "litigation_direct.total"},
  {"复议后起诉", "", "litigation_after_review.total"},
}};
// clang-format on

constexpr std::string_view kPartRegex =
    "(?<what>结果维持|维持|结果纠正|纠错|纠正|其他结果|其他|尚未审结|未审结|正在审理中|正在审理|未经复议直接起诉|直接起诉|"
    "复议后起诉)(?:的)?(?:共)?(?:为)?{N}{U}";
// "行政复议1件（其他结果）": the whole count in one result.
constexpr std::string_view kSinglePartRegex = "^[（(](?<what>结果维持|结果纠正|其他结果|尚未审结)[）)]";

// Words before a figure (since the sentence's previous statement) that make it a subset, another
// office's, or a comparison: 其中…, 区政府办代表区政府受理…, 较上年增加…
constexpr std::array<std::string_view, 17> kQualifiers = {"其中", "代表", "本级", "分别", "同比", "环比", "较上年", "比上年",
                                                          "上年", "去年", "上一年", "前年", "累计", "历年", "以来", "较去年",
                                                          "比去年"};

// What may stand between a negation and the review/litigation it denies: the disclosure work
// (因政府信息公开申请…), the other proceeding (行政复议、提起…), or nothing. Never a result
// (未发生被纠错的行政复议 says nothing of how many there were).
constexpr std::array<std::string_view, 4> kGapSubjects = {"信息公开", "依申请", "政务公开", "行政复议"};
constexpr std::array<std::string_view, 11> kGapForbidden = {"纠错", "纠正", "败诉", "撤销", "确认违法", "维持",
                                                            "改变", "责令", "论", "需", "经"};

std::string expand(std::string_view re) {
  std::string s(re);
  auto replace = [&](std::string_view from, std::string_view to) {
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  };
  // A number starts where a run of digits (or of numerals) starts, and is read possessively: tried at
  // every digit of a long run, it made the search quadratic in the run's length (issue 17: 20 KB of
  // "12345 " took seconds, 100 KB a minute). A start inside a run never matched anything the run's
  // first digit did not, so nothing is lost. At most 4 thousands groups (10^15: no count is larger)
  // keeps a run of "1,234,234,…" from being read again from every comma.
  replace("{N}",
          "(?<n>(?<![0-9])[0-9]++(?:,[0-9]{3}){0,4}+|(?<![零〇一二两三四五六七八九十百千万])[零〇一二两三四五六七八九十百千万]++)");
  replace("{U}", "(?:件|起|宗|个)");
  replace("{B}", "(?=[，,。；;！!？?\\n）)]|$)");
  return s;
}

std::unique_ptr<icu::RegexPattern> compile(std::string_view re) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError pe;
  const std::string x = expand(re);
  std::unique_ptr<icu::RegexPattern> p(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(x), 0, pe, status));
  if (U_FAILURE(status) || !p) throw std::logic_error("statement pattern does not compile: " + x);
  return p;
}

// Compiled once; a RegexPattern is safe to share between threads (each makes its own matcher).
struct Compiled {
  std::vector<std::unique_ptr<icu::RegexPattern>> patterns;
  std::unique_ptr<icu::RegexPattern> part, single_part;
};

const Compiled& compiled() {
  static const Compiled c = [] {
    Compiled x;
    for (const auto& p : kPatterns) x.patterns.push_back(compile(p.regex));
    x.part = compile(kPartRegex);
    x.single_part = compile(kSinglePartRegex);
    return x;
  }();
  return c;
}

std::string utf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

bool contains(const icu::UnicodeString& hay, std::string_view needle) {
  return hay.indexOf(icu::UnicodeString::fromUTF8(icu::StringPiece(needle.data(), static_cast<int32_t>(needle.size())))) >= 0;
}

bool is_sentence_end(UChar c) {
  return c == u'。' || c == u'；' || c == u';' || c == u'！' || c == u'!' || c == u'？' || c == u'?' || c == u'\n';
}

bool is_clause_end(UChar c) { return is_sentence_end(c) || c == u'，' || c == u','; }

// The paragraphs with their spaces removed; a paragraph that does not end a sentence continues on
// the next line (a PDF's text layer breaks lines mid-word: "答" / "复 3050 件").
icu::UnicodeString joined_text(std::string_view text) {
  icu::UnicodeString out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string line = strip_spaces(text.substr(start, end - start));
    if (!line.empty()) {
      if (!out.isEmpty()) {
        const UChar last = out.charAt(out.length() - 1);
        if (is_sentence_end(last) || last == u'：' || last == u':') out.append(u'\n');
      }
      out.append(icu::UnicodeString::fromUTF8(line));
    }
    start = end + 1;
  }
  return out;
}

struct Match {
  size_t pattern = 0;
  int32_t start = 0, end = 0;  // the whole statement
  int32_t number = -1;         // where its number starts (-1: an absence statement)
  long long value = 0;
};

// The stretches of `u` a statement may stand in. No pattern reads a sentence's end (。；;！!？?
// and the line break): each match lies within one sentence, and only sentences with a count (a digit
// or numeral, then 件 起 宗 or 个: every pattern with a number ends so) or a negation (未 没 无: every
// absence pattern starts so) can hold one. Runs of such sentences are searched; the patterns were
// searched over the whole narrative, most of which is neither (issue 25: 5% of an HTML report's
// instructions and 14% of a text report's). Lookbehinds and lookaheads still see past a stretch's
// ends (transparent bounds) and ^ $ match only at the narrative's (no anchoring bounds).
std::vector<std::pair<int32_t, int32_t>> stretches(const icu::UnicodeString& u, bool whole) {
  if (whole) return {{0, u.length()}};
  auto is_numeral = [](UChar c) {
    return (c >= u'0' && c <= u'9') || std::u16string_view(u"零〇一二两三四五六七八九十百千万").find(c) != std::u16string_view::npos;
  };
  auto is_unit = [](UChar c) { return c == u'件' || c == u'起' || c == u'宗' || c == u'个'; };
  std::vector<std::pair<int32_t, int32_t>> out;
  int32_t start = 0;
  bool candidate = false;
  for (int32_t i = 0; i <= u.length(); ++i) {
    if (i == u.length() || is_sentence_end(u.charAt(i))) {
      if (candidate) {
        if (!out.empty() && out.back().second == start - 1) out.back().second = i;  // runs on from the last
        else out.emplace_back(start, i);
      }
      start = i + 1;
      candidate = false;
      continue;
    }
    const UChar c = u.charAt(i);
    candidate = candidate || c == u'未' || c == u'没' || c == u'无' || (is_unit(c) && i > start && is_numeral(u.charAt(i - 1)));
  }
  return out;
}

std::vector<Match> match_all(const icu::UnicodeString& u, bool whole) {
  std::vector<Match> out;
  const auto searched = stretches(u, whole);
  for (size_t i = 0; i < kPatterns.size() && !searched.empty(); ++i) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(compiled().patterns[i]->matcher(u, status));
    if (U_FAILURE(status)) continue;
    m->useTransparentBounds(true).useAnchoringBounds(false);
    for (const auto& [begin, end] : searched) {
      int32_t from = begin;
      while (from < end) {
        m->region(begin, end, from, status);
        if (U_FAILURE(status) || !m->find(status) || U_FAILURE(status)) break;
        check_document_deadline();
        Match x;
        x.pattern = i;
        x.start = m->start(status);
        x.end = m->end(status);
        from = x.end > x.start ? x.end : x.start + 1;
        if (kPatterns[i].absence) {
          const icu::UnicodeString gap = m->group(compiled().patterns[i]->groupNumberFromName("gap", -1, status), status);
          bool ok = gap.isEmpty();
          for (auto s : kGapSubjects) ok = ok || contains(gap, s);
          for (auto f : kGapForbidden) ok = ok && !contains(gap, f);
          for (int32_t k = 0; k < gap.length(); ++k) ok = ok && !(gap.charAt(k) >= u'0' && gap.charAt(k) <= u'9');
          if (!ok) {
            from = x.start + 1;  // a later negation in the same clause may still state an absence
            continue;
          }
        } else {
          const int32_t g = compiled().patterns[i]->groupNumberFromName("n", -1, status);
          x.number = m->start(g, status);
          auto v = parse_count_text(utf8(m->group(g, status)));
          if (!v) continue;
          x.value = *v;
        }
        if (U_SUCCESS(status)) out.push_back(x);
      }
    }
  }
  // One number is one statement: where patterns overlap on it, the one that starts first (the
  // longest reading) wins. Absence statements carry no number and never collide.
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    return std::tie(a.number, a.start, a.pattern) < std::tie(b.number, b.start, b.pattern);
  });
  std::vector<Match> kept;
  for (const auto& x : out)
    if (x.number < 0 || kept.empty() || kept.back().number != x.number) kept.push_back(x);
  std::sort(kept.begin(), kept.end(),
            [](const Match& a, const Match& b) { return std::tie(a.start, a.pattern) < std::tie(b.start, b.pattern); });
  return kept;
}

// A "sentence" longer than this (text without punctuation: a garbled text layer) is cut, and a
// quote keeps at most kLongestClause characters either side of its statement.
constexpr int32_t kLongestSentence = 400;
constexpr int32_t kLongestClause = 200;

// The joined narrative with where its sentences and clauses end and where it names years other than
// the report's, found once (linear): looking them up for each statement by scanning back and forth
// cost up to a few hundred characters per statement, which on a run of statements without
// punctuation (issue 17: "行政复议1件" × 170 000) was most of the time.
struct Narrative {
  icu::UnicodeString u;
  std::vector<int32_t> sentence_ends;  // positions of is_sentence_end characters, ascending
  std::vector<int32_t> clause_ends;    // positions of is_clause_end characters, ascending
  std::vector<int32_t> other_years;    // where a "YYYY年" with another year than the report's starts

  Narrative(std::string_view text, std::optional<int> year) : u(joined_text(text)) {
    for (int32_t i = 0; i < u.length(); ++i) {
      const UChar c = u.charAt(i);
      if (is_sentence_end(c)) sentence_ends.push_back(i);
      if (is_clause_end(c)) clause_ends.push_back(i);
      if (year && i + 4 < u.length() && u.charAt(i + 4) == u'年' && (i == 0 || !is_digit(u.charAt(i - 1)))) {
        int y = 0;
        bool digits = true;
        for (int32_t k = i; k < i + 4; ++k) {
          digits = digits && is_digit(u.charAt(k));
          y = y * 10 + (u.charAt(k) - u'0');
        }
        if (digits && y != *year) other_years.push_back(i);
      }
    }
  }
  static bool is_digit(UChar c) { return c >= u'0' && c <= u'9'; }

  // Just after the last mark in `marks` before pos (0 when none).
  static int32_t after_last_before(const std::vector<int32_t>& marks, int32_t pos) {
    auto it = std::lower_bound(marks.begin(), marks.end(), pos);
    return it == marks.begin() ? 0 : *std::prev(it) + 1;
  }
  // The first mark at or after pos (the text's length when none).
  int32_t first_from(const std::vector<int32_t>& marks, int32_t pos) const {
    auto it = std::lower_bound(marks.begin(), marks.end(), pos);
    return it == marks.end() ? u.length() : *it;
  }

  int32_t sentence_start(int32_t pos) const {
    return std::max({after_last_before(sentence_ends, pos), pos - kLongestSentence, 0});
  }
  int32_t sentence_end(int32_t pos) const {
    return std::min({first_from(sentence_ends, pos), pos + kLongestSentence, u.length()});
  }

  // The sentence around [start, end); a long one (over 120 characters) is cut to the clauses around
  // the statement.
  std::string quote_of(int32_t start, int32_t end) const {
    const int32_t s = sentence_start(start), e = sentence_end(end);
    if (e - s <= 120) return utf8(u.tempSubStringBetween(s, e));
    const int32_t cs = std::max({s, after_last_before(clause_ends, start), start - kLongestClause});
    const int32_t ce = std::min({e, first_from(clause_ends, end), end + kLongestClause});
    return (cs > s ? "…" : "") + utf8(u.tempSubStringBetween(cs, ce)) + (ce < e ? "…" : "");
  }

  // Whether a year other than the report's is written within [from, to) ("2023年受理…" is last
  // year's figure).
  bool names_other_year(int32_t from, int32_t to) const {
    auto it = std::lower_bound(other_years.begin(), other_years.end(), from);
    return it != other_years.end() && *it + 4 < to;
  }
};

std::string_view part_target(std::string_view word, std::string_view breakdown) {
  for (const auto& p : kPartWords)
    if (p.word == word) return breakdown == "review" ? p.review_target : p.litigation_target;
  return {};
}

// The 其中… parts after a review/litigation statement ending at `from`, up to the end of the
// sentence or the next proceeding named. Returns where the last part ends.
int32_t read_parts(const Narrative& text, const Match& total, std::string_view breakdown,
                   std::vector<Statement>& out) {
  const icu::UnicodeString& u = text.u;
  int32_t limit = text.sentence_end(total.end);
  for (std::string_view other : {"行政复议", "行政诉讼"}) {
    // Looked for within the sentence only (bounded), not in the rest of the text.
    int32_t p = u.indexOf(icu::UnicodeString::fromUTF8(icu::StringPiece(other.data(), static_cast<int32_t>(other.size()))),
                          total.end, limit - total.end);
    if (p >= 0 && p < limit) limit = p;
  }
  const icu::UnicodeString rest = u.tempSubStringBetween(total.end, limit);
  UErrorCode status = U_ZERO_ERROR;
  int32_t last = total.end;
  std::unique_ptr<icu::RegexMatcher> single(compiled().single_part->matcher(rest, status));
  if (U_SUCCESS(status) && single->find(status)) {
    const auto t = part_target(
        utf8(single->group(compiled().single_part->groupNumberFromName("what", -1, status), status)), breakdown);
    if (!t.empty())
      out.push_back(Statement{t, total.value, text.quote_of(total.start, total.end + single->end(status)), "part"});
    return total.end + single->end(status);
  }
  std::unique_ptr<icu::RegexMatcher> m(compiled().part->matcher(rest, status));
  if (U_FAILURE(status)) return last;
  const int32_t g = compiled().part->groupNumberFromName("n", -1, status);
  const int32_t w = compiled().part->groupNumberFromName("what", -1, status);
  while (m->find(status) && U_SUCCESS(status)) {
    const auto t = part_target(utf8(m->group(w, status)), breakdown);
    auto v = parse_count_text(utf8(m->group(g, status)));
    if (t.empty() || !v) continue;
    last = total.end + m->end(status);
    out.push_back(Statement{t, *v, text.quote_of(total.start, last), "part"});
  }
  return last;
}

bool has_qualifier(const icu::UnicodeString& scope) {
  for (auto q : kQualifiers)
    if (contains(scope, q)) return true;
  return false;
}

}  // namespace

std::vector<Statement> find_statements(std::string_view text, std::optional<int> year) {
  return detail::find_statements(text, year, false);
}

namespace detail {

std::vector<Statement> find_statements(std::string_view text, std::optional<int> year, bool whole) {
  const Narrative n(text, year);
  const icu::UnicodeString& u = n.u;
  std::vector<Statement> out;
  int32_t previous_end = 0;              // end of the last statement read (qualifiers before it are spent)
  int32_t parts_from = 0, parts_to = 0;  // the 其中… parts of the last review/litigation statement
  for (const Match& m : match_all(u, whole)) {
    check_document_deadline();  // a megabyte of narrative holds tens of thousands of matches
    if (m.start >= parts_from && m.start < parts_to) continue;  // read as a part already
    const StatementPattern& p = kPatterns[m.pattern];
    const int32_t sentence = n.sentence_start(m.start);
    const int32_t scope_start = std::max(sentence, std::min(previous_end, m.start));
    if (has_qualifier(u.tempSubStringBetween(scope_start, m.start)) || n.names_other_year(sentence, m.start)) continue;
    out.push_back(Statement{p.target, m.value, n.quote_of(m.start, m.end), p.name});
    previous_end = std::max(previous_end, m.end);
    if (!p.breakdown.empty()) {
      parts_from = m.end;
      parts_to = read_parts(n, m, p.breakdown, out);
      previous_end = std::max(previous_end, parts_to);
    }
  }
  return out;
}

}  // namespace detail

}  // namespace xxgk
