// Where the report stands in a web page: the content container that holds it, and the page
// chrome (navigation, menus, breadcrumbs, footers, share bars) to leave out.
#pragma once

#include <libxml/tree.h>

#include <string_view>
#include <unordered_set>

namespace xxgk::html {

struct ReportArea {
  const xmlNode* container = nullptr;         // the element holding the report
  bool found = false;                         // false: no container stood out, the whole body is read
  std::unordered_set<const xmlNode*> chrome;  // elements inside `container` that are page chrome
};

// Finds the report: a known content container (#zoom, .TRS_Editor, .article-content, article, …)
// holding most of the report's vocabulary and figures, else the smallest element that holds
// nearly all of them; inside it, elements marked as chrome (nav, footer, class="breadcrumb", …)
// that carry little of the report are left out.
ReportArea find_report_area(const xmlNode* body);

// Short lines that are page chrome wherever they stand ("【打印本页】", "分享到：", "上一篇：…").
bool is_chrome_line(std::string_view line);

}  // namespace xxgk::html
