#include "extract/office/soffice.h"

#include "model/errors.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

extern char** environ;

namespace xxgk {
namespace {

namespace fs = std::filesystem;

bool executable(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// A private folder under $TMPDIR (or /tmp), removed with everything in it when done.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/xxgk-office-XXXXXX";
    if (!::mkdtemp(tmpl.data()))
      throw DocumentError("conversion_failed", fmt::format("cannot create a temporary folder for LibreOffice: {}", std::strerror(errno)),
                          fmt::format("无法为 LibreOffice 创建临时文件夹：{}", std::strerror(errno)));
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct SpawnActions {
  posix_spawn_file_actions_t a;
  SpawnActions() { posix_spawn_file_actions_init(&a); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&a); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
};

struct SpawnAttributes {
  posix_spawnattr_t a;
  SpawnAttributes() { posix_spawnattr_init(&a); }
  ~SpawnAttributes() { posix_spawnattr_destroy(&a); }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
};

// A child process that leads its own process group; the group is killed and the child reaped
// however the object goes out of scope, so no LibreOffice process outlives a conversion.
class ProcessGroup {
 public:
  explicit ProcessGroup(pid_t pid) : pid_(pid) {}
  ~ProcessGroup() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  // Waits until the leader exits or the deadline passes. On exit the rest of the group (helpers
  // left behind) is killed while the leader, not yet reaped, still holds the group id.
  std::optional<int> wait_until(std::chrono::steady_clock::time_point deadline) {
    auto pause = std::chrono::milliseconds(5);
    for (;;) {
      siginfo_t info{};
      const int rc = ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT);
      if (rc == 0 && info.si_pid == pid_) {
        ::kill(-pid_, SIGKILL);
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      if (rc < 0 && errno != EINTR) return std::nullopt;
      if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(100));
    }
  }

 private:
  pid_t pid_;
};

std::string last_words(const fs::path& log) {
  std::ifstream in(log);
  std::string line, last;
  while (std::getline(in, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos && line.find("javaldx") == std::string::npos) last = line;
  if (last.size() > 300) last.resize(300);
  return last;
}

[[noreturn]] void failed(const std::string& en, const std::string& zh) {
  throw DocumentError("conversion_failed", "LibreOffice could not convert the document to DOCX: " + en,
                      "LibreOffice 未能将文档转换为 DOCX：" + zh);
}

}  // namespace

std::optional<std::string> find_soffice(const ConversionOptions& options) {
  std::string named = options.soffice;
  if (named.empty())
    if (const char* env = std::getenv("XXGK_SOFFICE")) named = env;
  if (!named.empty()) return executable(named) ? std::optional<std::string>(named) : std::nullopt;
  const char* env_path = std::getenv("PATH");
  if (options.search_path || env_path) {
    const std::string path = options.search_path ? *options.search_path : std::string(env_path);
    std::string_view rest = path;
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      const std::string dir(rest.substr(0, colon));
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
      if (dir.empty()) continue;
      for (const char* name : {"soffice", "libreoffice"})
        if (executable(dir + "/" + name)) return dir + "/" + name;
    }
  }
  for (const auto& p : options.install_locations)
    if (executable(p)) return p;
  return std::nullopt;
}

std::string convert_to_docx(std::string_view bytes, std::string_view extension, const ConversionOptions& options) {
  const auto soffice = find_soffice(options);
  if (!soffice) {
    const char* env = std::getenv("XXGK_SOFFICE");
    const std::string named = !options.soffice.empty() ? options.soffice : env ? env : "";
    if (!named.empty())
      throw DocumentError(
          "converter_missing",
          fmt::format("DOC and WPS files are read by converting them with LibreOffice, but {} is not an executable "
                      "program: install LibreOffice with `apt-get install libreoffice-writer-nogui`, or point "
                      "XXGK_SOFFICE at its soffice program",
                      named),
          fmt::format("DOC 和 WPS 文件需先用 LibreOffice 转换后读取，但 {} 不是可执行程序：请用 `apt-get install "
                      "libreoffice-writer-nogui` 安装 LibreOffice，或用环境变量 XXGK_SOFFICE 指定其 soffice 程序",
                      named));
    throw DocumentError(
        "converter_missing",
        "DOC and WPS files are read by converting them with LibreOffice, which is not installed: install it with "
        "`apt-get install libreoffice-writer-nogui` (or point XXGK_SOFFICE at its soffice program)",
        "DOC 和 WPS 文件需先用 LibreOffice 转换后读取，但本机未安装 LibreOffice：请用 `apt-get install "
        "libreoffice-writer-nogui` 安装（或用环境变量 XXGK_SOFFICE 指定其 soffice 程序）");
  }

  const TempDir tmp;
  const fs::path input = tmp.path() / fmt::format("source.{}", extension);
  const fs::path outdir = tmp.path() / "out";
  const fs::path log = tmp.path() / "soffice.log";
  {
    std::ofstream f(input, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) failed("the input could not be written to a temporary file", "无法写入临时文件");
  }
  fs::create_directory(outdir);

  // Its own profile: two LibreOffice instances sharing one profile would wait on each other's lock.
  const std::string profile = "-env:UserInstallation=file://" + (tmp.path() / "profile").string();
  std::vector<std::string> args = {*soffice,     "--headless", "--norestore",   "--nologo",
                                   "--nolockcheck", profile,  "--convert-to", "docx:MS Word 2007 XML",
                                   "--outdir",    outdir.string(), input.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  SpawnActions actions;
  posix_spawn_file_actions_addopen(&actions.a, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions.a, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions.a, 1, 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  posix_spawn_file_actions_addclosefrom_np(&actions.a, 3);  // none of xxgk's open files leak into it
#endif
  SpawnAttributes attributes;
  posix_spawnattr_setflags(&attributes.a, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes.a, 0);  // its own group, so a timeout kills all its helpers

  const auto started = std::chrono::steady_clock::now();
  pid_t pid = -1;
  if (const int rc = posix_spawn(&pid, soffice->c_str(), &actions.a, &attributes.a, argv.data(), environ); rc != 0)
    failed(fmt::format("{} could not be started: {}", *soffice, std::strerror(rc)),
           fmt::format("无法启动 {}：{}", *soffice, std::strerror(rc)));
  ProcessGroup group(pid);
  const auto exit_code = group.wait_until(started + options.time_limit);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!exit_code) {
    const double limit = std::chrono::duration<double>(options.time_limit).count();
    throw DocumentError("conversion_timeout",
                        fmt::format("LibreOffice did not finish converting the document within {:.1f} s and was stopped", limit),
                        fmt::format("LibreOffice 未能在 {:.1f} 秒内完成文档转换，已被终止", limit));
  }
  spdlog::debug("soffice converted {} in {:.2f} s (exit {})", input.string(), seconds, *exit_code);

  const fs::path output = outdir / (input.stem().string() + ".docx");
  std::error_code ec;
  const auto size = fs::file_size(output, ec);
  if (ec) {
    const std::string said = last_words(log);
    failed(fmt::format("it exited with status {} and wrote no DOCX{}", *exit_code, said.empty() ? "" : " (it said: " + said + ")"),
           fmt::format("退出状态 {}，未生成 DOCX{}", *exit_code, said.empty() ? "" : "（输出：" + said + "）"));
  }
  if (size > options.max_output_bytes)
    throw DocumentError("too_large",
                        fmt::format("the DOCX LibreOffice made is {} bytes, more than the limit of {} bytes", size, options.max_output_bytes),
                        fmt::format("LibreOffice 转换出的 DOCX 有 {} 字节，超过上限 {} 字节", size, options.max_output_bytes));
  std::ifstream in(output, std::ios::binary);
  std::string docx((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (docx.size() != size) failed("its output could not be read back", "无法读回转换结果");
  return docx;
}

}  // namespace xxgk
