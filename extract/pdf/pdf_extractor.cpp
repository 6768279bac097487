#include "extract/pdf/pdf_extractor.h"

#include "extract/pdf/layout.h"
#include "extract/pdf/lines.h"
#include "extract/pdf/text_quality.h"
#include "model/errors.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace xxgk {
namespace pdf {

// A page with more boxes than this is not a report page (a hostile or machine-made file): it is
// read as text without table reconstruction, whose cost grows faster than linearly.
constexpr size_t kMaxWordsPerPage = 20000;

std::vector<Block> lay_out(const std::vector<PageText>& texts) {
  std::vector<PageLines> pages;
  std::vector<std::vector<Line>> lines;
  for (const auto& t : texts) lines.push_back(group_lines(t));
  drop_page_furniture(lines, texts);
  for (size_t p = 0; p < texts.size(); ++p)
    pages.push_back(PageLines{texts[p].number, texts[p].width, texts[p].height, std::move(lines[p])});
  const BodyMetrics body = body_metrics(pages);
  std::vector<Block> blocks;
  for (const auto& item : find_regions(pages, body)) {
    if (const auto* run = std::get_if<TextRun>(&item)) {
      for (auto& p : make_paragraphs(*run, body)) blocks.push_back(Block{std::move(p)});
      continue;
    }
    const auto& region = std::get<TableRegion>(item);
    size_t words = 0;
    for (const Line* l : region.lines) words += l->words.size();
    if (words > kMaxWordsPerPage) {
      for (auto& p : make_paragraphs(TextRun{region.lines}, body)) blocks.push_back(Block{std::move(p)});
      continue;
    }
    build_tables(region, blocks);
  }
  return blocks;
}

}  // namespace pdf

namespace {

class PdfExtractor final : public Extractor {
 public:
  explicit PdfExtractor(PageOcr ocr) : ocr_(std::move(ocr)) {}

  Document extract(std::string_view, std::string_view bytes, const ExtractOptions& options) const override {
    pdf::PdfFile file(bytes);
    Document doc;
    doc.format = "pdf";
    doc.pages = file.pages();
    doc.title_hint = file.title();
    std::vector<pdf::PageText> texts;
    int usable = 0, unreadable = 0, ocred = 0;
    for (int p = 1; p <= file.pages(); ++p) {
      check_deadline(options);
      pdf::PageText page = file.read_page(p);
      if (page.words.size() > pdf::kMaxWordsPerPage) {
        spdlog::debug("page {} has {} text boxes; only the first {} are read", p, page.words.size(), pdf::kMaxWordsPerPage);
        page.words.resize(pdf::kMaxWordsPerPage);
        doc.problems.push_back(ExtractionProblem{"dense_page", "该页文字框过多，只读取了一部分",
                                                 "the page holds too many text boxes; only part of it was read", p});
      }
      const pdf::PageQuality q = pdf::assess_page(file, page);
      if (q.needs_ocr()) {
        std::optional<pdf::PageText> read;
        if (ocr_ && options.ocr) read = ocr_(file, p, options);
        if (read) {
          page = std::move(*read);
          ++ocred;
          ++usable;
        } else {
          spdlog::debug("page {}: {}", p, q.reason_en);
          doc.problems.push_back(ExtractionProblem{"needs_ocr", q.reason_zh, q.reason_en, p});
          page.words.clear();
          ++unreadable;
        }
      } else if (q.verdict == pdf::TextVerdict::Usable) {
        ++usable;
      }
      texts.push_back(std::move(page));
    }
    if (usable == 0 && unreadable > 0)
      throw DocumentError("needs_ocr",
                          fmt::format("no page of the PDF has a usable text layer ({} of {} pages are images or "
                                      "unreadable fonts): it needs OCR",
                                      unreadable, file.pages()),
                          fmt::format("PDF 没有可用的文字层（{} 页中有 {} 页为图片或字体无法解码），需要 OCR 识别",
                                      file.pages(), unreadable));
    if (usable == 0) throw DocumentError("empty", "every page of the PDF is blank", "PDF 的每一页都是空白页");
    if (ocred > 0) doc.format = "pdf-scanned";
    doc.blocks = pdf::lay_out(texts);
    return doc;
  }

 private:
  PageOcr ocr_;
};

}  // namespace

std::unique_ptr<Extractor> make_pdf_extractor(PageOcr ocr) { return std::make_unique<PdfExtractor>(std::move(ocr)); }

std::unique_ptr<Extractor> make_pdf_extractor() { return make_pdf_extractor(PageOcr{}); }

}  // namespace xxgk
