// The lock that keeps two nightly runs from overlapping: an flock(2) on a file, taken without
// waiting. The kernel drops it when the process ends however it ends (kill -9 included), so a
// crashed run never leaves a stale lock; the file holds the pid and start time of the holder, for
// the message a second run prints.
#pragma once

#include <memory>
#include <string>

namespace xxgk::nightly {

class RunLock {
 public:
  // The lock, or nullptr when another process holds it (`holder` then says who, as the file says).
  // Throws std::runtime_error when the lock file cannot be opened.
  static std::unique_ptr<RunLock> try_acquire(const std::string& path, std::string& holder);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

  class Key {  // only try_acquire makes a lock
    friend class RunLock;
    Key() = default;
  };
  RunLock(Key, int fd) : fd_(fd) {}

 private:
  int fd_;
};

}  // namespace xxgk::nightly
