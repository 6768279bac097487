// Articles and files: what one listing entry yields. See crawl_context.h.
#include "fetch/article.h"
#include "fetch/crawl_context.h"
#include "fetch/html_page.h"
#include "pipeline/sha256.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fstream>

namespace xxgk::fetch {
namespace {

Scheduler::Validators conditional(FetchState& state) {
  return [&state](const Url& u) {
    std::vector<std::pair<std::string, std::string>> h;
    const auto s = state.url_state(u.str());
    if (s.etag) h.emplace_back("If-None-Match", *s.etag);
    if (s.last_modified) h.emplace_back("If-Modified-Since", *s.last_modified);
    return h;
  };
}

// The first and last 64 KiB of a file, for sniffing.
std::pair<std::string, std::string> head_and_tail(const std::string& path, std::uint64_t size) {
  constexpr std::uint64_t kSpan = 64 * 1024;
  std::ifstream in(path, std::ios::binary);
  std::string head(static_cast<size_t>(std::min(size, kSpan)), '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  std::string tail;
  if (size > kSpan) {
    tail.assign(static_cast<size_t>(std::min(size - kSpan, kSpan)), '\0');
    in.seekg(static_cast<std::streamoff>(size - tail.size()));
    in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
  }
  return {head, tail};
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool is_report_type(FileType t) { return t == FileType::pdf || t == FileType::doc || t == FileType::wps || t == FileType::docx; }

// Where a link leads and what the listing said of it.
struct Link {
  Url url;
  std::string page_url;
  std::string title;
  std::optional<std::string> published;
};

enum class FileResult { stored, unchanged, not_a_report, failed };

// Stores a body already downloaded to `partial` as a report of type `type`.
FileResult keep(CrawlContext& c, const Source& src, std::int64_t sid, const Link& link, const Fetched& f,
                const std::string& partial, FileType type, std::optional<std::string> file_name,
                std::optional<std::string> fingerprint) {
  const Response& res = f.response;
  FileRecord rec;
  rec.sha256 = res.sha256;
  rec.url = f.final_url.str();
  rec.requested_url = link.url.str();
  rec.page_url = link.page_url;
  rec.source_id = sid;
  rec.agency = src.agency;
  rec.region = src.region;
  rec.title = link.title;
  rec.published = link.published;
  rec.file_type = std::string(type_name(type));
  rec.file_name = std::move(file_name);
  rec.size = res.body_bytes;
  rec.fetched_at = res.fetched_at;
  rec.etag = res.headers.get("ETag");
  rec.last_modified = res.headers.get("Last-Modified");
  rec.content_type = res.headers.get("Content-Type");
  rec.fingerprint = std::move(fingerprint);
  rec.run_id = c.run_id;
  try {
    rec.store_path = c.store.keep(partial, res.sha256, type);
  } catch (const std::exception& e) {
    c.store.discard(partial);
    c.problem(src, sid, rec.url, "store", 0, e.what());
    return FileResult::failed;
  }
  const FileOutcome out = c.state.record_file(rec);
  std::lock_guard lock(c.mutex);
  if (out.already) {
    ++c.summary.unchanged;
    return FileResult::unchanged;
  }
  if (out.revision) ++c.summary.revised_files;
  else if (out.fresh) ++c.summary.new_files;
  if (out.revision || out.fresh)
    c.summary.documents.push_back({c.store.path_of(rec.store_path), rec.sha256, rec.url, rec.page_url, rec.agency, rec.title,
                                   rec.file_type, out.revision});
  spdlog::info("{}: {} {} ({} bytes){}", src.agency, out.revision ? "revised" : "stored", rec.url, rec.size,
               link.title.empty() ? "" : " — " + link.title);
  return FileResult::stored;
}

// A file linked or embedded by an article (or the document of a `document` source).
FileResult fetch_file(CrawlContext& c, const Source& src, std::int64_t sid, const Link& link) {
  const std::string partial = c.store.partial_path();
  Request r;
  r.url = link.url;
  r.body_file = partial;
  r.max_bytes = c.options.max_bytes;
  r.insecure_tls = src.insecure_tls;
  const Fetched f = c.scheduler.fetch(r, conditional(c.state));
  if (f.status == FetchStatus::not_modified) {
    c.store.discard(partial);
    c.state.url_answered(f.final_url.str(), "file", 304, f.response.headers.get("ETag"), f.response.headers.get("Last-Modified"),
                         std::nullopt, std::nullopt, f.response.fetched_at);
    std::lock_guard lock(c.mutex);
    ++c.summary.unchanged;
    return FileResult::unchanged;
  }
  if (f.status != FetchStatus::ok) {
    c.store.discard(partial);
    c.problem(src, sid, f.final_url, f);
    return FileResult::failed;
  }
  const auto [head, tail] = head_and_tail(partial, f.response.body_bytes);
  const auto disposition = f.response.headers.get("Content-Disposition");
  std::optional<std::string> name = disposition ? content_disposition_filename(*disposition) : std::nullopt;
  if (!name && !file_name_of(f.final_url).empty()) name = file_name_of(f.final_url);
  const FileType type = sniff_type(head, tail, name.value_or(""));
  if (!is_report_type(type)) {
    // A login page where a file was linked, an image, a spreadsheet: not a report.
    spdlog::info("{}: {} is {}, not a report file; not kept", src.agency, f.final_url.str(), type_name(type));
    c.state.url_answered(f.final_url.str(), "file", f.response.status, f.response.headers.get("ETag"),
                         f.response.headers.get("Last-Modified"), f.response.sha256, std::nullopt, f.response.fetched_at);
    c.store.discard(partial);
    return FileResult::not_a_report;
  }
  return keep(c, src, sid, link, f, partial, type, name, std::nullopt);
}

// A page: the report files it links or embeds, and the page itself when it links no report file or
// prints the tables itself (an article of a listing, or the page a `document` source names). `url`
// is the link followed; `partial` holds the page's bytes (kept or discarded here). Returns whether
// everything it needed was fetched.
bool harvest_page(CrawlContext& c, const Source& src, std::int64_t sid, const Url& url, const std::string& title,
                  const std::optional<std::string>& listed, const Fetched& f, const std::string& partial) {
  const std::string page_url = f.final_url.str();
  const UrlState before = c.state.url_state(page_url);  // as the last run left it
  if (f.response.body_bytes > c.options.page_max_bytes) {
    c.store.discard(partial);
    c.problem(src, sid, page_url, "too_large", 0,
              fmt::format("the article page is {} bytes, more than {} for a page", f.response.body_bytes, c.options.page_max_bytes));
    return false;
  }
  const std::string bytes = read_all(partial);
  const PageText text = decode_page(bytes, content_type_charset(f.response.headers.get("Content-Type").value_or("")));
  const PageParts parts = read_page(text.utf8);
  const ArticlePage article = read_article(f.final_url, parts);
  const std::optional<std::string> published = listed ? listed : article.published;

  bool ok = true;
  int reports = 0;
  for (const auto& att : article.attachments) {
    const FileResult res = fetch_file(c, src, sid, Link{att.url, page_url, title, published});
    if (res == FileResult::failed) ok = false;
    if (res == FileResult::stored || res == FileResult::unchanged) ++reports;
  }
  // The page's validators are kept only when everything it publishes was fetched: a page asked
  // conditionally (a `document` source's, always) that answers 304 has only its stored files asked
  // again, so a file that failed must not hide behind it.
  const auto etag = ok ? f.response.headers.get("ETag") : std::nullopt;
  const auto last_modified = ok ? f.response.headers.get("Last-Modified") : std::nullopt;
  // The page is the report when it links no report file, or when it prints the tables itself.
  if ((reports == 0 && ok) || article.has_tables) {
    // A page's chrome changes (view counts, related links) while its report does not: the same
    // title and tables are the same report.
    const std::optional<std::string> fingerprint =
        article.has_tables ? std::optional<std::string>(sha256_hex(title + "\n" + parts.table_text)) : std::nullopt;
    if (fingerprint && before.fingerprint == fingerprint && before.sha256 != f.response.sha256) {
      c.store.discard(partial);
      c.state.url_answered(page_url, "article", 200, etag, last_modified, f.response.sha256, fingerprint, f.response.fetched_at);
      std::lock_guard lock(c.mutex);
      ++c.summary.unchanged;
      return ok;
    }
    return keep(c, src, sid, Link{url, page_url, title, published}, f, partial, FileType::html, std::nullopt, fingerprint) !=
               FileResult::failed &&
           ok;
  }
  c.state.url_answered(page_url, "article", 200, etag, last_modified, f.response.sha256, std::nullopt, f.response.fetched_at);
  c.store.discard(partial);
  return ok;
}

// A page answered 304: it is as it was, but its files are still asked (conditionally), so a report
// replaced in place is caught.
bool revalidate_page(CrawlContext& c, const Source& src, std::int64_t sid, const Fetched& f, const std::string& title,
                     const std::optional<std::string>& published, const std::string& role) {
  const std::string page_url = f.final_url.str();
  c.state.url_answered(page_url, role, 304, f.response.headers.get("ETag"), f.response.headers.get("Last-Modified"), std::nullopt,
                       std::nullopt, f.response.fetched_at);
  bool ok = true;
  for (const auto& file : c.state.files_of_page(page_url))
    if (const auto fu = parse_url(file)) ok = fetch_file(c, src, sid, Link{*fu, page_url, title, published}) != FileResult::failed && ok;
  return ok;
}

}  // namespace

bool harvest_document(CrawlContext& c, const Source& src, std::int64_t sid) {
  // The URL is the report: a file, or a page that is the report (or publishes it, as an article does).
  const std::string partial = c.store.partial_path();
  Request r;
  r.url = src.url;
  r.body_file = partial;
  r.max_bytes = c.options.max_bytes;
  r.insecure_tls = src.insecure_tls;
  const Fetched f = c.scheduler.fetch(r, conditional(c.state));
  if (f.status == FetchStatus::not_modified) {
    c.store.discard(partial);
    {
      std::lock_guard lock(c.mutex);
      ++c.summary.unchanged;
    }
    return revalidate_page(c, src, sid, f, "", std::nullopt, "file");
  }
  if (f.status != FetchStatus::ok) {
    c.store.discard(partial);
    c.problem(src, sid, f.final_url, f);
    return false;
  }
  const auto [head, tail] = head_and_tail(partial, f.response.body_bytes);
  const auto disposition = f.response.headers.get("Content-Disposition");
  std::optional<std::string> name = disposition ? content_disposition_filename(*disposition) : std::nullopt;
  if (!name && !file_name_of(f.final_url).empty()) name = file_name_of(f.final_url);
  const FileType type = sniff_type(head, tail, name.value_or(""));
  if (is_report_type(type))
    return keep(c, src, sid, Link{src.url, src.url.str(), "", std::nullopt}, f, partial, type, name, std::nullopt) !=
           FileResult::failed;
  if (type == FileType::html) return harvest_page(c, src, sid, src.url, "", std::nullopt, f, partial);
  spdlog::info("{}: {} is {}, neither a report file nor a page; not kept", src.agency, f.final_url.str(), type_name(type));
  c.state.url_answered(f.final_url.str(), "file", f.response.status, f.response.headers.get("ETag"),
                       f.response.headers.get("Last-Modified"), f.response.sha256, std::nullopt, f.response.fetched_at);
  c.store.discard(partial);
  c.problem(src, sid, src.url.str(), "not_a_report", 0,
            fmt::format("the document URL answered {}, neither a report file (PDF, DOC, DOCX, WPS) nor a page", type_name(type)));
  return false;
}

bool harvest_article(CrawlContext& c, const Source& src, std::int64_t sid, const KnownEntry& entry) {
  const auto url = parse_url(entry.url);
  if (!url) return true;
  {
    std::lock_guard lock(c.mutex);
    ++c.summary.articles;
  }
  const std::string partial = c.store.partial_path();
  Request r;
  r.url = *url;
  r.body_file = partial;
  r.max_bytes = c.options.max_bytes;  // the "article" may be the report file itself
  r.insecure_tls = src.insecure_tls;
  // Conditional only once the article was handled completely: else its page is needed again.
  const Fetched f = entry.done ? c.scheduler.fetch(r, conditional(c.state)) : c.scheduler.fetch(r);
  const std::string page_url = f.final_url.str();

  if (f.status == FetchStatus::not_modified) {
    c.store.discard(partial);
    return revalidate_page(c, src, sid, f, entry.title, entry.published, "article");
  }
  if (f.status != FetchStatus::ok) {
    c.store.discard(partial);
    c.problem(src, sid, f.final_url, f);
    return false;
  }
  const auto [head, tail] = head_and_tail(partial, f.response.body_bytes);
  const auto disposition = f.response.headers.get("Content-Disposition");
  std::optional<std::string> name = disposition ? content_disposition_filename(*disposition) : std::nullopt;
  const FileType type = sniff_type(head, tail, name.value_or(file_name_of(f.final_url)));
  if (is_report_type(type)) {
    // The listing links the file itself: the listing is the page that published it.
    if (!name) name = file_name_of(f.final_url);
    const FileResult kept = keep(c, src, sid, Link{*url, src.url.str(), entry.title, entry.published}, f, partial, type, name,
                                 std::nullopt);
    return kept != FileResult::failed;
  }
  if (type != FileType::html) {
    c.store.discard(partial);
    c.problem(src, sid, page_url, "not_a_report", f.response.status,
              fmt::format("{} answered {}, neither a page nor a report file", page_url, type_name(type)));
    return true;
  }
  return harvest_page(c, src, sid, *url, entry.title, entry.published, f, partial);
}

}  // namespace xxgk::fetch
