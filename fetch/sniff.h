// What downloaded bytes are, from the bytes themselves, never from the URL or the Content-Type
// (portals serve PDFs as application/octet-stream from `.aspx` and `downfile.jsp` URLs, and login
// pages with status 200 where a file was linked); and how a page's text is decoded.
#pragma once

#include <string>
#include <string_view>

namespace xxgk::fetch {

// The kinds of file a report comes as. `other` is anything else (an image, a spreadsheet, an
// archive that is no Word document): never a report.
enum class FileType { pdf, doc, wps, docx, html, other };

std::string_view type_name(FileType t);       // "pdf", "doc", "wps", "docx", "html", "other"
std::string_view type_extension(FileType t);  // the file name extension the store gives it

// `head` is the start of the bytes (at least the first 64 KiB when there are that many), `tail` their
// end (the last 64 KiB: a ZIP's central directory, where `word/` is named); `name` a file name the
// server or the link gave ("" when none), only to tell a WPS from a DOC (both OLE files) and an
// OLE spreadsheet from a document.
//   %PDF- within the first KiB → pdf; D0 CF 11 E0 A1 B1 1A E1 → doc (or wps by name; other when the
//   name or the directory says spreadsheet/presentation); PK\3\4 with a `word/` part → docx; markup
//   (<html, <!doctype html, <head, <body, <meta, <table, <div, <p …) after a BOM and space → html.
FileType sniff_type(std::string_view head, std::string_view tail, std::string_view name);

// The charset a page declares in its first 8 KiB: <meta charset="…"> or <meta http-equiv=
// "Content-Type" content="…; charset=…">; "" when none.
std::string meta_charset(std::string_view bytes);

struct PageText {
  std::string utf8;
  std::string charset;  // what was used
};

// A page's text as UTF-8: a BOM wins; bytes that are valid UTF-8 are UTF-8 (a stale gb2312
// declaration is common on pages saved as UTF-8); otherwise the charset declared in <meta> or by
// the server (`header_charset`), GB2312/GBK read as their superset GB18030; with no declaration,
// GB18030. Invalid sequences become U+FFFD.
PageText decode_page(std::string_view bytes, std::string_view header_charset = {});

}  // namespace xxgk::fetch
