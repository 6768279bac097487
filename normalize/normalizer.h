// The normalizer: a Document becomes the contract's report fields (metadata, template, figures
// under canonical ids, sections) plus the structural findings of reading it.
#pragma once

#include "model/document.h"
#include "model/report.h"
#include "normalize/metadata.h"

#include <string>
#include <vector>

namespace xxgk {

struct Normalized {
  std::vector<std::string> problems_zh;  // what could not be read (makes the record `partial`)
  std::vector<std::string> problems_en;
  std::vector<std::string> tables_found;
};

// Fills report.report, report.figures (in contract order), report.sections and the findings of
// reading (structure.unmapped_label, structure.fuzzy_label), and report.source.published from the
// date the document shows when its provenance gave none.
Normalized normalize_document(const Document& doc, Report& report, const MetadataContext& context = {});

// The contract's template rule, applied to figures already read: 2021 when any figure uses a
// 2021-only label, else 2019 when any uses a 2019-only label, else unknown.
std::string detect_template(const std::vector<Figure>& figures);

void sort_figures(std::vector<Figure>& figures);

}  // namespace xxgk
