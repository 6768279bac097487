#include "audit/worker_pool.h"

#include "audit/report_codec.h"
#include "audit/report_wire.h"
#include "extract/encoding.h"
#include "text/shown_name.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

namespace xxgk {
namespace {

using Clock = std::chrono::steady_clock;

// After the in-process deadline (which the extractors check between pages) the worker gets this
// long to write its own `timeout` record before it is killed.
constexpr double kGraceSeconds = 2.0;

bool write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    const ssize_t n = ::write(fd, s.data(), s.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    s.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = strsignal(sig);
    return fmt::format("signal {}, {}", sig, name ? name : "unknown");
  }
  if (WIFEXITED(status)) return fmt::format("exit status {}", WEXITSTATUS(status));
  return "unknown cause";
}

}  // namespace

WorkerPool::WorkerPool(int workers, WorkerOptions options) : options_(std::move(options)) {
  workers_.resize(static_cast<size_t>(std::max(1, workers)));
  // Tesseract's OpenMP threads fight process-level parallelism (BUILD-NOTES): one thread each.
  setenv("OMP_THREAD_LIMIT", "1", 0);
}

WorkerPool::~WorkerPool() {
  for (auto& w : workers_)
    if (w.pid > 0) stop(w, !w.tasks.empty());
}

bool WorkerPool::can_take() const {
  return std::any_of(workers_.begin(), workers_.end(), [this](const Worker& w) { return takes(w); });
}

bool WorkerPool::takes(const Worker& w) const {
  if (w.tasks.empty()) return true;  // a process due for recycling is replaced as it is given one
  return w.tasks.size() < static_cast<size_t>(std::max(1, options_.tasks_per_worker)) && w.sent < options_.recycle_after;
}

size_t WorkerPool::busy() const {
  return static_cast<size_t>(std::count_if(workers_.begin(), workers_.end(), [](const Worker& w) { return !w.tasks.empty(); }));
}

void WorkerPool::spawn(Worker& w) {
  std::array<int, 2> in{}, out{};
  if (pipe2(in.data(), O_CLOEXEC) != 0) throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
  if (pipe2(out.data(), O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
  }
  // A record is often larger than a pipe's default 64 KiB (a report's sections and its ~200 figures).
  // With the default, a worker that finished blocked in its write until the coordinator, busy storing
  // the record before, came to read it: worker and coordinator took turns instead of overlapping, and
  // audit took the sum of both (bench/store). 1 MiB, Linux's default cap for an unprivileged pipe,
  // holds a record; where it cannot be had the pipe stays as it was.
  fcntl(out[0], F_SETPIPE_SZ, 1 << 20);
  // Read without blocking, so wait() takes all a worker has written (a record or two) in one turn.
  fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);
  // argv is built before fork: the child only calls async-signal-safe functions until exec.
  std::vector<std::string> args = options_.args;
  args.insert(args.begin(), options_.exe);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(fmt::format("fork: {}", std::strerror(errno)));
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // a killed coordinator takes its workers with it
    if (getppid() != parent) _exit(127);
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  w.pid = pid;
  w.to_child = in[1];
  w.from_child = out[0];
  w.buffer.clear();
  w.sent = 0;
  ++started_;
}

void WorkerPool::stop(Worker& w, bool kill_it) {
  if (kill_it && w.pid > 0) kill(w.pid, SIGKILL);
  if (w.to_child >= 0) close(w.to_child);  // an idle worker exits on the end of its input
  if (w.from_child >= 0) close(w.from_child);
  int status = 0;
  if (w.pid > 0)
    while (waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
  last_status_ = status;
  w.pid = -1;
  w.to_child = w.from_child = -1;
  w.buffer.clear();
}

Report WorkerPool::failure(const WorkerTask& t, const std::string& code, const std::string& en, const std::string& zh) const {
  Report r;
  r.source.path = t.path;
  r.source.sha256 = t.sha256;
  r.source.size = t.size;
  r.source.format = t.format.empty() ? "unknown" : t.format;
  r.source.url = t.provenance.url;
  r.source.page_url = t.provenance.page_url;
  r.source.published = t.provenance.published;
  r.source.fetched_at = t.provenance.fetched_at;
  r.status = "failed";
  r.error = ErrorInfo{code, options_.lang == "en" ? en : zh};
  return r;
}

std::optional<Clock::time_point> WorkerPool::deadline(const Worker& w) const {
  if (w.tasks.empty() || options_.doc_timeout_seconds <= 0) return std::nullopt;
  return w.started + std::chrono::milliseconds(static_cast<long long>((options_.doc_timeout_seconds + kGraceSeconds) * 1000));
}

void WorkerPool::submit(WorkerTask task) {
  Worker* to = nullptr;
  for (auto& w : workers_)
    if (takes(w) && (!to || w.tasks.size() < to->tasks.size())) to = &w;
  if (!to) throw std::logic_error("WorkerPool::submit without a worker that can take a document");
  if (to->tasks.empty() && to->pid > 0 && to->sent >= options_.recycle_after) stop(*to, false);
  send(*to, std::move(task));
}

void WorkerPool::send(Worker& w, WorkerTask task) {
  const std::string line = task_line(task.path, task.provenance);
  if (w.pid <= 0) spawn(w);
  // A failed write to a worker reading a document: it died on that one, which wait() records; this
  // document is then sent again, with the others queued behind it, to the worker's successor.
  if (!write_all(w.to_child, line) && w.tasks.empty()) {
    stop(w, true);  // the worker died between documents: start a fresh one and try once more
    spawn(w);
    write_all(w.to_child, line);  // failing again, wait() sees this one die and records it
  }
  if (w.tasks.empty()) w.started = Clock::now();
  w.tasks.push_back(std::move(task));
  ++w.sent;
}

WorkerTask WorkerPool::take_front(Worker& w) {
  WorkerTask t = std::move(w.tasks.front());
  w.tasks.pop_front();
  w.started = Clock::now();  // the worker went on to the next one, if it has one, as it wrote this record
  return t;
}

void WorkerPool::restart(Worker& w) {
  stop(w, true);
  std::deque<WorkerTask> queued;
  queued.swap(w.tasks);
  for (auto& t : queued) send(w, std::move(t));
}

std::vector<WorkerResult> WorkerPool::wait(int max_wait_ms) {
  std::vector<WorkerResult> done;
  std::vector<pollfd> fds;
  std::vector<Worker*> owners;
  auto now = Clock::now();
  auto until = now + std::chrono::milliseconds(max_wait_ms);
  for (auto& w : workers_) {
    if (w.tasks.empty()) continue;
    fds.push_back(pollfd{w.from_child, POLLIN, 0});
    owners.push_back(&w);
    if (auto d = deadline(w)) until = std::min(until, *d);
  }
  if (fds.empty()) return done;
  const auto wait_ms = std::max<long long>(0, std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count());
  const int ready = poll(fds.data(), fds.size(), static_cast<int>(wait_ms));
  if (ready < 0 && errno != EINTR) throw std::runtime_error(fmt::format("poll: {}", std::strerror(errno)));
  for (size_t i = 0; ready > 0 && i < fds.size(); ++i) {
    Worker& w = *owners[i];
    if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    // Everything the worker has written so far: a record, the next one too, or the end of its output.
    bool ended = false;
    std::array<char, 65536> chunk;
    for (;;) {
      const ssize_t n = read(w.from_child, chunk.data(), chunk.size());
      if (n > 0) {
        w.buffer.append(chunk.data(), static_cast<size_t>(n));
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else {
        ended = n == 0 || errno != EAGAIN;
        break;
      }
    }
    bool restarted = false;
    while (!w.tasks.empty() && !restarted) {
      std::optional<size_t> length;
      std::string corrupt;
      try {
        length = frame_length(w.buffer);
      } catch (const std::exception& e) {
        corrupt = e.what();
      }
      if (!length && corrupt.empty()) break;  // more of the record to come
      WorkerTask t = take_front(w);
      try {
        if (!corrupt.empty()) throw std::runtime_error(corrupt);
        Report r = report_from_frame(std::string_view(w.buffer).substr(0, *length));
        r.source.path = t.path;  // byte-exact (the frame carries it with invalid UTF-8 replaced)
        done.push_back(WorkerResult{t.index, std::move(r)});
        w.buffer.erase(0, *length);
      } catch (const std::exception& e) {
        done.push_back(WorkerResult{t.index, failure(t, "internal", fmt::format("the reader returned an unreadable record: {}", e.what()),
                                                     fmt::format("读取程序返回的记录无法解析：{}", e.what()))});
        restart(w);  // its output cannot be trusted to be framed any more: a fresh worker for the documents after it
        restarted = true;
      }
    }
    if (!ended || restarted) continue;
    if (w.tasks.empty()) {  // it died after its last record: the next document starts a fresh one
      stop(w, true);
      continue;
    }
    // End of output while reading a document: the worker died (a crash inside a library).
    WorkerTask t = take_front(w);
    stop(w, true);
    const std::string how = describe_exit(last_status_);
    spdlog::warn("{}: the reader process died ({}); recorded as failed", shown_name(t.path), how);
    done.push_back(WorkerResult{
        t.index, failure(t, "crashed", fmt::format("the reader crashed on this document ({}); the file may be malformed", how),
                         fmt::format("读取此文档时读取程序崩溃（{}），文件可能已损坏或格式异常", how))});
    restart(w);
  }
  now = Clock::now();
  for (auto& w : workers_) {
    auto d = deadline(w);
    if (!d || now < *d) continue;
    WorkerTask t = take_front(w);
    restart(w);
    spdlog::warn("{}: still reading after {} s; the reader was stopped", shown_name(t.path), options_.doc_timeout_seconds);
    done.push_back(WorkerResult{
        t.index,
        failure(t, "timeout",
                fmt::format("reading took longer than the limit of {} s (--doc-timeout); the reader was stopped",
                            options_.doc_timeout_seconds),
                fmt::format("读取超过时限 {} 秒（--doc-timeout），已终止读取", options_.doc_timeout_seconds))});
  }
  return done;
}

namespace {

// Test hook: XXGK_WORKER_FAULT=crash:TEXT or hang:TEXT makes a worker crash (SIGSEGV) or hang on
// documents whose path contains TEXT, standing in for a library that does so on a hostile file.
// The audit tests use it to prove that such a document becomes a `failed` record. slow:TEXT makes
// the worker wait 4 s before it reads such a document (outside the document's own deadline), so a
// test can tell from when the coordinator's time limit of a queued document runs.
void injected_fault(const std::string& path) {
  const char* spec = std::getenv("XXGK_WORKER_FAULT");
  if (!spec) return;
  const std::string_view s(spec);
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || path.find(s.substr(colon + 1)) == std::string::npos) return;
  if (s.substr(0, colon) == "crash") raise(SIGSEGV);
  if (s.substr(0, colon) == "hang")
    for (;;) pause();
  if (s.substr(0, colon) == "slow") std::this_thread::sleep_for(std::chrono::seconds(4));
}

}  // namespace

namespace {

constexpr std::pair<const char*, std::optional<std::string> Provenance::*> kProvenanceFields[] = {
    {"url", &Provenance::url},
    {"page_url", &Provenance::page_url},
    {"published", &Provenance::published},
    {"fetched_at", &Provenance::fetched_at},
    {"link_title", &Provenance::link_title},
    {"source_region", &Provenance::region},
    {"source_agency", &Provenance::agency}};

}  // namespace

// A path that is not UTF-8 (JSON strings are) travels as "path_hex", its bytes in hex, so the worker
// opens the file the walk found (issue 17: it was made U+FFFD and then "not found"). A newline in a
// name is escaped by JSON itself and never ends the line.
std::string task_line(const std::string& path, const Provenance& provenance) {
  nlohmann::json j = nlohmann::json::object();
  if (is_valid_utf8(path)) {
    j["path"] = path;
  } else {
    std::string hex;
    for (unsigned char c : path) hex += fmt::format("{:02x}", c);
    j["path_hex"] = hex;
  }
  nlohmann::json p = nlohmann::json::object();
  for (const auto& [name, field] : kProvenanceFields)
    if (provenance.*field) p[name] = *(provenance.*field);
  if (!p.empty()) j["provenance"] = std::move(p);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::pair<std::string, Provenance> parse_task_line(std::string_view line) {
  const auto j = nlohmann::json::parse(line);
  Provenance p;
  if (auto it = j.find("provenance"); it != j.end())
    for (const auto& [name, field] : kProvenanceFields)
      if (auto f = it->find(name); f != it->end() && f->is_string()) p.*field = f->get<std::string>();
  if (auto h = j.find("path_hex"); h != j.end()) {
    const std::string hex = h->get<std::string>();
    std::string path;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) path += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return {path, std::move(p)};
  }
  return {j.at("path").get<std::string>(), std::move(p)};
}

namespace {

// This process's data segment now (VmData of /proc/self/status: heap and private writable mappings,
// what RLIMIT_DATA counts), in bytes; 0 when it cannot be read.
std::uint64_t data_segment_bytes() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmData:", 0) == 0) return std::strtoull(line.c_str() + 7, nullptr, 10) * 1024;
  return 0;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;  // ASan maps terabytes of shadow: a data limit would stop it at once
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// While it lives, the worker's data segment may grow by `doc_memory_mb` MiB plus 16 times the
// document's size (ProcessOptions::doc_memory_mb); past it an allocation fails (std::bad_alloc:
// the record says out_of_memory) or, in a library that cannot fail an allocation, the worker dies
// and the coordinator records the document as failed. Restores the earlier limit after.
class DocumentMemoryLimit {
 public:
  DocumentMemoryLimit(const std::string& path, const ProcessOptions& options) {
    if (options.doc_memory_mb <= 0 || kSanitized || getrlimit(RLIMIT_DATA, &previous_) != 0) return;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    const std::uint64_t document = ec ? 0 : std::min<std::uint64_t>(size, options.max_bytes);
    const std::uint64_t now = data_segment_bytes();
    if (now == 0) return;
    rlimit limit = previous_;
    const std::uint64_t allowed = now + static_cast<std::uint64_t>(options.doc_memory_mb * 1024 * 1024) + 16 * document;
    limit.rlim_cur = previous_.rlim_max == RLIM_INFINITY ? allowed : std::min<rlim_t>(allowed, previous_.rlim_max);
    set_ = setrlimit(RLIMIT_DATA, &limit) == 0;
  }
  ~DocumentMemoryLimit() {
    if (set_) setrlimit(RLIMIT_DATA, &previous_);
  }
  DocumentMemoryLimit(const DocumentMemoryLimit&) = delete;
  DocumentMemoryLimit& operator=(const DocumentMemoryLimit&) = delete;

 private:
  rlimit previous_{};
  bool set_ = false;
};

}  // namespace

// Builds what the pipeline builds once per process (ICU's transliterator and normalizer, the
// catalogue's keys, the regions' index) by reading a small report, so that the first document's
// memory bound is not spent on them.
static void warm_up(const ProcessOptions& options) {
  static constexpr std::string_view kReport =
      "测试市人民政府2024年政府信息公开工作年度报告\n"
      "一、总体情况\n2024年，测试市人民政府認真貫徹落實《中华人民共和国政府信息公开条例》，本年新收政府信息公开申请3件。\n"
      "二、主动公开政府信息情况\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n"
      "三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
      "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n";
  ProcessOptions quiet = options;
  quiet.doc_timeout_seconds = 0;
  try {
    (void)process_bytes("warm-up.txt", kReport, quiet);
  } catch (const std::exception&) {
    // Only a warm-up: the first real document builds whatever this did not.
  }
}

void serve_worker(int in_fd, int out_fd, const ProcessOptions& options) {
  if (options.doc_memory_mb > 0 && !kSanitized) warm_up(options);
  std::string pending;
  std::array<char, 4096> buf{};
  for (;;) {
    const auto nl = pending.find('\n');
    if (nl == std::string::npos) {
      const ssize_t n = read(in_fd, buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;
      pending.append(buf.data(), static_cast<size_t>(n));
      continue;
    }
    const auto [path, provenance] = parse_task_line(std::string_view(pending).substr(0, nl));
    pending.erase(0, nl + 1);
    injected_fault(path);
    std::string frame;
    {
      const DocumentMemoryLimit limit(path, options);
      frame = report_frame(process_file(path, options, provenance));
    }
    if (!write_all(out_fd, frame)) return;  // the coordinator is gone
  }
}

}  // namespace xxgk
