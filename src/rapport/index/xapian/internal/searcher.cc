#include "rapport/index/xapian/internal/searcher.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "rapport/index/xapian/internal/query_builder.h"
#include "rapport/index/xapian/internal/ranking.h"
#include "rapport/index/xapian/internal/schema.h"
#include "rapport/index/xapian/internal/snippet.h"
#include "rapport/index/xapian/internal/spelling.h"
#include "rapport/index/xapian/internal/title_signal.h"

namespace rapport::index::xapian::internal {
namespace {

constexpr std::string_view kDefaultLanguage = "en";

using Scored = std::pair<Xapian::Document, double>;

struct Page {
  std::vector<Scored> docs;           // the page [offset, offset + limit) once Finish()ed
  Xapian::doccount full_matches = 0;  // documents with every word (estimated when large)
  Xapian::doccount total = 0;
  bool partial = false;
  std::optional<FacetCounts> facets;
};

class PageRunner {
 public:
  PageRunner(const Xapian::Database& db, const Query& query, const Bm25Parameters& ranking,
             std::string_view language, StemmerCache& stemmers, BlockBounds& bounds)
      : db_(db),
        query_(query),
        ranking_(ranking),
        filter_(BuildFilter(query, db)),
        enquire_(db),
        language_(language),
        stemmers_(stemmers),
        bounds_(bounds),
        offset_(static_cast<Xapian::doccount>(query.offset)),
        wanted_(offset_ + static_cast<Xapian::doccount>(query.limit)) {
    enquire_.set_weighting_scheme(
        Xapian::BM25Weight(ranking.k1, ranking.k2, ranking.k3, ranking.b, ranking.min_normlen));
  }

  // The first stage of a page: the documents with every word, the first kTitleRerankDepth
  // re-ordered by the title signal. Finish() adds the rest; in between, the caller may decide
  // to run another query instead (a correction) without paying for this one's partial matches.
  Page RunFull(const TextQuery& text, const TitleQuery& title) {
    Page page;
    if (query_.facets) page.facets.emplace();
    const auto depth = std::max<Xapian::doccount>(wanted_, kTitleRerankDepth);
    const Xapian::Query all =
        Combine({AllWords(text)}, Xapian::Query::OP_AND, text.negatives, filter_);
    Xapian::MSet full = Fetch(all, 0, depth, depth, page);
    page.full_matches = full.get_matches_estimated();
    page.total = page.full_matches;
    page.docs = Reranked(full, title);
    return page;
  }

  // The page [offset, offset + limit) of: the documents with every word, then (when they are
  // fewer) those with some of the words, each group's first kTitleRerankDepth re-ordered.
  Page Finish(Page page, const TextQuery& text, const TitleQuery& title) {
    if (text.positives.size() < 2) return Slice(std::move(page));
    if (page.full_matches >= wanted_) {
      // The page is all full matches; the partial ones still count, so later pages reach them.
      // Their number is estimated from the term statistics of the words, without matching:
      // counting them by matching means ruling out every full match first, which cost more
      // than the page itself when the words are common.
      enquire_.clear_matchspies();
      enquire_.set_query(Combine(text.positives, Xapian::Query::OP_OR, text.negatives, filter_));
      const Xapian::doccount any =
          enquire_.get_mset(0, 0, Xapian::doccount{0}).get_matches_estimated();
      page.total += any > page.full_matches ? any - page.full_matches : 0;
      return Slice(std::move(page));
    }
    const Xapian::Query some = Xapian::Query(
        Xapian::Query::OP_AND_NOT,
        Combine({AnyWord(text)}, Xapian::Query::OP_OR, text.negatives, filter_),
        Xapian::Query(Xapian::Query::OP_AND, text.positives.begin(), text.positives.end()));
    const Xapian::doccount needed = std::max<Xapian::doccount>(
        wanted_ - static_cast<Xapian::doccount>(page.docs.size()), kTitleRerankDepth);
    Xapian::MSet rest = Fetch(some, 0, needed, needed, page);
    page.total += rest.get_matches_estimated();
    page.partial = !rest.empty() && page.docs.size() < wanted_;
    std::vector<Scored> more = Reranked(rest, title);
    page.docs.insert(page.docs.end(), std::make_move_iterator(more.begin()),
                     std::make_move_iterator(more.end()));
    return Slice(std::move(page));
  }

  // Whether `text` has at least one full match (for suggestions).
  bool AnyFullMatch(const TextQuery& text) {
    // Weighted by 0, the query is boolean, so the matcher stops at the first match.
    enquire_.clear_matchspies();
    enquire_.set_query(Xapian::Query(
        Xapian::Query::OP_SCALE_WEIGHT,
        Combine(text.positives, Xapian::Query::OP_AND, text.negatives, filter_), 0.0));
    return !enquire_.get_mset(0, 1).empty();
  }

 private:
  // The documents with every positive of `text`, with block-max pruning when they are plain
  // words (see conjunction.h).
  Xapian::Query AllWords(const TextQuery& text) {
    if (CanPrune(text.words, ranking_)) return ConjunctionQuery(db_, text.words, ranking_, bounds_);
    return Xapian::Query(Xapian::Query::OP_AND, text.positives.begin(), text.positives.end());
  }

  // The documents with any positive of `text`, pruned when they are plain words.
  Xapian::Query AnyWord(const TextQuery& text) {
    if (CanPrune(text.words, ranking_)) return DisjunctionQuery(db_, text.words, ranking_, bounds_);
    return Xapian::Query(Xapian::Query::OP_OR, text.positives.begin(), text.positives.end());
  }

  Page Slice(Page page) const {
    std::vector<Scored> ranked = std::move(page.docs);
    page.docs.clear();
    for (Xapian::doccount i = offset_; i < wanted_ && i < ranked.size(); ++i) {
      page.docs.push_back(std::move(ranked[i]));
    }
    return page;
  }

  Xapian::MSet Fetch(const Xapian::Query& query, Xapian::doccount first, Xapian::doccount count,
                     Xapian::doccount check_at_least, Page& page) {
    enquire_.clear_matchspies();
    FacetSpy spy;
    if (page.facets) {
      enquire_.add_matchspy(&spy);
      check_at_least = std::max(check_at_least, kFacetCheckAtLeast);
    }
    enquire_.set_query(query);
    Xapian::MSet mset = enquire_.get_mset(first, count, check_at_least);
    enquire_.clear_matchspies();
    if (page.facets) page.facets->Merge(spy.counts());
    return mset;
  }

  // The matches in order, the first kTitleRerankDepth re-ordered by
  // (BM25 + signal weight) × TitleFactor.
  std::vector<Scored> Reranked(const Xapian::MSet& mset, const TitleQuery& title) {
    std::vector<Scored> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::Document doc = it.get_document();
      double weight = it.get_weight();
      if (query_.signals.enabled && out.size() < kTitleRerankDepth) {
        weight += DocumentSignalWeight(doc, query_.signals.now);
        weight *= TitleFactor(title, doc.get_value(kTitleSlot), language_, stemmers_);
      }
      out.emplace_back(std::move(doc), weight);
    }
    // Higher weight first; equal weights keep the matcher's order.
    const std::size_t depth = std::min<std::size_t>(out.size(), kTitleRerankDepth);
    std::vector<std::size_t> order(depth);
    for (std::size_t i = 0; i < depth; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return out[a].second != out[b].second ? out[a].second > out[b].second : a < b;
    });
    std::vector<Scored> top;
    top.reserve(depth);
    for (std::size_t i : order) top.push_back(std::move(out[i]));
    std::move(top.begin(), top.end(), out.begin());
    return out;
  }

  const Xapian::Database& db_;
  const Query& query_;
  Bm25Parameters ranking_;
  Xapian::Query filter_;
  Xapian::Enquire enquire_;
  std::string_view language_;
  StemmerCache& stemmers_;
  BlockBounds& bounds_;
  Xapian::doccount offset_;
  Xapian::doccount wanted_;
};

int Clamp(Xapian::doccount n) {
  return static_cast<int>(std::min<Xapian::doccount>(n, std::numeric_limits<int>::max()));
}

bool HasPositive(const ParsedQuery& parsed) {
  return std::any_of(parsed.clauses.begin(), parsed.clauses.end(),
                     [](const Clause& clause) { return !clause.negated; });
}

}  // namespace

Results RunSearch(const Xapian::Database& db, StemmerCache& stemmers, BlockBounds& bounds,
                  const Query& query, const ParsedQuery& typed, const Bm25Parameters& ranking) {
  Results results;
  const ParsedQuery parsed = ReduceQuery(
      typed, db, query.language.empty() ? kDefaultLanguage : std::string_view(query.language),
      stemmers);
  if (!HasPositive(parsed)) return results;
  const TextQueryOptions options{
      .language = query.language.empty() ? kDefaultLanguage : std::string_view(query.language),
      .prefix_last = query.prefix_last,
      .synonyms = &query.synonyms};
  TextQuery text = BuildTextQuery(parsed, options, stemmers);
  if (text.positives.empty()) return results;

  PageRunner runner(db, query, ranking, options.language, stemmers, bounds);
  const TitleQuery title = MakeTitleQuery(parsed, options.language, query.prefix_last, stemmers);
  Page page = runner.RunFull(text, title);

  const bool too_few =
      page.full_matches < static_cast<Xapian::doccount>(std::max(query.min_results, 0));
  const Correction correction = CorrectQuery(db, query.text, parsed, /*only_unknown=*/!too_few);
  bool finished = false;
  if (correction.changed) {
    TextQuery corrected = BuildTextQuery(correction.query, options, stemmers);
    if (too_few && !corrected.positives.empty()) {
      const TitleQuery corrected_title =
          MakeTitleQuery(correction.query, options.language, query.prefix_last, stemmers);
      Page alternative = runner.RunFull(corrected, corrected_title);
      if (alternative.full_matches > page.full_matches) {
        page = runner.Finish(std::move(alternative), corrected, corrected_title);
        finished = true;
        text = std::move(corrected);
        results.corrected = true;
        results.did_you_mean = correction.text;
      } else if (alternative.full_matches > 0) {
        results.did_you_mean = correction.text;
      }
    } else if (!corrected.positives.empty() && runner.AnyFullMatch(corrected)) {
      results.did_you_mean = correction.text;
    }
  }
  if (!finished) page = runner.Finish(std::move(page), text, title);

  results.total = Clamp(page.total);
  results.partial = page.partial;
  if (page.facets) results.facets = page.facets->Facets();
  for (const auto& [doc, weight] : page.docs) {
    std::optional<StoredRecord> record = DecodeRecord(doc.get_data());
    if (!record) continue;  // not written by this adapter; skip rather than fail the search
    Hit hit;
    hit.id = record->id;
    hit.title = record->title;
    hit.slug = record->slug;
    hit.language = record->language;
    hit.category = record->category;
    hit.score = weight;
    hit.snippet = MakeSnippet(record->body, record->summary, record->language, text.match,
                              query.snippet_length, stemmers);
    hit.title_html = MarkTitle(record->title, record->language, text.match, stemmers);
    results.hits.push_back(std::move(hit));
  }
  return results;
}

}  // namespace rapport::index::xapian::internal
