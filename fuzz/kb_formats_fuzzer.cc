// Feeds arbitrary bytes to the knowledge-base import formats. The first byte chooses the parser:
// odd for front matter, even for HTML; the rest is the input. Beyond "no crash, no leak, no UB,
// no endless loop": front matter that reads writes back to the same fields and body, and every
// error names a line; HTML converts to valid UTF-8 Markdown, the same way twice, under either
// link policy.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "rapport/kb/front_matter.h"
#include "rapport/kb/html_to_markdown.h"

namespace {

using namespace rapport;  // NOLINT(google-build-using-namespace): fuzzer entry point

void Check(bool condition) {
  if (!condition) std::abort();
}

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t length = 0;
    unsigned char min1 = 0x80;
    unsigned char max1 = 0xBF;
    if (b0 < 0x80) {
      ++i;
      continue;
    }
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
      return false;
    }
    if (i + length > s.size()) return false;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 < min1 || b1 > max1) return false;
    for (std::size_t k = 2; k < length; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0U) != 0x80U) return false;
    }
    i += length;
  }
  return true;
}

void CheckFrontMatter(std::string_view input) {
  const auto file = kb::ParseMarkdownFile(input);
  if (!file) {
    Check(file.error().line >= 1 && !file.error().message.empty());
    return;
  }
  Check(file->body_line >= 1);
  const std::string written = kb::WriteMarkdownFile(file->front_matter, file->body);
  const auto again = kb::ParseMarkdownFile(written);
  Check(again.has_value());
  Check(again->front_matter == file->front_matter);
  Check(again->body == file->body);
}

// Keeps every link and some images (dropping the others reaches the alt-text path).
kb::HtmlConversionOptions KeepOptions() {
  kb::HtmlConversionOptions options;
  options.link = [](std::string_view href) { return std::optional<std::string>(href); };
  options.image = [](std::string_view src) -> std::optional<std::string> {
    if (src.size() % 2 == 0) return std::nullopt;
    return std::string(src);
  };
  return options;
}

void CheckHtml(std::string_view input) {
  static const kb::HtmlConversionOptions keep = KeepOptions();
  static const kb::HtmlConversionOptions defaults;
  for (const kb::HtmlConversionOptions* chosen : {&keep, &defaults}) {
    const auto doc = kb::ConvertHtml(input, *chosen);
    if (!doc) {
      Check(!doc.error().message().empty());
      continue;
    }
    Check(IsValidUtf8(doc->markdown) && IsValidUtf8(doc->title) && IsValidUtf8(doc->language));
    for (const std::string& keyword : doc->keywords)
      Check(!keyword.empty() && IsValidUtf8(keyword));
    Check(doc->markdown.empty() || doc->markdown.back() == '\n');
    const auto again = kb::ConvertHtml(input, *chosen);
    Check(again.has_value() && again->markdown == doc->markdown && again->title == doc->title);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 1) {
    CheckFrontMatter(input);
  } else {
    CheckHtml(input);
  }
  return 0;
}
