// A JSON text written straight into a string (the record, the store's JSON columns).
#pragma once

#include "extract/encoding.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// JSON written straight to text, byte for byte as nlohmann's dump() (compact) writes the same values:
// strings escaped as it escapes them (broken UTF-8 replaced by U+FFFD, as its error_handler_t::replace
// does), numbers written as it writes them. Building an nlohmann tree first was, for a record of 200
// figures, some 1,700 allocations in nlohmann's ordered_map, a tenth of an HTML page's time; storing a
// finding's cells and figures that way was a tenth of the audit coordinator's (bench/store).
// The caller writes keys in the order the text must have them (a std::map-based nlohmann::json sorts
// them; ordered_json keeps insertion order).
class JsonLine {
 public:
  explicit JsonLine(std::string& out) : out_(out) {}

  JsonLine& key(std::string_view k) {
    comma();
    text(k);
    out_ += ':';
    fresh_ = true;
    return *this;
  }
  JsonLine& open_object() { return open('{'); }
  JsonLine& open_array() { return open('['); }
  JsonLine& close_object() { return close('}'); }
  JsonLine& close_array() { return close(']'); }

  JsonLine& null() {
    comma();
    out_ += "null";
    return *this;
  }
  JsonLine& str(std::string_view s) {
    comma();
    text(s);
    return *this;
  }
  JsonLine& str_or_null(const std::optional<std::string>& s) { return s ? str(*s) : null(); }
  JsonLine& integer(long long v) {
    comma();
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    out_.append(buf, end);
    return *this;
  }
  JsonLine& int_or_null(std::optional<int> v) { return v ? integer(static_cast<long long>(*v)) : null(); }
  // number_json's choice of integer or float, and nlohmann's float text (shortest round trip, "12.0").
  JsonLine& number(std::optional<double> v, int decimals = 0) {
    if (!v) return null();
    if (decimals == 0 && std::floor(*v) == *v && std::fabs(*v) < 9e15) return integer(static_cast<long long>(*v));
    return real(*v);
  }
  JsonLine& real(double v) {
    comma();
    out_ += nlohmann::json(v).dump();
    return *this;
  }
  JsonLine& strings(const std::vector<std::string>& v) {
    open_array();
    for (const auto& s : v) str(s);
    return close_array();
  }

 private:
  JsonLine& open(char c) {
    comma();
    out_ += c;
    fresh_ = true;
    return *this;
  }
  JsonLine& close(char c) {
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

}  // namespace xxgk
