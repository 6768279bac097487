#include "publish/site/index_pages.h"

#include "publish/report_tables.h"
#include "publish/site/site_html.h"
#include "validate/rules.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace xxgk::site {

namespace {

using nlohmann::json;

char status_char(const std::string& s) { return s == "flagged" ? 'f' : s == "partial" ? 'p' : s == "failed" ? 'x' : 'o'; }

json nullable(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

std::string js_call(std::string_view fn, const json& arg) {
  return fmt::format("{}({});\n", fn, arg.dump(-1, ' ', false, json::error_handler_t::replace));
}
std::string js_call(std::string_view fn, const std::string& id, const json& arg) {
  return fmt::format("{}({},{});\n", fn, json(id).dump(), arg.dump(-1, ' ', false, json::error_handler_t::replace));
}

// One shard's rows as columns.
class ShardWriter {
 public:
  void add(const IndexRow& r) {
    id_.push_back(r.id);
    y_.push_back(r.year ? json(*r.year) : json(nullptr));
    nm_.push_back(r.name);
    ak_.push_back(r.agency_page);
    rg_.push_back(r.region_code);
    st_ += status_char(r.status);
    fm_.push_back(r.format);
    rv_.push_back(r.revision);
    e_.push_back(r.errors);
    w_.push_back(r.warnings);
    ru_.push_back(r.rules);
    k_.resize(r.keys.size(), json::array());
    for (size_t k = 0; k < r.keys.size(); ++k) k_[k].push_back(nullable(r.keys[k]));
    ++counts_[r.status];
  }
  bool empty() const { return id_.empty(); }
  size_t size() const { return id_.size(); }
  std::string content(const std::string& shard) const {
    json d = {{"id", id_}, {"y", y_}, {"nm", nm_}, {"ak", ak_}, {"rg", rg_}, {"st", st_}, {"fm", fm_},
              {"rv", rv_}, {"e", e_},  {"w", w_},   {"ru", ru_}, {"k", k_}};
    return js_call("xxgkShard", shard, d);
  }
  json counts() const {
    json c = json::object();
    for (const auto& s : kStatuses) c[std::string(s.status)] = counts_.count(std::string(s.status)) ? counts_.at(std::string(s.status)) : 0;
    return c;
  }

 private:
  json id_ = json::array(), y_ = json::array(), nm_ = json::array(), ak_ = json::array(), rg_ = json::array(),
       fm_ = json::array(), rv_ = json::array(), e_ = json::array(), w_ = json::array(), ru_ = json::array();
  std::vector<json> k_;
  std::string st_;
  std::map<std::string, long> counts_;
};

json row_object(const IndexRow& r) {
  json k = json::array();
  for (const auto& v : r.keys) k.push_back(nullable(v));
  return {{"id", r.id}, {"y", r.year ? json(*r.year) : json(nullptr)}, {"nm", r.name}, {"ak", r.agency_page}, {"rg", r.region_code},
          {"st", r.status}, {"fm", r.format}, {"rv", r.revision}, {"e", r.errors}, {"w", r.warnings}, {"ru", r.rules}, {"k", k}};
}

std::string reports_page(const Aggregates& agg) {
  const std::string self = "reports.html";
  std::string out = page_head(self, "报告索引 reports", "reports", {"assets/reports.js", "data/summary.js"});
  out += "<div class=\"index\">\n<aside>\n<b>地区 region</b> <a href=\"#\" id=\"allRegions\">全部 all</a>\n"
         "<div class=\"note\" id=\"regionNow\"></div>\n<ul class=\"tree root\" id=\"tree\"></ul>\n"
         "<label>年度 year<select id=\"year\"><option value=\"\">全部年度 all years</option>";
  for (auto it = agg.by_year.rbegin(); it != agg.by_year.rend(); ++it)
    if (it->first) out += fmt::format("<option value=\"{0}\">{0} ({1})</option>", it->first, it->second.reports);
  out += "</select></label>\n<b>状态 status</b><div id=\"statuses\">";
  for (const auto& s : kStatuses) {
    long n = 0;
    for (const auto& [y, t] : agg.by_year) n += t.status(s.status);
    out += fmt::format("<label><input type=\"checkbox\" value=\"{0}\"> <span class=\"badge {0}\">{1}</span> {2}</label>", s.status, s.zh, n);
  }
  out += "</div>\n<label>规则 rule<select id=\"rule\"><option value=\"\">全部规则 any rule</option>";
  for (const auto& r : rules()) out += fmt::format("<option value=\"{0}\">{0}</option>", html_escape(r.id));
  out += "<option value=\"structure.fuzzy_label\">structure.fuzzy_label</option></select></label>\n"
         "<label>格式 format<select id=\"format\"><option value=\"\">全部格式 any format</option>";
  for (const auto& [f, n] : agg.formats) out += fmt::format("<option value=\"{0}\">{0} ({1})</option>", html_escape(f), n);
  out += "</select></label>\n<label>搜索机关 search agency<input type=\"search\" id=\"q\" placeholder=\"机关名称\"></label>\n</aside>\n"
         "<div class=\"results\">\n<div class=\"pager\"><span><b id=\"count\">…</b> 份报告 reports</span>"
         "<button id=\"prev\">‹ 上一页</button><span id=\"page\"></span><button id=\"next\">下一页 ›</button></div>\n"
         "<div class=\"status-line\" id=\"status\"></div>\n<table class=\"data rows\"><thead><tr id=\"head\">"
         "<th data-sort=\"nm\">机关 agency</th><th data-sort=\"rg\">地区 region</th><th data-sort=\"y\" class=\"n\">年度</th>"
         "<th data-sort=\"st\">状态</th><th data-sort=\"e\" class=\"n\">问题 err/warn</th><th data-sort=\"fm\">格式</th>";
  for (size_t k = 0; k < key_figures().size(); ++k)
    out += fmt::format("<th data-sort=\"k{}\" class=\"n\" title=\"{}\">{}</th>", k, key_figures()[k].en, key_figures()[k].zh);
  out += "</tr></thead><tbody id=\"body\"></tbody></table>\n</div>\n</div>\n";
  return out + page_tail(self);
}

}  // namespace

void write_index(SiteData& data, SiteOutput& out, Aggregates& agg) {
  json shards = json::array();
  std::string current;
  ShardWriter shard;
  auto flush = [&] {
    if (shard.empty()) return;
    out.write_if_changed("data/idx/" + current + ".js", shard.content(current));
    const auto dash = current.rfind('-');
    shards.push_back({current, current.substr(0, dash), std::stoi(current.substr(dash + 1)), shard.size(), shard.counts()});
    shard = ShardWriter();
  };
  data.for_each_index_row([&](const IndexRow& r) {
    if (r.shard != current) {
      flush();
      current = r.shard;
    }
    shard.add(r);
    agg.add(r);
  });
  flush();

  json regions = json::array();
  std::map<std::string, int> position;
  static const char* const levels[] = {"province", "city", "county", "township"};
  for (const auto& [code, n] : agg.placed()) {  // codes sort parents before children
    position[code] = static_cast<int>(regions.size());
    regions.push_back({code, n.name, levels[n.level], n.parent.empty() ? -1 : position.at(n.parent), n.reports});
  }
  json years = json::array();
  for (auto it = agg.by_year.rbegin(); it != agg.by_year.rend(); ++it)
    if (it->first) years.push_back(it->first);
  json first = json::array();
  for (const auto& r : data.first_rows(kPageSize)) first.push_back(row_object(r));
  json keys = json::array();
  for (const auto& k : key_figures()) keys.push_back({{"id", k.id}, {"zh", k.zh}, {"en", k.en}});
  const json summary = {{"total", agg.total}, {"unplaced", agg.unplaced}, {"years", years}, {"keys", keys},
                        {"regions", regions}, {"shards", shards},        {"first", first}};
  out.write_if_changed("data/summary.js", js_call("xxgkSummary", summary));
  out.write_if_changed("reports.html", reports_page(agg));
}

}  // namespace xxgk::site
