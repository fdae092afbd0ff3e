#pragma once

// One request/response exchange, independent of sockets: Prepare routes a parsed message,
// RunHandler calls the handler without letting an exception escape, and BuildWireResponse adds
// everything the server promises on every response (request id, security headers, framing).
// The server's connections and the http_request_fuzzer both go through these functions.
// Thread-safety: pure functions, except that RunHandler calls a handler (see Router) and logs.

#include <optional>
#include <string>
#include <string_view>

#include "rapport/core/log.h"
#include "rapport/http/internal/parse.h"
#include "rapport/http/request.h"
#include "rapport/http/router.h"

namespace rapport::http::internal {

// The metrics and access-log label for requests that matched no route: the raw path must
// never become a label (unbounded cardinality).
inline constexpr std::string_view kUnmatchedRoute = "unmatched";

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

struct Exchange {
  Request request;                          // request_id is always set
  const Route* route = nullptr;             // the handler to run; null when `immediate` answers
  std::optional<Response> immediate;        // 400 / 404 / 405 / 204 (OPTIONS) decided by routing
  std::string route_label;                  // the pattern, or kUnmatchedRoute
  std::string_view method_label = "other";  // MethodName, or "other" when not understood
  bool head = false;                        // answer without a body
  bool keep_alive = false;
  unsigned version = 11;
};

// A valid client X-Request-Id is echoed: 1..64 characters of [A-Za-z0-9._-].
bool IsValidRequestId(std::string_view id);
// 16 lower-case hex characters from a per-thread fast generator (ids are not secrets).
std::string GenerateRequestId();

// Decodes and routes `message` (its body is moved into the Request).
Exchange Prepare(WireRequest& message, const Router& router);

// The exchange for a request that could not be parsed: `answer` from ResponseForReadError,
// request id from the partially parsed header when there was one, connection closed after.
Exchange PrepareForReadError(Response answer, const WireRequest* partial);

// Calls the route's handler. An exception becomes a 500 in the one error shape and is logged
// at error level with the request id; it never propagates.
Response RunHandler(const Route& route, const Request& request, core::Logger& logger) noexcept;

struct WireOptions {
  bool behind_tls = false;  // adds Strict-Transport-Security
};

// The bytes-ready response: status, body (none for HEAD, 1xx, 204, 304; Content-Length of the
// GET body for HEAD), Content-Type, X-Request-Id, the security headers (a handler may override
// the policy headers, never framing, Server or X-Request-Id), Cache-Control: no-store on JSON
// unless the handler set one, and Connection per `exchange.keep_alive`. Headers a handler set
// with CR, LF or NUL in them are dropped. An out-of-range status becomes 500.
// RenderResponse produces the bytes the connection writes; BuildWireResponse the same head as
// a Beast message (tests, the fuzzer, the rejected-connection answer). Both share one
// implementation, so they cannot disagree.
struct RenderedResponse {
  int status = 500;  // after the out-of-range fix-up
  std::string head;  // status line and headers, through the blank line that ends them
  std::string body;  // written after `head`; empty when there is none to send
};
// Renders into `out`, reusing its buffers' capacity (a connection keeps one).
void RenderResponse(Response response, const Exchange& exchange, const WireOptions& options,
                    RenderedResponse& out);
WireResponse BuildWireResponse(Response response, const Exchange& exchange,
                               const WireOptions& options);

// 503 for a full worker queue: the error shape plus Retry-After.
Response OverloadedResponse();

}  // namespace rapport::http::internal
