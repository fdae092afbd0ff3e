#include "rapport/core/utf8.h"

#include <cstdint>

namespace rapport::core {

CodePoint DecodeUtf8At(std::string_view s, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[pos + i]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return {b0, 1};
  std::size_t length = 0;
  unsigned char min1 = 0x80;
  unsigned char max1 = 0xBF;
  char32_t value = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
    value = b0 & 0x1FU;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    value = b0 & 0x0FU;
    if (b0 == 0xE0) min1 = 0xA0;  // overlong
    if (b0 == 0xED) max1 = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    value = b0 & 0x07U;
    if (b0 == 0xF0) min1 = 0x90;  // overlong
    if (b0 == 0xF4) max1 = 0x8F;  // above U+10FFFF
  } else {
    return {};
  }
  if (pos + length > s.size()) return {};
  if (byte(1) < min1 || byte(1) > max1) return {};
  for (std::size_t i = 1; i < length; ++i) {
    if (!IsUtf8Continuation(byte(i))) return {};
    value = (value << 6U) | (byte(i) & 0x3FU);
  }
  return {value, length};
}

void AppendUtf8(std::string& out, char32_t c) {
  const auto put = [&](std::uint32_t byte) { out.push_back(static_cast<char>(byte)); };
  const auto v = static_cast<std::uint32_t>(c);
  if (v < 0x80) {
    put(v);
  } else if (v < 0x800) {
    put(0xC0U | (v >> 6U));
    put(0x80U | (v & 0x3FU));
  } else if (v < 0x10000) {
    put(0xE0U | (v >> 12U));
    put(0x80U | ((v >> 6U) & 0x3FU));
    put(0x80U | (v & 0x3FU));
  } else {
    put(0xF0U | (v >> 18U));
    put(0x80U | ((v >> 12U) & 0x3FU));
    put(0x80U | ((v >> 6U) & 0x3FU));
    put(0x80U | (v & 0x3FU));
  }
}

}  // namespace rapport::core
