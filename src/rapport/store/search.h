#pragma once

// The store side of search: the change sequence the search index follows, the search query
// log (analytics), synonym groups and search settings.
//
// The search index is a projection of the store. It never learns of changes from the code that
// makes them: every committed change to an article (its row, its revisions, its feedback)
// appends (org, article) to one installation-wide change sequence, written by the database
// itself in the same transaction (SQLite: triggers), so no code path can forget it and a
// rolled-back write leaves nothing behind. The index follower reads the sequence after the
// last seq it applied, re-reads those articles (an absent article means "remove it"), and
// trims what every follower has applied. A change names an article only: the follower
// re-reads whatever it needs, so one entry per write is enough and duplicates are harmless.
//
// The query log, synonyms and settings are ordinary tenant data: every method takes the
// organisation first, and a row of another organisation answers NotFound exactly like a row
// that does not exist. The search domain (rapport/search) validates and normalises values;
// the store keeps rows and enforces uniqueness (Conflict, with the field).
//
// Thread-safety: as for every repository (see organisation.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/store/kb.h"
#include "rapport/store/organisation.h"

namespace rapport::store {

struct SearchQueryTag {};
using SearchQueryId = core::Id<SearchQueryTag>;
struct SynonymGroupTag {};
using SynonymGroupId = core::Id<SynonymGroupTag>;

// The most changes one After() call may ask for.
inline constexpr int kMaxChangeBatch = 10000;

// "Something about this article changed in this organisation": created, edited (metadata or a
// new revision), published, deleted, or its feedback changed.
struct ArticleChange {
  std::int64_t seq = 0;  // assigned by the store, increasing across the installation
  OrganisationId org = {};
  ArticleId article = {};

  friend bool operator==(const ArticleChange&, const ArticleChange&) = default;
};

// Installation-wide, unlike every other reader: the index follower serves all organisations.
// Changes become visible in seq order (one writer at a time commits them), so a follower that
// remembers the last seq it applied misses nothing.
class SearchChangeReader {
 public:
  virtual ~SearchChangeReader() = default;
  // Changes with seq > `seq`, ascending, at most `limit`, of every organisation.
  // InvalidArgument (field "limit") unless 1 <= limit <= kMaxChangeBatch.
  virtual core::Result<std::vector<ArticleChange>> After(std::int64_t seq, int limit) = 0;
  // The seq of the newest change ever recorded, whether or not it was trimmed since; 0 when
  // there never was one. A follower at Latest() is up to date.
  virtual core::Result<std::int64_t> Latest() = 0;
};

class SearchChangeRepository : public SearchChangeReader {
 public:
  // Deletes the changes with seq <= `seq` (every follower has applied them). Seqs are never
  // reused after a trim.
  virtual core::Status TrimThrough(std::int64_t seq) = 0;
};

inline constexpr std::string_view kSearchAudienceStaff = "staff";
inline constexpr std::string_view kSearchAudiencePublic = "public";

// One search as it was asked: who asked (staff in the app or the public help center), in
// which language, the normalised query text and how many results it found; then the result
// the searcher opened, if any.
struct SearchQueryRecord {
  SearchQueryId id = {};
  std::string audience = {};  // kSearchAudienceStaff or kSearchAudiencePublic
  std::string language = {};  // BCP 47 tag, as articles; empty when not known
  std::string query = {};     // normalised by the search domain
  int results = 0;
  std::optional<ArticleId> clicked_article = {};
  std::optional<int> clicked_position = {};  // as the search domain numbers results
  core::TimePoint at = {};

  friend bool operator==(const SearchQueryRecord&, const SearchQueryRecord&) = default;
};

// The reports below cover one organisation's searches with from <= at < to, optionally of
// one audience, and group them by query text. InvalidArgument (field "limit") unless
// 1 <= limit <= kMaxPageLimit, (field "audience") for an audience other than the two above.

struct TopQuery {
  std::string query = {};
  std::int64_t searches = 0;
  std::int64_t clicks = 0;        // searches whose searcher opened a result
  std::int64_t zero_results = 0;  // searches that found nothing

  friend bool operator==(const TopQuery&, const TopQuery&) = default;
};

struct ZeroResultQuery {
  std::string query = {};
  std::int64_t searches = 0;
  core::TimePoint last_at = {};  // the newest of those searches

  friend bool operator==(const ZeroResultQuery&, const ZeroResultQuery&) = default;
};

struct LowClickQuery {
  std::string query = {};
  std::int64_t searches = 0;  // searches that found something
  std::int64_t clicks = 0;
  double click_rate = 0;  // clicks / searches, in [0, 1]

  friend bool operator==(const LowClickQuery&, const LowClickQuery&) = default;
};

class SearchLogReader {
 public:
  virtual ~SearchLogReader() = default;
  // NotFound when the organisation has no search with this id.
  virtual core::Result<SearchQueryRecord> Get(const OrganisationId& org,
                                              const SearchQueryId& id) = 0;
  // The most searched queries: searches descending, then query.
  virtual core::Result<std::vector<TopQuery>> TopQueries(const OrganisationId& org,
                                                         core::TimePoint from, core::TimePoint to,
                                                         const std::optional<std::string>& audience,
                                                         int limit) = 0;
  // Queries every search of which found nothing: searches descending, then the newest search
  // first, then query.
  virtual core::Result<std::vector<ZeroResultQuery>> ZeroResultQueries(
      const OrganisationId& org, core::TimePoint from, core::TimePoint to,
      const std::optional<std::string>& audience, int limit) = 0;
  // Among the searches that found something, the queries asked at least `min_searches` times
  // whose results were least often opened: click rate ascending, then searches descending,
  // then query. InvalidArgument (field "min_searches") when it is below 1.
  virtual core::Result<std::vector<LowClickQuery>> LowClickQueries(
      const OrganisationId& org, core::TimePoint from, core::TimePoint to,
      const std::optional<std::string>& audience, int min_searches, int limit) = 0;
};

class SearchLogRepository : public SearchLogReader {
 public:
  // Stores the search and stamps `at` with now; `clicked_*` are stored as given (normally
  // empty). Conflict (field "id") for a taken id; InvalidArgument (field "audience") for an
  // unknown audience, (field "results") for a negative count.
  virtual core::Result<SearchQueryRecord> Add(const OrganisationId& org,
                                              const SearchQueryRecord& record) = 0;
  // Records that the searcher opened `article` at `position` of the results; a later click
  // replaces an earlier one (the latest click wins). NotFound for a search of no such id;
  // NotFound (field "article_id") for an article of no such id.
  virtual core::Status RecordClick(const OrganisationId& org, const SearchQueryId& id,
                                   const ArticleId& article, int position) = 0;
  // Retention: deletes the organisation's searches with at < `cutoff` and returns how many.
  // Per organisation because each has its own retention (SearchSettings); the caller walks
  // the organisations.
  virtual core::Result<std::int64_t> DeleteBefore(const OrganisationId& org,
                                                  core::TimePoint cutoff) = 0;
};

// Words the search treats as the same ("vacation", "holiday", "pto"). The search domain
// validates and normalises the words; the store keeps them in order.
struct SynonymGroup {
  SynonymGroupId id = {};
  std::vector<std::string> words = {};

  friend bool operator==(const SynonymGroup&, const SynonymGroup&) = default;
};

class SynonymReader {
 public:
  virtual ~SynonymReader() = default;
  // Every group of the organisation, in the order they were created.
  virtual core::Result<std::vector<SynonymGroup>> ListAll(const OrganisationId& org) = 0;
};

class SynonymRepository : public SynonymReader {
 public:
  // Appends the group after the others. InvalidArgument (field "id") for an empty id,
  // Conflict (field "id") for a taken id.
  virtual core::Result<SynonymGroup> Create(const OrganisationId& org,
                                            const SynonymGroup& group) = 0;
  // Replaces the words of the group with `group.id`, keeping its place. NotFound when absent.
  virtual core::Result<SynonymGroup> Update(const OrganisationId& org,
                                            const SynonymGroup& group) = 0;
  // NotFound when absent.
  virtual core::Status Delete(const OrganisationId& org, const SynonymGroupId& id) = 0;
};

struct SearchSettings {
  int query_retention_days = 90;  // searches older than this are deleted from the log

  friend bool operator==(const SearchSettings&, const SearchSettings&) = default;
};

class SearchSettingsReader {
 public:
  virtual ~SearchSettingsReader() = default;
  // The defaults above when the organisation never saved any.
  virtual core::Result<SearchSettings> Get(const OrganisationId& org) = 0;
};

class SearchSettingsRepository : public SearchSettingsReader {
 public:
  virtual core::Status Put(const OrganisationId& org, const SearchSettings& settings) = 0;
};

}  // namespace rapport::store
