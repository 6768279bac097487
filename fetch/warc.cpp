#include "fetch/warc.h"

#include "fetch/charset.h"
#include "fetch/downloader.h"
#include "pipeline/sha256.h"

#include <fmt/format.h>

#include <array>
#include <random>
#include <stdexcept>

namespace xxgk::fetch {
namespace {

std::string record_id() {
  static std::mutex m;
  static std::mt19937_64 rng{std::random_device{}()};
  std::array<unsigned char, 16> b{};
  {
    std::lock_guard lock(m);
    for (size_t i = 0; i < b.size(); i += 8) {
      const auto v = rng();
      for (size_t k = 0; k < 8; ++k) b[i + k] = static_cast<unsigned char>(v >> (8 * k));
    }
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::string hex;
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) hex += '-';
    hex += fmt::format("{:02x}", b[i]);
  }
  return "<urn:uuid:" + hex + ">";
}

// Streams a file through `fn` in 1 MiB pieces.
template <class Fn>
bool each_piece(const std::string& path, Fn&& fn) {
  std::unique_ptr<std::FILE, decltype(&std::fclose)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return false;
  std::string buf(1 << 20, '\0');
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) fn(std::string_view(buf.data(), n));
  return true;
}

std::string crlf_lines(std::string_view head) {
  std::string out;
  size_t i = 0;
  while (i < head.size()) {
    size_t nl = head.find('\n', i);
    if (nl == std::string_view::npos) nl = head.size();
    std::string_view line = head.substr(i, nl - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    i = nl + 1;
    if (line.empty()) break;
    out.append(line);
    out += "\r\n";
  }
  return out;
}

}  // namespace

std::string warc_response_head(std::string_view raw_head, std::uint64_t payload_bytes) {
  const std::string lines = crlf_lines(raw_head);
  std::string out;
  size_t i = 0;
  bool first = true;
  while (i < lines.size()) {
    const size_t nl = lines.find("\r\n", i);
    std::string_view line = std::string_view(lines).substr(i, nl - i);
    i = nl + 2;
    if (!first) {
      const std::string name = ascii_lower(line.substr(0, line.find(':')));
      if (name == "transfer-encoding" || name == "content-encoding" || name == "content-length") out += "X-Crawler-";
    }
    first = false;
    out.append(line);
    out += "\r\n";
  }
  out += fmt::format("Content-Length: {}\r\n\r\n", payload_bytes);
  return out;
}

WarcWriter::WarcWriter(const std::string& path, const std::string& software) : file_(std::fopen(path.c_str(), "ab")) {
  if (!file_) throw std::runtime_error(fmt::format("cannot open the WARC file {} for writing", path));
  const std::string fields = fmt::format(
      "software: {}\r\nformat: WARC File Format 1.1\r\nconformsTo: "
      "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n",
      software);
  const std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  const std::string head = fmt::format(
      "WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: {}\r\nWARC-Date: {}\r\nWARC-Filename: {}\r\n"
      "Content-Type: application/warc-fields\r\nContent-Length: {}\r\n\r\n",
      record_id(), utc_timestamp(), name, fields.size());
  std::lock_guard lock(mutex_);
  std::fputs(head.c_str(), file_.get());
  std::fputs(fields.c_str(), file_.get());
  std::fputs("\r\n\r\n", file_.get());
  std::fflush(file_.get());
  ++records_;
}

WarcWriter::~WarcWriter() = default;

void WarcWriter::write(const WarcExchange& x) {
  const std::string date = utc_timestamp();
  const std::string request_id = record_id(), response_id = record_id();
  const std::string request_block = crlf_lines(x.request_head) + "\r\n" + x.request_body;
  const std::string response_head = warc_response_head(x.response_head, x.body_bytes);

  Sha256 block;
  block.update(response_head);
  if (!x.body_file.empty()) each_piece(x.body_file, [&](std::string_view p) { block.update(p); });
  else block.update(x.body_memory);
  const std::string block_digest = block.hex();
  const std::string ip = x.ip.empty() ? "" : fmt::format("WARC-IP-Address: {}\r\n", x.ip);
  const std::string truncated = x.truncated.empty() ? "" : fmt::format("WARC-Truncated: {}\r\n", x.truncated);

  const std::string response_header = fmt::format(
      "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: {}\r\nWARC-Date: {}\r\nWARC-Target-URI: {}\r\n{}"
      "WARC-Concurrent-To: {}\r\nWARC-Payload-Digest: sha256:{}\r\nWARC-Block-Digest: sha256:{}\r\n{}"
      "Content-Type: application/http;msgtype=response\r\nContent-Length: {}\r\n\r\n",
      response_id, date, x.target_uri, ip, request_id, x.payload_sha256, block_digest, truncated,
      response_head.size() + x.body_bytes);
  const std::string request_header = fmt::format(
      "WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: {}\r\nWARC-Date: {}\r\nWARC-Target-URI: {}\r\n{}"
      "WARC-Concurrent-To: {}\r\nWARC-Block-Digest: sha256:{}\r\n"
      "Content-Type: application/http;msgtype=request\r\nContent-Length: {}\r\n\r\n",
      request_id, date, x.target_uri, ip, response_id, sha256_hex(request_block), request_block.size());

  std::lock_guard lock(mutex_);
  std::FILE* f = file_.get();
  auto put = [f](std::string_view s) { std::fwrite(s.data(), 1, s.size(), f); };
  put(request_header);
  put(request_block);
  put("\r\n\r\n");
  put(response_header);
  put(response_head);
  if (!x.body_file.empty()) {
    std::uint64_t written = 0;
    each_piece(x.body_file, [&](std::string_view p) {
      put(p);
      written += p.size();
    });
    // The file changed under us (it never should): pad so the record keeps its declared length.
    for (; written < x.body_bytes; ++written) std::fputc(0, f);
  } else {
    put(x.body_memory);
  }
  put("\r\n\r\n");
  std::fflush(f);
  records_ += 2;
}

}  // namespace xxgk::fetch
