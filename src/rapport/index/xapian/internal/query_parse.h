#pragma once

// Parses the text a person types into clauses (see the query language in search_index.h):
// words, "phrases", -exclusions. Each clause keeps its byte span so that a corrected word can
// be put back into the text for `did_you_mean`. Pure; no Xapian. Thread-safety: pure.

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"
#include "rapport/index/xapian/internal/analysis.h"

namespace rapport::index::xapian::internal {

// A pasted message is a query too: up to kMaxQueryBytes of text are read, and a query of more
// than kMaxQueryClauses words is reduced to its most telling ones (ReduceQuery).
inline constexpr std::size_t kMaxQueryBytes = 4096;
inline constexpr std::size_t kMaxQueryClauses = 128;
// Tokens kept per clause (a long CJK run or quoted phrase is cut here).
inline constexpr std::size_t kMaxClauseTokens = 32;

struct Clause {
  std::vector<Token> tokens;  // spans are offsets into the whole query text
  bool quoted = false;        // written between double quotes
  bool negated = false;       // written with a leading '-'
  bool last = false;          // the last clause of the text
  // A single word (not quoted, one token, not CJK): stemmed, prefixed, spell-corrected.
  bool IsPlainWord() const { return !quoted && tokens.size() == 1 && !tokens[0].cjk; }
};

struct ParsedQuery {
  std::vector<Clause> clauses;
  bool ends_with_space = false;  // no prefix matching for the last word
};

// InvalidArgument (field "q") when the text is longer than kMaxQueryBytes.
core::Result<ParsedQuery> ParseQuery(std::string_view text);

// At most kMaxQueryClauses clauses of `parsed`, in their order: every phrase and exclusion
// (up to the limit), then the plain words whose stems (in `language`) are rarest in the index
// but present, stop words and repeats last. A long query's rare words carry its meaning (the
// reason IDF weighs them most); its common words mostly add cost. `parsed` unchanged when it
// is short enough.
ParsedQuery ReduceQuery(const ParsedQuery& parsed, const Xapian::Database& db,
                        std::string_view language, StemmerCache& stemmers);

}  // namespace rapport::index::xapian::internal
