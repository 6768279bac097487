#include "publish/site/site.h"

#include "publish/report_tables.h"
#include "publish/site/index_pages.h"
#include "publish/site/overview_pages.h"
#include "publish/site/pages.h"
#include "publish/site/review_marks.h"
#include "publish/site/site_assets.h"
#include "publish/site/site_data.h"
#include "publish/site/site_html.h"
#include "publish/site/site_output.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <map>
#include <optional>
#include <thread>

namespace xxgk::site {

namespace {

// The renderer's own version: bump it when a page's layout changes, so an existing site is rebuilt whole.
constexpr std::string_view kRendererVersion = "site/3";  // 2: review controls, indicators; 3: rankings

std::string site_format() {
  Digest d;
  d.add(kRendererVersion);
  d.add(kSiteCss);
  d.add(kReportTableStyle);
  d.add(kReportsJs);
  d.add(kReviewJs);
  return d.hex();
}

struct Counters {
  std::atomic<long> report_pages{0}, agency_pages{0}, documents{0}, agencies{0};
};

// A document's page: written when its fingerprint changed.
void report_page(SiteData& data, SiteOutput& out, std::int64_t id, const std::string& fp, const Report* loaded, Counters& c) {
  const std::string path = report_path(id);
  if (out.fresh(path, fp)) return;
  ReportPage page;
  Report own;
  if (!loaded) {
    own = data.load(id);
    loaded = &own;
  }
  page.report = loaded;
  page.meta = data.meta(id);
  page.provenance = data.provenance(id);
  page.reviews = data.finding_reviews(id);
  const auto ids = data.history(id);
  if (ids.size() > 1) {
    std::optional<Report> previous;
    for (auto h : ids) {
      Report r = h == id ? *loaded : data.load(h);
      RevisionEntry e{data.meta(h), r.source.path, {}};
      if (previous) e.changes = figure_changes(*previous, r);
      page.history.push_back(std::move(e));
      previous = std::move(r);
    }
  }
  out.write(path, render_report_page(page), fp);
  ++c.report_pages;
}

void agency(SiteData& data, const IndicatorRows& rows, SiteOutput& out, const std::string& key, const std::vector<std::int64_t>& docs,
            Counters& c) {
  ++c.agencies;
  Digest agency_fp;
  std::vector<std::pair<DocumentMeta, std::string>> metas;  // meta, fingerprint
  for (auto id : docs) {
    metas.emplace_back(data.meta(id), data.fingerprint(id));
    agency_fp.add(std::to_string(id));
    agency_fp.add(metas.back().second);
    // Its ranks move when another agency's report changes: they are part of what the page shows.
    if (metas.back().first.is_current) agency_fp.add(rows.positions_key(id));
  }
  c.documents += static_cast<long>(docs.size());
  const std::string apath = agency_path(agency_page_key(key));
  const bool agency_stale = !out.fresh(apath, agency_fp.hex());
  // Current reports are loaded once for the agency page and their own pages.
  std::map<int, std::pair<DocumentMeta, Report>> current;
  int earlier = 0;
  for (const auto& [m, fp] : metas) {
    if (!m.is_current) {
      ++earlier;
      report_page(data, out, m.id, fp, nullptr, c);
      continue;
    }
    if (!agency_stale) {
      report_page(data, out, m.id, fp, nullptr, c);
      continue;
    }
    auto& slot = current[m.year.value_or(0)];
    slot = {m, data.load(m.id)};
    report_page(data, out, m.id, fp, &slot.second, c);
  }
  if (!agency_stale) return;
  AgencyPage page;
  page.key = key;
  page.earlier_revisions = earlier;
  for (const auto& [year, mr] : current)
    page.years.push_back({mr.first, &mr.second, data.finding_reviews(mr.first.id), rows.positions(mr.first.id)});
  if (!page.years.empty()) {
    const auto& latest = page.years.back();
    page.name = latest.report->report.agency.value_or(key);
    page.region = latest.meta.region;
  } else {
    page.name = key;
  }
  out.write(apath, render_agency_page(page), agency_fp.hex());
  ++c.agency_pages;
}

}  // namespace

SiteStats build_site(const SiteOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  // A roster is read first: one that cannot be used is an error before any page is written; a bad
  // line of it is reported and skipped, as the fetch does with the sources file.
  std::vector<RosterEntry> roster_entries;
  if (!o.roster.empty()) {
    Roster roster = read_roster(o.roster);
    for (const auto& p : roster.problems) spdlog::warn("{}", p.message);
    roster_entries = std::move(roster.entries);
  }
  SiteOutput out(o.out, site_format(), o.full);
  out.write_if_changed("assets/site.css", std::string(kSiteCss) + kReportTableStyle);
  out.write_if_changed("assets/reports.js", kReportsJs);
  out.write_if_changed("assets/review.js", kReviewJs);
  out.write_if_changed("reviews.html", reviews_page());
  const long assets_before = out.counts.written;
  // Every chosen report's indicator values, copied once into a scratch database and ranked there: the
  // agency pages show each report's rank in its region, the overview and the region pages the
  // aggregates and the rankings.
  SiteData data(o.db);
  const IndicatorRows indicator_rows(data.store());
  spdlog::info("site: indicator values read at {:.1f} s", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  Counters c;
  const int jobs = std::max(1, o.jobs);
  std::vector<std::exception_ptr> errors(static_cast<size_t>(jobs));
  {
    std::vector<std::jthread> workers;
    for (int part = 0; part < jobs; ++part)
      workers.emplace_back([&, part] {
        try {
          SiteData own(o.db);
          own.for_each_agency(part, jobs,
                              [&](const std::string& key, const std::vector<std::int64_t>& docs) { agency(own, indicator_rows, out, key, docs, c); });
          if (part == 0)
            for (auto id : own.documents_without_agency()) {
              ++c.documents;
              report_page(own, out, id, own.fingerprint(id), nullptr, c);
            }
        } catch (...) {
          errors[static_cast<size_t>(part)] = std::current_exception();
        }
      });
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  auto since = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  spdlog::info("site: report and agency pages done at {:.1f} s ({} written)", since(), c.report_pages + c.agency_pages);
  const long pages_before_index = out.counts.written;
  // The roster's coverage for every reporting year the store holds, newest first: made before the
  // index, whose pass writes the region pages (each shows its roster panel).
  std::optional<RosterCoverage> roster;
  Aggregates agg([&](const RegionPageData& region) { write_region_page(region, out, roster ? &*roster : nullptr, &indicator_rows); });
  if (!o.roster.empty()) {
    roster.emplace();
    roster->roster = o.roster;
    for (int year : data.report_years()) roster->years.push_back(coverage(data.store(), roster_entries, year));
    write_coverage_page(*roster, out);
    // A region where the roster names agencies but the store has no report still gets its page:
    // there an auditor sees who has not published.
    for (const auto& year : roster->years)
      for (const auto& r : year.rows)
        if (!r.region_code.empty() && !r.region_names.empty()) agg.add_empty_region(r.region_code, r.region_names);
  }
  write_index(data, out, agg);
  agg.finish();
  spdlog::info("site: index and region pages done at {:.1f} s", since());
  write_overview(data, agg, out, roster ? &*roster : nullptr, &indicator_rows);
  write_regions_index(agg, out);
  write_changes(data, out);
  spdlog::info("site: overview and changes done at {:.1f} s", since());
  SiteStats s;
  s.reports = agg.total;
  s.documents = c.documents;
  s.agencies = c.agencies;
  s.report_pages = c.report_pages;
  s.agency_pages = c.agency_pages;
  s.other_pages = assets_before + (out.counts.written - pages_before_index);
  s.removed = out.finish();
  s.unchanged = out.counts.unchanged;
  s.bytes_written = out.counts.bytes;
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return s;
}

}  // namespace xxgk::site
