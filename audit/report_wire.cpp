#include "audit/report_wire.h"

#include "audit/report_codec.h"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace xxgk {
namespace {

constexpr std::uint64_t kMaxFrame = std::uint64_t{1} << 32;  // 4 GiB: anything larger is corrupt

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
    else return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

class Writer {
 public:
  Writer() { out_.resize(8); }  // the length, filled in by finish()
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u64(std::uint64_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void i32(std::int32_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void f64(double v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(std::string_view s) {
    if (!valid_utf8(s)) throw std::invalid_argument("invalid UTF-8");
    u64(s.size());
    out_.append(s);
  }
  void opt_str(const std::optional<std::string>& s) {
    u8(s ? 1 : 0);
    if (s) str(*s);
  }
  void opt_i32(std::optional<int> v) {
    u8(v ? 1 : 0);
    if (v) i32(*v);
  }
  void opt_f64(std::optional<double> v) {
    u8(v ? 1 : 0);
    if (v) f64(*v);
  }
  std::string finish() {
    const std::uint64_t n = out_.size();
    std::memcpy(out_.data(), &n, sizeof n);
    return std::move(out_);
  }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::uint8_t u8() { return static_cast<std::uint8_t>(take(1)[0]); }
  std::uint64_t u64() { return pod<std::uint64_t>(); }
  std::int32_t i32() { return pod<std::int32_t>(); }
  double f64() { return pod<double>(); }
  std::string str() {
    const std::uint64_t n = u64();
    if (n > in_.size() - pos_) throw std::runtime_error("a string runs past the end of the record");
    return std::string(take(static_cast<size_t>(n)));
  }
  std::optional<std::string> opt_str() { return u8() ? std::optional<std::string>(str()) : std::nullopt; }
  std::optional<int> opt_i32() { return u8() ? std::optional<int>(i32()) : std::nullopt; }
  std::optional<double> opt_f64() { return u8() ? std::optional<double>(f64()) : std::nullopt; }
  size_t count() {
    const std::uint64_t n = u64();
    if (n > in_.size() - pos_) throw std::runtime_error("a list longer than the record");
    return static_cast<size_t>(n);
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view take(size_t n) {
    if (n > in_.size() - pos_) throw std::runtime_error("the record ends early");
    const auto v = in_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  template <class T>
  T pod() {
    T v;
    std::memcpy(&v, take(sizeof v).data(), sizeof v);
    return v;
  }
  std::string_view in_;
  size_t pos_ = 0;
};

std::string encode(const Report& r) {
  Writer w;
  w.str(r.source.path);
  w.str(r.source.sha256);
  w.str(r.source.format);
  w.opt_i32(r.source.pages);
  w.u64(r.source.size);
  for (const auto* p : {&r.source.url, &r.source.page_url, &r.source.published, &r.source.fetched_at}) w.opt_str(*p);
  w.opt_str(r.report.title);
  w.opt_str(r.report.agency);
  w.opt_str(r.report.agency_source);
  w.u8(r.report.region ? 1 : 0);
  if (r.report.region) {
    w.str(r.report.region->code);
    w.str(r.report.region->level);
    w.u64(r.report.region->names.size());
    for (const auto& n : r.report.region->names) w.str(n);
    w.str(r.report.region->role);
  }
  w.str(r.report.agency_id);
  w.opt_i32(r.report.year);
  w.str(r.report.template_version);
  w.str(r.status);
  w.u8(r.error ? 1 : 0);
  if (r.error) {
    w.str(r.error->code);
    w.str(r.error->message);
  }
  w.u64(r.figures.size());
  for (const auto& f : r.figures) {
    w.str(f.table);
    w.str(f.row);
    w.str(f.col);
    w.opt_f64(f.value);
    w.i32(f.decimals);
    w.str(f.raw);
    w.opt_i32(f.page);
    w.opt_f64(f.confidence);
  }
  w.u64(r.sections.size());
  for (const auto& [k, v] : r.sections) {
    w.str(k);
    w.str(v);
  }
  w.u64(r.findings.size());
  for (const auto& f : r.findings) {
    w.str(f.rule);
    w.str(f.severity);
    w.str(f.status);
    w.opt_str(f.table);
    w.opt_str(f.row);
    w.opt_str(f.col);
    w.opt_f64(f.expected);
    w.opt_f64(f.actual);
    w.str(f.message_zh);
    w.str(f.message_en);
    w.u64(f.cells.size());
    for (const auto& c : f.cells) {
      w.str(c.table);
      w.str(c.row);
      w.str(c.col);
      w.opt_i32(c.page);
    }
  }
  return w.finish();
}

}  // namespace

std::string report_frame(const Report& r) {
  try {
    return encode(r);
  } catch (const std::invalid_argument&) {  // an invalid UTF-8 sequence: replaced as the JSON codec does
    const auto text = report_to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return encode(report_from_json(nlohmann::json::parse(text)));
  }
}

std::optional<size_t> frame_length(std::string_view buffer) {
  if (buffer.size() < 8) return std::nullopt;
  std::uint64_t n = 0;
  std::memcpy(&n, buffer.data(), sizeof n);
  if (n < 8 || n > kMaxFrame) throw std::runtime_error("the record's length is corrupt");
  if (buffer.size() < n) return std::nullopt;
  return static_cast<size_t>(n);
}

Report report_from_frame(std::string_view frame) {
  Reader in(frame.substr(8));
  Report r;
  r.source.path = in.str();
  r.source.sha256 = in.str();
  r.source.format = in.str();
  r.source.pages = in.opt_i32();
  r.source.size = in.u64();
  for (auto* p : {&r.source.url, &r.source.page_url, &r.source.published, &r.source.fetched_at}) *p = in.opt_str();
  r.report.title = in.opt_str();
  r.report.agency = in.opt_str();
  r.report.agency_source = in.opt_str();
  if (in.u8()) {
    Region g;
    g.code = in.str();
    g.level = in.str();
    for (size_t i = 0, n = in.count(); i < n; ++i) g.names.push_back(in.str());
    g.role = in.str();
    r.report.region = std::move(g);
  }
  r.report.agency_id = in.str();
  r.report.year = in.opt_i32();
  r.report.template_version = in.str();
  r.status = in.str();
  if (in.u8()) {
    ErrorInfo e;
    e.code = in.str();
    e.message = in.str();
    r.error = std::move(e);
  }
  r.figures.resize(in.count());
  for (auto& f : r.figures) {
    f.table = in.str();
    f.row = in.str();
    f.col = in.str();
    f.value = in.opt_f64();
    f.decimals = in.i32();
    f.raw = in.str();
    f.page = in.opt_i32();
    f.confidence = in.opt_f64();
  }
  for (size_t i = 0, n = in.count(); i < n; ++i) {
    auto k = in.str();
    r.sections.emplace_back(std::move(k), in.str());
  }
  r.findings.resize(in.count());
  for (auto& f : r.findings) {
    f.rule = in.str();
    f.severity = in.str();
    f.status = in.str();
    f.table = in.opt_str();
    f.row = in.opt_str();
    f.col = in.opt_str();
    f.expected = in.opt_f64();
    f.actual = in.opt_f64();
    f.message_zh = in.str();
    f.message_en = in.str();
    f.cells.resize(in.count());
    for (auto& c : f.cells) {
      c.table = in.str();
      c.row = in.str();
      c.col = in.str();
      c.page = in.opt_i32();
    }
  }
  if (!in.done()) throw std::runtime_error("bytes left after the record");
  return r;
}

}  // namespace xxgk
