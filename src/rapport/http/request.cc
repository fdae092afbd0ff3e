#include "rapport/http/request.h"

#include <boost/json.hpp>
#include <stdexcept>
#include <string>

namespace rapport::http {
namespace {

std::optional<std::string_view> FindValue(const NameValues& values, std::string_view name) {
  for (const auto& [key, value] : values) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
  }
  return "GET";
}

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
  return FindValue(headers, lower_name);
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  return FindValue(query, name);
}

std::string_view Request::PathParam(std::string_view name) const {
  const std::optional<std::string_view> value = FindValue(path_params, name);
  // The router fills every declared parameter; asking for an undeclared one is a bug in the
  // handler. Throwing turns it into a logged 500 instead of taking the whole server down.
  if (!value) throw std::logic_error("route has no path parameter '" + std::string(name) + "'");
  return *value;
}

Response Response::Json(int status, std::string body) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = std::move(body);
  return response;
}

Response Response::Text(int status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

Response Response::FromError(const core::Error& error) {
  Response response = ErrorShape(StatusFor(error.code()), ErrorCodeName(error.code()),
                                 error.message(), error.field());
  if (error.retry_after().count() > 0) {
    response.headers.emplace_back("Retry-After", std::to_string(error.retry_after().count()));
  }
  return response;
}

Response Response::ErrorShape(int status, std::string_view code, std::string_view message,
                              std::string_view field) {
  boost::json::object inner;
  inner["code"] = code;
  inner["message"] = message;
  if (!field.empty()) inner["field"] = field;
  boost::json::object outer;
  outer["error"] = std::move(inner);
  return Json(status, boost::json::serialize(outer));
}

int StatusFor(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidArgument:
      return 400;
    case core::ErrorCode::kUnauthenticated:
      return 401;
    case core::ErrorCode::kPermissionDenied:
      return 403;
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kConflict:
      return 409;
    case core::ErrorCode::kTooLarge:
      return 413;
    case core::ErrorCode::kUnprocessable:
      return 422;
    case core::ErrorCode::kResourceExhausted:
      return 429;
    case core::ErrorCode::kUnavailable:
      return 503;
    case core::ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

}  // namespace rapport::http
