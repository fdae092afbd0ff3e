#pragma once

// Generated inputs for kb_benchmark: help-center article bodies in the Markdown authors write
// (headings, prose with emphasis, internal and external links, nested lists, tables, fenced
// code, quotes, task lists) and a saved HTML help page of the kind the import converts.
// Deterministic: the same arguments give the same bytes. Thread-safety: pure functions.

#include <string>
#include <vector>

namespace rapport::kb::bench {

// Article sizes in sections: a short how-to article (about 2 KB) and a long reference page
// (about 60 KB).
inline constexpr int kShortSections = 1;
inline constexpr int kLongSections = 30;

// About 2 KB of Markdown per section (1 section: a short how-to article; 30: a long reference
// page of about 60 KB). Each section links to two articles, "article:<id>" and
// "article:<id>#roles", taking ids from `linked_ids` in turn (no internal links when it is
// empty), and to two https URLs; an e-mail address in it becomes an autolink.
std::string ArticleMarkdown(int sections, const std::vector<std::string>& linked_ids);

// A complete HTML help page (head with title, meta keywords, style and script; header, nav,
// main, footer) whose <main> holds `sections` sections of about 2 KB each: headings,
// paragraphs with links and inline markup, lists, a table, a pre/code block and an image.
std::string HelpPageHtml(int sections);

}  // namespace rapport::kb::bench
