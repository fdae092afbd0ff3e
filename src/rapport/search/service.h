#pragma once

// Search as the rest of Rapport uses it: staff search over what the principal may read, the
// help center's public search, click reporting, the query log's reports and the
// organisation's synonyms.
//
// The index (a projection, see indexer.h) answers the query; the store, the truth, confirms
// every hit before it is shown: a hit the searcher may no longer read (an article restricted
// or unpublished a moment ago, before the index caught up) is dropped, so the index's lag
// never shows a title or snippet to someone who may not read it.
//
// Thread-safety: safe for concurrent calls. Calls block on the store and the index: never
// call them on an I/O thread.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/auth/policy.h"
#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/index/search_index.h"
#include "rapport/search/query_log.h"
#include "rapport/store/store.h"

namespace rapport::search {

inline constexpr int kMaxLimit = 100;
inline constexpr int kMaxOffset = 1000;  // deeper pages are not worth reading

struct SearchRequest {
  std::string text = {};
  int limit = 10;
  std::string cursor = {};  // from SearchResponse::next_cursor; empty for the first page
  std::vector<std::string> categories = {};  // category or section ids
  std::vector<std::string> tags = {};
  // Only articles in this language or, for a regional variant ("en-US"), its primary one ("en").
  std::string language = {};
  std::vector<std::string> statuses = {};  // staff with kb.publish only (others: published)
  bool facets = false;
  // The searcher is still typing: the last word is a prefix.
  bool as_you_type = true;
  // Who is searching (a session or an address), so the query log keeps final queries and not
  // every keystroke. Empty: the query is not logged.
  std::string searcher = {};
};

struct Facet {
  std::string value = {};  // category id or tag
  std::string label = {};  // category name or the tag
  int count = 0;
};

struct SearchResult {
  std::string id = {};
  std::string title = {};
  std::string title_html = {};  // escaped, matching words in <mark>
  std::string snippet = {};     // escaped, matching words in <mark>
  std::string slug = {};
  std::string language = {};
  std::string category_id = {};
  std::string url = {};  // the reading page: the web UI for staff, /help/... for the public
  double score = 0;
};

struct SearchResponse {
  std::vector<SearchResult> results = {};
  int total = 0;
  std::string did_you_mean = {};
  bool corrected = false;
  bool partial = false;
  std::vector<Facet> category_facets = {};
  std::vector<Facet> tag_facets = {};
  std::string next_cursor = {};
};

inline constexpr int kMaxSynonymWords = 20;
inline constexpr std::size_t kMaxSynonymWordBytes = 60;
inline constexpr int kMaxSynonymGroups = 500;
inline constexpr int kMaxRetentionDays = 3650;
inline constexpr int kMaxInsightDays = 366;

// The content-gap reports over the last `days` days.
struct Insights {
  core::TimePoint from = {};
  core::TimePoint to = {};
  std::vector<store::TopQuery> top = {};
  std::vector<store::ZeroResultQuery> zero_results = {};
  std::vector<store::LowClickQuery> low_clicks = {};
};

struct InsightsRequest {
  int days = 30;                             // 1..kMaxInsightDays
  std::optional<std::string> audience = {};  // "staff" or "public"; empty for both
  int limit = 20;                            // per report, 1..100
  int min_searches = 2;                      // for the low click-through report
};

class SearchService {
 public:
  // All must outlive the service.
  SearchService(store::Store& store, index::SearchIndex& index, QueryLog& log,
                const core::Clock& clock, core::IdGenerator& ids);

  // kb.read. InvalidArgument (field "q", "limit", "cursor", "status", ...) for bad input;
  // PermissionDenied for a status filter without kb.publish.
  core::Result<SearchResponse> Search(const auth::Principal& principal,
                                      const SearchRequest& request);

  // The help center of `org`: public, live articles only; statuses are refused.
  core::Result<SearchResponse> PublicSearch(const store::OrganisationId& org,
                                            const SearchRequest& request);

  // The searcher opened the result at `position` (1-based) of their search for `text`: the
  // query log's click-through. NotFound when they made no such search recently;
  // InvalidArgument (field "position") outside 1..kMaxOffset + kMaxLimit.
  core::Status Clicked(const store::OrganisationId& org, std::string_view searcher,
                       std::string_view text, const store::ArticleId& article, int position);

  // --- Administration (service_admin.cc) ---

  // kb.publish: the content-gap list (top, zero-result and low click-through queries).
  core::Result<Insights> GetInsights(const auth::Principal& principal,
                                     const InsightsRequest& request);

  // Synonym groups: listing needs kb.publish, changes kb.manage (audited). Words are trimmed
  // and lower-cased; a group holds 2..20 distinct words (or phrases) of 1..60 bytes
  // (Unprocessable, field "words").
  core::Result<std::vector<store::SynonymGroup>> Synonyms(const auth::Principal& principal);
  core::Result<store::SynonymGroup> CreateSynonyms(const auth::Principal& principal,
                                                   const std::vector<std::string>& words);
  core::Result<store::SynonymGroup> UpdateSynonyms(const auth::Principal& principal,
                                                   const store::SynonymGroupId& id,
                                                   const std::vector<std::string>& words);
  core::Status DeleteSynonyms(const auth::Principal& principal, const store::SynonymGroupId& id);

  // kb.manage: how long the query log keeps searches (1..3650 days, field
  // "query_retention_days"); changes are audited.
  core::Result<store::SearchSettings> Settings(const auth::Principal& principal);
  core::Result<store::SearchSettings> UpdateSettings(const auth::Principal& principal,
                                                     const store::SearchSettings& settings);

  // Deletes every organisation's searches older than its retention; returns how many.
  core::Result<std::int64_t> ApplyRetention();

 private:
  core::Result<SearchResponse> Run(const store::OrganisationId& org, index::Query query,
                                   const SearchRequest& request, const auth::Principal* staff);

  store::Store& store_;
  index::SearchIndex& index_;
  QueryLog& log_;
  const core::Clock& clock_;
  core::IdGenerator& ids_;
};

}  // namespace rapport::search
