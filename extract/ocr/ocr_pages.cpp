#include "extract/ocr/ocr_pages.h"

#include "extract/ocr/page_image.h"
#include "model/errors.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <spdlog/spdlog.h>

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

std::optional<int> last_page(const Table& t) {
  for (auto r = t.rows.rbegin(); r != t.rows.rend(); ++r)
    for (const auto& c : *r)
      if (c.page) return c.page;
  return t.page;
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

void join_continued_tables(std::vector<Block>& blocks) {
  for (size_t i = 0; i + 1 < blocks.size();) {
    if (!blocks[i].is_table() || !blocks[i + 1].is_table()) {
      ++i;
      continue;
    }
    Table& first = std::get<Table>(blocks[i].content);
    const Table& next = blocks[i + 1].table();
    const auto end = last_page(first);
    if (!end || !next.page || *next.page != *end + 1 || !same_columns(first, next)) {
      ++i;
      continue;
    }
    const int shift = static_cast<int>(first.rows.size());
    for (auto row : next.rows) {
      for (auto& c : row)
        if (c.covered) c.anchor_row += shift;
      first.rows.push_back(std::move(row));
    }
    blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(i) + 1);
  }
}

}  // namespace xxgk::ocr
