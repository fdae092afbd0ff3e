#pragma once

// Builds Xapian queries from parsed clauses, without Xapian::QueryParser, so the behaviour of
// every operator is ours to decide:
//   word        Z<stem>: stemmed matching. (Adding the exact form, OP_OR with <word> at a
//               quarter weight, changed nDCG@10 on Cranfield and CISI and the known-item MRR by
//               under 0.005 either way, and doubled the matcher's time on common words.)
//   last word   also OP_WILDCARD on the folded word (the kMaxPrefixExpansion most frequent
//               completions, combined with OP_SYNONYM so they count as one word), when the
//               word has at least kMinPrefixBytes bytes
//   "phrase"    OP_PHRASE of the unstemmed positional terms (so are words that split into
//               several terms: "e-mail", CJK runs)
//   synonyms    a word or phrase of a group becomes OP_SYNONYM of the group's members
//   stop words  dropped unless quoted, the prefix-matched last word, or all words are stop
//               words
// Thread-safety: pure, apart from the caller's StemmerCache.

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "rapport/index/search_index.h"
#include "rapport/index/xapian/internal/analysis.h"
#include "rapport/index/xapian/internal/query_parse.h"
#include "rapport/index/xapian/internal/snippet.h"

namespace rapport::index::xapian::internal {

inline constexpr Xapian::termcount kMaxPrefixExpansion = 40;
inline constexpr std::size_t kMinPrefixBytes = 2;

struct TextQuery {
  std::vector<Xapian::Query> positives;  // one per clause that must (or may) match
  Xapian::Query negatives;               // OR of the excluded clauses; empty when none
  MatchSpec match;                       // what snippets mark
  // The term of each positive, when every positive is one plain word (no phrase, synonym
  // group or prefix completion); empty otherwise. See ConjunctionQuery.
  std::vector<std::string> words;
};

struct TextQueryOptions {
  std::string_view language;  // for stemming and stop words
  bool prefix_last = true;
  const std::vector<std::vector<std::string>>* synonyms = nullptr;
};

TextQuery BuildTextQuery(const ParsedQuery& parsed, const TextQueryOptions& options,
                         StemmerCache& stemmers);

// The boolean filter of a query on `db`: organisation, audience and Filter, without the parts
// that every document of `db` passes; empty when nothing is left.
Xapian::Query BuildFilter(const Query& query, const Xapian::Database& db);

// AND / OR of `parts`, with the exclusions and the filter (unless empty) applied.
Xapian::Query Combine(const std::vector<Xapian::Query>& parts, Xapian::Query::op op,
                      const Xapian::Query& negatives, const Xapian::Query& filter);

}  // namespace rapport::index::xapian::internal
