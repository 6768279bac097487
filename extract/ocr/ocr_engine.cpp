#include "extract/ocr/ocr_engine.h"

#include "model/errors.h"

#include <dlfcn.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <mutex>

namespace xxgk::ocr {
namespace {

// Tesseract hands out strings allocated with new[].
struct TextDeleter {
  void operator()(char* p) const { delete[] p; }
};
using TessText = std::unique_ptr<char[], TextDeleter>;

struct IteratorDeleter {
  void operator()(tesseract::ResultIterator* it) const { delete it; }
};

bool is_ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Variables set on every engine: no dictionaries (labels are matched by the normalizer, numbers
// must never be "corrected" towards words), and no debug output.
constexpr std::pair<const char*, const char*> kQuietVars[] = {
    {"load_system_dawg", "0"}, {"load_freq_dawg", "0"}, {"debug_file", "/dev/null"},
};

}  // namespace

void limit_openmp_threads() {
  static std::once_flag once;
  std::call_once(once, [] {
    // max-active-levels 0 makes every parallel region run on the thread that meets it; the
    // num_threads clauses inside Tesseract's LSTM cannot override it. The symbol is there only
    // when libtesseract was built with OpenMP.
    using SetLevels = void (*)(int);
    if (auto fn = reinterpret_cast<SetLevels>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"))) {
      fn(0);
      spdlog::debug("ocr: OpenMP inside Tesseract limited to one thread");
    }
  });
}

void OcrEngine::ApiDeleter::operator()(tesseract::TessBaseAPI* api) const {
  api->End();
  delete api;
}

OcrEngine::OcrEngine(const std::string& tessdata, DigitModel digits) : tessdata_(tessdata), digit_model_(digits) {
  limit_openmp_threads();
  text_ = load("chi_sim");
  text_->SetVariable("preserve_interword_spaces", "1");
}

OcrEngine::~OcrEngine() = default;

OcrEngine::Api OcrEngine::load(const char* language) const {
  Api api(new tesseract::TessBaseAPI());
  std::vector<std::string> names, values;
  for (auto [n, v] : kQuietVars) {
    names.emplace_back(n);
    values.emplace_back(v);
  }
  const char* path = tessdata_.empty() ? nullptr : tessdata_.c_str();
  if (api->Init(path, language, tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values, false) != 0)
    throw DocumentError("ocr_unavailable",
                        fmt::format("Tesseract could not load the '{}' language data{}{}", language,
                                    tessdata_.empty() ? "" : " from ", tessdata_),
                        fmt::format("Tesseract 无法加载“{}”语言数据（请安装 tesseract-ocr-chi-sim）", language));
  return api;
}

void OcrEngine::set_image(Pix* text, int dpi, Pix* digits) {
  image_ = text;
  digits_source_ = digits ? digits : text;
  dpi_ = dpi;
  text_image_ = nullptr;
  digits_image_ = nullptr;
  second_image_ = nullptr;
}

namespace {
int page_seg_mode(Layout layout) {
  switch (layout) {
    case Layout::Page: return tesseract::PSM_AUTO;
    case Layout::Block: return tesseract::PSM_SINGLE_BLOCK;
    case Layout::Line: return tesseract::PSM_SINGLE_LINE;
    case Layout::Word: return tesseract::PSM_SINGLE_WORD;
    case Layout::RawLine: return tesseract::PSM_RAW_LINE;
  }
  return tesseract::PSM_SINGLE_BLOCK;
}
}  // namespace

OcrReading OcrEngine::read(const Rect& region, Layout layout) {
  return run(*text_, image_, text_image_, region, page_seg_mode(layout));
}

OcrReading OcrEngine::read_second_opinion(const Rect& region, Layout layout) {
  if (!second_ && !second_missing_) {
    try {
      second_ = load("HanS");
    } catch (const DocumentError&) {
      second_missing_ = true;
      spdlog::info("ocr: no HanS model (tesseract-ocr-script-hans): unsure labels get no second reading");
    }
  }
  if (!second_) return {};
  return run(*second_, image_, second_image_, region, page_seg_mode(layout));
}

OcrReading OcrEngine::read_digits(const Rect& region, Layout layout) {
  if (!digits_) {
    digits_ = load(digit_model_ == DigitModel::EngWhitelist ? "eng" : "chi_sim");
    // l, I and | are let through and read as 1: the eng model sees a serif 1 as l and, held to
    // digits only, returns nothing for it.
    digits_->SetVariable("tessedit_char_whitelist", "0123456789.,-/lI|");
    digits_->SetVariable("classify_bln_numeric_mode", "1");
    // No figure is printed white on black: the second, inverted reading Tesseract makes of every
    // unsure line is a fifth of the digits recognizer's time for nothing.
    digits_->SetVariable("tessedit_do_invert", "0");
  }
  OcrReading out = run(*digits_, digits_source_, digits_image_, region, page_seg_mode(layout));
  for (auto& line : out.lines)
    for (auto& w : line.words)
      std::replace_if(w.text.begin(), w.text.end(), [](char c) { return c == 'l' || c == 'I' || c == '|'; }, '1');
  return out;
}

OcrReading OcrEngine::run(tesseract::TessBaseAPI& api, Pix* image, Pix*& current, const Rect& region, int psm) {
  OcrReading out;
  if (!image || region.empty()) return out;
  if (current != image) {
    api.SetImage(image);
    api.SetSourceResolution(dpi_);
    current = image;
  }
  api.SetPageSegMode(static_cast<tesseract::PageSegMode>(psm));
  api.SetRectangle(region.x0, region.y0, region.width(), region.height());
  if (api.Recognize(nullptr) != 0) return out;
  std::unique_ptr<tesseract::ResultIterator, IteratorDeleter> it(api.GetIterator());
  if (!it) return out;
  const auto word = tesseract::RIL_WORD;
  do {
    TessText text(it->GetUTF8Text(word));
    if (!text || text[0] == 0) continue;  // rules and specks come back as empty words
    OcrWord w;
    w.text = text.get();
    int x0, y0, x1, y1;
    it->BoundingBox(word, &x0, &y0, &x1, &y1);
    w.box = Rect{x0, y0, x1, y1};
    w.confidence = it->Confidence(word);
    if (out.lines.empty() || it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) out.lines.emplace_back();
    OcrLine& line = out.lines.back();
    if (line.words.empty()) line.box = w.box;
    line.box = Rect{std::min(line.box.x0, x0), std::min(line.box.y0, y0), std::max(line.box.x1, x1),
                    std::max(line.box.y1, y1)};
    line.words.push_back(std::move(w));
  } while (it->Next(word));
  std::erase_if(out.lines, [](const OcrLine& l) { return l.words.empty(); });
  return out;
}

std::string OcrReading::text() const {
  std::string s;
  for (const auto& line : lines) {
    if (!s.empty()) s += '\n';
    std::string l;
    for (const auto& w : line.words) {
      // Tesseract splits Chinese into one "word" per character; a space belongs only between
      // two Latin words or numbers (e.g. "第 3 页" stays without spaces).
      if (!l.empty() && is_ascii_alnum(static_cast<unsigned char>(l.back())) &&
          is_ascii_alnum(static_cast<unsigned char>(w.text.front())))
        l += ' ';
      l += w.text;
    }
    s += l;
  }
  return s;
}

double OcrReading::min_confidence() const {
  double m = 100;
  for (const auto& l : lines)
    for (const auto& w : l.words) m = std::min(m, w.confidence);
  return empty() ? 0 : m;
}

double OcrReading::mean_confidence() const {
  double sum = 0;
  int n = 0;
  for (const auto& l : lines)
    for (const auto& w : l.words) sum += w.confidence, ++n;
  return n ? sum / n : 0;
}

bool OcrReading::empty() const { return lines.empty(); }

OcrEngine& thread_engine(const std::string& tessdata) {
  thread_local std::unique_ptr<OcrEngine> engine;
  if (!engine || engine->tessdata() != tessdata) engine = std::make_unique<OcrEngine>(tessdata);
  return *engine;
}

}  // namespace xxgk::ocr
