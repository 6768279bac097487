#include "audit/reviews.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace xxgk {
namespace {

bool known_verdict(const std::string& v) {
  return std::find_if(std::begin(kVerdicts), std::end(kVerdicts), [&](const char* k) { return v == k; }) != std::end(kVerdicts);
}

// The current failing finding of a key: its figures and whose it is (the latest document, when two
// current documents of one agency and year hold it).
struct CurrentFinding {
  std::string figures;
  std::optional<std::string> agency_id;
  std::optional<int> year;
  std::string rule;
};
std::optional<CurrentFinding> current_finding(Store& store, const std::string& key) {
  auto q = store.db().prepare(
      "SELECT f.figures, coalesce(r.agency_id, 'name/' || r.agency_key), r.year, f.rule FROM findings f "
      "JOIN documents d ON d.id = f.document_id JOIN reports r ON r.document_id = d.id "
      "WHERE f.finding_key = ? AND d.is_current = 1 ORDER BY d.id DESC, f.seq LIMIT 1");
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  return CurrentFinding{q.text(0), q.opt_text(1), q.opt_int(2), q.text(3)};
}

void insert(Store& store, const Review& r) {
  auto ins = store.db().cached(
      "INSERT INTO reviews(finding_key, verdict, note, reviewer, reviewed_at, figures, agency_id, year, rule) "
      "VALUES (?,?,?,?,?,?,?,?,?)");
  ins->bind(1, r.finding_key).bind(2, r.verdict).bind(3, r.note).bind(4, r.reviewer).bind(5, r.reviewed_at);
  ins->bind(6, r.figures).bind(7, r.agency_id).bind(8, r.year).bind(9, r.rule);
  ins->run();
}

constexpr const char* kReviewColumns = "finding_key, verdict, note, reviewer, reviewed_at, figures, agency_id, year, rule";

Review review_at(const sql::Statement& q, int c) {
  return Review{q.text(c),          q.text(c + 1),        q.text(c + 2),     q.text(c + 3), q.text(c + 4),
                q.opt_text(c + 5), q.opt_text(c + 6), q.opt_int(c + 7), q.opt_text(c + 8)};
}

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

std::optional<std::string> unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i == s.size()) return std::nullopt;
    switch (s[i]) {
      case '\\': out += '\\'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      default: return std::nullopt;
    }
  }
  return out;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    const size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return out;
    start = tab + 1;
  }
}

}  // namespace

Review add_review(Store& store, const std::string& key, const std::string& verdict, const std::string& note,
                  const std::string& reviewer, const std::string& reviewed_at) {
  if (!known_verdict(verdict))
    throw ReviewError(fmt::format("unknown verdict '{}': one of confirmed, dismissed, open", verdict));
  if (reviewer.empty()) throw ReviewError("a review needs a reviewer (--by)");
  const auto now = current_finding(store, key);
  if (!now)
    throw ReviewError(fmt::format(
        "no finding of a current report has the key '{}' (`xxgk review list` and findings.csv show the keys)", key));
  Review r{key, verdict, note, reviewer, reviewed_at, now->figures, now->agency_id, now->year, now->rule};
  sql::Transaction tx(store.db());
  insert(store, r);
  tx.commit();
  return r;
}

std::vector<ReviewedFinding> reviewed_findings(Store& store, const std::optional<std::string>& state) {
  auto q = store.db().prepare(fmt::format(
      "SELECT v.finding_key, v.document_id, d.path, r.agency, r.agency_id, r.year, v.rule, v.severity, f.message_zh, "
      "f.message_en, v.figures, v.verdict, v.reviewed_verdict IS NOT NULL, {} "
      "FROM finding_verdicts v JOIN findings f ON f.document_id = v.document_id AND f.seq = v.seq "
      "JOIN documents d ON d.id = v.document_id JOIN reports r ON r.document_id = v.document_id "
      "LEFT JOIN reviews rv ON rv.id = (SELECT id FROM reviews WHERE finding_key = v.finding_key "
      "                                 ORDER BY reviewed_at DESC, id DESC LIMIT 1) "
      "WHERE d.is_current = 1 AND v.status = 'fail' {} "
      "ORDER BY r.agency_id, r.year, v.rule, v.finding_key, v.document_id",
      "rv.finding_key, rv.verdict, rv.note, rv.reviewer, rv.reviewed_at, rv.figures, rv.agency_id, rv.year, rv.rule",
      state ? "AND v.verdict = ?" : ""));
  if (state) q.bind(1, *state);
  std::vector<ReviewedFinding> out;
  while (q.step()) {
    ReviewedFinding f;
    f.finding_key = q.text(0);
    f.document_id = q.int64(1);
    f.path = q.text(2);
    f.agency = q.opt_text(3);
    f.agency_id = q.opt_text(4);
    f.year = q.opt_int(5);
    f.rule = q.text(6);
    f.severity = q.text(7);
    f.message_zh = q.text(8);
    f.message_en = q.text(9);
    f.figures = q.text(10);
    f.state = q.text(11);
    if (q.int64(12)) f.latest = review_at(q, 13);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<Review> review_history(Store& store, const std::string& key) {
  auto q = store.db().prepare(fmt::format("SELECT {} FROM reviews WHERE finding_key = ? ORDER BY reviewed_at, id", kReviewColumns));
  q.bind(1, key);
  std::vector<Review> out;
  while (q.step()) out.push_back(review_at(q, 0));
  return out;
}

FindingCounts finding_counts(Store& store) {
  auto q = store.db().prepare(
      "SELECT v.verdict, count(*) FROM finding_verdicts v JOIN documents d ON d.id = v.document_id "
      "WHERE d.is_current = 1 AND v.status = 'fail' GROUP BY v.verdict");
  FindingCounts c;
  while (q.step()) {
    const auto n = static_cast<size_t>(q.int64(1));
    const std::string v = q.text(0);
    (v == "confirmed" ? c.confirmed : v == "dismissed" ? c.dismissed : v == "changed" ? c.changed : c.open) += n;
  }
  return c;
}

std::string reviews_tsv(Store& store) {
  std::string out = std::string(kReviewTsvHeader) + "\n";
  auto q = store.db().prepare(fmt::format("SELECT {} FROM reviews ORDER BY reviewed_at, id", kReviewColumns));
  while (q.step()) {
    const Review r = review_at(q, 0);
    out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", escape(r.finding_key), escape(r.verdict), escape(r.note),
                       escape(r.reviewer), escape(r.reviewed_at), escape(r.figures.value_or("")),
                       escape(r.agency_id.value_or("")), r.year ? std::to_string(*r.year) : std::string(),
                       escape(r.rule.value_or("")));
  }
  return out;
}

ImportCounts import_reviews_tsv(Store& store, const std::string& tsv, const std::string& source, const std::string& now) {
  std::istringstream in(tsv);
  std::string line;
  size_t number = 0;
  std::map<std::string, size_t> column;  // header name → position
  std::vector<Review> reviews;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();  // written on Windows
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.empty()) continue;
    const auto fields = split_tabs(line);
    if (column.empty()) {
      for (size_t i = 0; i < fields.size(); ++i) column[std::string(fields[i])] = i;
      for (const char* need : {"finding_key", "verdict"})
        if (!column.count(need))
          throw ReviewError(fmt::format("{}:{}: the header has no column {} (expected: {})", source, number, need,
                                        kReviewTsvHeader));
      continue;
    }
    auto field = [&](const char* name) -> std::optional<std::string> {
      const auto it = column.find(name);
      if (it == column.end() || it->second >= fields.size()) return std::nullopt;
      auto text = unescape(fields[it->second]);
      if (!text) throw ReviewError(fmt::format("{}:{}: column {}: a backslash that is not \\\\, \\t, \\n or \\r", source, number, name));
      return text;
    };
    auto nonempty = [&](const char* name) -> std::optional<std::string> {
      auto v = field(name);
      if (v && v->empty()) return std::nullopt;
      return v;
    };
    Review r;
    r.finding_key = field("finding_key").value_or("");
    r.verdict = field("verdict").value_or("");
    if (r.finding_key.empty()) throw ReviewError(fmt::format("{}:{}: no finding_key", source, number));
    if (!known_verdict(r.verdict))
      throw ReviewError(fmt::format("{}:{}: unknown verdict '{}': one of confirmed, dismissed, open", source, number, r.verdict));
    r.note = field("note").value_or("");
    r.reviewer = nonempty("reviewer").value_or("unknown");
    r.reviewed_at = nonempty("reviewed_at").value_or(now);
    r.figures = nonempty("figures");
    r.agency_id = nonempty("agency_id");
    if (auto y = nonempty("year")) {
      try {
        size_t used = 0;
        r.year = std::stoi(*y, &used);
        if (used != y->size()) throw std::invalid_argument(*y);
      } catch (const std::exception&) {
        throw ReviewError(fmt::format("{}:{}: year '{}' is not a year", source, number, *y));
      }
    }
    r.rule = nonempty("rule");
    if (!r.figures || !r.agency_id || !r.rule)  // a list made by hand or in the site: what the store knows
      if (auto cur = current_finding(store, r.finding_key)) {
        if (!r.figures) r.figures = cur->figures;
        if (!r.agency_id) r.agency_id = cur->agency_id;
        if (!r.year) r.year = cur->year;
        if (!r.rule) r.rule = cur->rule;
      }
    reviews.push_back(std::move(r));
  }
  if (column.empty()) throw ReviewError(fmt::format("{}: empty: no header line", source));
  ImportCounts counts;
  sql::Transaction tx(store.db());
  auto same = store.db().prepare(
      "SELECT 1 FROM reviews WHERE finding_key = ? AND verdict = ? AND note = ? AND reviewer = ? AND reviewed_at = ? "
      "AND figures IS ? LIMIT 1");
  for (const auto& r : reviews) {
    same.bind(1, r.finding_key).bind(2, r.verdict).bind(3, r.note).bind(4, r.reviewer).bind(5, r.reviewed_at).bind(6, r.figures);
    const bool there = same.step();
    same.reset();
    if (there) {
      ++counts.already;
      continue;
    }
    insert(store, r);
    ++counts.added;
  }
  tx.commit();
  return counts;
}

}  // namespace xxgk
