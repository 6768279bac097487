#include "bench/site/province.h"

#include "audit/store.h"
#include "model/categories.h"
#include "pipeline/sha256.h"
#include "validate/validator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <set>

namespace xxgk::bench {
namespace {

// Syllables place names are made of (two each, as most Chinese place names are).
constexpr std::string_view kSyllables[] = {
    "青", "白", "河", "山", "东", "西", "南", "北", "安", "平", "丰", "宁", "泰", "兴", "华", "阳", "林", "江", "湖",
    "石", "金", "永", "长", "新", "清", "明", "德", "昌", "康", "源", "云", "龙", "凤", "桂", "松", "柳", "梅", "桃",
    "溪", "川", "岭", "峰", "城", "泉", "海", "宝", "福", "瑞", "光", "春", "秋", "祥", "和", "靖", "乐", "丘", "嘉",
};

constexpr std::string_view kDepartments[] = {
    "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局",
    "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局",
    "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局",
    "统计局", "医疗保障局", "林业局", "城市管理局", "信访局", "体育局", "民族宗教事务局", "行政审批局", "数据局",
    "人民政府办公室", "机关事务管理局", "粮食和物资储备局", "人民防空办公室", "地方金融管理局", "乡村振兴局",
    "国有资产监督管理委员会", "气象局", "档案馆",
};

class NamePool {
 public:
  // Two syllables while unused ones are easy to find (57² = 3,249 names), then three: a province of
  // 100,000 reports has more townships than two syllables can name.
  std::string take(std::mt19937_64& rng, std::string_view suffix) {
    for (int attempt = 0;; ++attempt) {
      std::string n;
      for (int k = 0; k < (attempt < 60 ? 2 : 3); ++k) n += kSyllables[rng() % std::size(kSyllables)];
      if (used_.insert(n).second) return n + std::string(suffix);
    }
  }

 private:
  std::set<std::string> used_;
};

double draw_size(std::mt19937_64& rng, double scale) {
  std::lognormal_distribution<double> d(0, 1);
  return scale * d(rng);
}

void add_departments(std::vector<GeneratedAgency>& out, const GeneratedRegion& gov, const std::string& prefix, int n,
                     double scale, std::mt19937_64& rng) {
  for (int k = 0; k < n && k < static_cast<int>(std::size(kDepartments)); ++k) {
    GeneratedRegion r = gov;
    r.role = "department";
    out.push_back({prefix + std::string(kDepartments[k]), r, draw_size(rng, scale)});
  }
}

}  // namespace

std::vector<GeneratedAgency> make_province(const ProvinceShape& shape) {
  std::mt19937_64 rng(20250101);
  NamePool cities, counties, townships;
  std::vector<GeneratedAgency> out;
  const std::string province = "江淮省";
  GeneratedRegion prov{"99", "province", {province}, "government"};
  out.push_back({province + "人民政府", prov, draw_size(rng, 6)});
  add_departments(out, prov, province, shape.departments_per_level, 4, rng);
  for (int c = 1; static_cast<int>(out.size()) < shape.agencies; ++c) {
    const std::string city = cities.take(rng, "市");
    GeneratedRegion cr{fmt::format("99{:02}", c), "city", {province, city}, "government"};
    out.push_back({city + "人民政府", cr, draw_size(rng, 4)});
    add_departments(out, cr, city, shape.departments_per_level, 2.5, rng);
    for (int k = 1; k <= shape.counties_per_city && static_cast<int>(out.size()) < shape.agencies; ++k) {
      const std::string county = counties.take(rng, k % 3 == 0 ? "区" : "县");
      GeneratedRegion kr{fmt::format("{}{:02}", cr.code, k), "county", {province, city, county}, "government"};
      out.push_back({city + county + "人民政府", kr, draw_size(rng, 2)});
      add_departments(out, kr, city + county, shape.departments_per_level, 1, rng);
      for (int t = 1; t <= shape.townships_per_county; ++t) {
        const bool street = county.ends_with("区") || t % 4 == 0;
        const std::string town = townships.take(rng, street ? "街道" : t % 5 == 0 ? "乡" : "镇");
        GeneratedRegion tr{fmt::format("{}{:03}", kr.code, t), "township", {province, city, county, town}, "government"};
        out.push_back({county + town + (street ? "办事处" : "人民政府"), tr, draw_size(rng, 0.4)});
      }
    }
  }
  return out;
}

Planted planted_for(std::mt19937_64& rng) {
  const auto x = rng() % 1000;
  if (x < 70) return Planted::flagged;
  if (x < 100) return Planted::partial;
  if (x < 115) return Planted::failed;
  if (x < 135) return Planted::blanks;
  return Planted::ok;
}

namespace {

unsigned template_bit(int year) { return year >= 2021 ? kT2021 : kT2019; }

void put(Report& r, std::string_view table, std::string_view row, std::string_view col, double v, std::optional<int> page) {
  Figure f;
  f.table = table;
  f.row = row;
  f.col = col;
  f.value = v;
  f.raw = fmt::format("{}", static_cast<long long>(v));
  f.page = page;
  r.figures.push_back(std::move(f));
}

// Splits `n` requests of one column over the result rows of the template, mostly granted.
std::vector<std::pair<std::string_view, double>> split_results(double n, unsigned bit, std::mt19937_64& rng) {
  std::vector<std::string_view> rows;
  for (auto id : category_ids("requests", "row")) {
    const auto* d = find_category("requests", "row", id);
    if (!(d->templates & bit)) continue;
    if (id == "new_received" || id == "carried_over" || id == "processed_total" || id == "carried_forward") continue;
    rows.push_back(id);
  }
  std::vector<std::pair<std::string_view, double>> out;
  for (auto r : rows) out.emplace_back(r, 0);
  double left = n;
  // Granted in full takes about half, partly granted a fifth, the rest falls on a few other rows.
  auto give = [&](size_t i, double share) {
    const double v = std::min(left, std::floor(n * share));
    out[i].second += v;
    left -= v;
  };
  give(0, 0.45 + static_cast<double>(rng() % 20) / 100.0);
  give(1, 0.15);
  while (left > 0) {
    const double v = std::max(1.0, std::floor(left * static_cast<double>(rng() % 60) / 100.0));
    out[2 + rng() % (out.size() - 2)].second += std::min(v, left);
    left -= std::min(v, left);
  }
  return out;
}

std::string sections_overview(const GeneratedAgency& a, int year, double received) {
  return fmt::format(
      "{0}年，{1}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
      "持续推进政务公开标准化规范化建设。\n全年共收到政府信息公开申请{2}件，均在法定期限内答复。",
      year, a.name, static_cast<long long>(received));
}

}  // namespace

Report make_report(const GeneratedAgency& a, int year, Planted planted, YearState& state, std::mt19937_64& rng,
                   int revision) {
  Report r;
  static constexpr std::array kFormats{"pdf", "pdf", "pdf", "html", "html", "docx", "pdf", "html", "txt", "doc"};
  r.source.format = kFormats[rng() % kFormats.size()];
  const std::string ext = r.source.format == "pdf" ? "pdf" : r.source.format == "html" ? "html" : r.source.format;
  r.source.path = revision == 1 ? fmt::format("reports/{}/{}/{}.{}", a.region.code, year, sha256_hex(a.name).substr(0, 10), ext)
                                : fmt::format("reports/{}/{}/{}-r{}.{}", a.region.code, year, sha256_hex(a.name).substr(0, 10),
                                              revision, ext);
  r.source.sha256 = sha256_hex(fmt::format("{}|{}|{}", a.name, year, revision));
  r.source.size = 40000 + rng() % 400000;
  if (r.source.format == "pdf") r.source.pages = 4 + static_cast<int>(rng() % 8);
  if (revision > 1 && (planted == Planted::flagged || planted == Planted::failed)) planted = Planted::ok;

  if (planted == Planted::failed) {
    r.status = "failed";
    r.error = ErrorInfo{"corrupt", "文件已损坏，无法读取（generated）"};
    return r;
  }
  r.report.agency = a.name;
  r.report.year = year;
  r.report.title = fmt::format("{}{}年政府信息公开工作年度报告", a.name, year);
  r.report.template_version = year >= 2021 ? "2021" : "2019";
  const unsigned bit = template_bit(year);
  // Pages only for a format that has them (PDF); HTML, DOCX and text figures carry none.
  auto page = [&](int p) { return r.source.pages ? std::optional<int>(p) : std::nullopt; };
  const int p1 = 2, p2 = 3, p3 = 4;

  // 二、主动公开: counts; in force carries over from last year (cross_year.in_force holds).
  for (auto row : category_ids("proactive", "row")) {
    const auto* rd = find_category("proactive", "row", row);
    if (!(rd->templates & bit)) continue;
    for (auto col : category_ids("proactive", "col")) {
      const auto* cd = find_category("proactive", "col", col);
      if (!(cd->templates & bit) || !column_applies("proactive", row, col)) continue;
      double v = std::floor(static_cast<double>(rng() % 40) * a.size);
      if (col == "issued" || col == "repealed") v = static_cast<double>(rng() % 6);
      if (col == "in_force") {
        double& held = row == "regulations" ? state.in_force_regulations : state.in_force_normative;
        const Figure* issued = r.find("proactive", row, "issued");
        const Figure* repealed = r.find("proactive", row, "repealed");
        if (held == 0) held = 10 + static_cast<double>(rng() % 50);
        held = std::max(0.0, held + issued->value.value_or(0) - repealed->value.value_or(0));
        v = held;
      }
      if (col == "amount") v = std::floor(static_cast<double>(rng() % 500) * a.size);
      put(r, "proactive", row, col, v, page(p1));
    }
  }

  // 三、申请: per column new + carried over = processed + carried forward, results summed.
  const auto cols = category_ids("requests", "col");
  if (state.carried_forward.empty()) state.carried_forward.assign(cols.size(), 0);
  std::vector<std::vector<std::pair<std::string_view, double>>> results;
  std::vector<double> received, carried_over, processed, forward;
  for (size_t c = 0; c + 1 < cols.size(); ++c) {
    const double base = c == 0 ? 30 : c == 1 ? 6 : 2;
    const double n = std::floor(static_cast<double>(rng() % 100) / 100.0 * base * a.size * 2);
    const double over = state.carried_forward[c];
    const double fwd = std::floor((n + over) * static_cast<double>(rng() % 8) / 100.0);
    received.push_back(n);
    carried_over.push_back(over);
    forward.push_back(fwd);
    processed.push_back(n + over - fwd);
    results.push_back(split_results(n + over - fwd, bit, rng));
  }
  auto sum = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
  };
  auto requests_row = [&](std::string_view row, const std::vector<double>& per_col) {
    for (size_t c = 0; c + 1 < cols.size(); ++c) put(r, "requests", row, cols[c], per_col[c], page(p2));
    put(r, "requests", row, "total", sum(per_col), page(p2));
  };
  requests_row("new_received", received);
  requests_row("carried_over", carried_over);
  for (size_t k = 0; k < results[0].size(); ++k) {
    std::vector<double> per_col;
    for (auto& res : results) per_col.push_back(res[k].second);
    requests_row(results[0][k].first, per_col);
  }
  requests_row("processed_total", processed);
  requests_row("carried_forward", forward);
  state.carried_forward = forward;
  state.carried_forward.push_back(sum(forward));

  // 四、复议诉讼: a few cases, the total column their sum.
  if (planted != Planted::partial) {
    for (auto row : category_ids("review_litigation", "row")) {
      std::array<double, 4> v{};
      for (auto& x : v) x = rng() % 4 == 0 ? std::floor(static_cast<double>(rng() % 3) * a.size) : 0;
      const auto rcols = category_ids("review_litigation", "col");
      for (size_t c = 0; c < 4; ++c) put(r, "review_litigation", row, rcols[c], v[c], page(p3));
      put(r, "review_litigation", row, "total", v[0] + v[1] + v[2] + v[3], page(p3));
    }
  }
  // Figures in contract order, as the normalizer writes them.
  std::stable_sort(r.figures.begin(), r.figures.end(), [](const Figure& x, const Figure& y) {
    auto key = [](const Figure& f) {
      return std::tuple(table_rank(f.table), category_rank(f.table, "row", f.row), category_rank(f.table, "col", f.col));
    };
    return key(x) < key(y);
  });

  if (planted == Planted::flagged) {
    // A total printed wrong: the row total and the column identities of one cell break.
    for (auto& f : r.figures)
      if (f.table == "requests" && f.row == (rng() % 2 ? "new_received" : "granted") && f.col == "total") {
        f.value = *f.value + 1 + static_cast<double>(rng() % 9);
        f.raw = fmt::format("{}", static_cast<long long>(*f.value));
        break;
      }
  }
  if (planted == Planted::blanks) {
    for (auto& f : r.figures)
      if (f.table == "requests" && f.row == "withheld_third_party" && f.col != "total") {
        f.value.reset();
        f.raw = "";
      }
  }
  if (planted == Planted::partial) {
    r.status = "partial";
    r.error = ErrorInfo{"missing_table", "未找到表格：四、政府信息公开行政复议、行政诉讼情况（generated）"};
  }

  const double total_received = r.find("requests", "new_received", "total")->value.value_or(0);
  r.sections = {
      {"overview", sections_overview(a, year, total_received)},
      {"proactive", "通过政府门户网站、政务新媒体等渠道主动公开政府信息，及时发布政策文件和解读材料。"},
      {"requests", "严格按照法定程序和时限办理依申请公开事项，规范答复文书。"},
      {"review_litigation", "本年度因政府信息公开引发的行政复议、行政诉讼案件已依法处理。"},
      {"problems", "政务公开工作仍存在公开内容不够全面、政策解读形式较为单一等问题。下一步将加强培训，提升公开质量。"},
      {"other", "本年度未收取信息处理费。"},
  };
  validate(r);
  r.status = verdict(r.status, r.findings);
  return r;
}

}  // namespace xxgk::bench
