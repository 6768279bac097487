#include "extract/docx/zip_archive.h"

#include "model/errors.h"

#include <fmt/format.h>

#include <array>

namespace xxgk {
namespace {

// zip_error_t lives on the stack but owns a message string once libzip formats one.
struct ZipError {
  zip_error_t e;
  ZipError() { zip_error_init(&e); }
  ~ZipError() { zip_error_fini(&e); }
  ZipError(const ZipError&) = delete;
  ZipError& operator=(const ZipError&) = delete;
  std::string text() { return zip_error_strerror(&e); }
};

struct SourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};
struct FileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

[[noreturn]] void corrupt(const std::string& what) {
  throw DocumentError("corrupt", fmt::format("the file is not a readable ZIP archive (DOCX files are ZIP archives): {}", what),
                      fmt::format("文件不是可读取的 ZIP 压缩包（DOCX 文件即 ZIP 压缩包）：{}", what));
}

[[noreturn]] void bomb(const std::string& en, const std::string& zh) {
  throw DocumentError("zip_bomb",
                      fmt::format("the archive was refused as a possible zip bomb: {}", en),
                      fmt::format("压缩包疑似压缩炸弹，已拒绝：{}", zh));
}

std::string entry_name(const zip_stat_t& st) {
  return (st.valid & ZIP_STAT_NAME) && st.name ? std::string(st.name) : std::string("?");
}

}  // namespace

ZipArchive::ZipArchive(std::string_view bytes, const ArchiveLimits& limits) : limits_(limits) {
  ZipError err;
  std::unique_ptr<zip_source_t, SourceFree> src(zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err.e));
  if (!src) corrupt(err.text());
  zip_.reset(zip_open_from_source(src.get(), ZIP_RDONLY, &err.e));
  if (!zip_) corrupt(err.text());
  src.release();  // the archive owns the source now

  entries_ = zip_get_num_entries(zip_.get(), 0);
  if (entries_ < 0) corrupt("no central directory");
  if (entries_ > limits_.max_entries)
    bomb(fmt::format("it holds {} entries, more than the limit of {}", entries_, limits_.max_entries),
         fmt::format("包内有 {} 个条目，超过上限 {} 个", entries_, limits_.max_entries));

  // The declared sizes of every entry, before anything is inflated.
  std::uint64_t total = 0;
  for (std::int64_t i = 0; i < entries_; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_.get(), static_cast<std::uint64_t>(i), 0, &st) != 0)
      corrupt(fmt::format("entry {} cannot be read: {}", i, zip_strerror(zip_.get())));
    if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
      corrupt(fmt::format("entry {} ({}) has no recorded size", i, entry_name(st)));
    const std::string name = entry_name(st);
    if (st.size > limits_.max_entry_bytes)
      bomb(fmt::format("entry {} unpacks to {} bytes, more than the limit of {} bytes per entry", name, st.size,
                       limits_.max_entry_bytes),
           fmt::format("条目 {} 解压后 {} 字节，超过单个条目上限 {} 字节", name, st.size, limits_.max_entry_bytes));
    total += st.size;
    if (total > limits_.max_total_bytes)
      bomb(fmt::format("its entries unpack to more than {} bytes in all", limits_.max_total_bytes),
           fmt::format("全部条目解压后超过 {} 字节", limits_.max_total_bytes));
    if (st.size > limits_.ratio_floor_bytes) {
      const double ratio = st.comp_size == 0 ? 1e18 : static_cast<double>(st.size) / static_cast<double>(st.comp_size);
      if (ratio > limits_.max_ratio)
        bomb(fmt::format("entry {} declares {} bytes packed into {} (ratio {:.0f}:1, the limit is {:.0f}:1); "
                         "nothing was unpacked",
                         name, st.size, st.comp_size, ratio, limits_.max_ratio),
             fmt::format("条目 {} 声明将 {} 字节压缩为 {} 字节（压缩比 {:.0f}:1，上限 {:.0f}:1），未解压", name, st.size,
                         st.comp_size, ratio, limits_.max_ratio));
    }
  }
}

std::optional<std::uint64_t> ZipArchive::find(std::string_view name) const {
  const std::string n(name);
  const zip_int64_t i = zip_name_locate(zip_.get(), n.c_str(), ZIP_FL_NOCASE | ZIP_FL_ENC_GUESS);
  if (i < 0) return std::nullopt;
  return static_cast<std::uint64_t>(i);
}

std::string ZipArchive::read(std::uint64_t index, std::string_view part) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_.get(), index, 0, &st) != 0) corrupt(fmt::format("{} cannot be read", part));
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    throw DocumentError("encrypted",
                        fmt::format("the archive is password-protected ({} is encrypted): the document cannot be read", part),
                        fmt::format("压缩包有密码保护（{} 已加密），无法读取文档", part));
  if (st.size > limits_.max_part_bytes)
    throw DocumentError("too_large",
                        fmt::format("{} is {} bytes, more than the limit of {} bytes for one part", part, st.size,
                                    limits_.max_part_bytes),
                        fmt::format("{} 有 {} 字节，超过单个部件上限 {} 字节", part, st.size, limits_.max_part_bytes));
  const std::uint64_t cap = st.size;  // at most max_part_bytes, checked above
  std::unique_ptr<zip_file_t, FileClose> f(zip_fopen_index(zip_.get(), index, 0));
  if (!f) corrupt(fmt::format("{} cannot be opened: {}", part, zip_strerror(zip_.get())));
  // Never trust the declared size: inflate in chunks, and stop as soon as the output passes it.
  std::string out;
  out.reserve(static_cast<size_t>(std::min<std::uint64_t>(cap, 4u << 20)));
  std::array<char, 64 * 1024> buf{};
  for (;;) {
    const zip_int64_t n = zip_fread(f.get(), buf.data(), buf.size());
    if (n < 0) corrupt(fmt::format("{} is damaged: {}", part, zip_file_strerror(f.get())));
    if (n == 0) break;
    if (out.size() + static_cast<std::uint64_t>(n) > cap)
      bomb(fmt::format("{} unpacks to more than the {} bytes its header declares; unpacking stopped there", part, cap),
           fmt::format("{} 解压后超过其头部声明的 {} 字节，已在此处停止解压", part, cap));
    out.append(buf.data(), static_cast<size_t>(n));
  }
  return out;
}

}  // namespace xxgk
