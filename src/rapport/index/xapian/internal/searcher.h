#pragma once

// One search on one Database handle: all-words matches first, then the partial fill, typo
// correction, facets, snippets. Xapian exceptions propagate to the caller (xapian_index.cc
// converts them).
//
// "Finds fewer than min_results" counts the documents having every word: a query whose full
// matches are too few is retried with every word corrected, and the correction's hits are
// used when it has more full matches. A correction is only suggested (did_you_mean) when it
// finds something for this searcher, so words of other organisations never show through.
//
// Thread-safety: the handle and the StemmerCache are confined to the calling thread.

#include <xapian.h>

#include "rapport/index/search_index.h"
#include "rapport/index/xapian/internal/analysis.h"
#include "rapport/index/xapian/internal/conjunction.h"
#include "rapport/index/xapian/internal/query_parse.h"

namespace rapport::index::xapian::internal {

// REQUIRES: query.limit in 1..100, query.offset >= 0 (checked by the caller).
// `bounds` is the read handle's cache of block bounds (see conjunction.h).
Results RunSearch(const Xapian::Database& db, StemmerCache& stemmers, BlockBounds& bounds,
                  const Query& query, const ParsedQuery& parsed, const Bm25Parameters& ranking);

}  // namespace rapport::index::xapian::internal
