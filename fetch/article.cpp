#include "fetch/article.h"

#include "fetch/charset.h"
#include "fetch/listing.h"

#include <algorithm>
#include <set>

namespace xxgk::fetch {
namespace {

bool has_report_extension(std::string_view name) {
  const std::string n = ascii_lower(name);
  for (const char* ext : {".pdf", ".doc", ".docx", ".wps"})
    if (n.size() > std::string_view(ext).size() && n.compare(n.size() - std::string_view(ext).size(), std::string::npos, ext) == 0)
      return true;
  return false;
}

// Download scripts portals use: downfile.jsp, download.jsp, download.aspx, downloadfile.do,
// getfile.ashx, fileDownload.action …
bool download_script(std::string_view file) {
  const std::string f = ascii_lower(file);
  const size_t dot = f.rfind('.');
  const std::string stem = f.substr(0, dot);
  const std::string ext = dot == std::string::npos ? "" : f.substr(dot + 1);
  static const char* kExt[] = {"jsp", "aspx", "ashx", "asp", "php", "do", "action", ""};
  if (std::find_if(std::begin(kExt), std::end(kExt), [&](const char* e) { return ext == e; }) == std::end(kExt)) return false;
  for (const char* s : {"download", "downfile", "getfile", "filedown", "attachdown", "downattach", "showfile", "openfile"})
    if (stem.find(s) != std::string::npos) return true;
  return false;
}

// A pdf.js viewer: …/viewer.html?file=<url-encoded path>; the file is relative to the viewer.
std::optional<Url> viewer_file(const Url& u) {
  const std::string f = ascii_lower(file_name_of(u));
  if (f.find("viewer") == std::string::npos && ascii_lower(u.path).find("pdfjs") == std::string::npos) return std::nullopt;
  const auto file = query_param(u, "file");
  if (!file || file->empty()) return std::nullopt;
  return resolve_url(u, *file);
}

std::string before_separator(const std::string& title) {
  // "报告标题_栏目_网站" → "报告标题"; also " - " and "|".
  size_t cut = std::string::npos;
  for (const char* sep : {"_", " - ", "|", "－"}) cut = std::min(cut, title.find(sep));
  return collapse_space(title.substr(0, cut));
}

// Quoted relative or absolute file paths inside a script: "./P020250120….pdf", '/attach/x.docx'.
std::vector<std::string> quoted_files(std::string_view script) {
  std::vector<std::string> out;
  for (size_t i = 0; i < script.size(); ++i) {
    const char q = script[i];
    if (q != '"' && q != '\'') continue;
    const size_t end = script.find(q, i + 1);
    if (end == std::string_view::npos) break;
    const std::string_view s = script.substr(i + 1, end - i - 1);
    if (s.size() < 300 && s.find_first_of(" \n<>{}") == std::string_view::npos && has_report_extension(s)) out.emplace_back(s);
    i = end;
  }
  return out;
}

}  // namespace

bool looks_like_file(const Url& url, std::string_view label) {
  if (has_report_extension(file_name_of(url))) return true;
  for (const char* key : {"filename", "fileName", "FileName", "file", "name", "fn", "path", "filepath"})
    if (const auto v = query_param(url, key); v && has_report_extension(*v)) return true;
  if (has_report_extension(collapse_space(label))) return true;
  return download_script(file_name_of(url));
}

ArticlePage read_article(const Url& url, const PageParts& parts) {
  ArticlePage a;
  std::set<std::string> seen;
  auto add = [&](const Url& u, std::string label) {
    if (u.str() == url.str() || !seen.insert(u.str()).second) return;
    a.attachments.push_back({u, std::move(label)});
  };
  for (const auto& l : parts.links) {
    // <a href="javascript:download('/attach/x.pdf')">: the quoted file, on the page's own host.
    if (ascii_lower(l.href.substr(0, 11)) == "javascript:") {
      for (const auto& path : quoted_files(l.href))
        if (const auto u = resolve_url(url, path); u && u->origin() == url.origin()) add(*u, l.text);
      continue;
    }
    const auto u = resolve_url(url, l.href);
    if (!u) continue;
    if (auto file = viewer_file(*u)) {
      add(*file, "viewer");
    } else if (looks_like_file(*u, l.text.empty() ? l.title : l.text)) {
      add(*u, l.text.empty() ? l.title : l.text);
    }
  }
  for (const auto& f : parts.frames) {
    const auto u = resolve_url(url, f.src);
    if (!u) continue;
    if (auto file = viewer_file(*u)) add(*file, "viewer");
    else if (looks_like_file(*u, "")) add(*u, f.tag);
    // anything else in a frame (a weather widget, a video, a map) is not the report
  }
  for (const auto& s : parts.scripts)
    for (const auto& path : quoted_files(s))
      if (const auto u = resolve_url(url, path); u && u->origin() == url.origin()) add(*u, "script");

  if (const auto t = parts.meta.find("articletitle"); t != parts.meta.end() && !collapse_space(t->second).empty())
    a.title = collapse_space(t->second);
  else if (!parts.title.empty())
    a.title = before_separator(parts.title);
  for (const char* key : {"pubdate", "publishdate", "firstpublishedtime", "publish_time"})
    if (const auto d = parts.meta.find(key); d != parts.meta.end() && !a.published)
      a.published = date_in_text(d->second);
  a.has_tables = parts.table_cells >= 30;
  return a;
}

}  // namespace xxgk::fetch
