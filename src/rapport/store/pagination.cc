#include "rapport/store/pagination.h"

#include <fmt/format.h>

namespace rapport::store {
namespace {

constexpr std::string_view kHexDigits = "0123456789abcdef";
// Version prefix, so the encoding can change without misreading old cursors.
constexpr std::string_view kCursorPrefix = "c1";
// Sort keys are short (ids, timestamps); anything longer did not come from us.
constexpr std::size_t kMaxCursorLength = 512;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string EncodeCursor(std::string_view key) {
  std::string out(kCursorPrefix);
  out.reserve(kCursorPrefix.size() + 2 * key.size());
  for (char c : key) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(kHexDigits[byte >> 4]);
    out.push_back(kHexDigits[byte & 0x0f]);
  }
  return out;
}

core::Result<std::string> DecodeCursor(std::string_view cursor) {
  if (cursor.empty()) return std::string();
  const auto invalid = [] { return core::InvalidArgument("malformed cursor", "cursor"); };
  if (cursor.size() > kMaxCursorLength || !cursor.starts_with(kCursorPrefix)) return invalid();
  const std::string_view hex = cursor.substr(kCursorPrefix.size());
  if (hex.empty() || hex.size() % 2 != 0) return invalid();
  std::string key;
  key.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = HexValue(hex[i]);
    const int low = HexValue(hex[i + 1]);
    if (high < 0 || low < 0) return invalid();
    key.push_back(static_cast<char>((high << 4) | low));
  }
  return key;
}

core::Status ValidatePageLimit(int limit) {
  if (limit < 1 || limit > kMaxPageLimit) {
    return core::InvalidArgument(fmt::format("limit must be between 1 and {}", kMaxPageLimit),
                                 "limit");
  }
  return core::Ok();
}

}  // namespace rapport::store
