#include "pipeline/process.h"

#include "model/deadline.h"
#include "model/errors.h"
#include "normalize/normalizer.h"
#include "pipeline/sha256.h"
#include "pipeline/stage_times.h"
#include "regions/place.h"
#include "text/shown_name.h"
#include "validate/validator.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <new>

namespace xxgk {
namespace {

void fail(Report& r, const std::string& code, const std::string& en, const std::string& zh, const std::string& lang) {
  r.status = "failed";
  r.error = ErrorInfo{code, lang == "en" || zh.empty() ? en : zh};
  r.figures.clear();
  r.findings.clear();
}

void set_provenance(Report& r, const Provenance& p) {
  r.source.url = p.url;
  r.source.page_url = p.page_url;
  r.source.published = p.published;
  r.source.fetched_at = p.fetched_at;
}

bool any_error(const Report& r) {
  for (const auto& f : r.findings)
    if (f.severity == "error") return true;
  return false;
}

// Bytes the decoder replaced by U+FFFD (a stray byte, a page cut mid-character) leave the
// report readable: an info finding says so, the record is not `partial` for it (only what the
// tables then lack would make it so).
void source_findings(Report& r, const Document& doc) {
  for (const auto& p : doc.problems) {
    if (p.code != "encoding") continue;
    Finding f;
    f.rule = "source.invalid_bytes";
    f.severity = "info";
    f.status = "fail";
    f.message_zh = p.message;
    f.message_en = p.message_en.empty() ? p.message : p.message_en;
    r.findings.push_back(std::move(f));
  }
}

// A PDF longer than the page cap is read only up to it: whatever its first pages hold, the report
// is `partial` and its error names the cap first (code too_many_pages), the other problems after.
void cut_short_by_page_cap(Report& r, const Document& doc, const std::string& lang) {
  if (r.status == "failed") return;
  for (const auto& p : doc.problems) {
    if (p.code != "too_many_pages") continue;
    const std::string& m = lang == "en" && !p.message_en.empty() ? p.message_en : p.message;
    const std::string sep = lang == "en" ? "; " : "；";
    std::string rest = r.error ? r.error->message : "";
    // settle_status listed it among the problems, with its page: taken out there, put first here.
    for (const std::string& listed : {fmt::format(fmt::runtime(lang == "en" ? "page {}: {}" : "第{}页：{}"), p.page.value_or(0), m), m})
      if (const auto at = rest.find(listed); at != std::string::npos) {
        rest.erase(at, listed.size());
        if (rest.compare(at, sep.size(), sep) == 0) rest.erase(at, sep.size());
        else if (at >= sep.size() && rest.compare(at - sep.size(), sep.size(), sep) == 0) rest.erase(at - sep.size(), sep.size());
        break;
      }
    r.status = "partial";
    r.error = ErrorInfo{"too_many_pages", rest.empty() ? m : m + sep + rest};
    return;
  }
}

}  // namespace

void settle_status(Report& r, const std::vector<std::string>& problems_zh, const std::vector<std::string>& problems_en,
                   const std::string& lang) {
  if (r.status == "failed") return;
  const bool no_tables = r.figures.empty();
  if (no_tables && r.sections.empty() && !r.report.title) {
    fail(r, "not_a_report",
         "no statistical table and none of the six parts of an annual report were found: this does not look like a "
         "政府信息公开工作年度报告",
         "未找到统计表，也未找到年度报告的六个部分：这不像是一份政府信息公开工作年度报告", lang);
    return;
  }
  const auto& problems = lang == "en" ? problems_en : problems_zh;
  if (no_tables) {
    r.status = "partial";
    r.error = ErrorInfo{"no_tables", lang == "en" ? "the report's text was read but none of its three statistical tables "
                                                    "was found (they may be images)"
                                                  : "已读取报告正文，但未找到三张统计表（可能是图片）"};
    return;
  }
  std::vector<std::string> missing;
  for (const auto& f : r.findings)
    if (f.rule == "structure.missing_table") missing.push_back(lang == "en" ? f.message_en : f.message_zh);
  if (!missing.empty() || !problems.empty()) {
    r.status = "partial";
    std::vector<std::string> all = missing;
    all.insert(all.end(), problems.begin(), problems.end());
    r.error = ErrorInfo{!missing.empty() ? "missing_table" : "incomplete_table",
                        fmt::format("{}", fmt::join(all, lang == "en" ? "; " : "；"))};
    return;
  }
  r.status = any_error(r) ? "flagged" : "ok";
  r.error.reset();
}

Report process_bytes(const std::string& path, std::string_view bytes, const ProcessOptions& options,
                     const Provenance& provenance) {
  Report r;
  r.source.path = path;
  set_provenance(r, provenance);
  r.source.size = bytes.size();
  StageTimer timer;
  r.source.sha256 = sha256_hex(bytes);
  timer.lap(Stage::hash);
  const std::string& lang = options.lang;
  try {
    const std::string format = detect_format(path, bytes);
    r.source.format = format.empty() ? "unknown" : format;
    const Extractor* ex = extractor_for(format);
    if (!ex) {
      fail(r, "unsupported_format", "the file is not a format xxgk reads (PDF, HTML, DOCX, DOC, WPS or text)",
           "文件格式不受支持（可读取 PDF、HTML、DOCX、DOC、WPS 和纯文本）", lang);
      return r;
    }
    if (bytes.empty()) {
      fail(r, "empty", "the file is empty", "文件为空", lang);
      return r;
    }
    ExtractOptions eo = options.extract;
    if (options.doc_timeout_seconds > 0)
      eo.deadline = std::chrono::steady_clock::now() +
                    std::chrono::milliseconds(static_cast<long long>(options.doc_timeout_seconds * 1000));
    const DocumentDeadline deadline_scope(eo.deadline);  // the normalizer and validator check it too
    Document doc = ex->extract(path, bytes, eo);
    r.source.format = doc.format;
    r.source.pages = doc.pages;
    check_deadline(eo);  // every stage, whatever the extractor checked inside
    timer.lap(Stage::read);
    Normalized n = normalize_document(doc, r, MetadataContext{provenance.link_title});
    check_deadline(eo);
    timer.lap(Stage::normalize);
    source_findings(r, doc);
    validate(r);
    check_deadline(eo);
    std::vector<std::string> pz = n.problems_zh, pe = n.problems_en;
    for (const auto& p : doc.problems) {
      if (p.code == "encoding") continue;  // a finding (source.invalid_bytes): the text was read
      std::string where = p.page ? fmt::format("第{}页：", *p.page) : "";
      std::string where_en = p.page ? fmt::format("page {}: ", *p.page) : "";
      pz.push_back(where + p.message);
      pe.push_back(where_en + (p.message_en.empty() ? p.message : p.message_en));
    }
    settle_status(r, pz, pe, lang);
    place_report(r, place_hint(provenance));
    // Pages that could not be read (a scanned page left without OCR) explain what is missing
    // better than the table reader can: the error names them first.
    std::vector<std::string> unread;
    for (const auto& p : doc.problems)
      if (p.code == "needs_ocr") {
        const std::string& m = lang == "en" && !p.message_en.empty() ? p.message_en : p.message;
        unread.push_back(p.page ? fmt::format(fmt::runtime(lang == "en" ? "page {}: {}" : "第{}页：{}"), *p.page, m) : m);
      }
    if (!unread.empty() && r.status == "partial" && r.error && r.error->code != "needs_ocr") {
      const std::string sep = lang == "en" ? "; " : "；";
      std::string message = fmt::format("{}", fmt::join(unread, sep));
      if (r.error->message.find(unread.front()) == std::string::npos) message += sep + r.error->message;
      r.error = ErrorInfo{"needs_ocr", message};
    }
    cut_short_by_page_cap(r, doc, lang);
    timer.lap(Stage::validate);
  } catch (const DocumentError& e) {
    if (e.document_pages()) r.source.pages = e.document_pages();
    fail(r, e.code(), e.what(), e.message_zh(), lang);
  } catch (const std::bad_alloc&) {
    if (options.doc_memory_mb > 0)
      fail(r, "out_of_memory",
           fmt::format("the document needed more memory than allowed ({} MiB plus 16 times its size, --doc-memory-mb)",
                       options.doc_memory_mb),
           fmt::format("文档所需内存超出限制（{} MiB 另加文件大小的 16 倍，--doc-memory-mb）", options.doc_memory_mb), lang);
    else
      fail(r, "out_of_memory", "the document needed more memory than the machine could give", "文档所需内存超出本机可用内存",
           lang);
  } catch (const std::exception& e) {
    fail(r, "internal", fmt::format("xxgk could not read the document: {}", e.what()),
         fmt::format("xxgk 读取文档时出错：{}", e.what()), lang);
  }
  return r;
}

Report process_file(const std::string& path, const ProcessOptions& options, const Provenance& provenance) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  Report r;
  r.source.path = path;
  set_provenance(r, provenance);
  r.source.format = "unknown";
  auto fail_io = [&](const std::string& code, const std::string& en, const std::string& zh) {
    fail(r, code, en, zh, options.lang);
    return r;
  };
  if (ec || !fs::exists(status)) return fail_io("not_found", "the file does not exist", "文件不存在");
  // A folder reaches here only from a walk that could not list it.
  if (fs::is_directory(status)) return fail_io("unreadable", "the folder cannot be read", "文件夹无法读取");
  if (!fs::is_regular_file(status)) return fail_io("not_a_file", "the path is not a regular file", "路径不是普通文件");
  const auto size = fs::file_size(path, ec);
  if (ec) return fail_io("unreadable", "the file cannot be opened for reading", "文件无法打开读取");
  // The size is checked before a byte is read: a file over the limit (a 2 GB sparse file) is
  // refused at once, not after hashing it. Its digest is left empty: its bytes were never read.
  if (size > options.max_bytes) {
    r.source.size = size;
    return fail_io("too_large",
                   fmt::format("the file is {} bytes, more than the limit of {} bytes (--max-mb)", size, options.max_bytes),
                   fmt::format("文件大小 {} 字节，超过上限 {} 字节（--max-mb）", size, options.max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail_io("unreadable", "the file cannot be opened for reading", "文件无法打开读取");
  std::string bytes(static_cast<size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size)
    return fail_io("unreadable", "the file could not be read to its end", "文件未能完整读取");
  spdlog::debug("processing {} ({} bytes)", shown_name(path), size);
  return process_bytes(path, bytes, options, provenance);
}

}  // namespace xxgk
