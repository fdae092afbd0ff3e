#include "rapport/core/id.h"

#include <array>
#include <cstdint>
#include <span>

namespace rapport::core {
namespace {

constexpr std::string_view kAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

}  // namespace

bool IsWellFormedId(std::string_view text) {
  if (text.size() != kIdLength) return false;
  // The first character carries only 3 of the timestamp's 48 bits (26 * 5 = 130 > 128).
  if (text[0] > '7') return false;
  for (char c : text) {
    if (kAlphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

std::string IdGenerator::NewRaw() {
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch())
          .count();
  // 128 bits: a 48-bit big-endian millisecond timestamp, then 80 random bits.
  std::array<std::uint8_t, 16> bits{};
  for (int i = 0; i < 6; ++i) {
    bits[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
  }
  random_.Fill(std::as_writable_bytes(std::span(bits).subspan(6)));
  // Encode 5 bits per character, as if two zero bits preceded the 128 (26 * 5 = 130).
  std::string out(kIdLength, '0');
  for (std::size_t i = 0; i < kIdLength; ++i) {
    unsigned value = 0;
    for (int b = 0; b < 5; ++b) {
      const int pos = static_cast<int>(i) * 5 + b - 2;  // bit index into `bits`, MSB first
      unsigned bit = 0;
      if (pos >= 0) bit = (bits[static_cast<std::size_t>(pos / 8)] >> (7 - pos % 8)) & 1u;
      value = (value << 1) | bit;
    }
    out[i] = kAlphabet[value];
  }
  return out;
}

}  // namespace rapport::core
