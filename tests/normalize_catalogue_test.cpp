// The label catalogue: every canonical id is reachable from its official label and from a
// realistic variant; close labels of different meaning never cross; typos are read by
// similarity and flagged; what is unknown is not guessed.
#include "model/categories.h"
#include "normalize/catalogue.h"

#include <gtest/gtest.h>

#include <map>

namespace xxgk {
namespace {

// The label as categories.tsv prints it, split into the parts a report prints in separate cells:
// "（三）不予公开 1.属于国家秘密" → ["（三）不予公开", "1.属于国家秘密"]; notes in brackets dropped.
std::vector<std::string> official_parts(std::string_view label) {
  std::string s(label);
  for (std::string_view note : {" (2019:", " (one row)"})
    if (const size_t p = s.find(note); p != std::string::npos) s = s.substr(0, p);
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == ' ') {
      if (i > start) parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return parts;
}

struct Variant {
  std::vector<std::string> parts;
  bool fuzzy = false;  // reached by similarity (a typo), not equality
};

// One realistic printed variant per id: other wording, other or lost enumerators, full-width or
// traditional characters, spaces and line breaks inside, other quotes, typos.
const std::map<std::string, Variant>& variants() {
  static const std::map<std::string, Variant> v = {
      {"proactive.row.regulations", {{"政府规章"}}},
      {"proactive.row.normative_documents", {{"规范性文件"}}},
      {"proactive.row.licensing", {{"行 政 许 可"}}},
      {"proactive.row.other_services", {{"其他对外管理服务"}}},
      {"proactive.row.penalty", {{"行政處罰"}}},
      {"proactive.row.coercion", {{"行政强制事项"}}},
      {"proactive.row.fees", {{"行政事业收费"}}},
      {"proactive.row.procurement", {{"政府采购"}}},
      {"proactive.col.issued", {{"本年制发数量"}}},
      {"proactive.col.repealed", {{"本年废止\n件数"}}},
      {"proactive.col.in_force", {{"現行有效件數"}}},
      {"proactive.col.decisions", {{"处理决定数量"}}},
      {"proactive.col.amount", {{"本年收费金额(万元)"}}},
      {"proactive.col.made", {{"新制作数量"}}},
      {"proactive.col.published", {{"本年新公开\n数量"}}},
      {"proactive.col.published_total", {{"对外公开总数"}}},
      {"proactive.col.previous_items", {{"上年项目数量"}}},
      {"proactive.col.change", {{"本年增（减）"}}},
      {"proactive.col.procurement_items", {{"采购项目数"}}},
      {"proactive.col.procurement_amount", {{"采购总金额（万元）"}}},
      {"requests.row.new_received", {{"一.本年度新收政府信息公开申请数量"}}},
      {"requests.row.carried_over", {{"二、上年度结转政府信息公开申请数量"}}},
      {"requests.row.granted", {{"三、本年度办理结果（一）予以公开"}}},
      {"requests.row.partially_granted", {{"(二)部分公开"}}},
      {"requests.row.withheld_state_secret", {{"不予公开", "①国家秘密"}}},
      {"requests.row.withheld_prohibited_by_law", {{"（三）不予公开", "2.其他法律行政止公开"}, true}},
      {"requests.row.withheld_security_stability", {{"3．危及「三安全一穩定」"}}},
      {"requests.row.withheld_third_party", {{"（4）保护第三方合法权益"}}},
      {"requests.row.withheld_internal_affairs", {{"5、三类内部事务信息"}}},
      {"requests.row.withheld_process_info", {{"6.属于 四类过程性信息"}}},
      {"requests.row.withheld_enforcement_file", {{"7.行政执法案卷"}}},
      {"requests.row.withheld_query_matter", {{"8)行政查询事项"}}},
      {"requests.row.unavailable_not_held", {{"（四）无法提供", "1.本机关不掌握相关信息"}}},
      {"requests.row.unavailable_needs_creation", {{"2.没有现成信息需另行制作"}}},
      {"requests.row.unavailable_unclear", {{"３．補正後申請內容仍不明確"}}},
      {"requests.row.not_processed_complaint", {{"1.信訪舉報投訴類申請"}}},
      {"requests.row.not_processed_repeated", {{"（五）不予处理", "2、重复申请"}}},
      {"requests.row.not_processed_publication", {{"3、要求提供\n公开出版物"}}},
      {"requests.row.not_processed_excessive", {{"4．无正当理由大量反复申请"}}},
      {"requests.row.not_processed_confirmation", {{"⑤要求行政机关确认或重新出具已获取的信息"}, true}},
      {"requests.row.other_processing", {{"(六)其他处理"}}},
      {"requests.row.other_overdue_correction", {{"1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"}}},
      {"requests.row.other_unpaid_fee", {{"（六）其他处理", "２．申请人逾期未按收费通知要求缴纳费用", "行政机关不再处理其政府信息公开申请"}}},
      {"requests.row.other_other", {{"（六）其他处理", "3.其他"}}},
      {"requests.row.processed_total", {{"（七）合计"}}},
      {"requests.row.carried_forward", {{"四、结转下一年度继续办理"}}},
      {"requests.col.natural_person", {{"自 然 人"}}},
      {"requests.col.commercial", {{"法人或其他组织", "商业企\n业"}}},
      {"requests.col.research", {{"科研\n机构"}}},
      {"requests.col.social_welfare", {{"社会公益\u3000组织"}}},
      {"requests.col.legal_service", {{"法律服務機構"}}},
      {"requests.col.other_org", {{"法人或者其他组织", "其他"}}},
      {"requests.col.total", {{"合　计"}}},
      {"review_litigation.row.review", {{"行 政 复 议"}}},
      {"review_litigation.row.litigation_direct", {{"行政诉讼未经复议直接起诉"}}},
      {"review_litigation.row.litigation_after_review", {{"行政訴訟", "復議後起訴"}}},
      {"review_litigation.col.upheld", {{"结果\n维持"}}},
      {"review_litigation.col.corrected", {{"纠正"}}},
      {"review_litigation.col.other", {{"其他"}}},
      {"review_litigation.col.pending", {{"尚未\n审结"}}},
      {"review_litigation.col.total", {{"合计"}}},
  };
  return v;
}

TEST(Catalogue, EveryIdReachableFromItsOfficialLabel) {
  for (const auto& d : categories()) {
    const auto parts = official_parts(d.label_zh);
    const auto m = match_label_path(d.table, d.axis, parts);
    ASSERT_TRUE(m.has_value()) << d.table << "." << d.axis << "." << d.id << " from " << d.label_zh;
    EXPECT_EQ(m->entry->id, d.id) << d.label_zh;
    EXPECT_FALSE(m->fuzzy) << d.label_zh;
  }
}

TEST(Catalogue, EveryIdReachableFromARealisticVariant) {
  for (const auto& d : categories()) {
    const std::string key = std::string(d.table) + "." + std::string(d.axis) + "." + std::string(d.id);
    const auto it = variants().find(key);
    ASSERT_NE(it, variants().end()) << "no variant listed for " << key;
    const auto m = match_label_path(d.table, d.axis, it->second.parts);
    ASSERT_TRUE(m.has_value()) << key;
    EXPECT_EQ(m->entry->id, d.id) << key;
    EXPECT_EQ(m->fuzzy, it->second.fuzzy) << key;
  }
  EXPECT_EQ(variants().size(), categories().size());
}

TEST(Catalogue, EveryIdHasAnEntryWhoseTemplatesMatchTheContract) {
  for (const auto& d : categories()) {
    bool found = false;
    for (const auto& e : label_catalogue())
      if (e.table == d.table && e.axis == d.axis && e.id == d.id) {
        found = true;
        EXPECT_EQ(e.templates, d.templates) << d.id;
      }
    EXPECT_TRUE(found) << d.id;
  }
}

std::optional<std::string> id_of(std::string_view table, std::string_view axis, std::string_view text,
                                  LabelGroup group = LabelGroup::None) {
  auto m = match_label(table, axis, text, group);
  if (!m) return std::nullopt;
  return std::string(m->entry->id);
}

TEST(Catalogue, CloseLabelsOfDifferentMeaningNeverCross) {
  EXPECT_EQ(id_of("requests", "row", "予以公开"), "granted");
  EXPECT_EQ(id_of("requests", "row", "部分公开"), "partially_granted");
  // One character off a short label is not read as either.
  EXPECT_EQ(id_of("requests", "row", "予已公开"), std::nullopt);
  EXPECT_EQ(id_of("requests", "row", "部份公开"), std::nullopt);
  EXPECT_EQ(id_of("review_litigation", "col", "结果维持"), "upheld");
  EXPECT_EQ(id_of("review_litigation", "col", "结果纠正"), "corrected");
  EXPECT_EQ(id_of("review_litigation", "col", "结果维正"), std::nullopt);
  // 其他 means other_other only under （六）其他处理; among the columns of requests it is other_org.
  EXPECT_EQ(id_of("requests", "row", "其他", LabelGroup::Other), "other_other");
  EXPECT_EQ(id_of("requests", "row", "其他", LabelGroup::Withheld), std::nullopt);
  EXPECT_EQ(id_of("requests", "row", "其他"), std::nullopt);
  EXPECT_EQ(id_of("requests", "col", "其他", LabelGroup::LegalPerson), "other_org");
  EXPECT_EQ(id_of("requests", "col", "其他"), "other_org");
  // Two long labels sharing most of their words: a label between them is not guessed.
  EXPECT_EQ(id_of("requests", "row", "本年结转政府信息公开申请数量"), std::nullopt);
  EXPECT_EQ(id_of("requests", "row", "申请人逾期行政机关不再处理其政府信息公开申请"), std::nullopt);
}

TEST(Catalogue, TyposAreReadBySimilarityAndSaySo) {
  auto m = match_label("requests", "row", "其他法律行政止公开", LabelGroup::Withheld);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->entry->id, "withheld_prohibited_by_law");
  EXPECT_TRUE(m->fuzzy);
  EXPECT_EQ(m->distance, 3);
  m = match_label("requests", "row", "要求行政机关确认或重新出具已获得信息", LabelGroup::None);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->entry->id, "not_processed_confirmation");
  EXPECT_TRUE(m->fuzzy);
  m = match_label("requests", "row", "本年新收政府信息公开申请数", LabelGroup::None);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->entry->id, "new_received");
  EXPECT_TRUE(m->fuzzy);
}

TEST(Catalogue, UnknownLabelsAreNotGuessed) {
  EXPECT_EQ(id_of("requests", "row", "其中：网上申请"), std::nullopt);
  EXPECT_EQ(id_of("requests", "row", "信息处理费"), std::nullopt);
  EXPECT_EQ(id_of("proactive", "row", "政策文件"), std::nullopt);
  EXPECT_EQ(id_of("", "row", "合计收费金额"), std::nullopt);
  EXPECT_EQ(id_of("requests", "row", ""), std::nullopt);
}

TEST(Catalogue, GroupsByLabelAndByNumber) {
  EXPECT_EQ(match_group("不予公开"), LabelGroup::Withheld);
  EXPECT_EQ(match_group("不 予 公 开"), LabelGroup::Withheld);
  EXPECT_EQ(match_group("本年度办理结果"), LabelGroup::Results);
  EXPECT_EQ(match_group("法人或者其他组织"), LabelGroup::LegalPerson);
  EXPECT_EQ(match_group("予以公开"), std::nullopt);
  // A group label cut by a wrapped cell: （三）不 / 予公开, （六）其 / 他处理.
  EXPECT_EQ(group_by_number(3, "不"), LabelGroup::Withheld);
  EXPECT_EQ(group_by_number(6, "其"), LabelGroup::Other);
  EXPECT_EQ(group_by_number(6, ""), LabelGroup::Other);
  EXPECT_EQ(group_by_number(4, "不予"), std::nullopt);
  EXPECT_EQ(group_by_number(1, ""), std::nullopt);
}

TEST(Catalogue, LabelsInPartsTakeTheirGroupFromTheParts) {
  auto m = match_label_path("requests", "row", {"三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->entry->id, "withheld_state_secret");
  m = match_label_path("requests", "row", {"（六）其他处理3.其他"});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->entry->id, "other_other");
  m = match_label_path("requests", "row", {"（六）其", "3、其他"});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->entry->id, "other_other");
  m = match_label_path("requests", "col", {"申请人情况", "法人或其他组织", "其他"});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->entry->id, "other_org");
  EXPECT_FALSE(match_label_path("requests", "row", {"（三）不予公开", "3.其他"}));
}

// A numbered sub-row OCR garbled past what similarity alone accepts (保护第三方 read 保护第pa,
// 四类过程性 lost): its number and group name the template's row, read as fuzzy (a finding says
// so); a number that names another row, no group, or text unlike the row is not guessed.
TEST(Catalogue, GarbledNumberedSubRowsAreReadByTheirNumber) {
  EXPECT_FALSE(match_label("requests", "row", "保护第pa合法权益", LabelGroup::Withheld));
  auto m = match_label_path("requests", "row", {"4.保护第pa合法权益"}, LabelGroup::Withheld);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->entry->id, "withheld_third_party");
  EXPECT_TRUE(m->fuzzy);
  EXPECT_EQ(m->distance, 2);
  m = match_label_path("requests", "row", {"Es年度办理结果", "（三）不予公开", "6.属于四信息"});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->entry->id, "withheld_process_info");
  EXPECT_TRUE(m->fuzzy);
  m = match_label_path("requests", "row", {"2.没有现成信息需要另行"}, LabelGroup::Unavailable);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->entry->id, "unavailable_needs_creation");
  EXPECT_FALSE(match_label_path("requests", "row", {"4.保护第pa合法权益"}));                          // no group
  EXPECT_FALSE(match_label_path("requests", "row", {"5.保护第pa合法权益"}, LabelGroup::Withheld));    // 5 is another row
  EXPECT_FALSE(match_label_path("requests", "row", {"4.本机关不掌握"}, LabelGroup::Withheld));        // unlike row 4
  EXPECT_FALSE(match_label_path("requests", "row", {"保护第pa合法权益"}, LabelGroup::Withheld));      // no number
  EXPECT_FALSE(match_label_path("proactive", "row", {"4.保护第pa合法权益"}, LabelGroup::Withheld));  // other table
}

// Every sub-row of the four numbered groups is found by its template number: its official label
// with every third character garbled (too unlike for similarity alone) under "N.".
TEST(Catalogue, EveryNumberedSubRowHasItsTemplateNumber) {
  const std::vector<std::pair<LabelGroup, std::vector<std::string>>> template_order = {
      {LabelGroup::Withheld,
       {"withheld_state_secret", "withheld_prohibited_by_law", "withheld_security_stability", "withheld_third_party",
        "withheld_internal_affairs", "withheld_process_info", "withheld_enforcement_file", "withheld_query_matter"}},
      {LabelGroup::Unavailable, {"unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"}},
      {LabelGroup::NotProcessed,
       {"not_processed_complaint", "not_processed_repeated", "not_processed_publication", "not_processed_excessive",
        "not_processed_confirmation"}},
      {LabelGroup::Other, {"other_overdue_correction", "other_unpaid_fee", "other_other"}},
  };
  auto garbled = [](std::string_view label) {
    std::string out;
    int n = 0;
    for (size_t i = 0; i < label.size();) {
      const auto c = static_cast<unsigned char>(label[i]);
      const size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      out += ++n % 3 == 0 ? std::string("W") : std::string(label.substr(i, len));
      i += len;
    }
    return out;
  };
  for (const auto& [group, ids] : template_order)
    for (size_t k = 0; k < ids.size(); ++k) {
      const LabelEntry* entry = nullptr;
      for (const auto& e : label_catalogue())
        if (e.id == ids[k] && e.axis == "row") entry = &e;
      ASSERT_NE(entry, nullptr) << ids[k];
      const std::string text = garbled(entry->variants.front());
      const std::string printed = std::to_string(k + 1) + "." + text;
      const auto m = match_label_path("requests", "row", {printed}, group);
      ASSERT_TRUE(m) << printed;
      EXPECT_EQ(m->entry->id, ids[k]) << printed;
      EXPECT_EQ(m->fuzzy, text != entry->variants.front()) << printed;  // 其他 is too short to garble
    }
}

}  // namespace
}  // namespace xxgk
