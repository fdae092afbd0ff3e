#include "rapport/auth/internal/text.h"

#include <array>

namespace rapport::auth::internal {
namespace {

constexpr std::string_view kAsciiSpace = " \t\r\n\f\v";

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(kAsciiSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kAsciiSpace);
  return text.substr(first, last - first + 1);
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7F; }

// The length of the UTF-8 sequence starting at `i`, or 0 when it is invalid.
std::size_t SequenceLength(std::string_view s, std::size_t i) {
  struct Lead {
    unsigned char mask;
    unsigned char value;
    std::size_t length;
    char32_t min;  // smallest code point this length may encode (smaller is overlong)
  };
  constexpr std::array<Lead, 3> kLeads = {{
      {0xE0, 0xC0, 2, 0x80},
      {0xF0, 0xE0, 3, 0x800},
      {0xF8, 0xF0, 4, 0x10000},
  }};
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char first = byte(i);
  if (first < 0x80) return 1;
  for (const Lead& lead : kLeads) {
    if ((first & lead.mask) != lead.value) continue;
    if (i + lead.length > s.size()) return 0;
    char32_t code = first & static_cast<unsigned char>(~lead.mask);
    for (std::size_t k = 1; k < lead.length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return 0;
      code = (code << 6) | (byte(i + k) & 0x3F);
    }
    if (code < lead.min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return lead.length;
  }
  return 0;  // a continuation byte or 0xF8..0xFF where a sequence should start
}

}  // namespace

std::optional<std::size_t> CountCodePoints(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const std::size_t length = SequenceLength(text, i);
    if (length == 0) return std::nullopt;
    i += length;
  }
  return count;
}

std::string NormaliseEmail(std::string_view email) {
  std::string out(Trim(email));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

core::Status ValidateEmail(std::string_view email, std::string_view field) {
  const auto invalid = [&] {
    return core::InvalidArgument(std::string(field) + " must be an e-mail address",
                                 std::string(field));
  };
  if (email.empty() || email.size() > kMaxEmailBytes || !CountCodePoints(email)) {
    return invalid();
  }
  for (char c : email) {
    if (IsControl(static_cast<unsigned char>(c)) || c == ' ') return invalid();
  }
  const auto at = email.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == email.size()) return invalid();
  const std::string_view domain = email.substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.') {
    return invalid();
  }
  return core::Ok();
}

core::Result<std::string> NormaliseName(std::string_view name, std::string_view field,
                                        std::size_t max_code_points) {
  const std::string_view trimmed = Trim(name);
  const auto count = CountCodePoints(trimmed);
  const std::string message = std::string(field) + " must be 1 to " +
                              std::to_string(max_code_points) +
                              " characters of text without control characters";
  if (!count || *count == 0 || *count > max_code_points) {
    return core::InvalidArgument(message, std::string(field));
  }
  for (char c : trimmed) {
    if (IsControl(static_cast<unsigned char>(c))) {
      return core::InvalidArgument(message, std::string(field));
    }
  }
  return std::string(trimmed);
}

}  // namespace rapport::auth::internal
