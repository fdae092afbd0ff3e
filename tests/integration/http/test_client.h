#pragma once

// A raw-TCP HTTP/1.1 client for black-box tests of rapport::http::Server: sends arbitrary
// bytes (including malformed ones) and parses what comes back with Beast. Plain POSIX sockets
// with poll() so every wait has a deadline. Thread-safety: one client per thread.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rapport::http::testing {

using ClientResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Waits that must not make a test flaky on a loaded machine.
inline constexpr std::chrono::milliseconds kGenerousWait{20000};

class TestClient {
 public:
  TestClient() = default;
  ~TestClient();
  TestClient(TestClient&& other) noexcept;
  TestClient& operator=(TestClient&& other) noexcept;

  // Connects to 127.0.0.1:port; false when the connection is refused.
  bool Connect(std::uint16_t port);
  bool connected() const { return fd_ >= 0; }

  // False when the peer closed or reset the connection.
  bool Send(std::string_view bytes);
  // One response; std::nullopt when the connection closed or `timeout` passed first.
  // `head`: the request was HEAD, so the response has no body whatever Content-Length says.
  std::optional<ClientResponse> Read(bool head = false,
                                     std::chrono::milliseconds timeout = kGenerousWait);
  // Send + Read.
  std::optional<ClientResponse> RoundTrip(std::string_view request, bool head = false);
  // True when the server closes the connection (EOF or reset) within `timeout`; bytes that
  // arrive meanwhile are discarded.
  bool WaitClosed(std::chrono::milliseconds timeout = kGenerousWait);
  void Close();

 private:
  // Appends what arrives within `timeout` to buffer_; 0 on EOF or error, -1 on timeout.
  long ReadMore(std::chrono::milliseconds timeout);

  int fd_ = -1;
  std::string buffer_;
};

// "GET /path HTTP/1.1" with Host and the extra header lines ("Name: value\r\n" each).
std::string Get(std::string_view path, std::string_view extra_headers = {});
std::string WithBody(std::string_view method, std::string_view path, std::string_view body,
                     std::string_view extra_headers = {});

}  // namespace rapport::http::testing
