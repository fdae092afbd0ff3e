#include "rapport/kb/internal/html_text.h"

#include <algorithm>
#include <utility>

namespace rapport::kb::internal {
namespace {

bool IsAsciiPunct(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x21 && u <= 0x7E && !IsAsciiAlnum(c);
}

char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The length of the well-formed UTF-8 sequence at `pos`, or 0 (RFC 3629).
std::size_t Utf8SequenceLength(std::string_view s, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[pos + i]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char min1 = 0x80;
  unsigned char max1 = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) min1 = 0xA0;
    if (b0 == 0xED) max1 = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) min1 = 0x90;
    if (b0 == 0xF4) max1 = 0x8F;
  } else {
    return 0;
  }
  if (pos + length > s.size() || byte(1) < min1 || byte(1) > max1) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if ((byte(i) & 0xC0U) != 0x80U) return 0;
  }
  return length;
}

CharClass ClassOf(char32_t c) {
  if (c < 0x80) {
    const char ascii = static_cast<char>(c);
    if (IsHtmlSpace(ascii) || ascii == '\v') return CharClass::kSpace;
    return IsAsciiPunct(ascii) ? CharClass::kPunctuation : CharClass::kOther;
  }
  if (c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
      c == 0x3000) {
    return CharClass::kSpace;
  }
  // Unicode punctuation (categories P*) in the blocks that text commonly uses.
  static constexpr std::pair<char32_t, char32_t> kPunctuation[] = {
      {0xA1, 0xA1},     {0xA7, 0xA7},     {0xAB, 0xAB},     {0xB6, 0xB7},     {0xBB, 0xBB},
      {0xBF, 0xBF},     {0x2010, 0x2027}, {0x2030, 0x2043}, {0x2045, 0x2051}, {0x2053, 0x205E},
      {0x3001, 0x3003}, {0x3008, 0x3011}, {0x3014, 0x301F}, {0xFF01, 0xFF03}, {0xFF05, 0xFF0A},
      {0xFF0C, 0xFF0F}, {0xFF1A, 0xFF1B}, {0xFF1F, 0xFF20}, {0xFF3B, 0xFF3D}, {0xFF3F, 0xFF3F},
      {0xFF5B, 0xFF5B}, {0xFF5D, 0xFF5D}, {0xFF5F, 0xFF65}};
  for (const auto& [first, last] : kPunctuation) {
    if (c >= first && c <= last) return CharClass::kPunctuation;
  }
  return CharClass::kOther;
}

// The code point of the UTF-8 sequence at `pos` (U+FFFD when it is ill-formed).
char32_t DecodeAt(std::string_view s, std::size_t pos) {
  const auto byte = [&](std::size_t i) {
    return static_cast<char32_t>(static_cast<unsigned char>(s[pos + i]));
  };
  switch (Utf8SequenceLength(s, pos)) {
    case 1:
      return byte(0);
    case 2:
      return ((byte(0) & 0x1FU) << 6) | (byte(1) & 0x3FU);
    case 3:
      return ((byte(0) & 0x0FU) << 12) | ((byte(1) & 0x3FU) << 6) | (byte(2) & 0x3FU);
    case 4:
      return ((byte(0) & 0x07U) << 18) | ((byte(1) & 0x3FU) << 12) | ((byte(2) & 0x3FU) << 6) |
             (byte(3) & 0x3FU);
    default:
      return 0xFFFD;
  }
}

}  // namespace

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsWordByte(char c) { return IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ToLower(x) == ToLower(y);
         });
}
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

std::string_view TrimHtmlSpace(std::string_view s) {
  while (!s.empty() && IsHtmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsHtmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsHtmlSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string ValidUtf8(std::string s) {
  std::size_t pos = 0;
  while (pos < s.size() && Utf8SequenceLength(s, pos) != 0) pos += Utf8SequenceLength(s, pos);
  if (pos == s.size()) return s;
  std::string out(s.substr(0, pos));
  while (pos < s.size()) {
    const std::size_t length = Utf8SequenceLength(s, pos);
    if (length == 0) {
      out.append("\xEF\xBF\xBD");
      ++pos;
    } else {
      out.append(s, pos, length);
      pos += length;
    }
  }
  return out;
}

CharClass ClassAfter(std::string_view s, std::size_t pos) {
  return pos >= s.size() ? CharClass::kSpace : ClassOf(DecodeAt(s, pos));
}
CharClass ClassBefore(std::string_view s, std::size_t pos) {
  if (pos == 0) return CharClass::kSpace;
  std::size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0U) == 0x80U) {
    --start;
  }
  return ClassOf(Utf8SequenceLength(s, start) == pos - start ? DecodeAt(s, start) : 0xFFFD);
}

std::size_t LongestRun(std::string_view s, char c) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char x : s) {
    run = x == c ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

std::string PrefixLines(std::string_view text, std::string_view first, std::string_view rest,
                        std::string_view empty_line) {
  std::string out;
  bool first_line = true;
  while (true) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    if (first_line) {
      out.append(first);
    } else {
      out.append(line.empty() ? empty_line : rest);
    }
    out.append(line);
    first_line = false;
    if (newline == std::string_view::npos) break;
    out.push_back('\n');
    text.remove_prefix(newline + 1);
  }
  return out;
}

}  // namespace rapport::kb::internal
