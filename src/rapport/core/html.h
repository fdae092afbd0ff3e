#pragma once

// Escaping text for HTML element content and attribute values (quoted with " or '): & < > " '
// become character references, and bytes that are not valid UTF-8 (and NUL) become U+FFFD, so
// any input yields well-formed text. Thread-safety: pure functions.

#include <string>
#include <string_view>

namespace rapport::core {

void AppendEscapedHtml(std::string& out, std::string_view text);
std::string EscapeHtml(std::string_view text);

}  // namespace rapport::core
