#pragma once

// Characters and strings for the HTML to Markdown conversion (html_to_markdown.h): HTML white
// space, ASCII classes, UTF-8 repair and the character classes of CommonMark's emphasis
// rules. Thread-safety: pure functions.

#include <cstddef>
#include <string>
#include <string_view>

namespace rapport::kb::internal {

bool IsHtmlSpace(char c);
bool IsAsciiAlnum(char c);
bool IsAsciiLetter(char c);
// A letter for the purpose of emphasis flanking: ASCII letters and digits, and anything
// beyond ASCII (mostly letters).
bool IsWordByte(char c);

// ASCII case-insensitive comparisons.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);

std::string_view TrimHtmlSpace(std::string_view s);
// Runs of HTML white space as one space, none at either end.
std::string CollapseWhitespace(std::string_view s);

// `s` with every ill-formed sequence replaced by U+FFFD. libxml2 already gives UTF-8; this
// makes the promise independent of how it recovers from broken input.
std::string ValidUtf8(std::string s);

// What CommonMark's emphasis rules see in a character.
enum class CharClass { kSpace, kPunctuation, kOther };

// The class of the character that starts at `pos`, or that ends just before it; the ends of
// the text count as white space (they are the ends of a line).
CharClass ClassAfter(std::string_view s, std::size_t pos);
CharClass ClassBefore(std::string_view s, std::size_t pos);

// The length of the longest run of `c` in `s`.
std::size_t LongestRun(std::string_view s, char c);

// `text` with `first` before its first line, `rest` before each following non-empty line and
// `empty_line` before each following empty one.
std::string PrefixLines(std::string_view text, std::string_view first, std::string_view rest,
                        std::string_view empty_line);

}  // namespace rapport::kb::internal
