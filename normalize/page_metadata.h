// What a page says about the article beyond the report's own text: the date it was published and
// the titles that name the agency and year when the report's title does not (the page's
// <meta name="ArticleTitle">, its title block, its <title>; for a fetched document the title of
// the link that led to it). The names and labels read are data (kPubDateMetaNames, kDateLabels,
// kArticleTitleMetaNames in page_metadata.cpp).
#pragma once

#include "model/document.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// A date as pages write it: 2025-01-20, 2025-1-20, 2025/01/20, 2025.01.20, 2025年1月20日, with or
// without a time after it (2025-01-20 10:30) → "2025-01-20". Only a whole valid date at the
// start of `s` (year 2000–2100, a real day of its month); nothing else may follow but a time or
// a non-digit.
std::optional<std::string> parse_date(std::string_view s);

// The first labelled date in one line of text: 发布时间：2025-01-20, 发布日期：…, 时间：2025-01-20
// 10:30, 【日期：…】. The label must stand on its own (统计时间 or 成文日期 are not a publication
// date). `next` is the line after it: a label alone on its line (a metadata table's cell) takes
// its date from there.
std::optional<std::string> labelled_date(std::string_view line, std::string_view next = {});

// The publication date a document shows: its <meta name="PubDate"> (and the names other CMSs
// use), else a labelled date in the page's lines around the report (nearest before it first),
// else one in a metadata table (名称/索引号/发布日期) or in a paragraph printed before the report's
// first part (`before_parts`).
std::optional<std::string> shown_publication_date(const Document& doc, const std::vector<std::string>& before_parts);

// A page title stripped of the column and site names a CMS appends after _ - — | ("XX区2019年政府
// 信息公开工作年度报告_政府信息公开年报_XX区人民政府" → the longest part that reads as a report's
// title); empty when no part does.
std::string title_part(std::string_view page_title);

// Titles that may name the agency and year, most trusted first: source is where it stood
// (article_title, title_block, page_title, link_title, document_properties). Only texts that
// look like a report's title are given, each as title_part() of what was printed.
struct TitleCandidate {
  std::string text;
  std::string source;
};
std::vector<TitleCandidate> outside_titles(const Document& doc, const std::optional<std::string>& link_title);

// Whether a (squeezed) text reads as a report's title: 报告 and 信息公开/政务公开, at most 70 characters.
bool looks_like_report_title(std::string_view squeezed_text);

}  // namespace xxgk
