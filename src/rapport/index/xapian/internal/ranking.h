#pragma once

// Ranking signals, and facet counting plugged into Xapian's matcher.
//
// Signals (Query::signals) are added to the BM25 score of the top candidates of a search when
// they are re-ordered (kTitleRerankDepth, with the title signal), not in the matcher: read
// there, they cost a value lookup for every matching document, which doubled the time of a
// query matching most of a large index. Each is bounded; together they add at most
// kMaxSignalWeight (0.3), well under what one matching word contributes (BM25 gives a word
// roughly 1..10), so they reorder near-ties only:
//   freshness    up to 0.1, halving every 180 days since updated_at (needs Signals::now)
//   verified     0.1 while the verification is not yet due (verify_due_at > now)
//   helpfulness  up to 0.1 from the readers' votes: the share of helpful votes above one half
//                (with one vote of each added), damped by votes / (votes + 10)
// A title match is not a separate signal: title words carry XapianOptions::title_weight as
// wdf, so BM25 already ranks them higher. Documents without timestamps or votes (such as the
// Cranfield/CISI collections used for tuning) all get 0, so the order there is pure BM25.
//
// Facets: a match spy reads the category and tags values of every document the matcher
// examines. Counts are exact when the query has at most kFacetCheckAtLeast matches (the
// matcher is asked to examine that many); above that they count the documents examined.
//
// Thread-safety: objects are created per search and confined to its thread.

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "rapport/index/search_index.h"

namespace rapport::index::xapian::internal {

inline constexpr double kMaxSignalWeight = 0.3;
inline constexpr Xapian::doccount kFacetCheckAtLeast = 10000;
// Values listed per facet, most frequent first.
inline constexpr std::size_t kMaxFacetValues = 100;

// The bounded signal weight of one document (exposed for tests).
double SignalWeight(std::int64_t now, std::int64_t updated_at, std::int64_t verify_due_at,
                    std::int64_t helpful, std::int64_t unhelpful);

// The signal weight of a document of the index at `now` (unix seconds).
double DocumentSignalWeight(const Xapian::Document& doc, std::int64_t now);

// Facet counts of a set of matches (a value type; FacetSpy fills one).
struct FacetCounts {
  std::map<std::string, int> categories;
  std::map<std::string, int> tags;

  // Adds the counts of `other` (disjoint matches).
  void Merge(const FacetCounts& other);
  std::vector<std::pair<std::string, std::vector<FacetCount>>> Facets() const;
};

class FacetSpy final : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double wt) override;
  std::string name() const override;

  const FacetCounts& counts() const { return counts_; }

 private:
  FacetCounts counts_;
};

}  // namespace rapport::index::xapian::internal
