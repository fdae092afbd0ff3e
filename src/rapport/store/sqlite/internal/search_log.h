#pragma once

// The search query log on a SQLite connection: one search_queries row per search, reports
// grouped by query text over a period, clicks and retention. Serves read transactions (as a
// SearchLogReader, on a query_only connection) and write transactions.
// Thread-safety: as its connection; lives for one transaction.

#include "rapport/core/clock.h"
#include "rapport/store/search.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteSearchLog final : public SearchLogRepository {
 public:
  SqliteSearchLog(Connection& connection, const core::Clock& clock)
      : connection_(connection), clock_(clock) {}

  core::Result<SearchQueryRecord> Get(const OrganisationId& org, const SearchQueryId& id) override;
  core::Result<std::vector<TopQuery>> TopQueries(const OrganisationId& org, core::TimePoint from,
                                                 core::TimePoint to,
                                                 const std::optional<std::string>& audience,
                                                 int limit) override;
  core::Result<std::vector<ZeroResultQuery>> ZeroResultQueries(
      const OrganisationId& org, core::TimePoint from, core::TimePoint to,
      const std::optional<std::string>& audience, int limit) override;
  core::Result<std::vector<LowClickQuery>> LowClickQueries(
      const OrganisationId& org, core::TimePoint from, core::TimePoint to,
      const std::optional<std::string>& audience, int min_searches, int limit) override;

  core::Result<SearchQueryRecord> Add(const OrganisationId& org,
                                      const SearchQueryRecord& record) override;
  core::Status RecordClick(const OrganisationId& org, const SearchQueryId& id,
                           const ArticleId& article, int position) override;
  core::Result<std::int64_t> DeleteBefore(const OrganisationId& org,
                                          core::TimePoint cutoff) override;

 private:
  Connection& connection_;
  const core::Clock& clock_;
};

}  // namespace rapport::store::sqlite::internal
