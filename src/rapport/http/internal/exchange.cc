#include "rapport/http/internal/exchange.h"

#include <array>
#include <cstdio>
#include <exception>
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
// CSP); every other handler header is added as is, so Set-Cookie may repeat.
constexpr std::array<std::string_view, 7> kOverridableHeaders = {
    "x-content-type-options",   "content-security-policy",    "referrer-policy",
    "x-frame-options",          "cross-origin-opener-policy", "cache-control",
    "strict-transport-security"};

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsSafeHeader(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (const char c : name) {
    if (!IsTokenChar(c)) return false;
  }
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

template <std::size_t N>
bool Contains(const std::array<std::string_view, N>& names, std::string_view name) {
  for (const std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

bool IsJson(std::string_view content_type) {
  return content_type.starts_with("application/json") ||
         content_type.starts_with("application/problem+json");
}

Response InternalError() {
  return Response::FromError(core::Error(core::ErrorCode::kInternal, "internal server error"));
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

WireResponse BuildWireResponse(Response response, const Exchange& exchange,
                               const WireOptions& options) {
  if (response.status < 200 || response.status > 599) response = InternalError();
  WireResponse wire;
  wire.version(exchange.version);
  wire.result(static_cast<unsigned>(response.status));
  wire.set(bhttp::field::server, kServerName);
  wire.set("X-Request-Id", exchange.request.request_id);
  wire.set("X-Content-Type-Options", "nosniff");
  wire.set("Content-Security-Policy", kContentSecurityPolicy);
  wire.set("Referrer-Policy", "strict-origin-when-cross-origin");
  wire.set("X-Frame-Options", "DENY");
  wire.set("Cross-Origin-Opener-Policy", "same-origin");
  if (options.behind_tls) wire.set(bhttp::field::strict_transport_security, kHsts);
  if (IsJson(response.content_type)) wire.set(bhttp::field::cache_control, "no-store");

  for (auto& [name, value] : response.headers) {
    const std::string lower = Lower(name);
    if (!IsSafeHeader(name, value) || Contains(kServerOwnedHeaders, lower)) continue;
    if (Contains(kOverridableHeaders, lower)) {
      wire.set(name, value);
    } else {
      wire.insert(name, value);
    }
  }

  const bool no_body = response.status == 204 || response.status == 304;
  if (no_body) {
    response.body.clear();
  } else {
    if (!response.content_type.empty()) {
      wire.set(bhttp::field::content_type, response.content_type);
    }
    wire.content_length(response.body.size());
    if (exchange.head) response.body.clear();
  }
  wire.body() = std::move(response.body);
  wire.keep_alive(exchange.keep_alive);
  return wire;
}

Response OverloadedResponse() {
  Response answer = Response::FromError(
      core::Error(core::ErrorCode::kUnavailable, "server is busy; retry shortly"));
  answer.headers.emplace_back("Retry-After", std::string(kRetryAfterSeconds));
  return answer;
}

}  // namespace rapport::http::internal
