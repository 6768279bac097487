// The data files of data/ that xxgk is built with (cmake/Embed.cmake), and the one TSV reader
// they share. Each file documents its columns in its own comment lines.
#pragma once

#include <string_view>
#include <vector>

namespace xxgk {

std::string_view divisions_tsv();       // data/divisions/divisions.tsv: code, name, kind
std::string_view division_keys_tsv();   // data/divisions/keys.tsv: name, key
std::string_view agency_words_tsv();    // data/regions/agency_words.tsv: words, what
std::string_view aliases_tsv();         // data/regions/aliases.tsv: kind, name, means, note
std::string_view ethnic_groups_tsv();   // data/regions/ethnic_groups.tsv: name
std::string_view deadlines_tsv();       // data/regions/deadlines.tsv: role, levels, due, basis

namespace regions {

// The rows of a data file: lines starting with '#' and the header line skipped, fields split at
// tabs. Throws std::runtime_error naming `what` and the line when a row has fewer than `columns`
// fields (the data is built in, so this only happens to someone editing it).
std::vector<std::vector<std::string_view>> tsv_rows(std::string_view text, size_t columns, std::string_view what);

// The fields of one line of a data file, split at tabs.
std::vector<std::string_view> tsv_fields(std::string_view line);

}  // namespace regions
}  // namespace xxgk
