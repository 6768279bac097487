#include "publish/site/site_html.h"

#include "pipeline/sha256.h"
#include "publish/report_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace xxgk::site {

std::string report_path(std::int64_t id) { return fmt::format("r/{}/{}.html", id / 1000, id); }
std::string agency_path(const std::string& key) { return fmt::format("a/{}/{}.html", key.substr(0, 2), key); }
std::string region_path(const std::string& code) { return fmt::format("g/{}.html", code.empty() ? "_" : code); }
std::string agency_page_key(const std::string& agency_key) { return sha256_hex(agency_key).substr(0, 12); }

std::string rel(const std::string& from, const std::string& to) {
  std::string up;
  for (char c : from)
    if (c == '/') up += "../";
  return up + to;
}

std::string_view status_zh(std::string_view status) {
  for (const auto& s : kStatuses)
    if (s.status == status) return s.zh;
  return status;
}

std::string badge(std::string_view status) {
  return fmt::format("<span class=\"badge {0}\" data-status=\"{0}\">{1}</span>", html_escape(status),
                     html_escape(status_zh(status)));
}

std::string number(std::optional<double> v) {
  if (!v) return "—";
  if (std::floor(*v) != *v) return fmt::format("{:.2f}", *v);
  std::string digits = fmt::format("{}", static_cast<long long>(std::llround(std::fabs(*v))));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (*v < 0 ? "-" : "") + out;
}

namespace {

struct NavItem {
  std::string_view kind, path, zh;
};
constexpr NavItem kNav[] = {
    {"overview", "index.html", "概览"},
    {"reports", "reports.html", "报告索引"},
    {"regions", "g/index.html", "地区"},
    {"changes", "changes.html", "近期变化"},
    {"reviews", "reviews.html", "复核"},
};

}  // namespace

std::string page_head(const std::string& self, const std::string& title, std::string_view kind,
                      const std::vector<std::string>& scripts) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>{} · xxgk</title>\n"
      "<link rel=\"stylesheet\" href=\"{}\">\n",
      html_escape(title), rel(self, "assets/site.css"));
  for (const auto& s : scripts) out += fmt::format("<script src=\"{}\"></script>\n", rel(self, s));
  out += fmt::format("</head>\n<body class=\"{}\">\n<header class=\"top\"><a class=\"brand\" href=\"{}\">政府信息公开年报审计</a><nav>",
                     kind, rel(self, "index.html"));
  for (const auto& n : kNav)
    out += fmt::format("<a href=\"{}\"{}>{}</a>", rel(self, std::string(n.path)), n.kind == kind ? " class=\"here\"" : "", n.zh);
  out += fmt::format("</nav></header>\n<main>\n<h1>{}</h1>\n", html_escape(title));
  return out;
}

std::string page_tail(const std::string&) {
  return "</main>\n<footer>xxgk · 由审计数据库生成的静态网站 (a static site built from the audit store)</footer>\n</body>\n</html>\n";
}

std::string breadcrumbs(const std::string& self, const std::vector<RegionCrumb>& crumbs) {
  std::string out = "<nav class=\"crumbs\">";
  for (size_t i = 0; i < crumbs.size(); ++i) {
    if (i) out += " › ";
    out += fmt::format("<a href=\"{}\" data-region=\"{}\">{}</a>", rel(self, region_path(crumbs[i].code)),
                       html_escape(crumbs[i].code), html_escape(crumbs[i].name));
  }
  return out + "</nav>\n";
}

std::string region_prefix(const std::string& code, size_t level) {
  constexpr size_t kWidths[] = {2, 4, 6, 9};
  return code.substr(0, std::min(kWidths[std::min<size_t>(level, 3)], code.size()));
}

std::vector<RegionCrumb> region_crumbs(const std::string& code, const std::vector<std::string>& names) {
  std::vector<RegionCrumb> out;
  for (size_t i = 0; i < names.size() && i < 4; ++i) out.push_back({region_prefix(code, i), names[i]});
  return out;
}

std::string stacked_bars_svg(const std::vector<std::string>& categories, const std::vector<Series>& series, int width,
                             int height, std::string_view aria_label) {
  double top = 0;
  for (size_t c = 0; c < categories.size(); ++c) {
    double sum = 0;
    for (const auto& s : series) sum += c < s.values.size() ? s.values[c] : 0;
    top = std::max(top, sum);
  }
  if (top <= 0) top = 1;
  const int left = 8, bottom = 18, n = std::max<int>(1, static_cast<int>(categories.size()));
  const double slot = static_cast<double>(width - left) / n, bar = slot * 0.7;
  std::string out = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">", width, height,
      width, height, html_escape(aria_label));
  for (size_t c = 0; c < categories.size(); ++c) {
    double y = height - bottom;
    const double x = left + slot * static_cast<double>(c) + (slot - bar) / 2;
    for (const auto& s : series) {
      const double v = c < s.values.size() ? s.values[c] : 0;
      const double h = v / top * (height - bottom - 6);
      if (h <= 0) continue;
      y -= h;
      out += fmt::format("<rect class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"><title>{} {}: {}</title></rect>",
                         s.css_class, x, y, bar, h, html_escape(categories[c]), html_escape(s.name), number(v));
    }
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x + bar / 2, height - 4,
                       html_escape(categories[c]));
  }
  return out + "</svg>";
}

std::string horizontal_bars_svg(const std::vector<std::pair<std::string, double>>& bars, int width, std::string_view aria_label) {
  double top = 1;
  for (const auto& [k, v] : bars) top = std::max(top, v);
  const int row = 18, label = 190, height = row * static_cast<int>(bars.size()) + 4;
  std::string out = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">", width, height,
      width, height, html_escape(aria_label));
  for (size_t i = 0; i < bars.size(); ++i) {
    const double w = bars[i].second / top * (width - label - 60);
    const int y = static_cast<int>(i) * row + 2;
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"/>"
        "<text x=\"{:.1f}\" y=\"{}\">{}</text>",
        label - 6, y + 13, html_escape(bars[i].first), label, y + 2, w, row - 5, label + w + 4, y + 13, number(bars[i].second));
  }
  return out + "</svg>";
}

std::string sparkbars_svg(const std::vector<std::pair<int, std::optional<double>>>& by_year, std::string_view aria_label) {
  double top = 1;
  for (const auto& [y, v] : by_year) top = std::max(top, v.value_or(0));
  const int slot = 34, height = 70, width = slot * static_cast<int>(std::max<size_t>(1, by_year.size()));
  std::string out = fmt::format(
      "<svg class=\"chart spark\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">", width, height,
      width, height, html_escape(aria_label));
  for (size_t i = 0; i < by_year.size(); ++i) {
    const auto& [year, v] = by_year[i];
    const int x = static_cast<int>(i) * slot;
    if (v) {
      const double h = *v / top * 40;
      out += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\"><title>{}: {}</title></rect>", x + 5,
                         52 - h, slot - 10, h, year, number(v));
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"v\">{}</text>", x + slot / 2, v ? 52 - *v / top * 40 - 2 : 50,
                       number(v));
    out += fmt::format("<text x=\"{}\" y=\"66\" text-anchor=\"middle\">{}</text>", x + slot / 2, year);
  }
  return out + "</svg>";
}

}  // namespace xxgk::site
