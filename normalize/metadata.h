// Report metadata (title, agency, reporting year) and the six parts' text, from the paragraphs.
#pragma once

#include "model/document.h"
#include "model/report.h"
#include "normalize/sections.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace xxgk {

struct PartHeading {
  int part = -1;     // index into kSectionKeys
  std::string rest;  // body text printed after the heading in the same paragraph (display form)
};

// Whether a paragraph is the heading of one of the six parts: "一、总体情况", "（三）收到和处理政府信息
// 公开申请情况" (numbered as a sub-part), "收到和处理政府信息公开申请情况" (number lost),
// "第三部分 收到和处理…", "二、主动公开政府信息情况（单位：件）", and a numbered heading with its
// text run on ("一、总体情况。2024年，…": `rest` holds the text). A variant heading that names
// another part's number ("（一）主动公开情况" inside the overview) is not a heading.
std::optional<PartHeading> part_heading(std::string_view paragraph);

// part_heading(paragraph)->part, or -1.
int part_heading_index(std::string_view paragraph);

struct Metadata {
  ReportMeta meta;  // template_version is left for the table reader to decide
  std::vector<std::pair<std::string, std::string>> sections;  // kSectionKeys order, present parts only
  std::string intro;  // the paragraphs before the first part, title excluded, in display form, '\n'-separated
  std::vector<UnplacedHeading> unplaced_headings;  // numbered like a part, but no part's heading
  std::optional<std::string> published;            // the publication date the document shows, YYYY-MM-DD
};

// What is known of a document beyond its bytes: for a fetched one, the title of the link that
// led to it (the listing's entry), a last source of its agency and year.
struct MetadataContext {
  std::optional<std::string> link_title;
};

// Title: the first title-like line before the parts, joined with the line before it when the
// title is printed over two lines (淮安市人民政府 / 2024年政府信息公开工作年度报告) or with the line
// after it (…政府信息公开工作 / 年度报告); else the document's title hint.
// Year: the year the figures cover, from the title (2024年, 2023年度), else the statistics period
// (本报告所列统计数据期限自2024年1月1日起至12月31日止), else 2024年度…, else the overview's first
// words (2024年，…); never a publication date.
// The title is joined over up to three short lines (平潭综合实验区 / 2019年 / 政府信息公开工作年度报告),
// never with a stray word above it (正文, 附件1). Without a title in the report, the first title
// printed around it (page_metadata.h outside_titles) is taken.
// Agency: the title without its year and its 政府信息公开工作年度报告; a title that names only a
// place (南关区新春街道) is completed from the text where the full name is printed
// (长春市南关区新春街道办事处), never with the compiling office (…办公室). A title that names no
// agency (2019年政府信息公开工作年度报告) takes it from the titles around the report, in order
// (<meta name="ArticleTitle">, the page's title block, its <title>, the link's title), and
// meta.agency_source says which. The year likewise, before the text's statistics period.
Metadata read_metadata(const Document& doc, const MetadataContext& context = {});

}  // namespace xxgk
