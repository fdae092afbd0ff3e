#include "rapport/http/internal/connection.h"

#include <algorithm>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/read.hpp>
#include <string_view>
#include <utility>

namespace rapport::http::internal {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr std::size_t kReadChunk = 4096;
// The read buffer must hold a whole header for Beast to parse it; the slack lets the parser
// see past max_header_bytes and report header_limit (431) rather than a full buffer.
constexpr std::size_t kBufferSlack = 8192;
// After an answer that closes the connection, unread request bytes are drained for at most
// this long and this much, so the client is not sent a reset before reading the answer.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr std::size_t kMaxDrainBytes = 1024 * 1024;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

std::string RemoteAddress(const Connection::Socket& socket) {
  beast::error_code ec;
  const tcp::endpoint endpoint = socket.remote_endpoint(ec);
  return ec ? std::string() : endpoint.address().to_string();
}

}  // namespace

Connection::Connection(Socket socket, const ConnectionContext& context, std::uint64_t id)
    : context_(context),
      id_(id),
      stream_(std::move(socket)),
      executor_(stream_.get_executor()),
      remote_address_(RemoteAddress(stream_.socket())),
      buffer_(context.options->max_header_bytes + kBufferSlack) {
  context_.connections_open->Add(1);
}

Connection::~Connection() {
  EndInFlight();
  context_.connections_open->Add(-1);
  if (context_.on_closed) context_.on_closed(id_);
}

void Connection::Start() {
  asio::dispatch(executor_, [self = shared_from_this()] { self->WaitForRequest(); });
}

void Connection::BeginShutdown() {
  asio::post(executor_, [self = shared_from_this()] {
    self->shutdown_requested_ = true;
    if (self->state_ == State::kIdle) self->Close();
  });
}

void Connection::ForceClose() {
  asio::post(executor_, [self = shared_from_this()] { self->Close(); });
}

void Connection::WaitForRequest() {
  state_ = State::kIdle;
  if (shutdown_requested_) {
    Close();
    return;
  }
  if (buffer_.size() > 0) {  // a pipelined request is already here
    ReadHeader();
    return;
  }
  const ServerOptions& options = *context_.options;
  stream_.expires_after(first_request_ ? options.read_timeout : options.idle_timeout);
  const std::size_t room = std::min(kReadChunk, buffer_.max_size() - buffer_.size());
  stream_.async_read_some(buffer_.prepare(room),
                          beast::bind_front_handler(&Connection::OnFirstBytes, shared_from_this()));
}

void Connection::OnFirstBytes(beast::error_code ec, std::size_t bytes) {
  if (ec) {  // idle timeout, the client closed, or shutdown closed the socket
    Close();
    return;
  }
  buffer_.commit(bytes);
  ReadHeader();
}

void Connection::ReadHeader() {
  state_ = State::kReading;
  first_request_ = false;
  parser_.emplace();
  ConfigureParser(
      *parser_, ParseLimits{context_.options->max_header_bytes, context_.options->max_body_bytes});
  // One deadline for the whole request, header and body: a client trickling bytes cannot
  // keep the connection by sending one now and then.
  stream_.expires_after(context_.options->read_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Connection::OnHeader, shared_from_this()));
}

void Connection::OnHeader(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec) {
    OnReadError(ec);
    return;
  }
  header_done_at_ = std::chrono::steady_clock::now();
  const WireRequest& header = parser_->get();
  const auto expect = header.find(bhttp::field::expect);
  if (expect != header.end() && header.version() == 11 && !parser_->is_done() &&
      beast::iequals(expect->value(), "100-continue")) {
    asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                      [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                        if (write_ec) {
                          self->Close();
                          return;
                        }
                        self->ReadBody();
                      });
    return;
  }
  ReadBody();
}

void Connection::ReadBody() {
  if (parser_->is_done()) {
    Dispatch();
    return;
  }
  bhttp::async_read(stream_, buffer_, *parser_,
                    beast::bind_front_handler(&Connection::OnBody, shared_from_this()));
}

void Connection::OnBody(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec) {
    OnReadError(ec);
    return;
  }
  Dispatch();
}

void Connection::OnReadError(beast::error_code ec) {
  std::optional<Response> answer = ResponseForReadError(ec);
  if (!answer) {
    Close();
    return;
  }
  if (header_done_at_ == std::chrono::steady_clock::time_point()) {
    header_done_at_ = std::chrono::steady_clock::now();
  }
  const WireRequest* partial = parser_ && parser_->is_header_done() ? &parser_->get() : nullptr;
  Exchange exchange = PrepareForReadError(std::move(*answer), partial);
  Response response = std::move(*exchange.immediate);
  in_flight_ = true;
  context_.in_flight->Add(1);
  Respond(std::move(exchange), std::move(response));
}

void Connection::Dispatch() {
  state_ = State::kHandling;
  in_flight_ = true;
  context_.in_flight->Add(1);
  WireRequest message = parser_->release();
  parser_.reset();
  Exchange exchange = Prepare(message, *context_.router);
  exchange.request.remote_address =
      ClientAddress(remote_address_, exchange.request.Header("x-forwarded-for"),
                    context_.options->trust_forwarded_for);
  if (exchange.immediate) {
    Response response = std::move(*exchange.immediate);
    Respond(std::move(exchange), std::move(response));
    return;
  }
  const Route& route = *exchange.route;
  if (route.options.execution == Execution::kInline) {
    Response response = RunHandler(route, exchange.request, *context_.logger);
    Respond(std::move(exchange), std::move(response));
    return;
  }
  // The exchange travels to a worker and back to this strand; shared_ptr because the pool
  // takes copyable tasks.
  auto shared = std::make_shared<Exchange>(std::move(exchange));
  const bool queued = context_.pool->TrySubmit([self = shared_from_this(), shared] {
    Response response = RunHandler(*shared->route, shared->request, *self->context_.logger);
    asio::post(self->executor_, [self, shared, response = std::move(response)]() mutable {
      self->Respond(std::move(*shared), std::move(response));
    });
  });
  if (!queued) Respond(std::move(*shared), OverloadedResponse());
}

void Connection::Respond(Exchange exchange, Response response) {
  if (state_ == State::kClosed) {  // force-closed while the handler ran
    EndInFlight();
    return;
  }
  state_ = State::kWriting;
  if (shutdown_requested_) exchange.keep_alive = false;
  close_after_write_ = !exchange.keep_alive;
  RenderResponse(std::move(response), exchange, WireOptions{context_.options->behind_tls},
                 response_);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - header_done_at_).count();
  RecordMetrics(exchange, response_.status, seconds);
  header_done_at_ = {};
  stream_.expires_after(context_.options->write_timeout);
  // Head and body in one gather write.
  const std::array<asio::const_buffer, 2> buffers = {asio::buffer(response_.head),
                                                     asio::buffer(response_.body)};
  asio::async_write(stream_, buffers,
                    beast::bind_front_handler(&Connection::OnWrite, shared_from_this()));
}

void Connection::OnWrite(beast::error_code ec, std::size_t /*bytes*/) {
  EndInFlight();
  response_.body = std::string();  // may be large; the head's capacity is kept
  if (ec) {
    Close();
    return;
  }
  if (close_after_write_) {
    LingerClose();
    return;
  }
  WaitForRequest();
}

void Connection::LingerClose() {
  state_ = State::kClosing;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) {
    Close();
    return;
  }
  buffer_.clear();
  stream_.expires_after(kLingerTime);
  Drain();
}

void Connection::Drain() {
  stream_.async_read_some(asio::buffer(scratch_),
                          [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                            self->drained_ += bytes;
                            if (ec || self->drained_ > kMaxDrainBytes) {
                              self->Close();
                              return;
                            }
                            self->Drain();
                          });
}

void Connection::Close() {
  if (state_ == State::kClosed) return;
  state_ = State::kClosed;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
}

void Connection::RecordMetrics(const Exchange& exchange, int status, double seconds) {
  context_.request_metrics->Record(exchange.route_label, exchange.method_label, status, seconds);
  core::Logger& logger = *context_.logger;
  if (logger.Enabled(core::LogLevel::kInfo)) {
    logger.Log(core::LogLevel::kInfo, "http request", exchange.request.request_id,
               {{"method", std::string(exchange.method_label)},
                {"route", exchange.route_label},
                {"status", std::to_string(status)},
                {"duration_ms", std::to_string(seconds * 1000.0)}});
  }
}

void Connection::EndInFlight() {
  if (!in_flight_) return;
  in_flight_ = false;
  context_.in_flight->Add(-1);
}

}  // namespace rapport::http::internal
