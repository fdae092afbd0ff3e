#pragma once

// Starts a real rapport::http::Server on 127.0.0.1, port 0, on a background thread, with a
// metrics registry and a logger whose lines the test can read. Thread-safety: the fixture is
// driven from the test thread; Lines() is safe while the server runs.

#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/log.h"
#include "rapport/core/metrics.h"
#include "rapport/http/router.h"
#include "rapport/http/server.h"

namespace rapport::http::testing {

class CaptureSink final : public core::LogSink {
 public:
  void Write(std::string_view line) override {
    std::lock_guard lock(mu_);
    lines_.emplace_back(line);
  }
  std::vector<std::string> Lines() const {
    std::lock_guard lock(mu_);
    return lines_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> lines_;  // GUARDED_BY(mu_)
};

class TestServer {
 public:
  TestServer(ServerOptions options, Router router)
      : router_(std::move(router)),
        clock_(core::TimePoint{}),
        sink_(new CaptureSink),
        logger_(core::LogLevel::kInfo, core::LogFormat::kText, std::unique_ptr<CaptureSink>(sink_),
                clock_) {
    options.host = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<Server>(options, router_, metrics_, logger_);
    const core::Status listening = server_->Listen();
    if (!listening) throw std::runtime_error(listening.error().ToString());
    std::promise<void> returned;
    run_returned_ = returned.get_future();
    thread_ = std::thread([this, done = std::move(returned)]() mutable {
      server_->Run();
      done.set_value();
    });
  }

  ~TestServer() {
    server_->Shutdown();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }

  std::uint16_t port() const { return server_->port(); }
  Server& server() { return *server_; }
  core::MetricsRegistry& metrics() { return metrics_; }
  std::vector<std::string> LogLines() const { return sink_->Lines(); }
  // True once Run() returned.
  bool WaitRunReturned(std::chrono::milliseconds timeout) {
    return run_returned_.wait_for(timeout) == std::future_status::ready;
  }

  double RequestCount(const std::string& route, const std::string& method,
                      const std::string& status) {
    return metrics_
        .Counter("rapport_http_requests_total", "",
                 {{"route", route}, {"method", method}, {"status", status}})
        .Value();
  }
  double GaugeValue(const std::string& name) { return metrics_.Gauge(name, "").Value(); }

 private:
  Router router_;
  core::FakeClock clock_;
  CaptureSink* sink_;  // owned by logger_
  core::Logger logger_;
  core::MetricsRegistry metrics_;
  std::unique_ptr<Server> server_;
  std::future<void> run_returned_;
  std::thread thread_;
};

}  // namespace rapport::http::testing
