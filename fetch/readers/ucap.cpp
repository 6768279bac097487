// UCAP (gov.cn and many ministry sites): the column is …/home.htm, further pages home_1.htm,
// home_2.htm …, counted by a createPageHTML('div', <pages>, <current>, 'home', 'htm', <records>)
// call; articles are relative links, often …/content_<id>.htm.
#include "fetch/readers/readers.h"

namespace xxgk::fetch::readers {
namespace {

bool ucap_article(const Url& u) {
  const std::string f = file_name_of(u);
  return f.rfind("content_", 0) == 0;
}

class UcapReader : public ListingReader {
 public:
  std::string_view kind() const override { return "ucap"; }
  ListingPage read(const Url& url, std::string_view bytes, int page) const override {
    return read_static_listing(url, bytes, page, ucap_article, "home", true);
  }
};

}  // namespace

const ListingReader& ucap_reader() {
  static const UcapReader r;
  return r;
}

}  // namespace xxgk::fetch::readers
