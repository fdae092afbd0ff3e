#pragma once

// What reading and writing front matter (front_matter.h) share: the byte-order mark, blanks
// and flow indicators, the `---` marker lines, physical lines, and where a scalar stands.
// Thread-safety: pure functions and value types.

#include <cstddef>
#include <string_view>

namespace rapport::kb::internal {

inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

inline bool IsBlank(char c) { return c == ' ' || c == '\t'; }
inline bool IsFlowIndicator(char c) {
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

std::string_view TrimBlanks(std::string_view s);

// True when `line` is `marker` followed only by blanks.
bool IsMarkerLine(std::string_view line, std::string_view marker);

// True when `text` (after any byte-order mark) opens with front matter: its first line is a
// `---` marker line.
bool OpensFrontMatter(std::string_view text);

// One physical line of the text, without its LF or CRLF.
struct SourceLine {
  std::string_view text;
  std::size_t next = 0;  // offset of the following line
  int number = 0;
};

// The line that starts at `pos`, numbered `number`.
SourceLine LineAt(std::string_view text, std::size_t pos, int number);

// Where a scalar appears: a block value (after `key:` or `- `) or an item of a flow list,
// where `,` and `]` end it.
enum class ScalarContext { kBlock, kFlow };

}  // namespace rapport::kb::internal
