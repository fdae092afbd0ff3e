#include "rapport/core/html.h"

#include "rapport/core/utf8.h"

namespace rapport::core {
namespace {

constexpr std::string_view kReplacement = "\uFFFD";

std::string_view Reference(char32_t c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return {};
  }
}

}  // namespace

void AppendEscapedHtml(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const CodePoint cp = DecodeUtf8At(text, pos);
    if (cp.length == 0 || cp.value == 0) {
      out += kReplacement;
      ++pos;
      continue;
    }
    if (const std::string_view ref = Reference(cp.value); !ref.empty()) {
      out += ref;
    } else {
      out.append(text.substr(pos, cp.length));
    }
    pos += cp.length;
  }
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  AppendEscapedHtml(out, text);
  return out;
}

}  // namespace rapport::core
