#include "regions/place.h"

#include "regions/resolver.h"
#include "validate/findings.h"
#include "validate/validator.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace xxgk {
namespace {

using regions::Divisions;
using regions::Placement;

// The title and the text of the parts: where an ambiguous name's ancestors may be named. Only
// what the store keeps, so that a report placed again from the store is placed the same way.
std::string context_of(const Report& r) {
  std::string text = r.report.title.value_or("");
  for (const auto& [key, body] : r.sections) text += "\n" + body;
  return text;
}

std::string agency_of(const Report& r, const PlaceHint& hint) {
  return r.report.agency && !r.report.agency->empty() ? *r.report.agency : hint.agency;
}

Placement placement_of(const Report& r, const PlaceHint& hint) {
  const std::string agency = agency_of(r, hint);
  const std::string context = context_of(r);
  return regions::resolve({agency, context, hint.region_code});
}

// "吉林省长春市南关区新春街道（220102004）"
std::string described(const Divisions& d, int i) {
  return fmt::format("{}（{}）", fmt::join(d.names(i), ""), d[i].code);
}
std::string described_en(const Divisions& d, int i) {
  return fmt::format("{} ({})", fmt::join(d.names(i), " · "), d[i].code);
}

constexpr size_t kListed = 6;  // candidates named in a message

}  // namespace

bool is_region_rule(const std::string& rule) { return rule.rfind("region.", 0) == 0; }

std::string agency_identity(std::string_view agency, std::string_view region_code) {
  if (agency.empty() && region_code.empty()) return {};
  return regions::resolve({agency, "", region_code}).identity(agency);
}

void place_report(Report& r, const PlaceHint& hint) {
  const Divisions& d = Divisions::national();
  const std::string agency = agency_of(r, hint);
  const Placement p = placement_of(r, hint);
  std::erase_if(r.findings, [](const Finding& f) { return is_region_rule(f.rule); });
  r.report.region.reset();
  r.report.agency_id = agency.empty() && hint.region_code.empty() ? "" : p.identity(agency);
  if (p.outcome == Placement::Outcome::placed) {
    const auto& div = d[p.division];
    r.report.region = Region{div.code, std::string(regions::level_name(div.level)), d.names(p.division), p.role};
  }

  if (r.status == "failed") return;  // a failed record has no findings: its error says what went wrong
  if (p.code_unknown) {
    Finding f = make_finding("region.source_mismatch", std::nullopt);
    f.message_zh = fmt::format("来源清单给出的地区代码 {} 不在全国区划数据中，已按机构名称“{}”确定地区", hint.region_code, agency);
    f.message_en = fmt::format("the sources file's region code {} is not in the national division data; the region was "
                               "taken from the agency name \"{}\"", hint.region_code, agency);
    r.findings.push_back(std::move(f));
  } else if (p.code_mismatch != -1 && p.outcome == Placement::Outcome::placed) {
    Finding f = make_finding("region.source_mismatch", std::nullopt);
    const std::string named_zh = p.code_mismatch >= 0 ? described(d, p.code_mismatch) : "多个地区";
    const std::string named_en = p.code_mismatch >= 0 ? described_en(d, p.code_mismatch) : "several regions";
    f.message_zh = fmt::format("机构名称“{}”指向{}，与来源清单给出的地区代码 {}（{}）不符；按来源清单", agency, named_zh,
                               hint.region_code, fmt::join(d.names(p.division), ""));
    f.message_en = fmt::format("the agency name \"{}\" points at {}, not at the sources file's region code {} ({}); the "
                               "sources file's code was taken", agency, named_en, hint.region_code,
                               fmt::join(d.names(p.division), " · "));
    r.findings.push_back(std::move(f));
  }
  if (p.outcome == Placement::Outcome::unknown) {
    Finding f = make_finding("region.unknown", std::nullopt);
    f.message_zh = fmt::format("机构名称“{}”中没有全国区划数据中的地名，无法确定其所属地区", agency);
    f.message_en = fmt::format("the agency name \"{}\" names no place of the national division data: its region is not known", agency);
    r.findings.push_back(std::move(f));
  } else if (p.outcome == Placement::Outcome::ambiguous) {
    Finding f = make_finding("region.ambiguous", std::nullopt);
    std::vector<std::string> zh, en;
    for (size_t i = 0; i < p.candidates.size() && i < kListed; ++i) {
      zh.push_back(described(d, p.candidates[i]));
      en.push_back(described_en(d, p.candidates[i]));
    }
    const size_t n = p.candidates.size();
    const std::string more_zh = n > kListed ? fmt::format("等{}个地区", n) : "";
    const std::string more_en = n > kListed ? fmt::format(" and {} more", n - kListed) : "";
    f.actual = static_cast<double>(n);
    f.message_zh = fmt::format("机构名称“{}”可指{}个地区：{}{}；标题和正文未点明其上级地区，不作推断", agency, n,
                               fmt::join(zh, "、"), more_zh);
    f.message_en = fmt::format("the agency name \"{}\" fits {} regions: {}{}; neither the title nor the text names which, "
                               "so none is chosen", agency, n, fmt::join(en, "; "), more_en);
    r.findings.push_back(std::move(f));
  }
  sort_findings(r.findings);
}

}  // namespace xxgk
