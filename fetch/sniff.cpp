#include "fetch/sniff.h"

#include "fetch/charset.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace xxgk::fetch {
namespace {

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

std::string extension_of(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  return ascii_lower(name.substr(dot + 1));
}

// An OLE compound file names its streams in UTF-16LE in its directory.
bool names_stream(std::string_view bytes, std::string_view ascii_name) {
  std::string utf16;
  for (char c : ascii_name) utf16 += c, utf16 += '\0';
  return contains(bytes, utf16);
}

}  // namespace

std::string_view type_name(FileType t) {
  switch (t) {
    case FileType::pdf: return "pdf";
    case FileType::doc: return "doc";
    case FileType::wps: return "wps";
    case FileType::docx: return "docx";
    case FileType::html: return "html";
    case FileType::other: break;
  }
  return "other";
}

std::string_view type_extension(FileType t) { return t == FileType::other ? "bin" : type_name(t); }

FileType sniff_type(std::string_view head, std::string_view tail, std::string_view name) {
  const std::string ext = extension_of(name);
  if (contains(head.substr(0, 1024), "%PDF-")) return FileType::pdf;
  static constexpr std::string_view kOle("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  if (head.substr(0, 8) == kOle) {
    if (ext == "xls" || ext == "ppt" || ext == "et" || ext == "dps" || ext == "msg") return FileType::other;
    if (names_stream(head, "Workbook") || names_stream(tail, "Workbook") || names_stream(head, "PowerPoint Document") ||
        names_stream(tail, "PowerPoint Document"))
      if (!names_stream(head, "WordDocument") && !names_stream(tail, "WordDocument")) return FileType::other;
    return ext == "wps" ? FileType::wps : FileType::doc;
  }
  if (head.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    if (contains(head, "word/") || contains(tail, "word/")) return ext == "wps" ? FileType::wps : FileType::docx;
    return FileType::other;
  }
  // Markup: skip a BOM and white space, then look for the tags pages start with.
  std::string_view s = head.substr(0, 4096);
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) s.remove_prefix(1);
  if (s.empty() || s[0] != '<') return FileType::other;
  const std::string lower = ascii_lower(s);
  static constexpr std::array<std::string_view, 12> kTags = {"<!doctype html", "<html", "<head", "<body", "<meta",
                                                             "<table", "<div", "<p>", "<p ", "<title", "<script", "<!--"};
  for (auto tag : kTags)
    if (contains(lower, tag)) return FileType::html;
  return FileType::other;
}

std::string meta_charset(std::string_view bytes) {
  const std::string lower = ascii_lower(bytes.substr(0, 8192));
  size_t pos = 0;
  while ((pos = lower.find("<meta", pos)) != std::string::npos) {
    const size_t end = lower.find('>', pos);
    const std::string_view tag = std::string_view(lower).substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos += 5;
    const size_t cs = tag.find("charset");
    if (cs == std::string_view::npos) continue;
    size_t i = cs + 7;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '=' || tag[i] == '"' || tag[i] == '\'')) ++i;
    size_t j = i;
    while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' || tag[j] == '_')) ++j;
    if (j > i) return std::string(tag.substr(i, j - i));
  }
  return {};
}

PageText decode_page(std::string_view bytes, std::string_view header_charset) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return {std::string(bytes.substr(3)), "UTF-8"};
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    const char* cs = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    if (auto t = to_utf8(bytes.substr(2), cs, false)) return {*t, cs};
  }
  if (valid_utf8(bytes)) return {std::string(bytes), "UTF-8"};
  const std::string meta = meta_charset(bytes);
  const auto is_utf8 = [](const std::string& c) { return ascii_lower(c) == "utf-8" || ascii_lower(c) == "utf8"; };
  // A page that says UTF-8 and is UTF-8 but for a stray byte (a title cut mid-character) stays
  // UTF-8, the stray byte a U+FFFD; as does an undeclared page GB18030 cannot read either.
  if (is_utf8(meta) || (meta.empty() && is_utf8(std::string(header_charset))))
    if (auto t = to_utf8(bytes, "UTF-8", false)) return {*t, "UTF-8"};
  for (const std::string& declared : {meta, std::string(header_charset)}) {
    if (declared.empty() || is_utf8(declared)) continue;
    if (auto t = to_utf8(bytes, declared, false)) return {*t, declared};
  }
  if (auto gbk = to_utf8(bytes, "GB18030", true)) return {*gbk, "GB18030"};
  return {to_utf8(bytes, "UTF-8", false).value_or(std::string()), "UTF-8"};
}

}  // namespace xxgk::fetch
