#pragma once

// Text checks shared by the auth module: UTF-8 validation, e-mail and display-name
// normalisation. Errors are InvalidArgument naming the field given.
// Thread-safety: pure functions.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "rapport/core/error.h"

namespace rapport::auth::internal {

inline constexpr std::size_t kMaxEmailBytes = 254;  // RFC 5321's path limit less the brackets
inline constexpr std::size_t kMaxNameCodePoints = 200;

// The number of code points in `text`, or nullopt when it is not valid UTF-8 (truncated or
// overlong sequences, surrogates, values beyond U+10FFFF).
std::optional<std::size_t> CountCodePoints(std::string_view text);

// Leading and trailing ASCII white space removed, ASCII letters lower-cased. Sign-in and
// account creation both go through it, so "Ada@Example.COM " finds "ada@example.com".
std::string NormaliseEmail(std::string_view email);

// For a normalised e-mail: 1..254 bytes, one '@' with text on both sides, a '.' in the
// domain, no white space or control characters.
core::Status ValidateEmail(std::string_view email, std::string_view field);

// Trimmed of ASCII white space; 1..`max_code_points` characters of valid UTF-8 without
// control characters.
core::Result<std::string> NormaliseName(std::string_view name, std::string_view field,
                                        std::size_t max_code_points = kMaxNameCodePoints);

}  // namespace rapport::auth::internal
