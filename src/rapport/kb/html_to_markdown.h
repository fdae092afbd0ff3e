#pragma once

// Converts an HTML help page (a LibreOffice help file, a saved wiki page, a vendor manual) to
// GitHub-flavoured Markdown for the knowledge-base import.
//
// The page is parsed with libxml2's forgiving HTML parser: nothing is fetched, no entity or
// DTD is loaded, malformed markup is repaired as browsers would, entities are decoded, and a
// charset declared in the page (<meta charset> or http-equiv) is converted to UTF-8.
//
// What is converted: the first element with id "DisplayArea" (LibreOffice's help pages), else
// <main>, else <article>, else <body>. Left out entirely: script, style, noscript, template,
// head, header, footer, nav, aside, form, button, input, select, textarea, iframe, object,
// embed, svg, canvas, audio, video, and any element with a `hidden` attribute.
//
// How: h1-h6 become ATX headings; p, div and the other block containers become paragraphs;
// br a hard line break; strong/b **bold**; em/i *emphasis*; s/del/strike ~~strikethrough~~;
// code/kbd/samp/tt `code spans`; pre a fenced code block (language from a "language-x" or
// "lang-x" class on the pre or its code); a [links](dest); img ![images](src); ul/ol/li
// lists, nested, keeping the start of ordered lists; blockquote "> " quotes; hr a thematic
// break; table a GFM pipe table whose first row is the header (cells on one line, nested
// tables as text); dl a **term** paragraph per dt followed by its dd. Anything else stands for
// its children. Whitespace collapses as a browser would outside pre, and text is escaped so
// that it renders literally (bare URLs and e-mail addresses stay text rather than becoming GFM
// autolinks); the Markdown never holds raw HTML. Emphasis that CommonMark would not read as
// intended (inside a word, say, or between certain punctuation) is left out, keeping its text.
// The first content of the page, when it is an h1 whose text is the title, is left out: the
// title is shown separately.
//
// Limits: inputs over `max_bytes` are refused (kTooLarge). The walk is recursive only to a
// fixed depth (64): deeper elements become plain text in the paragraph that holds them, and
// blockquotes and lists nested beyond 16 levels lose their own markers (their content stays).
// libxml2 itself stops reading a page nested deeper than 256 elements; what came before stays.
//
// Thread-safety: ConvertHtml may be called from any thread (libxml2 is initialised once); the
// callbacks in the options are called on the calling thread.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"

namespace rapport::kb {

struct HtmlConversionOptions {
  // Called with each <a href> as written (entities decoded, surrounding whitespace trimmed),
  // prefixed by the document's <base href> when there is one and the href is relative (a
  // plain textual join, no normalisation: the caller resolves paths). Hrefs with a scheme, an
  // absolute path (/x, //host/x) or only a fragment (#x) are passed as they are. Called once
  // per distinct href. Returns the destination to write into the Markdown (any string: it is
  // escaped, with control characters percent-encoded), or nullopt to keep the link's text only.
  // When unset: absolute http(s) and mailto URLs and fragments are kept, the rest dropped.
  std::function<std::optional<std::string>(std::string_view href)> link;
  // The same for each <img src>; nullopt drops the image and keeps its alt text.
  // When unset: absolute http(s) URLs are kept, the rest dropped.
  std::function<std::optional<std::string>(std::string_view src)> image;
  std::size_t max_bytes = std::size_t{8} << 20;
};

struct HtmlDocument {
  // <title>, else the text of the first h1-h6 converted; whitespace collapsed, trimmed; may be
  // empty. Plain text, not Markdown.
  std::string title;
  // <html lang>, as written; may be empty.
  std::string language;
  // From <meta name="keywords" content="a, b"> and <meta itemprop="keywords" content="...">
  // anywhere in the page: split on commas, trimmed, without duplicates, in document order.
  std::vector<std::string> keywords;
  // The converted content, valid UTF-8, ending with one newline (empty when there is none).
  std::string markdown;
};

// Errors: kTooLarge beyond options.max_bytes; kInvalidArgument when the input holds no HTML at
// all (empty, or nothing libxml2 can make a document of).
core::Result<HtmlDocument> ConvertHtml(std::string_view html,
                                       const HtmlConversionOptions& options = {});

}  // namespace rapport::kb
