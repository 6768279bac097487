#include "regions/data.h"

#include <fmt/format.h>

#include <stdexcept>

namespace xxgk::regions {

std::vector<std::vector<std::string_view>> tsv_rows(std::string_view text, size_t columns, std::string_view what) {
  std::vector<std::vector<std::string_view>> rows;
  bool header = true;
  size_t line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    auto fields = tsv_fields(line);
    if (fields.size() < columns)
      throw std::runtime_error(fmt::format("{}: line {} has {} fields, {} expected", what, line_no, fields.size(), columns));
    rows.push_back(std::move(fields));
  }
  return rows;
}

std::vector<std::string_view> tsv_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  for (size_t start = 0;;) {
    const size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

}  // namespace xxgk::regions
