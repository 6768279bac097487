#include "publish/site/overview_pages.h"

#include "audit/reviews.h"
#include "publish/report_tables.h"
#include "publish/site/pages.h"
#include "publish/site/site_html.h"

#include <fmt/format.h>

namespace xxgk::site {

namespace {

std::string legend() {
  std::string out = "<div class=\"legend\">";
  for (const auto& s : kStatuses) out += fmt::format("<span><i class=\"{}\"></i>{}</span>", s.status, s.zh);
  return out + "</div>";
}

// Reports by year and status: a stacked bar chart and its table.
std::string years_panel(const std::map<int, Totals>& by_year, std::string_view id) {
  std::vector<std::string> cats;
  std::vector<Series> series;
  for (const auto& s : kStatuses) series.push_back({std::string(s.zh), std::string(s.status), {}});
  std::string table = fmt::format("<table class=\"data\" id=\"{}\"><thead><tr><th>年度</th>", id);
  for (const auto& s : kStatuses) table += fmt::format("<th class=\"n\">{}</th>", s.zh);
  table += "<th class=\"n\">合计 total</th><th class=\"n\" title=\"不符的问题，不计经复核排除的 failing findings, those dismissed on review not counted\">"
           "未结问题 open findings</th><th class=\"n\">已排除 dismissed</th></tr></thead><tbody>";
  for (const auto& [year, t] : by_year) {
    cats.push_back(year ? std::to_string(year) : "—");
    table += fmt::format("<tr data-year=\"{}\"><th>{}</th>", year, year ? std::to_string(year) : "年度不明");
    for (size_t i = 0; i < std::size(kStatuses); ++i) {
      const long n = t.status(kStatuses[i].status);
      series[i].values.push_back(static_cast<double>(n));
      table += fmt::format("<td class=\"n\" data-status=\"{}\">{}</td>", kStatuses[i].status, number(static_cast<double>(n)));
    }
    table += fmt::format("<td class=\"n\">{}</td><td class=\"n open\">{}</td><td class=\"n dismissed\">{}</td></tr>",
                         number(static_cast<double>(t.reports)), number(static_cast<double>(t.open_findings)),
                         number(static_cast<double>(t.dismissed_findings)));
  }
  table += "</tbody></table>";
  return "<div>" + stacked_bars_svg(cats, series, 420, 200, "reports by year and status") + legend() + "</div>" + table;
}

std::string keys_panel(const std::map<int, Totals>& by_year) {
  std::string out = "<table class=\"data\" id=\"key-totals\"><thead><tr><th>年度</th>";
  for (const auto& k : key_figures()) out += fmt::format("<th class=\"n\" title=\"{}\">{}</th>", k.en, k.zh);
  out += "</tr></thead><tbody>";
  for (const auto& [year, t] : by_year) {
    if (!year) continue;
    out += fmt::format("<tr data-year=\"{0}\"><th>{0}</th>", year);
    for (size_t k = 0; k < key_figures().size(); ++k) {
      const bool any = k < t.key_n.size() && t.key_n[k] > 0;
      const long blank = t.reports - (k < t.key_n.size() ? t.key_n[k] : 0);
      out += fmt::format("<td class=\"n\">{}{}</td>", any ? number(t.key_sum[k]) : "—",
                         blank > 0 ? fmt::format(" <small class=\"note\" title=\"reports without this figure\">({} 份无)</small>", blank) : "");
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
  std::string charts;
  for (size_t k = 0; k < key_figures().size(); ++k) {
    std::vector<std::pair<int, std::optional<double>>> v;
    for (const auto& [year, t] : by_year)
      if (year) v.emplace_back(year, k < t.key_n.size() && t.key_n[k] ? std::optional<double>(t.key_sum[k]) : std::nullopt);
    charts += fmt::format("<figure><figcaption>{}</figcaption>{}</figure>", key_figures()[k].zh, sparkbars_svg(v, key_figures()[k].en));
  }
  return "<div class=\"charts\">" + charts + "</div>" + out;
}

// Coverage of each region's children: reports per year, and how many of the agencies seen in any
// year reported in that year.
std::string coverage_table(const std::string& self, const std::vector<const RegionNode*>& nodes, const std::vector<int>& years) {
  std::string out = "<table class=\"data coverage\"><thead><tr><th>地区 region</th>";
  for (int y : years) out += fmt::format("<th class=\"n\">{}</th>", y);
  out += "</tr></thead><tbody>";
  for (const auto* n : nodes) {
    out += fmt::format("<tr data-region=\"{}\"><th><a href=\"{}\">{}</a></th>", n->code, rel(self, region_path(n->code)), html_escape(n->name));
    for (int y : years) {
      auto it = n->by_year.find(y);
      out += fmt::format("<td class=\"n\">{}</td>", it == n->by_year.end() ? 0 : it->second.reports);
    }
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

std::vector<int> real_years(const std::map<int, Totals>& by_year) {
  std::vector<int> out;
  for (const auto& [y, t] : by_year)
    if (y) out.push_back(y);
  return out;
}

}  // namespace

void write_overview(SiteData& data, const Aggregates& agg, SiteOutput& out, const RosterCoverage* roster,
                    const IndicatorRows* indicators) {
  const std::string self = "index.html";
  std::string page = page_head(self, "政府信息公开工作年度报告 · 概览 overview", "overview");
  long superseded = data.db().scalar_int("SELECT count(*) FROM documents WHERE is_current = 0");
  page += fmt::format("<p class=\"totals\">现行报告 <b id=\"total\">{}</b> 份 current reports", number(static_cast<double>(agg.total)));
  for (const auto& s : kStatuses) {
    long n = 0;
    for (const auto& [y, t] : agg.by_year) n += t.status(s.status);
    page += fmt::format(" · {} <b id=\"count-{}\">{}</b>", badge(s.status), s.status, number(static_cast<double>(n)));
  }
  page += fmt::format(" · 旧版本 earlier revisions {}</p>\n", number(static_cast<double>(superseded)));
  {
    const FindingCounts f = finding_counts(data.store());
    page += fmt::format(
        "<p class=\"totals\">未结问题 open findings <b id=\"open-findings\">{}</b>（已确认 confirmed {} · 复核后数字有变 changed "
        "since reviewed {}）· 经复核排除、不计入 dismissed on review, not counted <b id=\"dismissed-findings\">{}</b></p>\n",
        number(static_cast<double>(f.still_open())), number(static_cast<double>(f.confirmed)),
        number(static_cast<double>(f.changed)), number(static_cast<double>(f.dismissed)));
  }

  page += "<section class=\"panel\"><h2>各年度报告及状态 reports by year and status</h2>" + years_panel(agg.by_year, "by-year") + "</section>\n";

  // Findings by rule.
  std::vector<std::pair<std::string, double>> bars;
  std::string table =
      "<table class=\"data\" id=\"by-rule\"><thead><tr><th>规则 rule</th><th class=\"n\">报告 reports</th><th class=\"n\">不符 fail</th>"
      "<th class=\"n\" title=\"不符，不计经复核排除的 failing, those dismissed on review not counted\">未结 open</th>"
      "<th class=\"n\">已排除 dismissed</th><th class=\"n\">无法判断 not assessable</th></tr></thead><tbody>";
  auto s = data.db().prepare(
      "SELECT f.rule, count(DISTINCT f.document_id), sum(f.status = 'fail'), sum(f.status = 'fail' AND f.verdict <> 'dismissed'), "
      "sum(f.status = 'fail' AND f.verdict = 'dismissed'), sum(f.status = 'not_assessable') "
      "FROM finding_verdicts f JOIN documents d ON d.id = f.document_id WHERE d.is_current = 1 GROUP BY f.rule ORDER BY 2 DESC, 1");
  while (s.step()) {
    bars.emplace_back(s.text(0), static_cast<double>(s.int64(1)));
    table += fmt::format("<tr data-rule=\"{0}\"><th><a href=\"reports.html#rule={0}\">{0}</a></th><td class=\"n\">{1}</td><td class=\"n fail\">{2}</td>"
                         "<td class=\"n open\">{3}</td><td class=\"n dismissed\">{4}</td><td class=\"n\">{5}</td></tr>",
                         html_escape(s.text(0)), number(static_cast<double>(s.int64(1))), number(static_cast<double>(s.int64(2))),
                         number(static_cast<double>(s.int64(3))), number(static_cast<double>(s.int64(4))),
                         number(static_cast<double>(s.int64(5))));
  }
  table += "</tbody></table>";
  page += "<section class=\"panel\"><h2>各规则发现的问题 findings by rule <small class=\"note\">现行报告中有该问题的报告数；未结问题不计经复核排除的 "
          "open findings leave out those dismissed on review (xxgk review)</small></h2>" +
          horizontal_bars_svg(bars, 560, "reports with a finding, by rule") + table + "</section>\n";

  // Coverage by region.
  page += "<section class=\"panel\"><h2>各地区覆盖 coverage by region</h2>";
  const auto years = real_years(agg.by_year);
  auto tops = agg.upper_children("");
  std::vector<const RegionNode*> rows;
  for (const auto* t : tops) {
    rows.push_back(t);
    for (const auto* c : agg.upper_children(t->code)) rows.push_back(c);
  }
  if (!rows.empty()) {
    std::vector<std::pair<std::string, double>> cov;
    for (const auto* r : rows)
      if (r->level == "city") cov.emplace_back(r->name, static_cast<double>(r->reports));
    page += horizontal_bars_svg(cov, 460, "current reports by city") + coverage_table(self, rows, years);
  }
  if (agg.unplaced)
    page += fmt::format("<p class=\"note\" id=\"unplaced\">{} 份报告尚未定位到地区 reports not placed in a region "
                        "(<a href=\"reports.html#r=_\">列出 list</a>)</p>",
                        number(static_cast<double>(agg.unplaced)));
  page += "</section>\n";
  if (roster) page += roster_panel(*roster, self, "");

  page += "<section class=\"panel\"><h2>各年度主要数字 key totals by year <small class=\"note\">现行报告之和；空白不计为零</small></h2>" +
          keys_panel(agg.by_year) + "</section>\n";
  if (indicators) {
    const auto panels = region_indicator_panels(*indicators, "", self);
    page += panels.aggregates + panels.rankings;
  }
  page += page_tail(self);
  out.write_if_changed("index.html", page);
}

void write_regions_index(const Aggregates& agg, SiteOutput& out) {
  const std::string self = "g/index.html";
  std::string page = page_head(self, "地区 regions", "regions");
  const auto tops = agg.upper_children("");
  if (tops.empty()) page += "<p class=\"note\">审计数据库中的报告尚未定位到地区。No report in the store is placed in a region yet.</p>";
  for (const auto* t : tops) {
    page += fmt::format("<h2><a href=\"{}\">{}</a> <small class=\"note\">{} 份现行报告</small></h2>", rel(self, region_path(t->code)),
                        html_escape(t->name), t->reports);
    page += coverage_table(self, agg.upper_children(t->code), real_years(agg.by_year));
  }
  page += page_tail(self);
  out.write_if_changed(self, page);
}

void write_region_page(const RegionPageData& region, SiteOutput& out, const RosterCoverage* roster, const IndicatorRows* indicators) {
  const RegionNode& n = *region.node;
  const std::string& code = n.code;
  const std::string self = region_path(code);
  std::string page = page_head(self, n.name, "regions");
  page += breadcrumbs(self, region.crumbs);
  page += fmt::format("<p>{} 份现行报告 current reports · <a href=\"{}\">在索引中查看 in the index</a></p>\n", n.reports,
                      rel(self, "reports.html#r=" + code));
  {
    long open = 0, dismissed = 0;
    for (const auto& [y, t] : n.by_year) {
      open += t.open_findings;
      dismissed += t.dismissed_findings;
    }
    page += fmt::format("<p class=\"totals\">未结问题 open findings <b id=\"open-findings\">{}</b> · 经复核排除、不计入 dismissed on review, "
                        "not counted <b id=\"dismissed-findings\">{}</b></p>\n",
                        number(static_cast<double>(open)), number(static_cast<double>(dismissed)));
  }
  page += "<section class=\"panel\"><h2>各年度 by year</h2>" + years_panel(n.by_year, "by-year") + "</section>\n";
  page += "<section class=\"panel\"><h2>主要数字 key totals</h2>" + keys_panel(n.by_year) + "</section>\n";
  std::string rankings;
  if (indicators) {
    auto panels = region_indicator_panels(*indicators, code, self);
    page += panels.aggregates;
    rankings = std::move(panels.rankings);
  }
  if (roster) page += roster_panel(*roster, self, code);
  if (!region.children.empty()) page += "<h2>下级地区 regions within</h2>" + coverage_table(self, region.children, real_years(n.by_year));
  if (region.agencies) {
    const auto years = real_years(n.by_year);
    page += "<h2>本级机关 agencies</h2><table class=\"data agencies\"><thead><tr><th>机关 agency</th>";
    for (int y : years) page += fmt::format("<th>{}</th>", y);
    page += "</tr></thead><tbody>";
    for (const auto& [key, a] : *region.agencies) {
      page += fmt::format("<tr><th><a href=\"{}\">{}</a>{}</th>", rel(self, agency_path(a.page_key)), html_escape(a.name),
                          a.role == "government" ? " <small class=\"note\">政府</small>" : "");
      for (int y : years) {
        auto it = a.years.find(y);
        page += it == a.years.end() ? "<td class=\"missing\">—</td>"
                                    : fmt::format("<td><a href=\"{}\">{}</a></td>", rel(self, report_path(it->second.first)), badge(it->second.second));
      }
      page += "</tr>";
    }
    page += "</tbody></table>";
  }
  page += rankings + page_tail(self);
  out.write_if_changed(self, page);
}

void write_changes(SiteData& data, SiteOutput& out, int nights) {
  const std::string self = "changes.html";
  std::string page = page_head(self, "近期变化 what changed in the last runs", "changes");
  std::vector<std::string> days;
  {
    // The days documents were stored, and the days a fetch met a problem (a night that only failed
    // to reach its sources still shows).
    auto s = data.db().prepare(
        "SELECT day FROM (SELECT substr(processed_at, 1, 10) AS day FROM documents UNION "
        "SELECT substr(at, 1, 10) FROM fetch_problems) ORDER BY day DESC LIMIT ?");
    s.bind(1, nights);
    while (s.step()) days.push_back(s.text(0));
  }
  page += "<p class=\"note\">按入库日期 by the day documents were stored (processed_at), and the sources the fetch could not read that day</p>\n";
  constexpr int kShown = 200;  // entries per list; the index has them all
  for (const auto& day : days) {
    auto s = data.db().prepare(
        "SELECT d.id, d.revision, d.supersedes, r.status, coalesce(r.agency, xxgk_basename(d.path)), r.year, d.error_code, "
        "(SELECT count(*) FROM findings f WHERE f.document_id = d.id AND f.severity = 'error') "
        "FROM documents d JOIN reports r ON r.document_id = d.id WHERE d.processed_at >= ? AND d.processed_at < ? ORDER BY d.id");
    s.bind(1, day).bind(2, day + "~");
    std::string added, revised, failed, flagged;
    int n_added = 0, n_revised = 0, n_failed = 0, n_flagged = 0;
    while (s.step()) {
      const auto id = s.int64(0);
      const std::string link = fmt::format("<a href=\"{}\">{} {}</a>", rel(self, report_path(id)), html_escape(s.text(4)),
                                           s.is_null(5) ? "" : std::to_string(s.int64(5)));
      const std::string status = s.text(3);
      if (status == "failed") {
        if (++n_failed <= kShown) failed += fmt::format("<li data-id=\"{}\">{} <code>{}</code></li>", id, link, html_escape(s.opt_text(6).value_or("")));
      } else if (s.int64(1) > 1 && !s.is_null(2)) {
        if (++n_revised <= kShown) {
          std::string diff;
          const auto changes = figure_changes(data.load(s.int64(2)), data.load(id));
          for (size_t k = 0; k < changes.size() && k < 8; ++k)
            diff += fmt::format("{}{}.{}.{}: {} → {}", k ? "; " : "", changes[k].table, changes[k].row, changes[k].col,
                                changes[k].before_present ? changes[k].before : "（无）", changes[k].after_present ? changes[k].after : "（无）");
          if (changes.size() > 8) diff += fmt::format("; … {} in all", changes.size());
          revised += fmt::format("<li data-id=\"{}\">{} 第{}版 {} <span class=\"note\">{}</span></li>", id, link, s.int64(1), badge(status),
                                 changes.empty() ? "数字未变 figures unchanged" : html_escape(diff));
        }
      } else if (++n_added <= kShown) {
        added += fmt::format("<li data-id=\"{}\">{} {}</li>", id, link, badge(status));
      }
      if (s.int64(7) > 0 && ++n_flagged <= kShown)
        flagged += fmt::format("<li data-id=\"{}\">{} {} 项错误</li>", id, link, s.int64(7));
    }
    // Sources that failed or were blocked (xxgk fetch's problems of that day): which agency, which
    // host and URL, what went wrong, in the fetch's own words.
    std::string sources;
    int n_sources = 0;
    {
      auto p = data.db().prepare(
          "SELECT s.agency, p.host, p.url, p.kind, p.http_status, p.message FROM fetch_problems p "
          "LEFT JOIN fetch_sources s ON s.id = p.source_id WHERE p.at >= ? AND p.at < ? ORDER BY p.at, p.rowid");
      p.bind(1, day).bind(2, day + "~");
      while (p.step()) {
        if (++n_sources > kShown) continue;
        const std::string url = p.opt_text(2).value_or("");
        sources += fmt::format("<li>{} <code>{}{}</code> {} <span class=\"note\">{}</span></li>",
                               html_escape(p.opt_text(0).value_or("（来源文件 sources file）")), html_escape(p.text(3)),
                               p.is_null(4) || p.int64(4) == 0 ? "" : fmt::format(" {}", p.int64(4)),
                               url.empty() ? html_escape(p.opt_text(1).value_or("")) : "<span class=\"url\">" + html_escape(url) + "</span>",
                               html_escape(p.text(5)));
      }
    }
    auto list = [&](std::string_view title, int n, const std::string& items, std::string_view cls) {
      if (!n) return std::string();
      return fmt::format("<h3>{} <small class=\"note\">{}{}</small></h3><ul class=\"{}\">{}</ul>", title, n,
                         n > kShown ? fmt::format("，列出前 {} first {} shown", kShown, kShown) : "", cls, items);
    };
    page += fmt::format("<section class=\"night\" data-day=\"{}\"><h2>{}</h2>", day, day) + list("新报告 new reports", n_added, added, "added") +
            list("新版本 revised reports", n_revised, revised, "revised") + list("有错误的报告 reports with errors", n_flagged, flagged, "flagged") +
            list("读取失败 failed documents", n_failed, failed, "failed") +
            list("来源失败或被拒 sources that failed or were blocked", n_sources, sources, "sources-failed") + "</section>\n";
  }
  page += page_tail(self);
  out.write_if_changed(self, page);
}

}  // namespace xxgk::site
