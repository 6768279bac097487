#include "extract/html/page.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <string>
#include <vector>

#include "extract/html/dom.h"
#include "extract/html/grid.h"
#include "text/text.h"

namespace xxgk::html {
namespace {

// Words of the report (simplified and traditional): where they gather, the report is.
constexpr std::string_view kReportWords[] = {"公开",     "公開",     "申请",     "申請",     "政府信息", "行政复议",
                                             "行政復議", "行政诉讼", "行政訴訟", "年度报告", "年度報告", "主动",
                                             "主動",     "办理",     "辦理",     "本年"};

// Content containers of the content-management systems government sites run on (TRS, Hanweb,
// Ucap, …), matched against an id or a class name, case-insensitively.
constexpr std::string_view kContainerNames[] = {
    "zoom",          "fontzoom",          "zoomcon",     "zoomcontent",     "ucap-content",    "ivs_content",
    "trs_editor",    "trs_paper_default", "trs_ueditor", "article-content", "article_content", "articlecontent",
    "artibody",      "content",           "maincontent", "main-content",    "main_content",    "maintext",
    "pages_content", "news_content",      "newscontent", "info_content",    "infocontent",     "content_text",
    "contenttext",   "con_text",          "wzcon",       "wz_content",      "vsb_content",     "detail_content",
    "detail",        "article",           "txt_content", "xxgk_content"};

// Name parts (of ids and class names split at - _ and spaces) that mark page chrome.
// clang-format off
constexpr std::string_view kChromeParts[] = {
    "nav", "navbar", "navigation", "menu", "menus", "footer", "foot", "bottom", "copyright",
    "breadcrumb", "breadcrumbs", "crumb", "crumbs", "bread", "position", "location", "weizhi", "dqwz",
    "share", "bdshare", "bdsharebuttonbox", "fenxiang", "print", "dayin", "tools", "toolbar",
    "related", "xgwz", "xglj", "sidebar", "side", "search", "login", "switch",
    "pager", "pagination", "prevnext", "gotop", "top", "topbar", "header", "head", "logo", "banner"};
// clang-format on

// Elements that are chrome by their name alone.
constexpr std::string_view kChromeTags[] = {"nav", "footer", "aside", "menu"};

constexpr std::string_view kChromeLinePrefixes[] = {
    "【打印本页】", "【关闭窗口】", "【打印】", "【关闭】", "打印本页",         "关闭窗口", "分享到",
    "上一篇",       "下一篇",       "相关链接", "相关阅读", "扫一扫在手机打开", "【字体：", "字号："};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

long vocabulary_hits(std::string_view text) {
  long hits = 0;
  // Every occurrence of every word (no word overlaps itself, so this is each word's count of
  // non-overlapping finds), in one pass: a word starts only where its first character's three
  // UTF-8 bytes do, and most text nodes (the spaces between tags, figures) hold none.
  static_assert(std::size(kReportWords) == 16);
  for (size_t i = 0; i + 6 <= text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0xE4 || c > 0xE8) continue;  // the words' first characters: U+4E3B 主 … U+884C 行
    const std::string_view rest = text.substr(i);
    for (std::string_view w : kReportWords)
      if (rest.size() >= w.size() && rest[0] == w[0] && rest.compare(0, w.size(), w) == 0) hits += 2;
  }
  // A cell printing a figure counts too: tables of figures are the heart of the report.
  size_t b = text.find_first_not_of(" \t\r\n");
  size_t e = text.find_last_not_of(" \t\r\n");
  if (b != std::string_view::npos && e - b < 12 &&
      std::all_of(text.begin() + static_cast<long>(b), text.begin() + static_cast<long>(e) + 1,
                  [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; }))
    hits += 1;
  return hits;
}

bool is_known_container(const xmlNode* n) {
  if (is_element(n, "article") || is_element(n, "main")) return true;
  std::string scratch;  // asked of every element: the values are read in place (attr_view)
  const std::string id = lower(attr_view(n, "id", scratch));
  const std::string cls = lower(attr_view(n, "class", scratch));
  if (id.empty() && cls.empty()) return false;  // most elements (a Word page's spans carry a style only)
  auto known = [](std::string_view v) {
    return std::find(std::begin(kContainerNames), std::end(kContainerNames), v) != std::end(kContainerNames);
  };
  if (known(id) || known(cls)) return true;
  // A class list: one of its names.
  for (size_t p = 0; p < cls.size();) {
    size_t e = cls.find(' ', p);
    if (e == std::string::npos) e = cls.size();
    if (known(std::string_view(cls).substr(p, e - p))) return true;
    p = e + 1;
  }
  return false;
}

bool is_chrome_element(const xmlNode* n) {
  const std::string_view tag = name_of(n);
  if (std::find(std::begin(kChromeTags), std::end(kChromeTags), tag) != std::end(kChromeTags)) return true;
  std::string scratch;
  for (const char* a : {"id", "class"}) {
    const std::string v = lower(attr_view(n, a, scratch));
    size_t p = 0;
    while (p < v.size()) {
      size_t e = v.find_first_of(" -_\t", p);
      if (e == std::string::npos) e = v.size();
      const std::string_view part = std::string_view(v).substr(p, e - p);
      if (std::find(std::begin(kChromeParts), std::end(kChromeParts), part) != std::end(kChromeParts)) return true;
      p = e + 1;
    }
  }
  return false;
}

struct Weight {
  long signal = 0;  // the report's words and figures
  long text = 0;    // bytes of text
};

// An element that holds block-level elements (so it may be a container of the report).
bool holds_blocks(const xmlNode* n) {
  for (const xmlNode* c = n->children; c; c = c->next)
    if (is_block_element(c) || is_element(c, "td")) return true;
  return false;
}

struct Scored {
  const xmlNode* node;
  long signal;
  int depth;
  bool known;  // is_known_container, asked once (it copies and lowers the id and class)
};

}  // namespace

bool is_chrome_line(std::string_view line) {
  if (u8_length(line) > 60) return false;
  std::string s = strip_spaces(line);
  for (std::string_view p : kChromeLinePrefixes)
    if (s.compare(0, p.size(), p) == 0) return true;
  return false;
}

ReportArea find_report_area(const xmlNode* body) {
  ReportArea area;
  area.container = body;
  if (!body) return area;

  // The report's signal and the text length of every element, summed up the tree.
  // By node, sorted once the walk is done (a hash map's node per element was 1% of an HTML report).
  std::vector<std::pair<const xmlNode*, Weight>> weight;
  std::vector<Scored> elements;  // in document order of their ends
  std::vector<Weight> stack{Weight{}};
  int in_link = 0;
  walk(
      body,
      [&](const xmlNode* n) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
          const std::string_view t = text_of(n);
          // Links are how chrome names the report ("2023年政府信息公开工作年度报告" in a side menu);
          // the report's own words are not links.
          if (in_link == 0) stack.back().signal += vocabulary_hits(t);
          stack.back().text += static_cast<long>(t.size());
          return false;
        }
        if (n->type != XML_ELEMENT_NODE || is_ignored_element(n) || is_hidden(n)) return false;
        if (is_element(n, "a")) ++in_link;
        stack.push_back(Weight{});
        return true;
      },
      [&](const xmlNode* n) {
        if (is_element(n, "a")) --in_link;
        const Weight w = stack.back();
        stack.pop_back();
        stack.back().signal += w.signal;
        stack.back().text += w.text;
        weight.emplace_back(n, w);
        elements.push_back({n, w.signal, static_cast<int>(stack.size()), is_known_container(n)});
      });
  const long total = stack.front().signal;
  if (total == 0) return area;
  const std::less<const xmlNode*> before;
  std::sort(weight.begin(), weight.end(), [&](const auto& a, const auto& b) { return before(a.first, b.first); });
  auto weight_of = [&](const xmlNode* n) -> const Weight* {
    const auto it =
        std::lower_bound(weight.begin(), weight.end(), n, [&](const auto& e, const xmlNode* x) { return before(e.first, x); });
    return it != weight.end() && it->first == n ? &it->second : nullptr;
  };

  // 1. A known container holding most of the report; the innermost of those holding nearly as
  //    much as the best (a .content wrapper around #zoom gives way to #zoom).
  long best = 0;
  for (const auto& e : elements)
    if (e.known) best = std::max(best, e.signal);
  if (best * 10 >= total * 6) {
    const Scored* pick = nullptr;
    for (const auto& e : elements)
      if (e.known && e.signal * 10 >= best * 9 && (!pick || e.depth > pick->depth)) pick = &e;
    area.container = pick->node;
    area.found = true;
    spdlog::debug("report container: <{} id=\"{}\" class=\"{}\">", name_of(pick->node), attr(pick->node, "id"),
                  attr(pick->node, "class"));
  } else {
    // 2. By density: go down while one child holds most (80%) of the report and at least half
    //    the text, never into an element that holds no blocks (a paragraph is not a container).
    const xmlNode* n = body;
    long text = stack.front().text;
    for (bool moved = true; moved;) {
      moved = false;
      for (const xmlNode* c = n->children; c; c = c->next) {
        const Weight* w = weight_of(c);
        if (!w || w->signal * 10 < total * 8 || w->text * 2 < text || !holds_blocks(c)) continue;
        // A data table is read whole, never from inside; a layout table's cells may contain the report.
        if (is_element(c, "table") && !is_layout_table(c)) continue;
        n = c;
        text = w->text;
        moved = true;
        break;
      }
    }
    area.container = n;
    area.found = n != body;
    if (area.found) spdlog::debug("report container by density: <{} class=\"{}\">", name_of(n), attr(n, "class"));
  }

  // Chrome inside the container: marked as such and carrying little (a fifth at most) of the report.
  const Weight* in_container = weight_of(area.container);
  const long inside = in_container ? in_container->signal : total;
  walk(
      area.container,
      [&](const xmlNode* n) {
        if (n->type != XML_ELEMENT_NODE) return false;
        const Weight* w = weight_of(n);
        if (!w) return false;
        // A page head that holds the report's title heading is not chrome.
        if (is_chrome_element(n) && w->signal * 5 <= inside && !find_first(n, "h1") && !find_first(n, "h2")) {
          area.chrome.insert(n);
          return false;
        }
        return true;
      },
      [](const xmlNode*) {});
  return area;
}

}  // namespace xxgk::html
