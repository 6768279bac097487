// The label catalogue as data: what each canonical id of ../contract/categories.tsv is printed as.
// The official label comes first; the variants after it are forms found in real reports (older
// wording, dropped words, 2019 labels). Typos are not listed: match_label() reads them by
// similarity and says so in a finding. Keys are compared after label_key(), so punctuation,
// spacing, script and width need no variants of their own.
#include "model/categories.h"
#include "normalize/catalogue.h"

namespace xxgk {
namespace {
constexpr unsigned kBoth = kT2019 | kT2021;
using G = LabelGroup;
}  // namespace

const std::vector<GroupDef>& group_catalogue() {
  static const std::vector<GroupDef> defs = {
      {G::Results, "requests", 0, {"本年度办理结果", "本年办理结果", "办理结果", "本年度办理情况"}},
      {G::Withheld, "requests", 3, {"不予公开"}},
      {G::Unavailable, "requests", 4, {"无法提供"}},
      {G::NotProcessed, "requests", 5, {"不予处理"}},
      {G::Other, "requests", 6, {"其他处理"}},
      {G::LegalPerson, "requests", 0, {"法人或其他组织", "法人或者其他组织", "法人和其他组织"}},
      {G::Litigation, "review_litigation", 0, {"行政诉讼"}},
  };
  return defs;
}

const std::vector<LabelEntry>& label_catalogue() {
  // clang-format off
  static const std::vector<LabelEntry> entries = {
    // 二、主动公开政府信息情况 (table `proactive`)
    {"proactive", "row", "regulations", G::None, G::None, kBoth, {"规章", "政府规章"}},
    {"proactive", "row", "normative_documents", G::None, G::None, kBoth, {"行政规范性文件", "规范性文件", "行政规范文件"}},
    {"proactive", "row", "licensing", G::None, G::None, kBoth, {"行政许可", "行政许可事项"}},
    {"proactive", "row", "other_services", G::None, G::None, kT2019, {"其他对外管理服务事项", "其他对外管理服务"}},
    {"proactive", "row", "penalty", G::None, G::None, kBoth, {"行政处罚", "行政处罚事项"}},
    {"proactive", "row", "coercion", G::None, G::None, kBoth, {"行政强制", "行政强制事项"}},
    {"proactive", "row", "fees", G::None, G::None, kBoth, {"行政事业性收费", "行政事业收费", "行政事业性收费项目"}},
    {"proactive", "row", "procurement", G::None, G::None, kT2019, {"政府集中采购", "政府采购"}},
    {"proactive", "col", "issued", G::None, G::None, kT2021, {"本年制发件数", "本年制发数量", "本年制发", "制发件数"}},
    {"proactive", "col", "repealed", G::None, G::None, kT2021, {"本年废止件数", "本年废止数量", "本年废止", "废止件数"}},
    {"proactive", "col", "in_force", G::None, G::None, kT2021, {"现行有效件数", "现行有效数量", "现行有效", "有效件数"}},
    {"proactive", "col", "decisions", G::None, G::None, kBoth, {"本年处理决定数量", "处理决定数量", "本年处理决定件数", "本年处理决定数"}},
    {"proactive", "col", "amount", G::None, G::None, kT2021, {"本年收费金额单位万元", "本年收费金额万元", "本年收费金额", "收费金额"}},
    {"proactive", "col", "made", G::None, G::None, kT2019, {"本年新制作数量", "新制作数量", "本年新制作"}},
    {"proactive", "col", "published", G::None, G::None, kT2019, {"本年新公开数量", "新公开数量", "本年新公开"}},
    {"proactive", "col", "published_total", G::None, G::None, kT2019, {"对外公开总数量", "公开总数量", "对外公开总数"}},
    {"proactive", "col", "previous_items", G::None, G::None, kT2019, {"上一年项目数量", "上年项目数量", "上一年度项目数量"}},
    {"proactive", "col", "change", G::None, G::None, kT2019, {"本年增减", "本年增加减少", "增减", "本年增减数量"}},
    {"proactive", "col", "procurement_items", G::None, G::None, kT2019, {"采购项目数量", "采购项目数"}},
    {"proactive", "col", "procurement_amount", G::None, G::None, kT2019, {"采购总金额", "采购金额"}},

    // 三、收到和处理政府信息公开申请情况 (table `requests`)
    {"requests", "row", "new_received", G::None, G::None, kBoth, {"本年新收政府信息公开申请数量", "本年新收政府信息公开申请", "本年度新收政府信息公开申请数量", "本年新收申请数量", "本年新收申请"}},
    {"requests", "row", "carried_over", G::None, G::None, kBoth, {"上年结转政府信息公开申请数量", "上年度结转政府信息公开申请数量", "上年结转政府信息公开申请", "上年结转申请数量", "上年结转申请"}},
    {"requests", "row", "granted", G::None, G::Results, kBoth, {"予以公开"}},
    {"requests", "row", "partially_granted", G::None, G::Results, kBoth, {"部分公开区分处理的只计这一情形不计其他情形", "部分公开"}},
    {"requests", "row", "withheld_state_secret", G::None, G::Withheld, kBoth, {"属于国家秘密", "国家秘密"}},
    {"requests", "row", "withheld_prohibited_by_law", G::None, G::Withheld, kBoth, {"其他法律行政法规禁止公开", "法律行政法规禁止公开"}},
    {"requests", "row", "withheld_security_stability", G::None, G::Withheld, kBoth, {"危及三安全一稳定", "危及三个安全一个稳定", "危及国家安全公共安全经济安全社会稳定"}},
    {"requests", "row", "withheld_third_party", G::None, G::Withheld, kBoth, {"保护第三方合法权益", "第三方合法权益"}},
    {"requests", "row", "withheld_internal_affairs", G::None, G::Withheld, kBoth, {"属于三类内部事务信息", "三类内部事务信息", "属于内部事务信息"}},
    {"requests", "row", "withheld_process_info", G::None, G::Withheld, kBoth, {"属于四类过程性信息", "四类过程性信息", "属于过程性信息"}},
    {"requests", "row", "withheld_enforcement_file", G::None, G::Withheld, kBoth, {"属于行政执法案卷", "行政执法案卷"}},
    {"requests", "row", "withheld_query_matter", G::None, G::Withheld, kBoth, {"属于行政查询事项", "行政查询事项"}},
    {"requests", "row", "unavailable_not_held", G::None, G::Unavailable, kBoth, {"本机关不掌握相关政府信息", "本机关不掌握相关信息"}},
    {"requests", "row", "unavailable_needs_creation", G::None, G::Unavailable, kBoth, {"没有现成信息需要另行制作", "没有现成信息需另行制作"}},
    {"requests", "row", "unavailable_unclear", G::None, G::Unavailable, kBoth, {"补正后申请内容仍不明确"}},
    {"requests", "row", "not_processed_complaint", G::None, G::NotProcessed, kBoth, {"信访举报投诉类申请"}},
    {"requests", "row", "not_processed_repeated", G::None, G::NotProcessed, kBoth, {"重复申请"}},
    {"requests", "row", "not_processed_publication", G::None, G::NotProcessed, kBoth, {"要求提供公开出版物"}},
    {"requests", "row", "not_processed_excessive", G::None, G::NotProcessed, kBoth, {"无正当理由大量反复申请"}},
    {"requests", "row", "not_processed_confirmation", G::None, G::NotProcessed, kBoth, {"要求行政机关确认或重新出具已获取信息"}},
    // The 2019 single row （六）其他处理 is the group label itself carrying figures (see tables.cpp).
    {"requests", "row", "other_processing", G::None, G::None, kT2019, {"其他处理"}},
    {"requests", "row", "other_overdue_correction", G::None, G::Other, kT2021, {"申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请"}},
    {"requests", "row", "other_unpaid_fee", G::None, G::Other, kT2021, {"申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请"}},
    {"requests", "row", "other_other", G::Other, G::Other, kT2021, {"其他"}},
    {"requests", "row", "processed_total", G::None, G::Results, kBoth, {"总计", "合计"}},
    {"requests", "row", "carried_forward", G::None, G::None, kBoth, {"结转下年度继续办理", "结转下一年度继续办理", "结转下年度继续办理数量", "结转下年度继续处理", "结转下年度"}},
    {"requests", "col", "natural_person", G::None, G::None, kBoth, {"自然人"}},
    {"requests", "col", "commercial", G::None, G::LegalPerson, kBoth, {"商业企业"}},
    {"requests", "col", "research", G::None, G::LegalPerson, kBoth, {"科研机构"}},
    {"requests", "col", "social_welfare", G::None, G::LegalPerson, kBoth, {"社会公益组织"}},
    {"requests", "col", "legal_service", G::None, G::LegalPerson, kBoth, {"法律服务机构"}},
    // Among the columns of requests 其他 can only be the last kind of 法人或其他组织 (a header whose
    // group row was lost still says it); as a row label it is other_other, under （六） only.
    {"requests", "col", "other_org", G::None, G::LegalPerson, kBoth, {"其他", "其他组织"}},
    {"requests", "col", "total", G::None, G::None, kBoth, {"总计", "合计"}},

    // 四、政府信息公开行政复议、行政诉讼情况 (table `review_litigation`)
    {"review_litigation", "row", "review", G::None, G::None, kBoth, {"行政复议"}},
    {"review_litigation", "row", "litigation_direct", G::None, G::Litigation, kBoth, {"未经复议直接起诉", "行政诉讼未经复议直接起诉", "未经复议起诉"}},
    {"review_litigation", "row", "litigation_after_review", G::None, G::Litigation, kBoth, {"复议后起诉", "行政诉讼复议后起诉", "经复议后起诉"}},
    {"review_litigation", "col", "upheld", G::None, G::None, kBoth, {"结果维持", "维持"}},
    {"review_litigation", "col", "corrected", G::None, G::None, kBoth, {"结果纠正", "纠正"}},
    {"review_litigation", "col", "other", G::None, G::None, kBoth, {"其他结果", "其他"}},
    {"review_litigation", "col", "pending", G::None, G::None, kBoth, {"尚未审结", "未审结"}},
    {"review_litigation", "col", "total", G::None, G::None, kBoth, {"总计", "合计"}},
  };
  // clang-format on
  return entries;
}

}  // namespace xxgk
