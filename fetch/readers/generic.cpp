// Any other portal: every link of the listing is an entry (the title pattern picks the reports),
// and the next page is the link reading 下一页 / 下页 / > (or a script pager, when there is one).
#include "fetch/readers/readers.h"

namespace xxgk::fetch::readers {
namespace {

class GenericReader : public ListingReader {
 public:
  std::string_view kind() const override { return "generic"; }
  ListingPage read(const Url& url, std::string_view bytes, int page) const override {
    return read_static_listing(url, bytes, page, nullptr, "index", true);
  }
};

}  // namespace

const ListingReader& generic_reader() {
  static const GenericReader r;
  return r;
}

}  // namespace xxgk::fetch::readers
