#include "output/json_record.h"

#include "extract/encoding.h"
#include "indicators/compute.h"
#include "text/shown_name.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace xxgk {

using nlohmann::ordered_json;

void mark_indicators(ordered_json& record, const std::vector<Finding>& findings) {
  if (!record.contains("indicators") || !record.contains("figures")) return;
  Report numbers;  // the record's figures, as far as marking reads them
  for (const auto& f : record["figures"]) {
    Figure x;
    x.table = f["table"].get<std::string>();
    x.row = f["row"].get<std::string>();
    x.col = f["col"].get<std::string>();
    if (f["value"].is_number()) x.value = f["value"].get<double>();
    x.raw = f["raw"].get<std::string>();
    if (f.contains("confidence")) x.confidence = f["confidence"].get<double>();
    numbers.figures.push_back(std::move(x));
  }
  for (auto& x : record["indicators"]) {
    const IndicatorDef* def = find_indicator(x["id"].get<std::string>());
    if (!def) continue;
    for (const auto& rule : failing_rules_on(*def, findings, numbers)) {
      auto& rules = x["failing_rules"];
      if (std::find(rules.begin(), rules.end(), rule) == rules.end()) rules.push_back(rule);
    }
  }
}

namespace {

// The record written straight to text: the one place its layout is defined (record_json and
// finding_json read it back). Building an nlohmann tree first was, for a report of 200 figures, some
// 1,700 allocations in nlohmann's ordered_map, a tenth of an HTML page's time. Strings are escaped
// as nlohmann's dump escapes them, numbers written as its dump writes them.
class Line {
 public:
  explicit Line(std::string& out) : out_(out) {}

  Line& key(std::string_view k) {
    comma();
    text(k);
    out_ += ':';
    fresh_ = true;
    return *this;
  }
  Line& open_object() { return open('{'); }
  Line& open_array() { return open('['); }
  Line& close_object() { return close('}'); }
  Line& close_array() { return close(']'); }

  Line& null() {
    comma();
    out_ += "null";
    return *this;
  }
  Line& str(std::string_view s) {
    comma();
    text(s);
    return *this;
  }
  Line& str_or_null(const std::optional<std::string>& s) { return s ? str(*s) : null(); }
  Line& integer(long long v) {
    comma();
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    out_.append(buf, end);
    return *this;
  }
  Line& int_or_null(std::optional<int> v) { return v ? integer(static_cast<long long>(*v)) : null(); }
  // number_json's choice of integer or float, and nlohmann's float text (shortest round trip, "12.0").
  Line& number(std::optional<double> v, int decimals = 0) {
    if (!v) return null();
    if (decimals == 0 && std::floor(*v) == *v && std::fabs(*v) < 9e15) return integer(static_cast<long long>(*v));
    return real(*v);
  }
  Line& real(double v) {
    comma();
    out_ += nlohmann::json(v).dump();
    return *this;
  }
  Line& strings(const std::vector<std::string>& v) {
    open_array();
    for (const auto& s : v) str(s);
    return close_array();
  }

 private:
  Line& open(char c) {
    comma();
    out_ += c;
    fresh_ = true;
    return *this;
  }
  Line& close(char c) {
    out_ += c;
    fresh_ = false;
    return *this;
  }
  void text(std::string_view s) {
    if (is_valid_utf8(s)) {  // strict, as nlohmann's decoder: no overlong forms, surrogates, past U+10FFFF
      escaped(s);
    } else {
      // nlohmann's replacement of broken sequences (U+FFFD), exactly as the tree would write it
      out_ += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }
  // A value or key after another in the same object or array is preceded by a comma.
  void comma() {
    if (!fresh_) out_ += ',';
    fresh_ = false;
  }

  void escaped(std::string_view s) {
    out_ += '"';
    size_t run = 0;  // start of the bytes not yet copied
    for (size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out_.append(u, sizeof u);
        }
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  std::string& out_;
  bool fresh_ = true;
};

void write_finding(Line& o, const Finding& f, const std::string& lang) {
  o.open_object();
  o.key("rule").str(f.rule).key("severity").str(f.severity).key("status").str(f.status);
  o.key("table").str_or_null(f.table).key("row").str_or_null(f.row).key("col").str_or_null(f.col);
  o.key("expected").number(f.expected, f.expected && std::floor(*f.expected) != *f.expected);
  o.key("actual").number(f.actual, f.actual && std::floor(*f.actual) != *f.actual);
  o.key("message").str(lang == "en" ? f.message_en : f.message_zh);
  o.key("cells").open_array();
  for (const auto& c : f.cells) {
    o.open_object().key("table").str(c.table).key("row");
    if (c.row.empty()) o.null();
    else o.str(c.row);
    o.key("col");
    if (c.col.empty()) o.null();
    else o.str(c.col);
    o.key("page").int_or_null(c.page).close_object();
  }
  o.close_array().close_object();
}

}  // namespace

ordered_json record_json(const Report& r, const std::string& lang) { return ordered_json::parse(record_line(r, lang)); }

ordered_json finding_json(const Finding& f, const std::string& lang) {
  std::string out;
  Line o(out);
  write_finding(o, f, lang);
  return ordered_json::parse(out);
}

std::string record_line(const Report& r, const std::string& lang) {
  std::string out;
  out.reserve(512 + 160 * r.figures.size() + 1024 * r.findings.size());
  Line o(out);
  o.open_object();
  o.key("schema").str(kSchema);
  o.key("source").open_object();
  o.key("path").str(shown_name(r.source.path, false)).key("sha256").str(r.source.sha256);
  o.key("format").str(r.source.format).key("pages").int_or_null(r.source.pages);
  if (r.source.url) o.key("url").str(*r.source.url);
  if (r.source.page_url) o.key("page_url").str(*r.source.page_url);
  if (r.source.published) o.key("published").str(*r.source.published);
  if (r.source.fetched_at) o.key("fetched_at").str(*r.source.fetched_at);
  o.close_object();
  o.key("report").open_object();
  o.key("title").str_or_null(r.report.title).key("agency").str_or_null(r.report.agency);
  if (r.report.agency_source) o.key("agency_source").str(*r.report.agency_source);
  o.key("region");
  if (const auto& g = r.report.region) {
    o.open_object().key("code").str(g->code).key("level").str(g->level).key("names").strings(g->names);
    o.key("role").str(g->role).close_object();
  } else {
    o.null();
  }
  o.key("year").int_or_null(r.report.year).key("template").str(r.report.template_version);
  o.close_object();
  o.key("status").str(r.status);
  o.key("error");
  if (r.error) o.open_object().key("code").str(r.error->code).key("message").str(r.error->message).close_object();
  else o.null();
  o.key("figures").open_array();
  for (const auto& f : r.figures) {
    o.open_object().key("table").str(f.table).key("row").str(f.row).key("col").str(f.col);
    o.key("value").number(f.value, f.decimals).key("raw").str(f.raw).key("page").int_or_null(f.page);
    if (f.confidence) o.key("confidence").real(std::round(*f.confidence * 10) / 10);
    o.close_object();
  }
  o.close_array();
  // An object: a key written twice keeps its first place and its last value, as the tree's does.
  o.key("sections").open_object();
  for (size_t i = 0; i < r.sections.size(); ++i) {
    const auto& k = r.sections[i].first;
    bool seen = false;
    for (size_t e = 0; e < i && !seen; ++e) seen = r.sections[e].first == k;
    if (seen) continue;
    const std::string* v = &r.sections[i].second;
    for (size_t later = i + 1; later < r.sections.size(); ++later)
      if (r.sections[later].first == k) v = &r.sections[later].second;
    o.key(k).str(*v);
  }
  o.close_object();
  o.key("findings").open_array();
  for (const auto& f : r.findings) write_finding(o, f, lang);
  o.close_array();
  o.key("indicators").open_array();
  for (const auto& v : compute_indicators(r)) {
    o.open_object().key("id").str(v.def->id);
    o.key("value").number(v.value, v.def->is_rate() ? 1 : 0);
    o.key("numerator").number(v.numerator).key("denominator").number(v.denominator);
    o.key("null_reason").str_or_null(v.null_reason);
    o.key("null_operands").strings(v.null_operands).key("failing_rules").strings(v.failing_rules);
    o.close_object();
  }
  o.close_array();
  o.close_object();
  return out;
}

}  // namespace xxgk
