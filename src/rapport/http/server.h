#pragma once

// The HTTP/1.1 server: Boost.Beast over Asio, keep-alive, a configurable number of I/O threads
// and a separate worker pool that runs blocking handlers (store, index, disk), so the I/O
// threads never wait on them. Enforces limits (header and body size, connection count) and
// timeouts (read, idle, write), adds security headers and a request id to every response,
// records request metrics, and shuts down gracefully.
//
// Limits and how they are answered (every error body uses the one JSON error shape):
//   - request line + headers above max_header_bytes: 431, connection closed;
//   - body above max_body_bytes: 413, checked against Content-Length before the body is read
//     and against the running total of a chunked body; connection closed;
//   - malformed requests (request line, headers, chunk encoding, unknown method or version,
//     bad percent-encoding or dot segments in the path): 400, connection closed;
//   - a full worker queue: 503 with Retry-After, connection kept;
//   - beyond max_connections: the connection is accepted, answered at once with 503
//     ("Connection: close", written without reading the request) and closed; a client that
//     already sent its request may see a reset instead;
//   - a request not complete within read_timeout (slow-loris), or no new request within
//     idle_timeout on a kept-alive connection: closed without an answer.
//
// Metrics: rapport_http_requests_total{route,method,status} and
// rapport_http_request_duration_seconds{route} (route is the matched pattern, "*" for the
// fallback, or "unmatched"; method is "other" for requests that could not be decoded),
// rapport_http_requests_in_flight, rapport_http_connections_open,
// rapport_http_rejected_connections_total. One access-log line per answered request at info
// level ("http request": method, route, status, duration_ms, with the request id).
//
// Thread-safety: Listen() and Run() are called once, from the owning thread; Shutdown() may be
// called from any thread (a signal handler thread, a test) and is idempotent.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "rapport/core/error.h"
#include "rapport/core/log.h"
#include "rapport/core/metrics.h"
#include "rapport/http/router.h"

namespace rapport::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  int io_threads = 1;
  int worker_threads = 4;
  std::size_t worker_queue_capacity = 256;  // blocking requests waiting; beyond it: 503
  std::size_t max_connections = 1024;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  std::chrono::milliseconds read_timeout{15000};    // whole request, headers and body
  std::chrono::milliseconds idle_timeout{60000};    // between keep-alive requests
  std::chrono::milliseconds write_timeout{30000};   // writing one response
  std::chrono::milliseconds shutdown_grace{10000};  // in-flight requests finish within this
  bool behind_tls = false;                          // adds Strict-Transport-Security
  // Behind a reverse proxy every connection comes from the proxy, so per-client limits (the
  // login throttle) would lump all users together. When set, Request::remote_address is the
  // last address in X-Forwarded-For (the one the proxy itself appended) when that is a
  // well-formed IP address. Only enable it when every request passes through the proxy.
  bool trust_forwarded_for = false;
};

// The client address to use for a request from `peer`: the last well-formed entry of the
// X-Forwarded-For value when `trust_forwarded_for`, else `peer`.
std::string ClientAddress(std::string_view peer, std::optional<std::string_view> forwarded_for,
                          bool trust_forwarded_for);

class Server {
 public:
  // `router`, `metrics` and `logger` must outlive the server.
  Server(ServerOptions options, const Router& router, core::MetricsRegistry& metrics,
         core::Logger& logger);
  // Shuts down if still running and waits for blocking handlers that are still executing.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Returns Unavailable with the OS message when the address is taken.
  core::Status Listen();
  // The bound port (useful after listening on port 0); 0 before Listen().
  std::uint16_t port() const;
  // Serves until Shutdown(); returns after in-flight requests finished or the grace ran out.
  // REQUIRES: Listen() succeeded.
  void Run();
  // Stops accepting (new connections are refused), lets in-flight requests finish, closes
  // idle connections. May be called before or during Run().
  void Shutdown();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rapport::http
