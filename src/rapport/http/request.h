#pragma once

// What a handler sees of an HTTP request, and what it returns. Handlers are plain functions of
// Request -> Response; they never touch sockets. Thread-safety: value types.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rapport/core/error.h"

namespace rapport::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions };

// "GET", "HEAD", ...
std::string_view MethodName(Method m);

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct Request {
  Method method = Method::kGet;
  std::string path;    // percent-decoded path, without the query
  NameValues query;    // decoded query parameters in order of appearance
  NameValues headers;  // header names lower-cased
  std::string body;
  NameValues path_params;  // filled by the router from `{name}` segments
  std::string route;       // the matched route pattern, e.g. "/api/v1/people/{id}"
  std::string request_id;  // from a valid X-Request-Id header, else generated
  std::string remote_address;

  std::optional<std::string_view> Header(std::string_view lower_name) const;
  std::optional<std::string_view> Query(std::string_view name) const;
  // REQUIRES: the route declares `{name}`. Asking for an undeclared parameter is a handler bug
  // and throws std::logic_error, which the server turns into a logged 500.
  std::string_view PathParam(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  NameValues headers;  // extra headers; security headers are added by the server

  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body, std::string content_type);
  // The one error shape: {"error":{"code":"...","message":"...","field":"..."}}.
  static Response FromError(const core::Error& error);
  // The same shape for protocol-level answers that have no semantic error code
  // (405 "method_not_allowed", 431 "headers_too_large").
  static Response ErrorShape(int status, std::string_view code, std::string_view message,
                             std::string_view field = {});
};

// The HTTP status for a semantic error code (invalid_argument -> 400, not_found -> 404, ...).
int StatusFor(core::ErrorCode code);

}  // namespace rapport::http
