// A web server inside the test process (cpp-httplib) standing in for a portal host: bound to an
// address of 127.0.0.0/8 on a free port, every request it gets logged with its time, stopped and
// joined when the test ends. Nothing here ever talks to an address outside 127.0.0.0/8.
#pragma once

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace fetch_test {

struct Answer {
  std::string path;  // with the query
  int status = 0;
};

struct Hit {
  std::string method;
  std::string path;    // with the query, as requested
  httplib::Headers headers;
  double at = 0;       // seconds since the host started
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class TestHost {
 public:
  explicit TestHost(std::string address = "127.0.0.1") : address_(std::move(address)) {
    if (address_.rfind("127.", 0) != 0) throw std::logic_error("test hosts live on 127.0.0.0/8 only");
    server_.set_keep_alive_max_count(1000);
    server_.set_tcp_nodelay(true);  // no 40 ms Nagle + delayed-ACK stall per answer
    // Accept polls, so stop() ends the listening thread at once (a bare accept() may not wake).
    server_.set_idle_interval(0, 50000);
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      std::lock_guard lock(mutex_);
      Hit h;
      h.method = req.method;
      h.path = req.target;
      h.headers = req.headers;
      h.at = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      hits_.push_back(std::move(h));
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      std::lock_guard lock(mutex_);
      answers_.push_back({req.target, res.status});
    });
  }
  ~TestHost() { stop(); }
  TestHost(const TestHost&) = delete;
  TestHost& operator=(const TestHost&) = delete;

  httplib::Server& server() { return server_; }

  // Binds and serves; call after the routes are set.
  void start() {
    port_ = server_.bind_to_any_port(address_);
    if (port_ <= 0) throw std::runtime_error("cannot bind a test server on " + address_);
    start_ = std::chrono::steady_clock::now();
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() is a no-op until the server runs: wait for it, so a quick stop cannot be lost.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void stop() {
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }

  std::string base() const { return "http://" + address_ + ":" + std::to_string(port_); }
  int port() const { return port_; }

  std::vector<Hit> hits() {
    std::lock_guard lock(mutex_);
    return hits_;
  }
  // Requests whose path (with query) starts with `prefix`.
  std::vector<Hit> hits(const std::string& prefix) {
    std::vector<Hit> out;
    for (auto& h : hits())
      if (h.path.rfind(prefix, 0) == 0) out.push_back(h);
    return out;
  }
  // What the server answered, in order (logged once each answer is sent).
  std::vector<Answer> answers() {
    std::lock_guard lock(mutex_);
    return answers_;
  }
  void clear_hits() {
    std::lock_guard lock(mutex_);
    hits_.clear();
    answers_.clear();
  }

 private:
  std::string address_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::mutex mutex_;
  std::vector<Hit> hits_;
  std::vector<Answer> answers_;
};

}  // namespace fetch_test
