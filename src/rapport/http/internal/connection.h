#pragma once

// One accepted TCP connection: reads requests one at a time (keep-alive), hands each to the
// router and its handler (inline on the I/O thread or on the worker pool), and writes the
// answer. All of a connection's state lives on its strand; the public members are safe to call
// from any thread because they only post to that strand.
//
// Per request: wait for the first byte (idle_timeout, or read_timeout on a fresh connection),
// then read the whole request within read_timeout, run the handler, write within
// write_timeout. After an answer that closes the connection, the write side is shut down and
// the rest of the client's request is drained briefly, so that the client reads the answer
// rather than a reset.

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "rapport/core/log.h"
#include "rapport/core/metrics.h"
#include "rapport/http/internal/exchange.h"
#include "rapport/http/internal/parse.h"
#include "rapport/http/internal/request_metrics.h"
#include "rapport/http/internal/worker_pool.h"
#include "rapport/http/router.h"
#include "rapport/http/server.h"

namespace rapport::http::internal {

// What every connection of one server shares. Everything outlives the connections.
struct ConnectionContext {
  const ServerOptions* options = nullptr;
  const Router* router = nullptr;
  WorkerPool* pool = nullptr;
  RequestMetrics* request_metrics = nullptr;
  core::Logger* logger = nullptr;
  core::GaugeMetric* in_flight = nullptr;
  core::GaugeMetric* connections_open = nullptr;
  // Called from the destructor, on whichever thread releases the connection last.
  std::function<void(std::uint64_t id)> on_closed;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // The concrete strand type rather than any_io_executor: every handler of the request path
  // goes through it, and the type-erased executor's copies showed in profiles.
  using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;
  using Socket = boost::asio::ip::tcp::socket::rebind_executor<Strand>::other;

  Connection(Socket socket, const ConnectionContext& context, std::uint64_t id);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void Start();
  // Graceful: an idle connection closes now; one with a request in progress closes after
  // answering it (with "Connection: close").
  void BeginShutdown();
  // Closes the socket whatever it is doing (the shutdown grace ran out).
  void ForceClose();

 private:
  enum class State { kIdle, kReading, kHandling, kWriting, kClosing, kClosed };

  void WaitForRequest();
  void OnFirstBytes(boost::beast::error_code ec, std::size_t bytes);
  void ReadHeader();
  void OnHeader(boost::beast::error_code ec, std::size_t bytes);
  void ReadBody();
  void OnBody(boost::beast::error_code ec, std::size_t bytes);
  void OnReadError(boost::beast::error_code ec);
  void Dispatch();
  void Respond(Exchange exchange, Response response);
  void OnWrite(boost::beast::error_code ec, std::size_t bytes);
  void LingerClose();
  void Drain();
  void Close();
  void RecordMetrics(const Exchange& exchange, int status, double seconds);
  void EndInFlight();

  const ConnectionContext& context_;
  const std::uint64_t id_;
  boost::beast::basic_stream<boost::asio::ip::tcp, Strand> stream_;
  const Strand executor_;  // the strand everything below runs on
  std::string remote_address_;
  boost::beast::flat_buffer buffer_;
  std::optional<RequestParser> parser_;
  RenderedResponse response_;  // the answer being written; its buffers are reused
  State state_ = State::kIdle;
  bool first_request_ = true;
  bool shutdown_requested_ = false;
  bool close_after_write_ = false;
  bool in_flight_ = false;
  std::size_t drained_ = 0;
  std::chrono::steady_clock::time_point header_done_at_;
  std::array<char, 4096> scratch_{};
};

}  // namespace rapport::http::internal
