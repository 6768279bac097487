#include "extract/html/table_images.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

#include "text/text.h"

namespace xxgk::html {
namespace {

// The parts of a report that hold a statistical table, by words of their headings (the
// official heading first). A heading is a short paragraph holding all the words of one entry.
struct TablePart {
  std::string_view heading_zh;
  std::string_view name_en;
  std::vector<std::vector<std::string_view>> words;
};

const std::vector<TablePart>& table_parts() {
  static const std::vector<TablePart> parts = {
      {"二、主动公开政府信息情况", "part two (proactive disclosure)", {{"主动公开政府信息"}}},
      {"三、收到和处理政府信息公开申请情况",
       "part three (requests received and handled)",
       {{"收到和处理政府信息公开申请"}, {"政府信息公开申请情况"}}},
      {"四、政府信息公开行政复议、行政诉讼情况",
       "part four (administrative review and litigation)",
       {{"行政复议", "行政诉讼"}}},
  };
  return parts;
}

// Headings of the other parts, which end a table part's section.
const std::vector<std::string_view>& other_headings() {
  static const std::vector<std::string_view> h = {"总体情况", "存在的主要问题", "存在的问题", "其他需要报告的事项",
                                                  "其他事项"};
  return h;
}

constexpr int kMaxHeadingLength = 40;

std::optional<size_t> part_of_heading(const std::string& key) {
  const auto& parts = table_parts();
  for (size_t p = 0; p < parts.size(); ++p)
    for (const auto& all : parts[p].words)
      if (std::all_of(all.begin(), all.end(), [&](std::string_view w) { return key.find(w) != std::string::npos; }))
        return p;
  return std::nullopt;
}

bool is_other_heading(const std::string& key) {
  for (std::string_view w : other_headings())
    if (key.find(w) != std::string::npos) return true;
  return false;
}

}  // namespace

std::vector<ExtractionProblem> table_image_problems(const Document& doc, const std::vector<Picture>& pictures) {
  std::vector<ExtractionProblem> out;
  if (pictures.empty()) return out;

  // Where each table part's section begins and ends, by its heading.
  struct Section {
    size_t part;
    size_t begin;
    size_t end;
  };
  std::vector<Section> sections;
  bool any_table = false;
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if (b.is_table()) {
      any_table = true;
      continue;
    }
    if (u8_length(b.paragraph().text) > kMaxHeadingLength) continue;
    const std::string key = strip_spaces(display_form(b.paragraph().text));
    // "（三）…" numbers a sub-heading inside a part, not a part.
    if (key.rfind("（", 0) == 0 || key.rfind("(", 0) == 0) continue;
    const auto part = part_of_heading(key);
    if (part || is_other_heading(key)) {
      if (!sections.empty() && sections.back().end == doc.blocks.size()) sections.back().end = i;
      if (part) sections.push_back({*part, i + 1, doc.blocks.size()});
    }
  }

  for (const auto& s : sections) {
    bool table = false;
    for (size_t i = s.begin; i < s.end; ++i) table = table || doc.blocks[i].is_table();
    const bool picture = std::any_of(pictures.begin(), pictures.end(), [&](const Picture& p) {
      return p.before_block >= s.begin && p.before_block <= s.end;
    });
    if (table || !picture) continue;
    const auto& part = table_parts()[s.part];
    ExtractionProblem problem;
    problem.code = "table_image";
    problem.message = fmt::format("“{}”的统计表只以图片给出，其中的数字无法读取", part.heading_zh);
    problem.message_en =
        fmt::format("the statistical table of {} is only a picture; its figures cannot be read", part.name_en);
    out.push_back(std::move(problem));
  }
  if (out.empty() && sections.empty() && !any_table) {
    ExtractionProblem problem;
    problem.code = "table_image";
    problem.message =
        fmt::format("网页没有表格，只有{}张图片：统计表可能以图片给出，其中的数字无法读取", pictures.size());
    problem.message_en = fmt::format(
        "the page holds no table but {} picture(s): the statistical tables may be pictures, whose figures cannot be "
        "read",
        pictures.size());
    out.push_back(std::move(problem));
  }
  return out;
}

}  // namespace xxgk::html
