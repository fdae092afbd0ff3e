#pragma once

// UTF-8 decoding and encoding, one code point at a time, strict: overlong forms, surrogates,
// code points above U+10FFFF, truncated and stray continuation bytes are not well formed.
// Thread-safety: pure functions.

#include <cstddef>
#include <string>
#include <string_view>

namespace rapport::core {

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;  // bytes; 0 when the bytes at the position are not valid UTF-8
};

inline bool IsUtf8Continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// The code point starting at `s[pos]`. REQUIRES: pos < s.size().
CodePoint DecodeUtf8At(std::string_view s, std::size_t pos);

// Appends `c` encoded as UTF-8. REQUIRES: c is a Unicode scalar value.
void AppendUtf8(std::string& out, char32_t c);

}  // namespace rapport::core
