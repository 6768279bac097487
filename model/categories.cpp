#include "model/categories.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace xxgk {

const std::vector<CategoryDef>& categories() {
  static const std::vector<CategoryDef> defs = {
    {"proactive", "row", "regulations", kT2019 | kT2021, R"(规章)", {}},
    {"proactive", "row", "normative_documents", kT2019 | kT2021, R"(行政规范性文件 (2019: 规范性文件))", {}},
    {"proactive", "row", "licensing", kT2019 | kT2021, R"(行政许可)", {}},
    {"proactive", "row", "other_services", kT2019, R"(其他对外管理服务事项)", {}},
    {"proactive", "row", "penalty", kT2019 | kT2021, R"(行政处罚)", {}},
    {"proactive", "row", "coercion", kT2019 | kT2021, R"(行政强制)", {}},
    {"proactive", "row", "fees", kT2019 | kT2021, R"(行政事业性收费)", {}},
    {"proactive", "row", "procurement", kT2019, R"(政府集中采购)", {}},
    {"proactive", "col", "issued", kT2021, R"(本年制发件数)", {"regulations", "normative_documents"}},
    {"proactive", "col", "repealed", kT2021, R"(本年废止件数)", {"regulations", "normative_documents"}},
    {"proactive", "col", "in_force", kT2021, R"(现行有效件数)", {"regulations", "normative_documents"}},
    {"proactive", "col", "decisions", kT2019 | kT2021, R"(本年处理决定数量 (2019: 处理决定数量))", {"licensing", "other_services", "penalty", "coercion"}},
    {"proactive", "col", "amount", kT2021, R"(本年收费金额（单位：万元）)", {"fees"}},
    {"proactive", "col", "made", kT2019, R"(本年新制作数量)", {"regulations", "normative_documents"}},
    {"proactive", "col", "published", kT2019, R"(本年新公开数量)", {"regulations", "normative_documents"}},
    {"proactive", "col", "published_total", kT2019, R"(对外公开总数量)", {"regulations", "normative_documents"}},
    {"proactive", "col", "previous_items", kT2019, R"(上一年项目数量)", {"licensing", "other_services", "penalty", "coercion", "fees"}},
    {"proactive", "col", "change", kT2019, R"(本年增/减)", {"licensing", "other_services", "penalty", "coercion", "fees"}},
    {"proactive", "col", "procurement_items", kT2019, R"(采购项目数量)", {"procurement"}},
    {"proactive", "col", "procurement_amount", kT2019, R"(采购总金额)", {"procurement"}},
    {"requests", "row", "new_received", kT2019 | kT2021, R"(一、本年新收政府信息公开申请数量)", {}},
    {"requests", "row", "carried_over", kT2019 | kT2021, R"(二、上年结转政府信息公开申请数量)", {}},
    {"requests", "row", "granted", kT2019 | kT2021, R"(三、本年度办理结果（一）予以公开)", {}},
    {"requests", "row", "partially_granted", kT2019 | kT2021, R"(（二）部分公开（区分处理的，只计这一情形，不计其他情形）)", {}},
    {"requests", "row", "withheld_state_secret", kT2019 | kT2021, R"(（三）不予公开 1.属于国家秘密)", {}},
    {"requests", "row", "withheld_prohibited_by_law", kT2019 | kT2021, R"(（三）不予公开 2.其他法律行政法规禁止公开)", {}},
    {"requests", "row", "withheld_security_stability", kT2019 | kT2021, R"(（三）不予公开 3.危及“三安全一稳定”)", {}},
    {"requests", "row", "withheld_third_party", kT2019 | kT2021, R"(（三）不予公开 4.保护第三方合法权益)", {}},
    {"requests", "row", "withheld_internal_affairs", kT2019 | kT2021, R"(（三）不予公开 5.属于三类内部事务信息)", {}},
    {"requests", "row", "withheld_process_info", kT2019 | kT2021, R"(（三）不予公开 6.属于四类过程性信息)", {}},
    {"requests", "row", "withheld_enforcement_file", kT2019 | kT2021, R"(（三）不予公开 7.属于行政执法案卷)", {}},
    {"requests", "row", "withheld_query_matter", kT2019 | kT2021, R"(（三）不予公开 8.属于行政查询事项)", {}},
    {"requests", "row", "unavailable_not_held", kT2019 | kT2021, R"(（四）无法提供 1.本机关不掌握相关政府信息)", {}},
    {"requests", "row", "unavailable_needs_creation", kT2019 | kT2021, R"(（四）无法提供 2.没有现成信息需要另行制作)", {}},
    {"requests", "row", "unavailable_unclear", kT2019 | kT2021, R"(（四）无法提供 3.补正后申请内容仍不明确)", {}},
    {"requests", "row", "not_processed_complaint", kT2019 | kT2021, R"(（五）不予处理 1.信访举报投诉类申请)", {}},
    {"requests", "row", "not_processed_repeated", kT2019 | kT2021, R"(（五）不予处理 2.重复申请)", {}},
    {"requests", "row", "not_processed_publication", kT2019 | kT2021, R"(（五）不予处理 3.要求提供公开出版物)", {}},
    {"requests", "row", "not_processed_excessive", kT2019 | kT2021, R"(（五）不予处理 4.无正当理由大量反复申请)", {}},
    {"requests", "row", "not_processed_confirmation", kT2019 | kT2021, R"(（五）不予处理 5.要求行政机关确认或重新出具已获取信息)", {}},
    {"requests", "row", "other_processing", kT2019, R"(（六）其他处理 (one row))", {}},
    {"requests", "row", "other_overdue_correction", kT2021, R"(（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请)", {}},
    {"requests", "row", "other_unpaid_fee", kT2021, R"(（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请)", {}},
    {"requests", "row", "other_other", kT2021, R"(（六）其他处理 3.其他)", {}},
    {"requests", "row", "processed_total", kT2019 | kT2021, R"(（七）总计)", {}},
    {"requests", "row", "carried_forward", kT2019 | kT2021, R"(四、结转下年度继续办理)", {}},
    {"requests", "col", "natural_person", kT2019 | kT2021, R"(自然人)", {}},
    {"requests", "col", "commercial", kT2019 | kT2021, R"(法人或其他组织 商业企业)", {}},
    {"requests", "col", "research", kT2019 | kT2021, R"(法人或其他组织 科研机构)", {}},
    {"requests", "col", "social_welfare", kT2019 | kT2021, R"(法人或其他组织 社会公益组织)", {}},
    {"requests", "col", "legal_service", kT2019 | kT2021, R"(法人或其他组织 法律服务机构)", {}},
    {"requests", "col", "other_org", kT2019 | kT2021, R"(法人或其他组织 其他)", {}},
    {"requests", "col", "total", kT2019 | kT2021, R"(总计)", {}},
    {"review_litigation", "row", "review", kT2019 | kT2021, R"(行政复议)", {}},
    {"review_litigation", "row", "litigation_direct", kT2019 | kT2021, R"(行政诉讼 未经复议直接起诉)", {}},
    {"review_litigation", "row", "litigation_after_review", kT2019 | kT2021, R"(行政诉讼 复议后起诉)", {}},
    {"review_litigation", "col", "upheld", kT2019 | kT2021, R"(结果维持)", {}},
    {"review_litigation", "col", "corrected", kT2019 | kT2021, R"(结果纠正)", {}},
    {"review_litigation", "col", "other", kT2019 | kT2021, R"(其他结果)", {}},
    {"review_litigation", "col", "pending", kT2019 | kT2021, R"(尚未审结)", {}},
    {"review_litigation", "col", "total", kT2019 | kT2021, R"(总计)", {}},
  };
  return defs;
}

const std::vector<std::string_view>& category_ids(std::string_view table, std::string_view axis) {
  // Listed once per table and axis (the rules ask a million times over 300 reports), in the
  // catalogue's order; an unknown table or axis has none.
  static const auto lists = [] {
    std::vector<std::pair<std::pair<std::string_view, std::string_view>, std::vector<std::string_view>>> out;
    for (const auto& d : categories()) {
      auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == std::pair{d.table, d.axis}; });
      if (it == out.end()) it = out.insert(out.end(), {{d.table, d.axis}, {}});
      it->second.push_back(d.id);
    }
    return out;
  }();
  static const std::vector<std::string_view> none;
  for (const auto& [key, ids] : lists)
    if (key.first == table && key.second == axis) return ids;
  return none;
}

namespace {

// (table, axis, id) -> the entry and its rank among its table and axis: asked for every figure in
// sorting, validating and writing (a linear scan with three string compares each was 4% of an HTML
// report's time, in sort_figures' comparator alone).
struct Address {
  std::string_view table, axis, id;
  bool operator==(const Address&) const = default;
};
struct AddressHash {
  // The id hashed, the table and axis only mixed in by their length and first letter: three tables
  // and two axes tell themselves apart so, and hashing all three strings was a third of a lookup.
  size_t operator()(const Address& a) const {
    const size_t small = (a.table.size() << 16) ^ (a.table.empty() ? 0 : static_cast<unsigned char>(a.table[0]) << 8) ^
                         (a.axis.empty() ? 0 : static_cast<unsigned char>(a.axis[0]));
    return std::hash<std::string_view>{}(a.id) ^ (small * 0x9E3779B97F4A7C15ull);
  }
};
struct Indexed {
  const CategoryDef* def;
  int rank;
};

const std::unordered_map<Address, Indexed, AddressHash>& index() {
  static const auto map = [] {
    std::unordered_map<Address, Indexed, AddressHash> m;
    std::unordered_map<Address, int, AddressHash> next;  // per (table, axis): the next rank
    for (const auto& d : categories()) {
      int& r = next[Address{d.table, d.axis, {}}];
      m.emplace(Address{d.table, d.axis, d.id}, Indexed{&d, r++});
    }
    return m;
  }();
  return map;
}

}  // namespace

const CategoryDef* find_category(std::string_view table, std::string_view axis, std::string_view id) {
  const auto& m = index();
  const auto it = m.find(Address{table, axis, id});
  return it == m.end() ? nullptr : it->second.def;
}

bool column_applies(std::string_view table, std::string_view row, std::string_view col) {
  const CategoryDef* c = find_category(table, "col", col);
  if (!c) return false;
  return c->applies_to.empty() ||
         std::find(c->applies_to.begin(), c->applies_to.end(), row) != c->applies_to.end();
}

int table_rank(std::string_view table) {
  for (int i = 0; i < 3; ++i)
    if (kTables[i] == table) return i;
  return 3;
}

int category_rank(std::string_view table, std::string_view axis, std::string_view id) {
  const auto& m = index();
  const auto it = m.find(Address{table, axis, id});
  return it == m.end() ? 1000 : it->second.rank;  // x_ ids and unknowns after every canonical id
}

}  // namespace xxgk
