// A ZIP archive read from memory, defensively: a DOCX is a ZIP file, and a ZIP file can claim
// anything. Every entry's metadata is checked before a byte is inflated, and every read stops at
// a hard cap whatever the headers say. Nothing is ever written to disk: entry names are looked
// up, never used as paths.
#pragma once

#include <zip.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace xxgk {

// Limits of what an archive may hold. The defaults are far above any real report (a 50-page
// report with images: a few hundred entries, a few MB of XML) and far below what hurts a batch.
struct ArchiveLimits {
  std::int64_t max_entries = 10000;             // entries in the central directory
  std::uint64_t max_entry_bytes = 256ull << 20;  // declared uncompressed size of any one entry
  std::uint64_t max_total_bytes = 1ull << 30;    // declared uncompressed size of all entries
  // Declared uncompressed/compressed size of an entry. Word's XML deflates 10–40:1; a zip bomb
  // is near deflate's ceiling of 1032:1. Only applied to entries above ratio_floor_bytes, where a
  // high ratio can hurt (a small part of repeated markup may legitimately compress better).
  double max_ratio = 200;
  std::uint64_t ratio_floor_bytes = 1ull << 20;
  std::uint64_t max_part_bytes = 32ull << 20;  // an XML part we inflate and parse (document.xml, …)
};

class ZipArchive {
 public:
  // Opens `bytes` (kept by reference: they must outlive the archive) and checks every entry
  // against `limits`. Throws DocumentError: "corrupt" (not a readable ZIP), "zip_bomb" (a limit
  // is broken).
  ZipArchive(std::string_view bytes, const ArchiveLimits& limits);

  // Index of the entry named `name` (ASCII case-insensitive, as OPC part names are), if any.
  std::optional<std::uint64_t> find(std::string_view name) const;

  // Inflates one entry. One declaring more than limits.max_part_bytes fails with "too_large"
  // before anything is unpacked; one that inflates to more than it declared fails with "zip_bomb"
  // as soon as it passes that size; a damaged or encrypted one with "corrupt" / "encrypted".
  // `part` names it in messages.
  std::string read(std::uint64_t index, std::string_view part) const;

  std::int64_t entries() const { return entries_; }

 private:
  struct Close {
    void operator()(zip_t* z) const { zip_discard(z); }  // read-only: nothing to write back
  };
  std::unique_ptr<zip_t, Close> zip_;
  ArchiveLimits limits_;
  std::int64_t entries_ = 0;
};

}  // namespace xxgk
