#pragma once

// The title signal: how well the query and a document's title explain each other. An agent
// often types an article's title (or most of it, or its first letters); BM25 over the whole
// text ranks long articles that repeat the words above the short one whose title they are.
// The top candidates of a search (kTitleRerankDepth) are re-ordered by BM25 × TitleFactor:
//
//   coverage = (title words the query has / title words) × (query words the title has /
//              query words), over stems in the query's language, stop words included, the last
//              query word also matching title words it begins when it is a prefix
//   factor   = 1 + 0.5 × coverage, + 0.5 more when both sides are fully covered
//
// So a title that is exactly the query doubles the score, a title sharing half its words with
// a query of which it has half adds an eighth, and a title without query words changes
// nothing. Candidates keep their BM25 order beyond the depth. Off with Query::signals. Tuned
// on the demo help's known-item queries; checked not to lower Cranfield and CISI
// (docs/PERFORMANCE.md).
//
// Thread-safety: pure apart from the caller's StemmerCache.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/index/xapian/internal/analysis.h"
#include "rapport/index/xapian/internal/query_parse.h"

namespace rapport::index::xapian::internal {

inline constexpr std::size_t kTitleRerankDepth = 30;
inline constexpr double kTitleCoverageWeight = 0.5;
inline constexpr double kExactTitleWeight = 0.5;

struct TitleQuery {
  std::vector<std::string> stems;  // of the non-negated query words, in order
  std::string prefix;              // the last word, folded, when it is a prefix
};

TitleQuery MakeTitleQuery(const ParsedQuery& parsed, std::string_view language, bool prefix_last,
                          StemmerCache& stemmers);

// 1 when the query has no words.
double TitleFactor(const TitleQuery& query, std::string_view title, std::string_view language,
                   StemmerCache& stemmers);

}  // namespace rapport::index::xapian::internal
