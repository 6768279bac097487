#include "fetch/readers/readers.h"

#include "fetch/charset.h"
#include "fetch/sniff.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace xxgk::fetch::readers {
namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

std::string_view trim_quotes(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool quoted(std::string_view s) { return s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front(); }

std::optional<long> as_number(std::string_view s) {
  if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  return std::stol(std::string(s));
}

// createPageHTML(…) calls: their arguments, split at top-level commas.
std::optional<Pager> pager_from_call(std::string_view script, const std::vector<std::string>& scripts) {
  const size_t at = script.find("createPageHTML(");
  if (at == std::string_view::npos) return std::nullopt;
  const size_t close = script.find(')', at);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view args = script.substr(at + 15, close - at - 15);
  std::vector<std::string_view> parts;
  while (true) {
    const size_t comma = args.find(',');
    parts.push_back(trim_quotes(args.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    args.remove_prefix(comma + 1);
  }
  Pager p;
  int numbers = 0;
  std::vector<std::string> names;
  for (const auto a : parts) {
    std::optional<long> n = as_number(a);
    if (!n && !a.empty() && !quoted(a) && std::all_of(a.begin(), a.end(), ident_char))
      for (const auto& s : scripts)
        if ((n = number_after(s, a))) break;  // createPageHTML(countPage, …) with var countPage = 12
    if (n) {
      if (numbers++ == 0) p.pages = static_cast<int>(*n);
    } else if (quoted(a) && numbers > 0) {
      names.emplace_back(a.substr(1, a.size() - 2));
    }
  }
  if (p.pages <= 0) return std::nullopt;
  if (names.size() >= 2) {
    p.name = names[0];
    p.ext = names[1];
  }
  return p;
}

std::string extension(std::string_view file) {
  const size_t dot = file.rfind('.');
  return dot == std::string_view::npos ? std::string() : ascii_lower(file.substr(dot + 1));
}

}  // namespace

std::optional<long> number_after(std::string_view text, std::string_view key) {
  size_t pos = 0;
  while ((pos = text.find(key, pos)) != std::string_view::npos) {
    const size_t start = pos;
    pos += key.size();
    if ((start > 0 && ident_char(text[start - 1])) || (pos < text.size() && ident_char(text[pos]))) continue;
    size_t i = pos;
    auto skip = [&] {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '"' || text[i] == '\'')) ++i;
    };
    skip();
    if (i >= text.size() || (text[i] != '=' && text[i] != ':')) continue;
    ++i;
    skip();
    size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])) && j - i < 9) ++j;
    if (j > i) return std::stol(std::string(text.substr(i, j - i)));
  }
  return std::nullopt;
}

std::optional<Pager> pager_in_scripts(const std::vector<std::string>& scripts) {
  for (const auto& s : scripts)
    if (auto p = pager_from_call(s, scripts)) return p;
  for (const auto& s : scripts) {
    std::optional<long> records, per_page;
    for (const char* key : {"recordCount", "recordcount", "totalRecord", "totalrecord", "totalCount", "total_count"})
      if (!records && (records = number_after(s, key))) break;
    for (const char* key : {"prepage", "perPage", "perpage", "pageSize", "pagesize", "page_size", "prePage"})
      if (!per_page && (per_page = number_after(s, key))) break;
    if (records && per_page && *per_page > 0) {
      Pager p;
      p.pages = static_cast<int>((*records + *per_page - 1) / *per_page);
      if (p.pages <= 0) p.pages = 1;
      return p;
    }
    for (const char* key : {"countPage", "pageCount", "totalPage", "totalpage", "pagecount", "page_count", "totalPages"})
      if (auto n = number_after(s, key); n && *n > 0) return Pager{static_cast<int>(*n), {}, {}};
  }
  return std::nullopt;
}

std::vector<Url> numbered_pages(const Url& first, const Pager& pager, std::string_view default_name,
                                std::string_view entry_ext) {
  std::vector<Url> out;
  const size_t slash = first.path.rfind('/');
  const std::string dir = first.path.substr(0, slash + 1);
  const std::string file = percent_decode(first.path.substr(slash + 1));
  const std::string file_ext = extension(file);
  const std::string stem = file_ext.empty() ? file : file.substr(0, file.size() - file_ext.size() - 1);
  std::string name = !pager.name.empty() ? pager.name : !stem.empty() && stem.find('_') == std::string::npos ? stem : std::string(default_name);
  std::string ext = !pager.ext.empty() ? pager.ext : !file_ext.empty() ? file_ext : !entry_ext.empty() ? std::string(entry_ext) : "html";
  const int pages = std::min(pager.pages, 500);
  for (int i = 1; i < pages; ++i) {
    Url u = first;
    u.path = dir + percent_encode(name) + "_" + std::to_string(i) + "." + percent_encode(ext);
    u.query.clear();
    u.has_query = false;
    out.push_back(std::move(u));
  }
  return out;
}

std::optional<Url> next_page_link(const Url& page, const PageParts& parts) {
  static const std::string_view kNext[] = {"下一页", "下页", "后页", "下一頁", ">", "›", "»", ">>", "下一页>", "下一页>>"};
  for (const auto& l : parts.links) {
    const std::string& label = l.text.empty() ? l.title : l.text;
    if (std::find(std::begin(kNext), std::end(kNext), label) == std::end(kNext) && l.title != "下一页") continue;
    auto u = resolve_url(page, l.href);
    if (u && u->str() != page.str()) return u;
  }
  return std::nullopt;
}

std::vector<ListingEntry> entries_from_links(const Url& page, const PageParts& parts, Shape shape) {
  std::vector<ListingEntry> all, shaped;
  for (const auto& l : parts.links) {
    auto url = resolve_url(page, l.href);
    if (!url || url->str() == page.str()) continue;
    ListingEntry e;
    e.title = !l.title.empty() ? l.title : l.text;
    if (e.title.empty()) continue;
    e.url = *url;
    e.published = date_in_text(l.entry);
    if (shape && shape(e.url)) shaped.push_back(e);
    all.push_back(std::move(e));
  }
  return shaped.empty() ? all : shaped;
}

std::string entry_extension(const std::vector<ListingEntry>& entries) {
  std::map<std::string, int> count;
  for (const auto& e : entries) {
    const std::string ext = extension(file_name_of(e.url));
    if (ext == "htm" || ext == "html" || ext == "shtml") ++count[ext];
  }
  std::string best;
  int most = 0;
  for (const auto& [ext, n] : count)
    if (n > most) best = ext, most = n;
  return best;
}

ListingPage read_static_listing(const Url& url, std::string_view bytes, int page, Shape shape,
                                std::string_view default_name, bool follow_next_links) {
  ListingPage out;
  const PageParts parts = read_page(decode_page(bytes).utf8);
  out.entries = entries_from_links(url, parts, shape);
  if (page == 1)
    if (const auto pager = pager_in_scripts(parts.scripts))
      out.more = numbered_pages(url, *pager, default_name, entry_extension(out.entries));
  if (out.more.empty() && follow_next_links)
    if (auto next = next_page_link(url, parts)) out.more.push_back(*next);
  return out;
}

}  // namespace xxgk::fetch::readers
