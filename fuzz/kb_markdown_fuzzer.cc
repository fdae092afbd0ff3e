// Feeds arbitrary bytes to the knowledge-base Markdown renderer and to the slug functions.
// Beyond "no crash, no leak, no UB, no endless loop":
//   - the HTML can run no script: no script-capable element, no event-handler or style
//     attribute, and every href/src, read the way a browser reads it (entities decoded,
//     surrounding controls trimmed, tabs and line breaks removed), is relative or uses http:,
//     https: or mailto:;
//   - every heading got exactly one id, a unique anchor, and no bare <hN> is left;
//   - plain text and references agree with the rendering (same errors, same ids);
//   - errors are only the documented ones, on the field "body";
//   - Slugify gives a valid slug (or nothing), and is idempotent.

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "rapport/kb/markdown.h"
#include "rapport/kb/slug.h"

namespace {

using namespace rapport;  // NOLINT(google-build-using-namespace): fuzzer entry point

// Small limits so that the fuzzer reaches them.
constexpr kb::MarkdownLimits kLimits{.max_bytes = 16 * 1024, .max_nesting = 16};

void Check(bool condition) {
  if (!condition) std::abort();
}

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out;
  for (const char c : s) out += AsciiLower(c);
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Character references as a browser decodes them in an attribute (enough of them for
// what cmark writes and for the names an attacker would try).
std::string DecodeEntities(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::size_t semicolon = s.find(';', i);
    if (s[i] != '&' || semicolon == std::string_view::npos || semicolon - i > 12) {
      out += s[i];
      continue;
    }
    const std::string ref = Lower(s.substr(i + 1, semicolon - i - 1));
    if (ref.starts_with('#')) {
      const bool hex = ref.size() > 1 && ref[1] == 'x';
      unsigned long code = 0;
      for (std::size_t k = hex ? 2 : 1; k < ref.size(); ++k) {
        const char c = ref[k];
        const int digit = c >= '0' && c <= '9'          ? c - '0'
                          : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                        : -1;
        if (digit < 0 || code > 0x10FFFF) break;
        code = code * (hex ? 16 : 10) + static_cast<unsigned long>(digit);
      }
      out += code < 0x80 ? static_cast<char>(code) : '?';
    } else if (ref == "amp") {
      out += '&';
    } else if (ref == "quot") {
      out += '"';
    } else if (ref == "lt") {
      out += '<';
    } else if (ref == "gt") {
      out += '>';
    } else if (ref == "colon") {
      out += ':';
    } else if (ref == "tab") {
      out += '\t';
    } else if (ref == "newline") {
      out += '\n';
    } else {
      out += s.substr(i, semicolon - i + 1);
    }
    i = semicolon;
  }
  return out;
}

// The URL as the browser's URL parser sees it.
std::string BrowserUrl(std::string_view attribute_value) {
  std::string decoded = DecodeEntities(attribute_value);
  const auto is_c0_or_space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!decoded.empty() && is_c0_or_space(decoded.front())) decoded.erase(decoded.begin());
  while (!decoded.empty() && is_c0_or_space(decoded.back())) decoded.pop_back();
  std::erase_if(decoded, [](char c) { return c == '\t' || c == '\n' || c == '\r'; });
  return Lower(decoded);
}

void CheckUrl(std::string_view value) {
  const std::string url = BrowserUrl(value);
  const std::size_t delimiter = url.find_first_of(":/?#");
  if (delimiter == std::string::npos || url[delimiter] != ':') return;  // relative
  const std::string_view scheme = std::string_view(url).substr(0, delimiter);
  Check(scheme == "http" || scheme == "https" || scheme == "mailto");
}

// Walks the tags of `html`; aborts on anything that could run script. Returns the number of
// heading start tags with an id, and checks that none is left without one.
std::size_t CheckHtml(std::string_view html) {
  const std::string lower = Lower(html);
  for (const char* tag : {"<script", "<iframe", "<svg", "<style", "<object", "<embed", "<math",
                          "<form", "<base", "<meta", "<link", "<textarea", "<xmp", "<frame"}) {
    Check(lower.find(tag) == std::string::npos);
  }
  std::size_t heading_ids = 0;
  for (std::size_t open = html.find('<'); open != std::string_view::npos;
       open = html.find('<', open + 1)) {
    if (html.substr(open).starts_with("<!--")) {
      open = html.find("-->", open);
      Check(open != std::string_view::npos);
      continue;
    }
    std::size_t pos = open + 1;
    const bool closing = pos < html.size() && html[pos] == '/';
    if (closing) ++pos;
    const std::size_t name_start = pos;
    while (pos < html.size() && std::isalnum(static_cast<unsigned char>(html[pos]))) ++pos;
    const std::string tag_name = Lower(html.substr(name_start, pos - name_start));
    Check(!tag_name.empty());
    const bool heading = !closing && tag_name.size() == 2 && tag_name[0] == 'h' &&
                         tag_name[1] >= '1' && tag_name[1] <= '6';
    bool has_id = false;
    while (true) {
      while (pos < html.size() && (IsSpace(html[pos]) || html[pos] == '/')) ++pos;
      Check(pos < html.size());
      if (html[pos] == '>') break;
      const std::size_t attribute_start = pos;
      while (pos < html.size() && !IsSpace(html[pos]) && html[pos] != '=' && html[pos] != '>' &&
             html[pos] != '/') {
        ++pos;
      }
      const std::string name = Lower(html.substr(attribute_start, pos - attribute_start));
      std::string_view value;
      if (pos < html.size() && html[pos] == '=') {
        ++pos;
        Check(pos < html.size() && html[pos] == '"');  // cmark always quotes with '"'
        const std::size_t close = html.find('"', pos + 1);
        Check(close != std::string_view::npos);
        value = html.substr(pos + 1, close - pos - 1);
        pos = close + 1;
      }
      Check(!name.starts_with("on") && name != "style" && name != "srcdoc");
      if (name == "href" || name == "src") CheckUrl(value);
      if (name == "id") has_id = true;
    }
    if (heading) {
      Check(has_id);
      ++heading_ids;
    }
    open = pos;
  }
  return heading_ids;
}

bool ValidError(const core::Error& error) {
  return (error.code() == core::ErrorCode::kTooLarge ||
          error.code() == core::ErrorCode::kInvalidArgument) &&
         error.field() == "body" && !error.message().empty();
}

kb::LinkTargets Targets() {
  kb::LinkTargets targets;
  // Ids starting with a digit resolve; others are unknown. Attachments starting with 'j'
  // resolve to a script URL, which must still be refused.
  targets.article = [](std::string_view id) -> std::optional<std::string> {
    Check(!id.empty() && id.find('#') == std::string_view::npos);
    if (id.front() >= '0' && id.front() <= '9') return "/knowledge/articles/" + std::string(id);
    return std::nullopt;
  };
  targets.attachment = [](std::string_view id) -> std::optional<std::string> {
    Check(!id.empty() && id.find('#') == std::string_view::npos);
    if (id.front() == 'j') return "javascript:alert(1)";
    if (id.front() >= '0' && id.front() <= '9') return "/api/v1/attachments/" + std::string(id);
    return std::nullopt;
  };
  return targets;
}

void CheckMarkdown(std::string_view input) {
  static const kb::LinkTargets kTargets = Targets();
  const auto rendered = kb::RenderMarkdown(input, kTargets, kLimits);
  const auto text = kb::MarkdownToPlainText(input, kLimits);
  const auto references = kb::FindReferences(input, kLimits);
  Check(rendered.has_value() == text.has_value() && rendered.has_value() == references.has_value());
  if (!rendered) {
    Check(ValidError(rendered.error()));
    Check(rendered.error() == text.error() && rendered.error() == references.error());
    return;
  }
  Check(CheckHtml(rendered->html) == rendered->headings.size());
  std::set<std::string> anchors;
  for (const kb::Heading& heading : rendered->headings) {
    Check(heading.level >= 1 && heading.level <= 6);
    Check(anchors.insert(heading.anchor).second);
    Check(!heading.anchor.empty() && heading.anchor.find_first_of("\"<>&' ") == std::string::npos);
  }
  Check(references->article_links == rendered->article_links);
  Check(references->attachment_links == rendered->attachment_links);
  for (const std::string& id : rendered->article_links) Check(!id.empty());
  for (const std::string& id : rendered->attachment_links) Check(!id.empty());
  Check(text->find("  ") == std::string::npos);
  Check(text->empty() || (text->front() != ' ' && text->back() != ' '));
}

void CheckSlug(std::string_view input) {
  const std::string slug = kb::Slugify(input);
  Check(slug.size() <= kb::kDefaultSlugBytes);
  Check(slug.empty() || kb::IsValidSlug(slug));
  Check(kb::Slugify(slug) == slug);
  if (kb::IsValidSlug(input)) Check(kb::Slugify(input, kb::kMaxSlugBytes) == input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckMarkdown(input);
  CheckSlug(input);
  return 0;
}
