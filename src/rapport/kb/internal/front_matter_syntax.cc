#include "rapport/kb/internal/front_matter_syntax.h"

namespace rapport::kb::internal {

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

bool IsMarkerLine(std::string_view line, std::string_view marker) {
  return line.starts_with(marker) && TrimBlanks(line.substr(marker.size())).empty();
}

bool OpensFrontMatter(std::string_view text) {
  return IsMarkerLine(LineAt(text, 0, 1).text, "---");
}

SourceLine LineAt(std::string_view text, std::size_t pos, int number) {
  const std::size_t newline = text.find('\n', pos);
  const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
  std::string_view line = text.substr(pos, end - pos);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return SourceLine{line, newline == std::string_view::npos ? text.size() : newline + 1, number};
}

}  // namespace rapport::kb::internal
