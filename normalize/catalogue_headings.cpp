// The headings of the six parts as data: the official heading (国办公开办函〔2021〕30号) first, then
// the variants real reports print. Punctuation, spacing, script and width need no variants of
// their own (keys are compared after label_key()); misspellings (行政法复议) are read by similarity
// to these, not listed.
#include "normalize/catalogue.h"

namespace xxgk {

const std::vector<PartHeadings>& part_heading_catalogue() {
  static const std::vector<PartHeadings> parts = {
      {"overview", {"总体情况", "总体概况", "概述", "基本情况"}},
      {"proactive", {"主动公开政府信息情况", "主动公开政府信息", "主动公开情况", "政府信息主动公开情况"}},
      {"requests",
       {"收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请", "依申请公开政府信息情况",
        "政府信息公开申请情况", "依申请公开情况"}},
      {"review_litigation",
       {"政府信息公开行政复议行政诉讼情况", "政府信息公开行政复议行政诉讼", "行政复议行政诉讼情况",
        "因政府信息公开申请行政复议行政诉讼情况", "政府信息公开行政复议和行政诉讼情况",
        // The pre-2019 format's wording, still printed by some 2019 and later reports.
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况", "因政府信息公开工作被申请行政复议提起行政诉讼情况",
        "因政府信息公开申请行政复议提起行政诉讼的情况", "因政府信息公开申请行政复议提起行政诉讼情况"}},
      {"problems",
       {"存在的主要问题及改进情况", "存在的主要问题和改进情况", "主要问题及改进情况", "存在的问题及改进情况",
        "存在的主要问题及改进措施", "存在的主要问题及改进", "存在的问题和改进措施",
        "政府信息公开工作存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进措施",
        "工作中存在的主要问题及改进情况", "存在的主要问题和改进措施",
        // 整改 for 改进: seen on a district portal's reports of several years.
        "存在的主要问题及整改措施", "存在的主要问题及整改情况", "存在的问题及整改措施", "存在的主要问题和整改措施"}},
      {"other", {"其他需要报告的事项", "其他需要报告事项", "其他事项"}},
  };
  return parts;
}

}  // namespace xxgk
