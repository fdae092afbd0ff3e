#pragma once

// Plain words ranked by BM25 with block-max pruning: the documents with every word (the first
// stage of a page) and with any of them (its partial fill).
//
// Xapian 1.4 bounds a word's weight by the largest wdf of any term in the database, which no
// document comes near, so the lowest weight of the page never rules anything out and it
// scores every match. On a word in most documents of a large index, that is a walk of the
// whole posting list per query (about 10 ms for 100k postings).
//
// BlockBounds knows each word's true largest weight and, for words in at least
// kMinBoundedFrequency documents, the largest weight it has in each block of kBlockDocids
// consecutive docids. A ConjunctionQuery is one PostingSource that walks the words' posting
// lists itself, rarest first; the matcher tells it the weight a document still needs to
// reach the page (min_wt), and blocks whose bounds add up to less are skipped without reading
// their postings. This is block-max pruning (Ding and Suel, "Faster top-k document retrieval
// using block-max indexes", SIGIR 2011). A DisjunctionQuery is Xapian's OR of one source per
// word: with true bounds, Xapian's own OR stops reading a word once it cannot lift a document
// onto the page, and each word skips the blocks where it weighs less than what is needed.
//
// The weights mirror Xapian::BM25Weight (1.4), in its order of operations:
//   idf    = log(r) with r = (N - n + 0.5) / (n + 0.5), raised to r / 2 + 1 when r < 2
//   weight = idf * (k1 + 1) * (wdf / (k1 * (normlen * b + (1 - b)) + wdf))
//   normlen = max(doclength / average length, min_normlen)
// and a document's weight is the sum over the words, a word typed twice counting twice (as
// Xapian weighs each leaf of an AND or OR with its own wqf of 1, the query-side factor of k3
// is 1); k2 must be 0 (CanPrune). conjunction_test.cc checks weights and order against
// Xapian's own OP_AND and OP_OR under BM25Weight.
//
// Bounds are computed from the posting list the first time a word is searched in a revision
// of the database, and kept per read handle until the handle moves to another revision: they
// are exact for the revision, so nothing written later can make them wrong.
//
// Thread-safety: a BlockBounds belongs to one read handle (its caller holds the handle's
// lock); a query and its sources belong to one search on one thread.

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "rapport/index/xapian/xapian_index.h"

namespace rapport::index::xapian::internal {

inline constexpr int kBlockShift = 4;
inline constexpr Xapian::docid kBlockDocids = Xapian::docid{1} << kBlockShift;
// Words in fewer documents are cheap to walk; they get only their largest weight.
inline constexpr Xapian::doccount kMinBoundedFrequency = 8192;

// The largest BM25 weight of one word, and in each block of docids (none: max everywhere), in
// a byte per block: the bound is a multiple of max / 255, rounded up, so it never falls below
// the true weight.
class WordBounds {
 public:
  WordBounds(double max, std::size_t blocks) : max_(max), steps_(blocks, 0) {}

  // Raises the bound of `block` to at least `weight` (at most max).
  void Raise(Xapian::docid block, double weight);

  double Bound(Xapian::docid block) const {
    if (block >= steps_.size()) return max_;
    return steps_[block] == kSteps ? max_ : steps_[block] * (max_ / kSteps);
  }
  double max() const { return max_; }
  std::size_t bytes() const { return steps_.size(); }

 private:
  static constexpr int kSteps = 255;
  double max_;
  std::vector<std::uint8_t> steps_;
};

// Block bounds of the words of one database revision.
class BlockBounds {
 public:
  // Bounds are dropped when they would take more memory than this.
  static constexpr std::size_t kMaxBytes = std::size_t{16} << 20;
  // What an entry costs besides its blocks and term (roughly: map node, control block).
  static constexpr std::size_t kEntryBytes = 96;

  using Bounds = std::shared_ptr<const WordBounds>;

  explicit BlockBounds(Xapian::doccount min_frequency = kMinBoundedFrequency)
      : min_frequency_(min_frequency) {}

  // The bounds of `term` in `db`, computed now when not known for db's revision: only the
  // largest weight when the term is in fewer than min_frequency documents.
  Bounds For(const Xapian::Database& db, const std::string& term, const Bm25Parameters& bm25);

  std::size_t size() const { return bounds_.size(); }

 private:
  Xapian::doccount min_frequency_;
  Xapian::rev revision_ = 0;
  std::string uuid_;
  std::unordered_map<std::string, Bounds> bounds_;
  std::size_t bytes_ = 0;
};

// What a ConjunctionQuery or DisjunctionQuery did (for tests and measurements).
struct ConjunctionStats {
  Xapian::doccount weighed = 0;  // documents weighed (per word, in a disjunction)
};

// Whether ConjunctionQuery can rank `terms` as Xapian's BM25Weight would: at least one term,
// and k2 = 0.
bool CanPrune(const std::vector<std::string>& terms, const Bm25Parameters& bm25);

// The documents of `db` with every one of `terms`, weighted by BM25 (see above).
// REQUIRES: CanPrune(terms, bm25); the query runs on `db`; `stats`, when given, outlives it.
Xapian::Query ConjunctionQuery(const Xapian::Database& db, const std::vector<std::string>& terms,
                               const Bm25Parameters& bm25, BlockBounds& cache,
                               ConjunctionStats* stats = nullptr);

// The documents of `db` with any of `terms`, weighted as Xapian's OR of the terms under
// BM25Weight (a term given twice counts twice), each term bounded by its true largest weight
// and its block bounds, so the matcher can drop terms and skip blocks that cannot reach the
// page. REQUIRES: CanPrune(terms, bm25); the query runs on `db`; `stats`, when given,
// outlives it.
Xapian::Query DisjunctionQuery(const Xapian::Database& db, const std::vector<std::string>& terms,
                               const Bm25Parameters& bm25, BlockBounds& cache,
                               ConjunctionStats* stats = nullptr);

}  // namespace rapport::index::xapian::internal
