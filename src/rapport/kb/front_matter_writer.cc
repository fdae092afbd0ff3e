// Writing front matter (WriteMarkdownFile); front_matter.cc reads it.

#include <fmt/format.h>

#include "rapport/kb/front_matter.h"
#include "rapport/kb/internal/front_matter_syntax.h"

namespace rapport::kb {
namespace {

using internal::IsBlank;
using internal::IsFlowIndicator;
using internal::kByteOrderMark;
using internal::OpensFrontMatter;
using internal::ScalarContext;

bool NeedsQuotes(std::string_view s, ScalarContext context) {
  if (s.empty() || IsBlank(s.front()) || IsBlank(s.back())) return true;
  const auto ends_plain = [&](std::size_t i) {
    return i >= s.size() || IsBlank(s[i]) ||
           (context == ScalarContext::kFlow && IsFlowIndicator(s[i]));
  };
  switch (s.front()) {
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '{':
    case '}':
    case '[':
    case ']':
    case ',':
    case '%':
    case '@':
    case '`':
    case '"':
    case '\'':
    case '#':
      return true;
    case '-':
    case '?':
    case ':':
      if (ends_plain(1)) return true;
      break;
    default:
      break;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == ':' && ends_plain(i + 1)) return true;
    if (c == '#' && IsBlank(s[i - 1])) return true;  // i > 0: s[0] == '#' returned above
    if (context == ScalarContext::kFlow && IsFlowIndicator(s[i])) return true;
  }
  return false;
}

void WriteScalar(std::string& out, std::string_view s, ScalarContext context) {
  if (!NeedsQuotes(s, context)) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '\r':
        out.append("\\r");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out.append(fmt::format("\\x{:02X}", static_cast<unsigned char>(c)));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

}  // namespace

std::string WriteMarkdownFile(const FrontMatter& front_matter, std::string_view body) {
  std::string out;
  if (front_matter.fields.empty()) {
    // Either would make ParseMarkdownFile read the body differently.
    if (!body.starts_with(kByteOrderMark) && !OpensFrontMatter(body)) return std::string(body);
    out.append("---\n---\n");
    out.append(body);
    return out;
  }
  out.append("---\n");
  for (const auto& [key, value] : front_matter.fields) {
    out.append(key);
    out.append(": ");
    if (const auto* text = std::get_if<std::string>(&value)) {
      WriteScalar(out, *text, ScalarContext::kBlock);
    } else {
      out.push_back('[');
      const auto& items = std::get<std::vector<std::string>>(value);
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out.append(", ");
        WriteScalar(out, items[i], ScalarContext::kFlow);
      }
      out.push_back(']');
    }
    out.push_back('\n');
  }
  out.append("---\n");
  out.append(body);
  return out;
}

}  // namespace rapport::kb
