#include "extract/pdf/text_layer.h"

#include "extract/encoding.h"
#include "model/errors.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <spdlog/spdlog.h>

// Poppler's core API (libpoppler-private-dev), for the text layer only (read_page).
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>

#include <climits>
#include <cmath>
#include <mutex>

#if defined(__SANITIZE_ADDRESS__)
// LeakSanitizer: fontconfig's configuration, loaded once per process when Poppler looks for a
// fallback font for a PDF's form field (FcInitLoadConfigAndFonts) and never freed, is a library's
// process-wide cache, not memory that grows with documents. Every binary that reads PDFs links
// this file, so the suppression goes with the code that causes the load.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif

namespace xxgk::pdf {
namespace {

// Poppler prints its complaints about damaged files to standard error; they belong in our log.
void poppler_message(const std::string& message, void*) { spdlog::trace("poppler: {}", message); }

void route_poppler_messages() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(poppler_message, nullptr); });
}

std::string utf8(const poppler::ustring& s) {
  auto bytes = s.to_utf8();  // a vector without a terminating NUL
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace

PdfFile::PdfFile(std::string_view bytes) {
  route_poppler_messages();
  if (bytes.size() > static_cast<size_t>(INT_MAX))
    throw DocumentError("too_large", "the PDF is larger than Poppler can read (2 GiB)", "PDF 文件超过 Poppler 可读取的大小（2 GiB）");
  doc_.reset(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc_)
    throw DocumentError("corrupt", "the file is not a readable PDF (damaged or truncated)",
                        "文件不是可读取的 PDF（已损坏或不完整）");
  if (doc_->is_locked())
    throw DocumentError("encrypted", "the PDF is encrypted and needs a password to open",
                        "PDF 已加密，需要密码才能打开");
  if (doc_->pages() <= 0)
    throw DocumentError("corrupt", "the PDF has no readable page (damaged or truncated)",
                        "PDF 没有可读取的页面（已损坏或不完整）");
  // The binding's document above keeps Poppler's global parameters alive for as long as this one.
  core_ = std::make_unique<PDFDoc>(new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)));
  if (!core_->isOk() || core_->getNumPages() != doc_->pages()) core_.reset();
}

PdfFile::~PdfFile() = default;

int PdfFile::pages() const { return doc_->pages(); }

std::string PdfFile::title() const { return utf8(doc_->get_title()); }

std::unique_ptr<poppler::page> PdfFile::open_page(int number) const {
  return std::unique_ptr<poppler::page>(doc_->create_page(number - 1));
}

PageText PdfFile::read_page(int number) const {
  if (!core_) return read_page_through_binding(number);
  PageText out;
  out.number = number;
  if (number < 1 || number > core_->getNumPages()) return out;
  Page* page = core_->getPage(number);
  if (!page) return out;
  const PDFRectangle* crop = page->getCropBox();
  out.width = crop->x2 - crop->x1;
  out.height = crop->y2 - crop->y1;
  // As page::text_list: no physical layout, 72 dpi, no rotation, the crop box, a private copy of
  // the cross-reference table (so two threads may read two documents at once).
  TextOutputDev dev(nullptr, false, 0, false, false);
  core_->displayPageSlice(&dev, number, 72, 72, 0, false, false, false, -1, -1, -1, -1, nullptr, nullptr, nullptr,
                          nullptr, true);
  const std::unique_ptr<TextWordList> list = dev.makeWordList();
  out.words.reserve(static_cast<size_t>(list->getLength()));
  for (int i = 0; i < list->getLength(); ++i) {
    const TextWord* tw = list->get(i);
    const std::unique_ptr<GooString> text(tw->getText());
    Word w;
    w.text = text->c_str();  // up to a NUL, as the binding reads it
    if (!is_valid_utf8(w.text)) w.text = utf8(poppler::ustring::from_utf8(text->c_str()));
    if (w.text.empty()) continue;
    double x0, y0, x1, y1;
    tw->getBBox(&x0, &y0, &x1, &y1);
    // The binding's rectangle keeps its corner and size, and gives back corner + size.
    w.box = Box{x0, y0, x0 + (x1 - x0), y0 + (y1 - y0)};
    w.size = tw->getFontSize();
    if (!(w.size > 0)) w.size = (y0 + (y1 - y0)) - y0;
    w.space_after = tw->hasSpaceAfter();
    out.words.push_back(std::move(w));
  }
  return out;
}

PageText PdfFile::read_page_through_binding(int number) const {
  PageText out;
  out.number = number;
  auto page = open_page(number);
  if (!page) return out;
  const auto rect = page->page_rect();
  out.width = rect.width();
  out.height = rect.height();
  auto boxes = page->text_list(poppler::page::text_list_include_font);
  out.words.reserve(boxes.size());
  for (const auto& b : boxes) {
    Word w;
    w.text = utf8(b.text());
    if (w.text.empty()) continue;
    const auto r = b.bbox();
    w.box = Box{r.left(), r.top(), r.right(), r.bottom()};
    w.size = b.get_font_size();
    if (!(w.size > 0)) w.size = r.height();
    w.space_after = b.has_space_after();
    out.words.push_back(std::move(w));
  }
  return out;
}

bool PdfFile::page_has_ink(int number) const {
  auto page = open_page(number);
  if (!page) return false;
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  // 24 dpi is enough to see a scanned page or a drawing; it costs a few milliseconds. A page whose
  // box is absurd (the PDF fuzzer's 5,957,874 x 842 pt: 556 million pixels, 9 s a page) is drawn
  // at a lower resolution, at most 4 million pixels (an A4 page at 24 dpi is 55,000).
  constexpr double kMaxPixels = 4'000'000;
  const poppler::rectf box = page->page_rect();
  const double pixels = (box.width() / 72 * 24) * (box.height() / 72 * 24);
  const double dpi = pixels > kMaxPixels ? 24 * std::sqrt(kMaxPixels / pixels) : 24;
  const poppler::image img = renderer.render_page(page.get(), dpi, dpi);
  if (!img.is_valid()) return false;
  const char* data = img.const_data();
  for (int y = 0; y < img.height(); ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(data + static_cast<long>(y) * img.bytes_per_row());
    for (int x = 0; x < img.width(); ++x)
      if (row[x] < 200) return true;
  }
  return false;
}

}  // namespace xxgk::pdf
