#pragma once

// Snippets and title marking: HTML-escaped plain text with <mark>…</mark> around the words a
// query matched. Safe for hostile text: the text is escaped with core::EscapeHtml (& < > " '
// escaped, invalid UTF-8 replaced by U+FFFD). Thread-safety: pure apart from
// the caller's StemmerCache.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/index/xapian/internal/analysis.h"

namespace rapport::index::xapian::internal {

// The words a query looks for, to recognise them in a document's text.
struct MatchSpec {
  std::set<std::string, std::less<>> terms;  // folded forms (exact matches, CJK bigrams)
  std::vector<Token> words;                  // stemmed in the document's language to compare
  std::string prefix;                        // the last word's folded prefix, or empty
};

// A snippet of about `length` characters from `body` around its best matching region, or
// from `summary` when the body does not match (the start of the body when neither has text).
std::string MakeSnippet(std::string_view body, std::string_view summary, std::string_view language,
                        const MatchSpec& spec, int length, StemmerCache& stemmers);

// The whole `title`, escaped, with its matching words marked.
std::string MarkTitle(std::string_view title, std::string_view language, const MatchSpec& spec,
                      StemmerCache& stemmers);

}  // namespace rapport::index::xapian::internal
