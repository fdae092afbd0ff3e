#pragma once

// The block structure of the HTML to Markdown conversion (html_to_markdown.h): paragraphs,
// headings, lists, quotes, code blocks and tables, with their inline content written through
// InlineBuffer. Thread-safety: the callbacks of the options are called on the calling thread.

#include <libxml/tree.h>

#include <string>

#include "rapport/kb/html_to_markdown.h"

namespace rapport::kb::internal {

// The Markdown for the content under `root`, ending with one newline (empty when there is
// none). Relative hrefs and srcs get `base` (the page's <base href>) before them; links and
// images go through the callbacks of `options`; `dropped_heading`, when not null, is left out
// (it repeats the title).
std::string ConvertContent(const xmlNode* root, const HtmlConversionOptions& options,
                           std::string base, const xmlNode* dropped_heading);

}  // namespace rapport::kb::internal
