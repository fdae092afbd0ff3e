#include "tests/integration/http/test_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <cerrno>
#include <utility>

namespace rapport::http::testing {

namespace bhttp = boost::beast::http;

TestClient::~TestClient() { Close(); }

TestClient::TestClient(TestClient&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), buffer_(std::move(other.buffer_)) {}

TestClient& TestClient::operator=(TestClient&& other) noexcept {
  if (this != &other) {
    Close();
    fd_ = std::exchange(other.fd_, -1);
    buffer_ = std::move(other.buffer_);
  }
  return *this;
}

bool TestClient::Connect(std::uint16_t port) {
  Close();
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    Close();
    return false;
  }
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return true;
}

bool TestClient::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

long TestClient::ReadMore(std::chrono::milliseconds timeout) {
  pollfd pfd{fd_, POLLIN, 0};
  int ready = 0;
  do {
    ready = ::poll(&pfd, 1, static_cast<int>(timeout.count()));
  } while (ready < 0 && errno == EINTR);
  if (ready == 0) return -1;
  if (ready < 0) return 0;
  char chunk[16384];
  ssize_t n = 0;
  do {
    n = ::recv(fd_, chunk, sizeof chunk, 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return 0;
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return n;
}

std::optional<ClientResponse> TestClient::Read(bool head, std::chrono::milliseconds timeout) {
  if (fd_ < 0) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.skip(head);
  parser.eager(true);
  parser.body_limit(64 * 1024 * 1024);
  std::size_t offset = 0;
  while (!parser.is_done()) {
    boost::beast::error_code ec;
    if (offset < buffer_.size()) {
      offset +=
          parser.put(boost::asio::buffer(buffer_.data() + offset, buffer_.size() - offset), ec);
      if (ec && ec != bhttp::error::need_more) return std::nullopt;
      if (parser.is_done()) break;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    const long got = ReadMore(left);
    if (got == 0) {  // EOF: a response without Content-Length may end here
      if (parser.got_some()) {
        parser.put_eof(ec);
        if (!ec && parser.is_done()) break;
      }
      return std::nullopt;
    }
    if (got < 0) return std::nullopt;
  }
  buffer_.erase(0, offset);
  return parser.release();
}

std::optional<ClientResponse> TestClient::RoundTrip(std::string_view request, bool head) {
  if (!Send(request)) return std::nullopt;
  return Read(head);
}

bool TestClient::WaitClosed(std::chrono::milliseconds timeout) {
  if (fd_ < 0) return true;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    const long got = ReadMore(left);
    if (got == 0) return true;
    if (got < 0) return false;
    buffer_.clear();
  }
}

void TestClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
}

std::string Get(std::string_view path, std::string_view extra_headers) {
  std::string out = "GET ";
  out += path;
  out += " HTTP/1.1\r\nHost: test\r\n";
  out += extra_headers;
  out += "\r\n";
  return out;
}

std::string WithBody(std::string_view method, std::string_view path, std::string_view body,
                     std::string_view extra_headers) {
  std::string out(method);
  out += ' ';
  out += path;
  out += " HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: ";
  out += std::to_string(body.size());
  out += "\r\n";
  out += extra_headers;
  out += "\r\n";
  out += body;
  return out;
}

}  // namespace rapport::http::testing
