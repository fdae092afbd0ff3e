#pragma once

// Errors as values. Every fallible function that crosses a module boundary returns
// `Result<T>` (or `Status` when there is no value). Codes are semantic; only http/ maps them
// to status codes. Thread-safety: value types, safe to copy between threads.

#include <chrono>
#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace rapport::core {

enum class ErrorCode {
  kInvalidArgument,    // malformed input (HTTP 400)
  kUnauthenticated,    // no or bad credentials (401)
  kPermissionDenied,   // authenticated but not allowed (403)
  kNotFound,           // absent, or belongs to another tenant (404)
  kConflict,           // state conflict, duplicate (409)
  kTooLarge,           // size limit exceeded (413)
  kUnprocessable,      // well-formed but semantically invalid (422)
  kResourceExhausted,  // rate limited (429)
  kUnavailable,        // dependency down, retry later (503)
  kInternal,           // a bug or an environment failure we could not classify (500)
};

// Stable snake_case name used in the JSON error shape, e.g. "invalid_argument".
std::string_view ErrorCodeName(ErrorCode code);

class Error {
 public:
  Error(ErrorCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The offending input field in JSON-path form ("questions[2].scale"), or empty.
  const std::string& field() const { return field_; }
  // For kResourceExhausted and kUnavailable: how long the caller should wait before trying
  // again (HTTP Retry-After); zero when unknown.
  std::chrono::seconds retry_after() const { return retry_after_; }
  Error&& WithRetryAfter(std::chrono::seconds wait) && {
    retry_after_ = wait;
    return std::move(*this);
  }

  // "invalid_argument: body is not JSON (field: name)"; for logs and test failures.
  std::string ToString() const;

  friend bool operator==(const Error&, const Error&) = default;

 private:
  ErrorCode code_;
  std::string message_;
  std::string field_;
  std::chrono::seconds retry_after_{0};
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline Status Ok() { return {}; }

inline std::unexpected<Error> InvalidArgument(std::string message, std::string field = {}) {
  return std::unexpected(Error(ErrorCode::kInvalidArgument, std::move(message), std::move(field)));
}
inline std::unexpected<Error> NotFound(std::string message) {
  return std::unexpected(Error(ErrorCode::kNotFound, std::move(message)));
}
inline std::unexpected<Error> Conflict(std::string message) {
  return std::unexpected(Error(ErrorCode::kConflict, std::move(message)));
}
inline std::unexpected<Error> Unprocessable(std::string message, std::string field = {}) {
  return std::unexpected(Error(ErrorCode::kUnprocessable, std::move(message), std::move(field)));
}
// Rate limited (HTTP 429 with Retry-After).
inline std::unexpected<Error> ResourceExhausted(std::string message,
                                                std::chrono::seconds retry_after) {
  return std::unexpected(
      Error(ErrorCode::kResourceExhausted, std::move(message)).WithRetryAfter(retry_after));
}
inline std::unexpected<Error> PermissionDenied(std::string message) {
  return std::unexpected(Error(ErrorCode::kPermissionDenied, std::move(message)));
}
inline std::unexpected<Error> Unauthenticated(std::string message) {
  return std::unexpected(Error(ErrorCode::kUnauthenticated, std::move(message)));
}
inline std::unexpected<Error> Unavailable(std::string message) {
  return std::unexpected(Error(ErrorCode::kUnavailable, std::move(message)));
}
inline std::unexpected<Error> Internal(std::string message) {
  return std::unexpected(Error(ErrorCode::kInternal, std::move(message)));
}
inline std::unexpected<Error> MakeError(ErrorCode code, std::string message,
                                        std::string field = {}) {
  return std::unexpected(Error(code, std::move(message), std::move(field)));
}

}  // namespace rapport::core

#define RAPPORT_CONCAT_INNER_(a, b) a##b
#define RAPPORT_CONCAT_(a, b) RAPPORT_CONCAT_INNER_(a, b)

// Returns the error of `expr` (a Result or Status) from the enclosing function.
#define RAPPORT_RETURN_IF_ERROR(expr)                             \
  do {                                                            \
    auto&& rapport_status_ = (expr);                              \
    if (!rapport_status_) {                                       \
      return std::unexpected(std::move(rapport_status_).error()); \
    }                                                             \
  } while (false)

// NOLINTBEGIN(bugprone-macro-parentheses): `lhs` may be a declaration, which cannot be
// parenthesised.
// `RAPPORT_ASSIGN_OR_RETURN(auto x, Parse(s));` declares or assigns `lhs` from the value
// of `expr`, or returns its error.
#define RAPPORT_ASSIGN_OR_RETURN(lhs, expr) \
  RAPPORT_ASSIGN_OR_RETURN_IMPL_(RAPPORT_CONCAT_(rapport_result_, __LINE__), lhs, expr)
#define RAPPORT_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp) {                                          \
    return std::unexpected(std::move(tmp).error());    \
  }                                                    \
  lhs = std::move(*tmp)
// NOLINTEND(bugprone-macro-parentheses)
