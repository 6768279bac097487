#include "extract/pdf/pdf_extractor.h"

#include "extract/ocr/ocr_pages.h"
#include "extract/pdf/layout.h"
#include "extract/pdf/lines.h"
#include "extract/pdf/text_quality.h"
#include "model/errors.h"

#include <fmt/format.h>
#include <algorithm>
#include <spdlog/spdlog.h>

namespace xxgk {
namespace pdf {

// A page with more boxes than this is not a report page (a hostile or machine-made file): it is
// read as text without table reconstruction, whose cost grows faster than linearly.
constexpr size_t kMaxWordsPerPage = 20000;

// Reports run to a few dozen pages; past this many the file is something else (a compendium, a
// hostile file), and holding every page's words would take memory without bound.
constexpr int kMaxPages = 300;

std::vector<Block> lay_out(const std::vector<PageText>& texts, std::vector<ExtractionProblem>* problems) {
  std::vector<ExtractionProblem> ignored;
  if (!problems) problems = &ignored;
  std::vector<PageLines> pages;
  std::vector<std::vector<Line>> lines;
  for (const auto& t : texts) lines.push_back(group_lines(t));
  drop_page_furniture(lines, texts);
  drop_web_chrome(lines);
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
    build_tables(region, blocks, *problems);
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
    try {
      return read(file, options);
    } catch (DocumentError& e) {
      e.set_document_pages(file.pages());  // it opened: its length is known whatever failed after
      throw;
    }
  }

 private:
  Document read(const pdf::PdfFile& file, const ExtractOptions& options) const {
    Document doc;
    doc.format = "pdf";
    doc.pages = file.pages();
    doc.title_hint = file.title();
    std::vector<pdf::PageText> texts;
    std::vector<int> need_ocr;
    std::vector<ExtractionProblem> ocr_problems;
    int usable = 0;
    const int pages = std::min(file.pages(), pdf::kMaxPages);
    if (file.pages() > pages)
      doc.problems.push_back(ExtractionProblem{
          "too_many_pages", fmt::format("文档共{}页，只读取了前{}页", file.pages(), pages),
          fmt::format("the document has {} pages; only the first {} were read", file.pages(), pages), pages + 1});
    for (int p = 1; p <= pages; ++p) {
      check_deadline(options);
      pdf::PageText page = file.read_page(p);
      pdf::split_joined_header_words(page);
      if (page.words.size() > pdf::kMaxWordsPerPage) {
        spdlog::debug("page {} has {} text boxes; only the first {} are read", p, page.words.size(), pdf::kMaxWordsPerPage);
        page.words.resize(pdf::kMaxWordsPerPage);
        doc.problems.push_back(ExtractionProblem{"dense_page", "该页文字框过多，只读取了一部分",
                                                 "the page holds too many text boxes; only part of it was read", p});
      }
      const pdf::PageQuality q = pdf::assess_page(file, page);
      if (q.needs_ocr()) {
        spdlog::debug("page {}: {}", p, q.reason_en);
        need_ocr.push_back(p);
        ocr_problems.push_back(ExtractionProblem{"needs_ocr", q.reason_zh, q.reason_en, p});
        page.words.clear();
      } else if (q.verdict == pdf::TextVerdict::Usable) {
        ++usable;
      }
      texts.push_back(std::move(page));
    }
    std::vector<OcrPageBlocks> ocred;
    if (!need_ocr.empty() && ocr_ && options.ocr) ocred = ocr_(file, need_ocr, options);
    for (const auto& problem : ocr_problems) {
      const bool read = std::any_of(ocred.begin(), ocred.end(), [&](const OcrPageBlocks& o) { return o.page == problem.page; });
      if (!read) doc.problems.push_back(problem);
    }
    const int unreadable = static_cast<int>(need_ocr.size() - ocred.size());
    if (usable == 0 && ocred.empty() && unreadable > 0)
      throw DocumentError("needs_ocr",
                          fmt::format("no page of the PDF has a usable text layer ({} of {} pages are images or "
                                      "unreadable fonts): it needs OCR",
                                      unreadable, file.pages()),
                          fmt::format("PDF 没有可用的文字层（{} 页中有 {} 页为图片或字体无法解码），需要 OCR 识别",
                                      file.pages(), unreadable));
    if (usable == 0 && ocred.empty()) throw DocumentError("empty", "every page of the PDF is blank", "PDF 的每一页都是空白页");
    doc.blocks = pdf::lay_out(texts, &doc.problems);
    if (!ocred.empty()) {
      doc.format = "pdf-scanned";
      merge_pages(doc, std::move(ocred));
    }
    return doc;
  }

  static std::optional<int> page_of(const Block& b) { return b.is_table() ? b.table().page : b.paragraph().page; }

  // OCR'd pages' blocks go before the first text-layer block of a later page.
  static void merge_pages(Document& doc, std::vector<OcrPageBlocks> ocred) {
    std::sort(ocred.begin(), ocred.end(), [](const OcrPageBlocks& a, const OcrPageBlocks& b) { return a.page < b.page; });
    std::vector<Block> merged;
    size_t k = 0;
    for (auto& b : doc.blocks) {
      const int page = page_of(b).value_or(0);
      for (; k < ocred.size() && ocred[k].page < page; ++k)
        for (auto& o : ocred[k].blocks) merged.push_back(std::move(o));
      merged.push_back(std::move(b));
    }
    for (; k < ocred.size(); ++k)
      for (auto& o : ocred[k].blocks) merged.push_back(std::move(o));
    for (auto& o : ocred)
      for (auto& p : o.problems) doc.problems.push_back(std::move(p));
    doc.blocks = std::move(merged);
  }

  PageOcr ocr_;
};

}  // namespace

std::unique_ptr<Extractor> make_pdf_extractor(PageOcr ocr) { return std::make_unique<PdfExtractor>(std::move(ocr)); }

std::unique_ptr<Extractor> make_pdf_extractor() { return make_pdf_extractor(ocr::read_pdf_pages); }

}  // namespace xxgk
