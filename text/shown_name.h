// File names are bytes: on Linux a name need not be UTF-8 (a Latin-1 or GBK name copied from
// elsewhere) and may hold a newline. The pipeline keeps them byte-exact (the store, the worker
// hand-off); what people read shows them escaped.
#pragma once

#include <string>
#include <string_view>

namespace xxgk {

// `bytes` with every byte that is not part of valid UTF-8 written \xNN (upper-case hex). With
// controls=true (log lines, tables) control characters are escaped too: \n, \r, \t, else \xNN, so a
// name never splits a line. Valid names without controls come back unchanged.
std::string shown_name(std::string_view bytes, bool controls = true);

}  // namespace xxgk
