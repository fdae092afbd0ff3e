#pragma once

// Percent-decoding and UTF-8 validation for request targets. Thread-safety: pure functions.

#include <string>
#include <string_view>

#include "rapport/core/error.h"

namespace rapport::http::internal {

struct DecodeOptions {
  bool plus_as_space = false;         // application/x-www-form-urlencoded query components
  bool reject_encoded_slash = false;  // "%2F" inside a path segment would change its shape
};

// Decodes `%XX` escapes. Fails with InvalidArgument (naming `what`, e.g. "path") on a
// malformed escape, on control characters (including NUL) before or after decoding, and when
// the decoded bytes are not valid UTF-8.
core::Result<std::string> PercentDecode(std::string_view in, std::string_view what,
                                        DecodeOptions options = {});

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace rapport::http::internal
