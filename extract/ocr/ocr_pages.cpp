#include "extract/ocr/ocr_pages.h"

#include "extract/ocr/cell_reader.h"
#include "extract/ocr/page_image.h"
#include "extract/pdf/text_layer.h"
#include "model/errors.h"
#include "text/text.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <spdlog/spdlog.h>
#include <tesseract/baseapi.h>

#include <cmath>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

namespace xxgk::ocr {
namespace {

// Worker threads that outlive one document, so each loads chi_sim once. Grows to the largest
// --jobs asked for; joined at exit.
class OcrPool {
 public:
  static OcrPool& instance() {
    static OcrPool pool;
    return pool;
  }

  // Tesseract keeps the dictionaries (dawgs) of every loaded model in one process-wide cache, a
  // function-local static made on the first Init and reference-counted by each engine. Statics
  // die in the reverse order of their making, so the cache must exist before the pool does: else
  // it is destroyed at exit while the workers' engines still hold their dawgs (it deletes only
  // unreferenced ones: LeakSanitizer saw every dawg leaked) and the workers' End() then releases
  // them into a cache that is gone. ClearPersistentCache() makes the cache (and frees nothing
  // still in use).
  OcrPool() { tesseract::TessBaseAPI::ClearPersistentCache(); }

  std::future<OcrPage> submit(std::function<OcrPage()> task, int workers) {
    std::packaged_task<OcrPage()> job(std::move(task));
    auto result = job.get_future();
    {
      std::lock_guard lock(mutex_);
      while (static_cast<int>(threads_.size()) < workers) threads_.emplace_back([this] { work(); });
      queue_.push_back(std::move(job));
    }
    ready_.notify_one();
    return result;
  }

  ~OcrPool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  void work() {
    for (;;) {
      std::packaged_task<OcrPage()> job;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      job();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<OcrPage()>> queue_;
  std::vector<std::thread> threads_;
  bool stop_ = false;
};

OcrPage read_rendered(const std::shared_ptr<PixPtr>& image, int dpi, int page, const std::string& tessdata) {
  return read_page_image(image->get(), dpi, page, thread_engine(tessdata));
}

// Left and right edge of each grid column (points), from the cells one column wide; empty when
// some column has no such cell.
std::vector<std::pair<double, double>> column_edges(const Table& t) {
  const size_t cols = t.rows.empty() ? 0 : t.rows.front().size();
  std::vector<std::pair<double, double>> edges(cols, {NAN, NAN});
  for (const auto& row : t.rows)
    for (size_t c = 0; c < row.size() && c < cols; ++c)
      if (!row[c].covered && row[c].col_span == 1 && row[c].box && std::isnan(edges[c].first))
        edges[c] = {row[c].box->x0, row[c].box->x1};
  for (const auto& e : edges)
    if (std::isnan(e.first)) return {};
  return edges;
}

bool same_columns(const Table& a, const Table& b) {
  constexpr double kTolerance = 8;  // points: a scan lies a little differently on each page
  const auto ea = column_edges(a), eb = column_edges(b);
  if (ea.empty() || ea.size() != eb.size()) return false;
  for (size_t c = 0; c < ea.size(); ++c) {
    const double wa = ea[c].second - ea[c].first, wb = eb[c].second - eb[c].first;
    const double xa = ea[c].first - ea[0].first, xb = eb[c].first - eb[0].first;
    if (std::fabs(wa - wb) > kTolerance || std::fabs(xa - xb) > kTolerance) return false;
  }
  return true;
}

const Cell& anchor_of(const Table& t, size_t r, size_t c) {
  const Cell& cell = t.rows[r][c];
  return cell.covered ? t.rows[cell.anchor_row][cell.anchor_col] : cell;
}

// Whether the first row of `next` is the rest of the last row of `first`, cut by the page break:
// text only where the row above has text (a label wrapped on), none in its number cells, and no
// enumerator starting a new label (the text-layer path joins such lines the same way).
bool continues_last_row(const Table& first, const Table& next) {
  if (first.rows.empty() || next.rows.empty()) return false;
  const auto& above = first.rows.back();
  const auto& row = next.rows.front();
  if (row.size() != above.size()) return false;
  bool any = false;
  for (size_t c = 0; c < row.size(); ++c) {
    if (row[c].covered || row[c].text.empty()) continue;
    const std::string& before = anchor_of(first, first.rows.size() - 1, c).text;
    if (before.empty() || looks_numeric(before) || looks_numeric(row[c].text)) return false;
    const auto segments = split_label(row[c].text);
    if (!segments.empty() && segments.front().level > 0) return false;
    any = true;
  }
  return any;
}

// Appends each cell's text of `row` to the cell it continues (the anchor, when that slot is a
// merge's copy; its copies follow).
void merge_into_last_row(Table& t, const std::vector<Cell>& row) {
  const size_t last = t.rows.size() - 1;
  for (size_t c = 0; c < row.size(); ++c) {
    if (row[c].covered || row[c].text.empty()) continue;
    const Cell& slot = t.rows[last][c];
    const int ar = slot.covered ? slot.anchor_row : static_cast<int>(last);
    const int ac = slot.covered ? slot.anchor_col : static_cast<int>(c);
    Cell& anchor = t.rows[ar][ac];
    anchor.text += "\n" + row[c].text;
    if (row[c].confidence) anchor.confidence = std::min(anchor.confidence.value_or(100), *row[c].confidence);
    for (auto& cells : t.rows)
      for (auto& copy : cells)
        if (copy.covered && copy.anchor_row == ar && copy.anchor_col == ac) {
          copy.text = anchor.text;
          copy.confidence = anchor.confidence;
        }
  }
}

// Appends the rows of `next` (the same table, on the next page) to `first`.
void append_rows(Table& first, const Table& next) {
  const int shift = static_cast<int>(first.rows.size());
  size_t start = 0;
  if (continues_last_row(first, next)) {
    merge_into_last_row(first, next.rows.front());
    start = 1;
  }
  const size_t last = first.rows.size() - 1;
  for (size_t r = start; r < next.rows.size(); ++r) {
    auto row = next.rows[r];
    for (size_t c = 0; c < row.size(); ++c) {
      Cell& cell = row[c];
      if (!cell.covered) continue;
      if (start == 1 && cell.anchor_row == 0) {
        // Below a merged cell of the continued row: it now belongs to that row's cell.
        const Cell& slot = first.rows[last][static_cast<size_t>(cell.anchor_col)];
        const int ar = slot.covered ? slot.anchor_row : static_cast<int>(last);
        const int ac = slot.covered ? slot.anchor_col : cell.anchor_col;
        Cell& anchor = first.rows[static_cast<size_t>(ar)][static_cast<size_t>(ac)];
        if (static_cast<int>(c) == ac) anchor.row_span = static_cast<int>(first.rows.size()) + 1 - ar;
        cell = anchor;
        cell.covered = true;
        cell.anchor_row = ar;
        cell.anchor_col = ac;
      } else {
        cell.anchor_row += shift - static_cast<int>(start);
      }
    }
    first.rows.push_back(std::move(row));
  }
}

}  // namespace

std::vector<OcrPage> ocr_pages(const poppler::document& doc, const std::vector<int>& pages,
                               const ExtractOptions& options) {
  std::vector<OcrPage> out;
  const int dpi = options.ocr_dpi;
  auto render_one = [&](int page) {
    check_deadline(options);
    std::unique_ptr<poppler::page> p(doc.create_page(page - 1));
    if (!p)
      throw DocumentError("unreadable_page", "Poppler could not open the page for OCR", "无法打开该页以进行文字识别",
                          page);
    return std::make_shared<PixPtr>(render_page(*p, dpi));
  };
  if (options.jobs <= 1 || pages.size() <= 1) {
    for (int page : pages) out.push_back(read_rendered(render_one(page), dpi, page, options.tessdata));
    return out;
  }
  // At most jobs + 1 rendered pages wait at a time, so memory does not grow with the document.
  const auto window = static_cast<size_t>(options.jobs) + 1;
  std::deque<std::future<OcrPage>> pending;
  for (int page : pages) {
    if (pending.size() >= window) {
      out.push_back(pending.front().get());
      pending.pop_front();
    }
    auto image = render_one(page);
    pending.push_back(OcrPool::instance().submit(
        [image, dpi, page, tessdata = options.tessdata] { return read_rendered(image, dpi, page, tessdata); },
        options.jobs));
  }
  while (!pending.empty()) {
    out.push_back(pending.front().get());
    pending.pop_front();
  }
  return out;
}

void join_continued_tables(std::vector<OcrPage>& pages) {
  // The table that ran to the foot of the last page read; a page that is nothing but its
  // continuation leaves it open for the next one.
  Table* open = nullptr;
  int open_page = 0;
  for (OcrPage& page : pages) {
    if (open && page.page == open_page + 1 && !page.blocks.empty() && page.blocks.front().is_table() &&
        same_columns(*open, page.blocks.front().table())) {
      append_rows(*open, page.blocks.front().table());
      page.blocks.erase(page.blocks.begin());
      if (page.blocks.empty()) {
        open_page = page.page;
        continue;
      }
    }
    open = !page.blocks.empty() && page.blocks.back().is_table() ? &std::get<Table>(page.blocks.back().content) : nullptr;
    open_page = page.page;
  }
}

std::vector<OcrPageBlocks> read_pdf_pages(const pdf::PdfFile& file, const std::vector<int>& pages,
                                          const ExtractOptions& options) {
  auto read = ocr_pages(file.document(), pages, options);
  join_continued_tables(read);
  std::vector<OcrPageBlocks> out;
  for (auto& p : read) {
    spdlog::debug("ocr: page {}: {} blocks, {} cells with print ({} unreadable), turned {}x90°, skew {:.2f}°", p.page,
                  p.blocks.size(), p.cells, p.unreadable_cells, p.quarter_turns, p.skew_degrees);
    out.push_back(OcrPageBlocks{p.page, std::move(p.blocks), std::move(p.problems)});
  }
  return out;
}

}  // namespace xxgk::ocr
