#include "rapport/http/server.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/http/write.hpp>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rapport/core/thread_annotations.h"
#include "rapport/http/internal/connection.h"
#include "rapport/http/internal/exchange.h"
#include "rapport/http/internal/worker_pool.h"

namespace rapport::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// After a failed accept (e.g. out of file descriptors) wait before trying again rather than
// spinning on the error.
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};

// Accepted sockets are bound to a fresh strand of the io_context (see Connection).
using Socket = internal::Connection::Socket;

ServerOptions Sanitized(ServerOptions options) {
  options.io_threads = std::max(1, options.io_threads);
  options.worker_threads = std::max(1, options.worker_threads);
  options.worker_queue_capacity = std::max<std::size_t>(1, options.worker_queue_capacity);
  options.max_connections = std::max<std::size_t>(1, options.max_connections);
  return options;
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, const Router& router, core::MetricsRegistry& metrics,
       core::Logger& logger)
      : options_(Sanitized(std::move(options))),
        router_(router),
        logger_(logger),
        in_flight_(metrics.Gauge("rapport_http_requests_in_flight",
                                 "HTTP requests being read, handled or answered.")),
        connections_open_(metrics.Gauge("rapport_http_connections_open", "Open HTTP connections.")),
        rejected_(metrics.Counter("rapport_http_rejected_connections_total",
                                  "Connections refused with 503 because max_connections was "
                                  "reached.")),
        ioc_(options_.io_threads),
        control_(asio::make_strand(ioc_)),
        acceptor_(control_),
        grace_timer_(control_),
        retry_timer_(control_),
        request_metrics_(metrics),
        pool_(options_.worker_threads, options_.worker_queue_capacity) {
    context_.options = &options_;
    context_.router = &router_;
    context_.pool = &pool_;
    context_.request_metrics = &request_metrics_;
    context_.logger = &logger_;
    context_.in_flight = &in_flight_;
    context_.connections_open = &connections_open_;
    context_.on_closed = [this](std::uint64_t id) { OnConnectionClosed(id); };
  }

  ~Impl() {
    Shutdown();
    // Blocking handlers still running (the grace ran out) are waited for: a thread cannot be
    // cancelled. Their answers go to an io_context that no longer runs and are dropped.
    pool_.Stop();
    tearing_down_.store(true);
  }

  core::Status Listen() {
    beast::error_code ec;
    tcp::endpoint endpoint;
    const asio::ip::address address = asio::ip::make_address(options_.host, ec);
    if (!ec) {
      endpoint = tcp::endpoint(address, options_.port);
    } else {
      tcp::resolver resolver(ioc_);
      const auto results = resolver.resolve(options_.host, std::to_string(options_.port), ec);
      if (ec || results.empty()) {
        return core::Unavailable("cannot resolve " + options_.host + ": " + ec.message());
      }
      endpoint = results.begin()->endpoint();
    }
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      beast::error_code ignored;
      acceptor_.close(ignored);
      return core::Unavailable("cannot listen on " + options_.host + ":" +
                               std::to_string(options_.port) + ": " + ec.message());
    }
    port_.store(acceptor_.local_endpoint().port());
    return core::Ok();
  }

  std::uint16_t port() const { return port_.load(); }

  void Run() {
    // Keeps run() from returning while a blocking handler is on the worker pool with no
    // socket operation pending; released when shutdown completes.
    work_guard_.emplace(asio::make_work_guard(ioc_));
    asio::post(control_, [this] { Accept(); });
    std::vector<std::thread> threads;
    for (int i = 1; i < options_.io_threads; ++i) threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (std::thread& t : threads) t.join();
  }

  void Shutdown() {
    if (shutdown_requested_.exchange(true)) return;
    asio::post(control_, [this] { BeginShutdown(); });
  }

 private:
  // On control_.
  void Accept() {
    if (stopping_ || !acceptor_.is_open()) return;
    acceptor_.async_accept(
        asio::make_strand(ioc_),
        asio::bind_executor(control_, [this](beast::error_code ec, Socket socket) {
          OnAccept(ec, std::move(socket));
        }));
  }

  // On control_.
  void OnAccept(beast::error_code ec, Socket socket) RAPPORT_EXCLUDES(mu_) {
    if (stopping_) return;
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      logger_.Warn("accept failed", {{"error", ec.message()}});
      retry_timer_.expires_after(kAcceptRetryDelay);
      retry_timer_.async_wait([this](beast::error_code timer_ec) {
        if (!timer_ec) Accept();
      });
      return;
    }
    std::shared_ptr<internal::Connection> connection;
    {
      core::MutexLock lock(mu_);
      if (connections_.size() < options_.max_connections) {
        const std::uint64_t id = next_id_++;
        connection = std::make_shared<internal::Connection>(std::move(socket), context_, id);
        connections_.emplace(id, connection);
      }
    }
    if (connection) {
      connection->Start();
    } else {
      // Moved above only when a connection was made, so here it is still ours.
      // NOLINTNEXTLINE(bugprone-use-after-move)
      Reject(std::move(socket));
    }
    Accept();
  }

  // Answers 503 without reading the request: one non-blocking write that fits any socket
  // buffer, then close. Holding rejected connections open would defeat the limit.
  void Reject(Socket socket) {
    rejected_.Inc();
    if (rejected_answer_.empty()) {
      internal::Exchange exchange = internal::PrepareForReadError(
          Response::FromError(
              core::Error(core::ErrorCode::kUnavailable, "too many connections; retry shortly")),
          nullptr);
      exchange.request.request_id = "rejected";
      internal::WireResponse wire = internal::BuildWireResponse(
          *exchange.immediate, exchange, internal::WireOptions{options_.behind_tls});
      wire.set("Retry-After", "1");
      std::ostringstream out;
      out << wire;
      rejected_answer_ = std::move(out).str();
    }
    beast::error_code ec;
    socket.non_blocking(true, ec);
    if (!ec) socket.write_some(asio::buffer(rejected_answer_), ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
  }

  // On control_.
  void BeginShutdown() RAPPORT_EXCLUDES(mu_) {
    stopping_ = true;
    beast::error_code ec;
    acceptor_.close(ec);
    retry_timer_.cancel();
    std::vector<std::shared_ptr<internal::Connection>> live;
    {
      core::MutexLock lock(mu_);
      live.reserve(connections_.size());
      for (auto& [id, weak] : connections_) {
        if (auto connection = weak.lock()) live.push_back(std::move(connection));
      }
    }
    // Released outside the lock: dropping the last reference runs ~Connection, which locks.
    for (auto& connection : live) connection->BeginShutdown();
    live.clear();
    grace_timer_.expires_after(options_.shutdown_grace);
    grace_timer_.async_wait([this](beast::error_code timer_ec) {
      if (timer_ec) return;  // every connection finished in time
      OnGraceExpired();
    });
    MaybeFinishShutdown();
  }

  // On control_. Closing every socket cancels every pending operation, so once the closes ran
  // the io_context runs out of work and Run() returns. A blocking handler still executing
  // keeps only its worker thread; its answer is dropped.
  void OnGraceExpired() RAPPORT_EXCLUDES(mu_) {
    logger_.Warn("shutdown grace expired; closing remaining connections");
    std::vector<std::shared_ptr<internal::Connection>> live;
    {
      core::MutexLock lock(mu_);
      for (auto& [id, weak] : connections_) {
        if (auto connection = weak.lock()) live.push_back(std::move(connection));
      }
    }
    for (auto& connection : live) connection->ForceClose();
    live.clear();
    work_guard_.reset();
  }

  // On control_.
  void MaybeFinishShutdown() RAPPORT_EXCLUDES(mu_) {
    if (!stopping_) return;
    {
      core::MutexLock lock(mu_);
      if (!connections_.empty()) return;
    }
    grace_timer_.cancel();
    work_guard_.reset();
  }

  // Any thread (the last owner of a connection).
  void OnConnectionClosed(std::uint64_t id) RAPPORT_EXCLUDES(mu_) {
    {
      core::MutexLock lock(mu_);
      connections_.erase(id);
    }
    if (shutdown_requested_.load() && !tearing_down_.load()) {
      asio::post(control_, [this] { MaybeFinishShutdown(); });
    }
  }

  const ServerOptions options_;
  const Router& router_;
  core::Logger& logger_;
  core::GaugeMetric& in_flight_;
  core::GaugeMetric& connections_open_;
  core::CounterMetric& rejected_;
  internal::ConnectionContext context_;

  core::Mutex mu_;
  std::unordered_map<std::uint64_t, std::weak_ptr<internal::Connection>> connections_
      RAPPORT_GUARDED_BY(mu_);
  std::uint64_t next_id_ RAPPORT_GUARDED_BY(mu_) = 0;

  std::atomic<bool> shutdown_requested_{false};
  std::atomic<bool> tearing_down_{false};
  std::atomic<std::uint16_t> port_{0};

  // Destroyed before the members above: pending handlers own connections whose destructors
  // use them.
  asio::io_context ioc_;
  asio::strand<asio::io_context::executor_type> control_;
  tcp::acceptor acceptor_;          // on control_
  asio::steady_timer grace_timer_;  // on control_
  asio::steady_timer retry_timer_;  // on control_
  bool stopping_ = false;           // on control_
  std::string rejected_answer_;     // on control_
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_guard_;
  internal::RequestMetrics request_metrics_;  // outlives the workers and connections
  internal::WorkerPool pool_;                 // destroyed first: joins the workers
};

Server::Server(ServerOptions options, const Router& router, core::MetricsRegistry& metrics,
               core::Logger& logger)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics, logger)) {}

Server::~Server() = default;

core::Status Server::Listen() { return impl_->Listen(); }
std::uint16_t Server::port() const { return impl_->port(); }
void Server::Run() { impl_->Run(); }
void Server::Shutdown() { impl_->Shutdown(); }

std::string ClientAddress(std::string_view peer, std::optional<std::string_view> forwarded_for,
                          bool trust_forwarded_for) {
  if (!trust_forwarded_for || !forwarded_for) return std::string(peer);
  std::string_view last = *forwarded_for;
  if (const auto comma = last.rfind(','); comma != std::string_view::npos) {
    last.remove_prefix(comma + 1);
  }
  while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) last.remove_prefix(1);
  while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) last.remove_suffix(1);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(std::string(last), ec);
  if (ec) return std::string(peer);  // a proxy never writes garbage: ignore forged values
  return address.to_string();
}

}  // namespace rapport::http
