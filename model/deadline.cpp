#include "model/deadline.h"

#include "model/errors.h"

namespace xxgk {

namespace {
thread_local std::optional<std::chrono::steady_clock::time_point> current_deadline;
}  // namespace

void throw_document_timeout() {
  throw DocumentError("timeout", "the document took longer than the time limit (--doc-timeout)",
                      "处理超时：文档未能在规定时间内读完（--doc-timeout）");
}

void check_document_deadline() {
  if (current_deadline && std::chrono::steady_clock::now() > *current_deadline) throw_document_timeout();
}

DocumentDeadline::DocumentDeadline(std::optional<std::chrono::steady_clock::time_point> deadline)
    : previous_(current_deadline) {
  current_deadline = deadline;
}

DocumentDeadline::~DocumentDeadline() { current_deadline = previous_; }

}  // namespace xxgk
