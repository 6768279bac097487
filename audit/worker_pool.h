// Worker processes for the audit: each document is read in a child process (the `xxgk` binary
// re-executed as `xxgk audit-worker`), so that a document which hangs inside Poppler, Tesseract
// or libxml2 can be killed at its deadline, and one that crashes a library becomes a `failed`
// record instead of ending the night's run. A worker serves many documents in turn (start-up is
// paid once, not per document) and is replaced after `recycle_after` of them, so memory a library
// keeps between documents is given back.
//
// Why processes, measured (999 small text reports, --jobs 1, CPU time user+sys, /usr/bin/time):
//   xxgk extract, in-process threads                      5.1 s   (5.1 ms a document)
//   xxgk audit, a worker serving 200 documents in turn    9.4 s   (+4.3 ms: pipe + JSON + SQLite store)
//   xxgk audit --worker-recycle 1 (one exec a document)  26.9 s   (+17.5 ms more: process start-up)
// A text-layer PDF page costs milliseconds and a scanned page seconds, so a long-lived worker costs a
// few percent at most, while a thread stuck inside Poppler or Tesseract could never be stopped and
// a segfault there would end the whole night's run. fork() without exec was not taken: the
// coordinator's state (SQLite connection, spdlog) must not be inherited, and re-exec gives each
// worker a clean, single-threaded start.
#pragma once

#include "model/report.h"
#include "pipeline/process.h"

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgk {

struct WorkerOptions {
  std::string exe;                 // the xxgk binary
  std::vector<std::string> args;   // its arguments for worker mode, e.g. {"audit-worker", "--lang", "zh"}
  double doc_timeout_seconds = 0;  // 0: no limit; else the worker is killed this long (+ a grace) after it started a document
  // Documents a worker process reads before it is replaced. A start cost ~80-100 ms of CPU when this
  // was set (the libraries' loading, ICU's transliterator registry, building the national divisions
  // index; the last two are gone since, and a one-file `xxgk extract` takes 0.04 s): at 200 that was
  // 0.5 ms a document, a tenth of an HTML or text report's own cost. A worker's resident memory stays
  // flat after its first PDF: 71.5 MB through 3,444 HTML, text, PDF and DOCX documents, ~250 MB
  // through scanned PDFs (bench/store/README.md).
  int recycle_after = 1000;
  std::string lang = "zh";         // language of the messages of records made here (timeouts, crashes)
  // Documents handed to one worker at a time: the one it reads and those queued behind it in its
  // input pipe. With one, a worker that finished sat idle until the coordinator, storing the record
  // before, came to give it the next document (bench/store); with two it goes straight on.
  int tasks_per_worker = 2;
};

// One document to read. sha256/size/format are what the coordinator saw when it hashed the file:
// they fill the record when the worker dies before writing one.
struct WorkerTask {
  size_t index = 0;
  std::string path;
  std::string sha256;
  std::uint64_t size = 0;
  std::string format;
  Provenance provenance{};  // what the store knows of a fetched document; handed to the worker with the path
};

// The request line a worker reads for one document ({"path": …, "provenance": {…}}; provenance only
// with what is known) and its reading back; exposed for tests of the hand-off.
std::string task_line(const std::string& path, const Provenance& provenance);
std::pair<std::string, Provenance> parse_task_line(std::string_view line);

struct WorkerResult {
  size_t index = 0;
  Report report;
};

class WorkerPool {
 public:
  WorkerPool(int workers, WorkerOptions options);
  ~WorkerPool();  // ends every worker (killing those still reading)
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Whether a worker can take one more document (it holds fewer than tasks_per_worker, and is not
  // waiting to be recycled).
  bool can_take() const;
  size_t busy() const;  // workers reading a document
  // To the worker holding the fewest documents, starting its process if needed.
  void submit(WorkerTask task);

  // Waits up to max_wait_ms for workers to finish (or to pass their deadline) and returns the
  // records finished meanwhile; never blocks longer than the nearest deadline.
  std::vector<WorkerResult> wait(int max_wait_ms);

  int processes_started() const { return started_; }

 private:
  struct Worker {
    pid_t pid = -1;
    int to_child = -1;    // the worker's standard input
    int from_child = -1;  // the worker's standard output
    std::string buffer;   // bytes of a record frame not yet complete
    // Sent, in the order sent: the worker reads the front one; those behind it wait in its pipe.
    std::deque<WorkerTask> tasks;
    std::chrono::steady_clock::time_point started;  // when the front one started (its deadline runs from it)
    int sent = 0;  // documents this process was given (it is recycled after recycle_after)
  };
  bool takes(const Worker& w) const;
  void spawn(Worker& w);
  void send(Worker& w, WorkerTask task);
  WorkerTask take_front(Worker& w);  // the document whose record came (or that failed); the next one starts
  // Kills the worker and sends the documents queued behind the one it failed on, none of them
  // read yet, to a fresh process in its place.
  void restart(Worker& w);
  void stop(Worker& w, bool kill_it);  // closes the pipes and reaps the process; returns its wait status in last_status_
  Report failure(const WorkerTask& t, const std::string& code, const std::string& en, const std::string& zh) const;
  std::optional<std::chrono::steady_clock::time_point> deadline(const Worker& w) const;

  WorkerOptions options_;
  std::vector<Worker> workers_;
  int last_status_ = 0;
  int started_ = 0;
};

// The loop of `xxgk audit-worker`: reads one request line (task_line) at a time from `in_fd`,
// processes the document and writes its record as one frame (audit/report_wire.h) to `out_fd`.
// Returns when the input ends.
void serve_worker(int in_fd, int out_fd, const ProcessOptions& options);

}  // namespace xxgk
