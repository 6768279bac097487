// TRS WCM (拓尔思): the column is …/col/index.html or a folder (…/ndbg/); entries link
// ./YYYYMM/tYYYYMMDD_<id>.htm(l); the page count exists only in a script (createPageHTML(…) or a
// recordCount/prepage config that draws the pager), the further pages are index_1.html, index_2.html ….
#include "fetch/readers/readers.h"

#include <cctype>

namespace xxgk::fetch::readers {
namespace {

// tYYYYMMDD_<digits>.htm / .html / .shtml
bool trs_article(const Url& u) {
  const std::string f = file_name_of(u);
  if (f.size() < 12 || f[0] != 't') return false;
  size_t i = 1;
  while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) ++i;
  if (i != 9 || i >= f.size() || f[i] != '_') return false;
  size_t j = i + 1;
  while (j < f.size() && std::isdigit(static_cast<unsigned char>(f[j]))) ++j;
  const std::string ext = f.substr(j);
  return j > i + 1 && (ext == ".htm" || ext == ".html" || ext == ".shtml");
}

class TrsReader : public ListingReader {
 public:
  std::string_view kind() const override { return "trs"; }
  ListingPage read(const Url& url, std::string_view bytes, int page) const override {
    return read_static_listing(url, bytes, page, trs_article, "index", true);
  }
};

}  // namespace

const ListingReader& trs_reader() {
  static const TrsReader r;
  return r;
}

}  // namespace xxgk::fetch::readers
