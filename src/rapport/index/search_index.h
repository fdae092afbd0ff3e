#pragma once

// The search index port: a full-text index of knowledge-base articles that the domain
// (rapport/search) fills from the store and queries for staff and the public help center.
// The index is a projection of the store: it holds nothing that cannot be rebuilt from it, and
// records with every batch the store change sequence it has caught up to, so that a restart
// continues from there (Apply commits the documents and the sequence together).
//
// Ids, organisations, categories and users appear as the store's id strings; the port knows
// nothing of the store's types. One index holds every organisation; every query is confined
// to one.
//
// Query language (the text a person types; Query::text):
//   words            documents with all of them come first (ranked by BM25); when fewer than
//                    offset + limit have all, the places left are filled with the best
//                    documents for some of the words (Results::partial)
//   "two words"      a phrase: the words next to each other, in this order
//   -word, -"a b"    exclude documents containing the word or phrase
//   last word        a prefix too (search as you type), unless Query::prefix_last is false or
//                    the text ends in a space
// Stemming and stop words follow each document's language and the query's; words of Chinese,
// Japanese and Korean scripts are indexed and searched as overlapping character bigrams.
// A word unknown to the index (or every word, when the query finds fewer than
// Query::min_results) is corrected to the closest indexed word: edit distance 1 for words of
// 4 to 7 letters, 2 for 8 or more, none for shorter ones. Results then carry the corrected
// text as `did_you_mean` (and `corrected` when the hits are those of the correction).
//
// Thread-safety: an index is safe for concurrent Search calls and one Apply at a time (the
// implementation serialises Apply calls). Calls block on disk; never call them on an I/O
// thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rapport/core/error.h"

namespace rapport::index {

// One article as the index sees it: the text readers see (the live revision, or the head when
// nothing is live) and the fields searches filter on.
struct Document {
  std::string org = {};       // organisation id
  std::string id = {};        // article id
  std::string language = {};  // BCP 47, lower case: "en", "pt-br", "zh"
  std::string slug = {};
  std::string title = {};
  std::string summary = {};
  std::string body = {};  // plain text (no markup)
  std::vector<std::string> tags = {};
  // The article's category or section id, and above it the parent category's id: filtering
  // by a category finds the articles of its sections too. Empty when uncategorised.
  std::string category = {};
  std::string parent_category = {};
  std::string visibility = {};          // "internal", "public", "restricted"
  std::vector<std::string> roles = {};  // roles that may read a restricted article
  std::string status = {};              // "draft", "in_review", "published", "archived"
  bool live = false;                    // has a published revision that readers see
  std::string owner = {};               // user id, or empty
  std::int64_t updated_at = 0;          // unix seconds
  std::int64_t verify_due_at = 0;       // unix seconds; 0 when nothing is live
  // Readers' votes: small ranking signals (see Query::signals).
  int helpful = 0;
  int unhelpful = 0;

  friend bool operator==(const Document&, const Document&) = default;
};

// One change to apply: put (replace) the document, or remove the article when `document` is
// empty.
struct Change {
  std::string org = {};
  std::string id = {};
  std::optional<Document> document = {};
};

// Who is searching. The index applies it as a filter: a document matches when any clause
// allows it.
struct Audience {
  // The public help center: live, not archived, public documents only. Other fields ignored.
  bool public_only = false;
  // Sees every document of the organisation, in any status (knowledge editors).
  bool see_all = false;
  // Otherwise: live, not archived documents that are internal or public, or restricted to a
  // list holding `role`; plus, in any status, the documents `user` owns.
  std::string role = {};
  std::string user = {};
};

struct Filter {
  std::vector<std::string> languages = {};   // any of these; empty for all
  std::vector<std::string> categories = {};  // in any of these categories or their sections
  std::vector<std::string> tags = {};        // carrying every one of these tags
  std::vector<std::string> statuses = {};    // any of these; empty for all that the audience sees
  // Only documents whose verification was due at or before this time (unix seconds).
  std::optional<std::int64_t> due_before = {};
};

// Small, documented ranking signals on top of BM25. Each is a bounded addition to the score,
// so they reorder near-ties and never lift a poor match above a good one.
struct Signals {
  bool enabled = true;
  std::int64_t now = 0;  // unix seconds, for freshness and verification
};

struct Query {
  std::string org = {};
  std::string text = {};
  std::string language = {};  // the searcher's language for stemming the query; empty: "en"
  Audience audience = {};
  Filter filter = {};
  int offset = 0;
  int limit = 10;           // 1..100
  bool prefix_last = true;  // the last word also matches longer words it begins
  // Below this many matches, every word is tried with corrections (see the header comment).
  int min_results = 1;
  bool facets = false;       // fill Results::facets
  int snippet_length = 200;  // characters of body text around the matches
  // Per-organisation synonym groups: a query word in a group also matches the others. Words
  // (and multi-word phrases) as editors wrote them; the index normalises them.
  std::vector<std::vector<std::string>> synonyms = {};
  Signals signals = {};
};

struct Hit {
  std::string id = {};
  std::string title = {};
  std::string slug = {};
  std::string language = {};
  std::string category = {};
  // Plain text of the body (or the summary when the body does not match) around the matching
  // words, HTML-escaped, with each matching word wrapped in <mark>...</mark>; so it can be
  // placed into a page as it is.
  std::string snippet = {};
  // The title HTML-escaped with its matching words in <mark>.
  std::string title_html = {};
  double score = 0;
};

struct FacetCount {
  std::string value = {};
  int count = 0;

  friend bool operator==(const FacetCount&, const FacetCount&) = default;
};

struct Results {
  std::vector<Hit> hits = {};
  // Estimated number of matches (exact for small result sets).
  int total = 0;
  // A better query text when some words were corrected; empty otherwise.
  std::string did_you_mean = {};
  // True when `hits` answer `did_you_mean` rather than the text as typed (the typed text
  // found fewer than min_results).
  bool corrected = false;
  // True when some of `hits` match only some of the words (after all the full matches).
  bool partial = false;
  // Counts among all matches (not only this page), largest first, then by value: "category"
  // (leaf category ids) and "tag".
  std::vector<std::pair<std::string, std::vector<FacetCount>>> facets = {};
};

class SearchIndex {
 public:
  virtual ~SearchIndex() = default;

  // Applies the changes in order and records `sequence` as caught up, in one commit.
  // InvalidArgument for a document whose org/id differ from its change's.
  virtual core::Status Apply(const std::vector<Change>& changes, std::int64_t sequence) = 0;

  // The change sequence recorded by the last Apply; 0 for a new index.
  virtual core::Result<std::int64_t> Sequence() = 0;

  // Removes every document and resets the sequence to 0 (before a rebuild).
  virtual core::Status Clear() = 0;

  // Number of documents of the organisation (all statuses).
  virtual core::Result<std::int64_t> Count(std::string_view org) = 0;

  // InvalidArgument (field "limit") for a limit outside 1..100 or a negative offset. An empty
  // or all-excluded text matches nothing (no error).
  virtual core::Result<Results> Search(const Query& query) = 0;
};

}  // namespace rapport::index
