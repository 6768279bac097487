#include "fetch/readers/readers.h"

namespace xxgk::fetch::readers {

const ListingReader& trs_reader();
const ListingReader& jcms_reader();
const ListingReader& gkmlpt_reader();
const ListingReader& ucap_reader();
const ListingReader& generic_reader();

const ListingReader* find(std::string_view kind) {
  for (const ListingReader* r : {&trs_reader(), &jcms_reader(), &gkmlpt_reader(), &ucap_reader(), &generic_reader()})
    if (r->kind() == kind) return r;
  return nullptr;
}

}  // namespace xxgk::fetch::readers
