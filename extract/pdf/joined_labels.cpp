// Header cells that a PDF's text layer gives as one box: two cells side by side whose padding is
// narrow enough for Poppler to run them together (信息内容 | 本年制发件数 → "信息内容本年制发件数").
// Read as one, the label column's caption swallows the first value column's name and that
// column's figures are lost; split back, the table reads whole.
#include "extract/pdf/chars.h"
#include "extract/pdf/lines.h"

#include <array>
#include <string_view>

namespace xxgk::pdf {
namespace {

// The header cells the templates print over the columns of their three tables (both versions),
// the label column's captions, and the group cells above them.
constexpr std::array<std::string_view, 32> kHeaderLabels = {
    "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "处理决定数量",
    "本年收费金额（单位：万元）", "本年收费金额", "本年新制作数量", "本年新公开数量", "对外公开总数量",
    "上一年项目数量", "本年增/减", "采购项目数量", "采购总金额", "申请人情况", "自然人", "法人或其他组织",
    "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", "行政复议", "行政诉讼",
    "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结"};

bool is_header_label(std::string_view s) {
  for (std::string_view l : kHeaderLabels)
    if (s == l) return true;
  return false;
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    next_code_point(s, i);
    ++n;
  }
  return n;
}

}  // namespace

void split_joined_header_words(PageText& page) {
  std::vector<Word> out;
  bool any = false;
  for (size_t k = 0; k < page.words.size(); ++k) {
    const Word& w = page.words[k];
    const std::string_view t = w.text;
    size_t cut = 0;
    if (t.size() <= 60 && !is_header_label(t))
      for (size_t i = 0; i < t.size() && !cut;) {
        next_code_point(t, i);
        if (i < t.size() && is_header_label(t.substr(0, i)) && is_header_label(t.substr(i))) cut = i;
      }
    if (!cut) {
      if (any) out.push_back(w);
      continue;
    }
    if (!any) {
      out.assign(page.words.begin(), page.words.begin() + static_cast<std::ptrdiff_t>(k));
      any = true;
    }
    // Glyphs of one font and size: the box splits in proportion to the characters on each side.
    const double share = static_cast<double>(code_points(t.substr(0, cut))) / static_cast<double>(code_points(t));
    const double x = w.box.x0 + share * (w.box.x1 - w.box.x0);
    Word left = w, right = w;
    left.text = std::string(t.substr(0, cut));
    left.box.x1 = x;
    left.space_after = true;
    right.text = std::string(t.substr(cut));
    right.box.x0 = x;
    out.push_back(std::move(left));
    out.push_back(std::move(right));
  }
  if (any) page.words = std::move(out);
}

}  // namespace xxgk::pdf
