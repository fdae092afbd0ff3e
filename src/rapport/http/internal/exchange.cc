#include "rapport/http/internal/exchange.h"

#include <array>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/status.hpp>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iterator>
#include <utility>

#include "rapport/core/random.h"

namespace rapport::http::internal {
namespace {

namespace bhttp = boost::beast::http;

constexpr std::size_t kMaxRequestIdLength = 64;
constexpr std::string_view kServerName = "Rapport";
constexpr std::string_view kHsts = "max-age=31536000; includeSubDomains";
constexpr std::string_view kRetryAfterSeconds = "1";

// Headers only the server may set: framing, connection management and identity.
constexpr std::array<std::string_view, 8> kServerOwnedHeaders = {
    "content-length", "transfer-encoding", "connection",  "keep-alive", "upgrade",
    "server",         "x-request-id",      "content-type"};
// Headers the server sets by default and a handler may replace (e.g. a page needing another
// CSP); every other handler header is added as is, so Set-Cookie may repeat. The first
// kPolicyHeaders.size() entries are the policy headers, in kPolicyHeaders' order.
constexpr std::array<std::string_view, 7> kOverridableHeaders = {
    "x-content-type-options",   "content-security-policy",    "referrer-policy",
    "x-frame-options",          "cross-origin-opener-policy", "cache-control",
    "strict-transport-security"};
constexpr int kCacheControlIndex = 5;
constexpr int kHstsIndex = 6;

struct NameValue {
  std::string_view name;
  std::string_view value;
};
constexpr std::array<NameValue, 5> kPolicyHeaders = {{
    {"X-Content-Type-Options", "nosniff"},
    {"Content-Security-Policy", kContentSecurityPolicy},
    {"Referrer-Policy", "strict-origin-when-cross-origin"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
}};
constexpr std::uint32_t kPolicyMask = (1u << kPolicyHeaders.size()) - 1;
// Room for the status line, the default headers and the framing headers, so that rendering a
// typical response allocates once.
constexpr std::size_t kHeadReserve = 640;

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsSafeHeader(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (const char c : name) {
    if (!IsTokenChar(c)) return false;
  }
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// Case-insensitive, without allocating: `names` are lower case.
template <std::size_t N>
int IndexOf(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (boost::beast::iequals(names[i], name)) return static_cast<int>(i);
  }
  return -1;
}

// Leading and trailing spaces and tabs are not part of a field value (Beast trims them too).
std::string_view TrimValue(std::string_view value) {
  const std::size_t first = value.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return value.substr(first, value.find_last_not_of(" \t") - first + 1);
}

bool IsJson(std::string_view content_type) {
  return content_type.starts_with("application/json") ||
         content_type.starts_with("application/problem+json");
}

Response InternalError() {
  return Response::FromError(core::Error(core::ErrorCode::kInternal, "internal server error"));
}

// Appends the response head as bytes: the hot path, one string and no per-header nodes.
struct BytesSink {
  std::string& out;

  void StatusLine(unsigned version, int status) {
    out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    AppendNumber(static_cast<std::size_t>(status));
    out.push_back(' ');
    out.append(bhttp::obsolete_reason(static_cast<bhttp::status>(status)));
    out.append("\r\n");
  }
  void Header(std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(TrimValue(value)).append("\r\n");
  }
  void PolicyHeaders() { out.append(PolicyBlock()); }
  void ContentLength(std::size_t length) {
    out.append("Content-Length: ");
    AppendNumber(length);
    out.append("\r\n");
  }
  void AppendNumber(std::size_t n) {
    char digits[24];
    const char* end = std::to_chars(std::begin(digits), std::end(digits), n).ptr;
    out.append(digits, static_cast<std::size_t>(end - digits));
  }
  // The default policy headers, rendered once.
  static const std::string& PolicyBlock() {
    static const std::string block = [] {
      std::string b;
      for (const NameValue& h : kPolicyHeaders) {
        b.append(h.name).append(": ").append(h.value).append("\r\n");
      }
      return b;
    }();
    return block;
  }
};

// Fills a Beast message with the same head (tests, the fuzzer, the rejected-connection 503).
struct MessageSink {
  WireResponse& wire;

  void StatusLine(unsigned version, int status) {
    wire.version(version);
    wire.result(static_cast<unsigned>(status));
  }
  void Header(std::string_view name, std::string_view value) { wire.insert(name, value); }
  void PolicyHeaders() {
    for (const NameValue& h : kPolicyHeaders) Header(h.name, h.value);
  }
  void ContentLength(std::size_t length) { wire.content_length(length); }
};

// Emits the status line and headers (without the blank line that ends them) of `response`,
// whose status is valid, and returns whether the response has a body (Content-Length).
template <typename Sink>
bool EmitHead(const Response& response, const Exchange& exchange, const WireOptions& options,
              Sink& sink) {
  const NameValues& extra = response.headers;
  // Overridable headers the handler set; of several with one name the last wins.
  std::uint32_t overridden = 0;
  std::array<std::size_t, kOverridableHeaders.size()> last{};
  for (std::size_t i = 0; i < extra.size(); ++i) {
    if (!IsSafeHeader(extra[i].first, extra[i].second)) continue;
    const int index = IndexOf(kOverridableHeaders, extra[i].first);
    if (index < 0) continue;
    overridden |= 1u << index;
    last[static_cast<std::size_t>(index)] = i;
  }
  const auto is_default = [overridden](int index) { return (overridden & (1u << index)) == 0; };

  sink.StatusLine(exchange.version, response.status);
  sink.Header("Server", kServerName);
  sink.Header("X-Request-Id", exchange.request.request_id);
  if ((overridden & kPolicyMask) == 0) {
    sink.PolicyHeaders();
  } else {
    for (std::size_t i = 0; i < kPolicyHeaders.size(); ++i) {
      if (is_default(static_cast<int>(i))) {
        sink.Header(kPolicyHeaders[i].name, kPolicyHeaders[i].value);
      }
    }
  }
  if (options.behind_tls && is_default(kHstsIndex)) {
    sink.Header("Strict-Transport-Security", kHsts);
  }
  if (IsJson(response.content_type) && is_default(kCacheControlIndex)) {
    sink.Header("Cache-Control", "no-store");
  }
  for (std::size_t i = 0; i < extra.size(); ++i) {
    const auto& [name, value] = extra[i];
    if (!IsSafeHeader(name, value) || IndexOf(kServerOwnedHeaders, name) >= 0) continue;
    const int index = IndexOf(kOverridableHeaders, name);
    if (index >= 0 && last[static_cast<std::size_t>(index)] != i) continue;
    sink.Header(name, value);
  }

  const bool has_body = response.status != 204 && response.status != 304;
  if (has_body) {
    if (!response.content_type.empty()) sink.Header("Content-Type", response.content_type);
    sink.ContentLength(response.body.size());
  }
  // HTTP/1.1 keeps the connection unless told; HTTP/1.0 closes it unless told.
  if (exchange.version == 10 && exchange.keep_alive) sink.Header("Connection", "keep-alive");
  if (exchange.version != 10 && !exchange.keep_alive) sink.Header("Connection", "close");
  return has_body;
}

}  // namespace

bool IsValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string GenerateRequestId() {
  // A request id only has to be unique enough to find log lines, so a per-thread xoshiro
  // seeded once from the kernel is plenty and avoids a syscall per request.
  thread_local core::SeededRandom random(core::SystemRandom().NextU64());
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(random.NextU64()));
  return std::string(out, 16);
}

Exchange Prepare(WireRequest& message, const Router& router) {
  Exchange exchange;
  exchange.version = message.version() == 10 ? 10 : 11;
  exchange.keep_alive = message.keep_alive();
  exchange.head = message.method() == bhttp::verb::head;
  exchange.route_label = std::string(kUnmatchedRoute);

  const auto id_field = message.find("X-Request-Id");
  std::string request_id = (id_field != message.end() && IsValidRequestId(id_field->value()))
                               ? std::string(id_field->value())
                               : GenerateRequestId();

  core::Result<Request> decoded = DecodeRequest(message);
  if (!decoded) {
    // The request line itself was unacceptable; do not trust the rest of the stream.
    exchange.request.request_id = std::move(request_id);
    exchange.immediate = Response::FromError(decoded.error());
    exchange.keep_alive = false;
    return exchange;
  }
  exchange.request = std::move(*decoded);
  exchange.request.request_id = std::move(request_id);
  exchange.method_label = MethodName(exchange.request.method);

  RouteMatch match = router.Match(exchange.request.method, exchange.request.path);
  if (match.route != nullptr) {
    exchange.route = match.route;
    exchange.route_label = match.route->pattern;
    exchange.request.route = match.route->pattern;
    exchange.request.path_params = std::move(match.path_params);
    return exchange;
  }
  if (match.allowed.empty()) {
    exchange.immediate = Response::FromError(core::Error(core::ErrorCode::kNotFound, "not found"));
    return exchange;
  }
  Response answer;
  if (exchange.request.method == Method::kOptions) {
    answer.status = 204;
    answer.content_type.clear();
  } else {
    answer = Response::ErrorShape(
        405, "method_not_allowed",
        "method " + std::string(MethodName(exchange.request.method)) + " is not allowed here");
  }
  answer.headers.emplace_back("Allow", FormatAllow(match.allowed));
  exchange.immediate = std::move(answer);
  return exchange;
}

Exchange PrepareForReadError(Response answer, const WireRequest* partial) {
  Exchange exchange;
  exchange.route_label = std::string(kUnmatchedRoute);
  exchange.keep_alive = false;
  if (partial != nullptr) {
    const auto id_field = partial->find("X-Request-Id");
    if (id_field != partial->end() && IsValidRequestId(id_field->value())) {
      exchange.request.request_id = std::string(id_field->value());
    }
    exchange.head = partial->method() == bhttp::verb::head;
    exchange.version = partial->version() == 10 ? 10 : 11;
  }
  if (exchange.request.request_id.empty()) exchange.request.request_id = GenerateRequestId();
  exchange.immediate = std::move(answer);
  return exchange;
}

Response RunHandler(const Route& route, const Request& request, core::Logger& logger) noexcept {
  std::string what;
  try {
    return route.handler(request);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "unknown exception";
  }
  try {
    logger.Log(core::LogLevel::kError, "handler threw", request.request_id,
               {{"route", route.pattern}, {"error", what}});
    return InternalError();
  } catch (...) {
    // Even building the answer failed (out of memory): an empty 500 still tells the client.
    Response bare;
    bare.status = 500;
    bare.content_type.clear();
    return bare;
  }
}

void RenderResponse(Response response, const Exchange& exchange, const WireOptions& options,
                    RenderedResponse& out) {
  if (response.status < 200 || response.status > 599) response = InternalError();
  out.status = response.status;
  out.head.clear();
  out.head.reserve(kHeadReserve + response.content_type.size());
  BytesSink sink{out.head};
  const bool body = EmitHead(response, exchange, options, sink);
  out.head.append("\r\n");
  out.body.clear();
  if (body && !exchange.head) out.body = std::move(response.body);
}

WireResponse BuildWireResponse(Response response, const Exchange& exchange,
                               const WireOptions& options) {
  if (response.status < 200 || response.status > 599) response = InternalError();
  WireResponse wire;
  MessageSink sink{wire};
  const bool body = EmitHead(response, exchange, options, sink);
  if (body && !exchange.head) wire.body() = std::move(response.body);
  return wire;
}

Response OverloadedResponse() {
  Response answer = Response::FromError(
      core::Error(core::ErrorCode::kUnavailable, "server is busy; retry shortly"));
  answer.headers.emplace_back("Retry-After", std::string(kRetryAfterSeconds));
  return answer;
}

}  // namespace rapport::http::internal
