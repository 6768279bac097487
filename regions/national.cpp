#include "regions/data.h"
#include "regions/divisions.h"

namespace xxgk {
std::string_view divisions_index_bin();  // regions/CMakeLists.txt: the index built with the program
}  // namespace xxgk

namespace xxgk::regions {

const Divisions& Divisions::national() {
  // Read from the index built with the program: building it from divisions.tsv took ~160 M
  // instructions (~35 ms, 5 to 10 times more under the sanitizers), paid by every process, most of
  // a one-file `xxgk extract`. The index is this build's own; were its bytes not readable here (a
  // library with another std::hash), the index is built from the data as before.
  // Never destroyed: freeing its hundred thousand names one by one at exit was a sixth of a short
  // run's start-up cost, paid again by every worker process of an audit.
  static const Divisions* const d = [] {
    if (auto read = from_bytes(divisions_index_bin())) return new Divisions(std::move(*read));
    return new Divisions(divisions_tsv());
  }();
  return *d;
}

}  // namespace xxgk::regions
