#include "extract/html/page_info.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "extract/html/dom.h"
#include "extract/html/grid.h"
#include "extract/html/text_lines.h"

namespace xxgk::html {
namespace {

constexpr size_t kMaxMeta = 64;
constexpr size_t kMaxMetaContent = 1024;
constexpr size_t kMaxTitleBlocks = 8;
constexpr size_t kMaxTitleBlockBytes = 400;
constexpr size_t kMaxLinesBefore = 200;
constexpr size_t kMaxLinesAfter = 100;
constexpr size_t kMaxLineBytes = 200;
constexpr size_t kFlushBytes = 64 * 1024;

// Parts of an id or class name (split at - _ and spaces, lower case) that mark an article's title
// element on the CMS pages portals run (article-title, xxgk_title, tit, bt = 标题, articleTitle …).
constexpr std::string_view kTitleParts[] = {"title", "tit", "bt", "biaoti", "articletitle", "arttitle",
                                            "newstitle", "detailtitle", "contitle", "infotitle", "wztitle"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_title_element(const xmlNode* n) {
  if (is_element(n, "h1") || is_element(n, "h2")) return true;
  for (const char* a : {"id", "class"}) {
    const std::string v = lower(attr(n, a));
    size_t p = 0;
    while (p < v.size()) {
      size_t e = v.find_first_of(" -_\t", p);
      if (e == std::string::npos) e = v.size();
      const std::string_view part = std::string_view(v).substr(p, e - p);
      if (std::find(std::begin(kTitleParts), std::end(kTitleParts), part) != std::end(kTitleParts)) return true;
      p = e + 1;
    }
  }
  return false;
}

void collect_meta(const xmlNode* root, PageInfo& info) {
  walk(
      root,
      [&](const xmlNode* n) {
        if (n->type != XML_ELEMENT_NODE || info.meta.size() >= kMaxMeta) return false;
        if (is_element(n, "meta")) {
          std::string name = attr(n, "name");
          if (name.empty()) name = attr(n, "property");
          std::string content = collapse_spaces(attr(n, "content"));
          if (!name.empty() && !content.empty()) {
            if (content.size() > kMaxMetaContent) content.resize(kMaxMetaContent);
            info.meta.emplace_back(collapse_spaces(name), std::move(content));
          }
          return false;
        }
        return !is_element(n, "body");
      },
      [](const xmlNode*) {});
}

}  // namespace

PageInfo read_page_info(const xmlNode* root, const xmlNode* body, const ReportArea& area) {
  PageInfo info;
  collect_meta(root, info);
  if (const xmlNode* t = find_first(root, "title")) info.title = collapse_spaces(cell_text(t));
  if (!body || !area.found) return info;  // the whole body is the report: nothing stands around it

  TextLines before, after;
  bool past = false;  // past the report container
  auto keep_lines = [](TextLines& lines, std::vector<std::string>& out) {
    for (auto& l : lines.take_lines())
      if (l.size() <= kMaxLineBytes) out.push_back(std::move(l));
  };
  walk(
      body,
      [&](const xmlNode* n) {
        TextLines& lines = past ? after : before;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
          if (!(past && info.lines_after.size() >= kMaxLinesAfter)) lines.append(text_of(n));
          return false;
        }
        if (n->type != XML_ELEMENT_NODE || is_ignored_element(n) || is_hidden(n)) return false;
        if (n == area.container) {
          lines.line_break();
          past = true;
          return false;
        }
        if (is_element(n, "br")) {
          lines.line_break();
          return false;
        }
        if (is_title_element(n) && info.title_blocks.size() < kMaxTitleBlocks) {
          std::string text = collapse_spaces(cell_text(n));
          if (!text.empty() && text.size() <= kMaxTitleBlockBytes) info.title_blocks.push_back(std::move(text));
        }
        if (is_block_element(n) || is_element(n, "td")) lines.line_break();
        return true;
      },
      [&](const xmlNode* n) {
        if (is_block_element(n) || is_element(n, "td")) (past ? after : before).line_break();
        // Lines are kept as they end, so a huge page never holds more than the bounds: the last
        // lines before the report, the first after it (then text after it is no longer read).
        if (!past && before.size_bytes() > kFlushBytes) {
          keep_lines(before, info.lines_before);
          if (info.lines_before.size() > kMaxLinesBefore)
            info.lines_before.erase(info.lines_before.begin(), info.lines_before.end() - kMaxLinesBefore);
        }
        if (past && after.size_bytes() > kFlushBytes) {
          keep_lines(after, info.lines_after);
          if (info.lines_after.size() > kMaxLinesAfter) info.lines_after.resize(kMaxLinesAfter);
        }
      });
  keep_lines(before, info.lines_before);
  if (info.lines_before.size() > kMaxLinesBefore)
    info.lines_before.erase(info.lines_before.begin(), info.lines_before.end() - kMaxLinesBefore);
  keep_lines(after, info.lines_after);
  if (info.lines_after.size() > kMaxLinesAfter) info.lines_after.resize(kMaxLinesAfter);
  return info;
}

}  // namespace xxgk::html
