#pragma once

// Knowledge-base Markdown: GitHub-flavoured Markdown rendered to HTML that is safe to put
// into a page as it is, plus the plain text and the internal links of a document.
//
// Dialect: CommonMark with the GitHub extensions for tables, strikethrough (~x~ and ~~x~~),
// autolinks (www.example.com, https://..., a@b.example), task lists and footnotes; fenced
// code gets class="language-<info>".
//
// Safety: the output never holds author-written markup. Raw HTML blocks and inline HTML are
// dropped (cmark writes "<!-- raw HTML omitted -->" in their place). Every link and image
// destination must be empty, a fragment ("#x"), a relative URL, or use http:, https: or
// mailto: (case-insensitive); anything else (javascript:, data:, vbscript:, file:, ftp:,
// unknown schemes, and destinations holding control characters) loses its link: a link
// renders as its text, an image as its alt text. cmark-gfm's own filter of dangerous URLs
// applies on top. Text and attributes are HTML-escaped by cmark.
//
// Internal links: a destination "article:<id>" or "article:<id>#<fragment>" (likewise
// "attachment:<id>") is resolved through LinkTargets; the fragment is appended to the
// resolved URL. A link that does not resolve (unknown id, empty id, no resolver) renders as
// its text, an image as its alt text. The ids are reported whether or not they resolve.
//
// Headings get id="<anchor>" from AnchorSet (kb/slug.h): GitHub-style, unique per document
// (not checked against the ids cmark gives footnotes: "fn-1", "fnref-1").
//
// Limits: larger than `max_bytes` -> kTooLarge; nesting of block quotes, lists, emphasis,
// strikethrough, links, images and footnotes deeper than `max_nesting` -> kInvalidArgument.
// Because the cmark-gfm release we build against (0.29.0.gfm.6) takes polynomial time on a
// few shapes, two more kInvalidArgument limits guard them: at most kMaxPipesPerLine '|' on
// one line (table rows), and at most kMaxImageOpenersPerParagraph "![" between two blank
// lines. Every error names the field "body". Invalid UTF-8 and NUL bytes are not errors:
// they become U+FFFD.
//
// Thread-safety: all functions are thread-safe. Each call has its own parser; cmark-gfm's
// extension registry is set up once (std::call_once); and because cmark-gfm 0.29.0.gfm.6
// edits a process-wide table of special characters during every parse, the parse step (not
// the link rewriting or the HTML rendering) runs under one process-wide mutex: parses of
// different documents take turns. The resolvers in LinkTargets are called on the calling
// thread, synchronously, without that mutex held.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"

namespace rapport::kb {

inline constexpr std::size_t kMaxPipesPerLine = 256;
inline constexpr std::size_t kMaxImageOpenersPerParagraph = 256;

struct LinkTargets {
  // Called with the <id> of "article:<id>" and "attachment:<id>" link and image destinations
  // (without any "#fragment"; never empty). Return the URL to use, or nullopt when the id is
  // unknown. The URL must pass the same scheme check as author-written ones.
  std::function<std::optional<std::string>(std::string_view id)> article;
  std::function<std::optional<std::string>(std::string_view id)> attachment;
};

struct Heading {
  int level = 2;       // 2..6: the rendered level (see RenderMarkdown)
  std::string text;    // plain text, whitespace collapsed
  std::string anchor;  // the id attribute, unique in the document

  friend bool operator==(const Heading&, const Heading&) = default;
};

struct RenderedMarkdown {
  std::string html;
  std::vector<Heading> headings;  // document order
  // The ids referenced through article: and attachment: destinations, unique, in the order
  // they first appear, resolved or not.
  std::vector<std::string> article_links;
  std::vector<std::string> attachment_links;
};

struct MarkdownReferences {
  std::vector<std::string> article_links;     // as RenderedMarkdown::article_links
  std::vector<std::string> attachment_links;  // as RenderedMarkdown::attachment_links
};

struct MarkdownLimits {
  std::size_t max_bytes = std::size_t{1} << 20U;
  int max_nesting = 64;
};

// `markdown` as HTML (a fragment, no <html> or <body>), with its headings and internal links.
// Headings are one level down from the Markdown (`#` is <h2>, `#####` and `######` are <h6>):
// the page around the body shows the article's title as its only <h1>.
core::Result<RenderedMarkdown> RenderMarkdown(std::string_view markdown,
                                              const LinkTargets& targets = {},
                                              const MarkdownLimits& limits = {});

// The text a reader sees, without markup, for summaries and the search index: the text of
// paragraphs, headings, list items, table cells, code and image alt texts, with every run of
// whitespace collapsed to one space and none at either end. Raw HTML is left out, as it is
// from the rendered page. Same limits and errors as RenderMarkdown.
core::Result<std::string> MarkdownToPlainText(std::string_view markdown,
                                              const MarkdownLimits& limits = {});

// The article and attachment ids `markdown` links to, without rendering (for import, export
// and link checking). Same limits and errors as RenderMarkdown.
core::Result<MarkdownReferences> FindReferences(std::string_view markdown,
                                                const MarkdownLimits& limits = {});

}  // namespace rapport::kb
