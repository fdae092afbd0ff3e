#include "rapport/store/sqlite/internal/search_log.h"

#include "rapport/store/pagination.h"
#include "rapport/store/sqlite/internal/articles.h"
#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

// Every report reads one organisation's searches in [?2, ?3), of audience ?4 or of both when
// ?4 is NULL, through search_queries_by_at. Parameters after ?4 are the report's own.
#define RAPPORT_REPORT_FROM                                          \
  " FROM search_queries WHERE org_id = ?1 AND at >= ?2 AND at < ?3 " \
  "AND (?4 IS NULL OR audience = ?4)"

constexpr std::string_view kTopSql =
    "SELECT query, count(*), count(clicked_article), sum(results = 0)" RAPPORT_REPORT_FROM
    " GROUP BY query ORDER BY count(*) DESC, query LIMIT ?5";
constexpr std::string_view kZeroResultSql =
    "SELECT query, count(*), max(at)" RAPPORT_REPORT_FROM
    " GROUP BY query HAVING max(results) = 0 ORDER BY count(*) DESC, max(at) DESC, query "
    "LIMIT ?5";
// The rate is compared as the same double the caller computes, so equal rates tie.
constexpr std::string_view kLowClickSql =
    "SELECT query, count(*), count(clicked_article)" RAPPORT_REPORT_FROM
    " AND results > 0 GROUP BY query HAVING count(*) >= ?6 "
    "ORDER BY CAST(count(clicked_article) AS REAL) / count(*), count(*) DESC, query LIMIT ?5";

#undef RAPPORT_REPORT_FROM

constexpr std::string_view kGetSql =
    "SELECT id, audience, language, query, results, clicked_article, clicked_position, at "
    "FROM search_queries WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kExistsSql =
    "SELECT 1 FROM search_queries WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kInsertSql =
    "INSERT INTO search_queries (org_id, id, at, audience, language, query, results, "
    "clicked_article, clicked_position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr std::string_view kClickSql =
    "UPDATE search_queries SET clicked_article = ?3, clicked_position = ?4 "
    "WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kDeleteBeforeSql =
    "DELETE FROM search_queries WHERE org_id = ?1 AND at < ?2 RETURNING 1";

bool IsAudience(std::string_view audience) {
  return audience == kSearchAudienceStaff || audience == kSearchAudiencePublic;
}

core::Status CheckReport(const std::optional<std::string>& audience, int limit) {
  if (audience.has_value() && !IsAudience(*audience)) {
    return core::InvalidArgument("audience must be staff or public", "audience");
  }
  return ValidatePageLimit(limit);
}

// Prepares `sql` with the parameters every report shares bound.
core::Result<ScopedStatement> PrepareReport(Connection& connection, std::string_view sql,
                                            const OrganisationId& org, core::TimePoint from,
                                            core::TimePoint to,
                                            const std::optional<std::string>& audience, int limit) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(sql));
  statement->BindText(1, org.str());
  statement->BindInt64(2, ToMicros(from));
  statement->BindInt64(3, ToMicros(to));
  if (audience.has_value()) {
    statement->BindText(4, *audience);
  } else {
    statement->BindNull(4);
  }
  statement->BindInt64(5, limit);
  return statement;
}

// Steps `statement` to completion, reading each row with `read_row`.
template <typename T, typename ReadRow>
core::Result<std::vector<T>> ReadAll(Statement& statement, const ReadRow& read_row) {
  std::vector<T> rows;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement.Step());
    if (!row) return rows;
    rows.push_back(read_row(statement));
  }
}

}  // namespace

core::Result<SearchQueryRecord> SqliteSearchLog::Get(const OrganisationId& org,
                                                     const SearchQueryId& id) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound("no search with this id");
  SearchQueryRecord record{
      .id = IdColumn<SearchQueryTag>(*statement, 0),
      .audience = statement->ColumnText(1),
      .language = statement->ColumnText(2),
      .query = statement->ColumnText(3),
      .results = static_cast<int>(statement->ColumnInt64(4)),
      .clicked_article = OptionalIdColumn<ArticleTag>(*statement, 5),
      .at = TimeColumn(*statement, 7),
  };
  if (!statement->ColumnIsNull(6)) {
    record.clicked_position = static_cast<int>(statement->ColumnInt64(6));
  }
  return record;
}

core::Result<std::vector<TopQuery>> SqliteSearchLog::TopQueries(
    const OrganisationId& org, core::TimePoint from, core::TimePoint to,
    const std::optional<std::string>& audience, int limit) {
  RAPPORT_RETURN_IF_ERROR(CheckReport(audience, limit));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement,
                           PrepareReport(connection_, kTopSql, org, from, to, audience, limit));
  return ReadAll<TopQuery>(*statement, [](const Statement& row) {
    return TopQuery{.query = row.ColumnText(0),
                    .searches = row.ColumnInt64(1),
                    .clicks = row.ColumnInt64(2),
                    .zero_results = row.ColumnInt64(3)};
  });
}

core::Result<std::vector<ZeroResultQuery>> SqliteSearchLog::ZeroResultQueries(
    const OrganisationId& org, core::TimePoint from, core::TimePoint to,
    const std::optional<std::string>& audience, int limit) {
  RAPPORT_RETURN_IF_ERROR(CheckReport(audience, limit));
  RAPPORT_ASSIGN_OR_RETURN(
      ScopedStatement statement,
      PrepareReport(connection_, kZeroResultSql, org, from, to, audience, limit));
  return ReadAll<ZeroResultQuery>(*statement, [](const Statement& row) {
    return ZeroResultQuery{
        .query = row.ColumnText(0), .searches = row.ColumnInt64(1), .last_at = TimeColumn(row, 2)};
  });
}

core::Result<std::vector<LowClickQuery>> SqliteSearchLog::LowClickQueries(
    const OrganisationId& org, core::TimePoint from, core::TimePoint to,
    const std::optional<std::string>& audience, int min_searches, int limit) {
  RAPPORT_RETURN_IF_ERROR(CheckReport(audience, limit));
  if (min_searches < 1)
    return core::InvalidArgument("min_searches must be at least 1", "min_searches");
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, PrepareReport(connection_, kLowClickSql, org,
                                                                    from, to, audience, limit));
  statement->BindInt64(6, min_searches);
  return ReadAll<LowClickQuery>(*statement, [](const Statement& row) {
    const std::int64_t searches = row.ColumnInt64(1);
    const std::int64_t clicks = row.ColumnInt64(2);
    return LowClickQuery{.query = row.ColumnText(0),
                         .searches = searches,
                         .clicks = clicks,
                         .click_rate = static_cast<double>(clicks) / static_cast<double>(searches)};
  });
}

core::Result<SearchQueryRecord> SqliteSearchLog::Add(const OrganisationId& org,
                                                     const SearchQueryRecord& record) {
  if (record.id.empty()) return core::InvalidArgument("search id is empty", "id");
  if (!IsAudience(record.audience)) {
    return core::InvalidArgument("audience must be staff or public", "audience");
  }
  if (record.results < 0) return core::InvalidArgument("results must not be negative", "results");
  {
    RAPPORT_ASSIGN_OR_RETURN(const bool taken,
                             RowExists(connection_, kExistsSql, org.str(), record.id.str()));
    if (taken) {
      return core::MakeError(core::ErrorCode::kConflict, "a search with this id already exists",
                             "id");
    }
  }
  SearchQueryRecord stored = record;
  stored.at = clock_.Now();
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
  insert->BindText(1, org.str());
  insert->BindText(2, stored.id.str());
  insert->BindInt64(3, ToMicros(stored.at));
  insert->BindText(4, stored.audience);
  insert->BindText(5, stored.language);
  insert->BindText(6, stored.query);
  insert->BindInt64(7, stored.results);
  BindOptionalId(*insert, 8, stored.clicked_article);
  if (stored.clicked_position.has_value()) {
    insert->BindInt64(9, *stored.clicked_position);
  } else {
    insert->BindNull(9);
  }
  RAPPORT_RETURN_IF_ERROR(RunInsert(*insert, "a search with this id already exists"));
  return stored;
}

core::Status SqliteSearchLog::RecordClick(const OrganisationId& org, const SearchQueryId& id,
                                          const ArticleId& article, int position) {
  {
    RAPPORT_ASSIGN_OR_RETURN(const bool exists,
                             RowExists(connection_, kExistsSql, org.str(), id.str()));
    if (!exists) return core::NotFound("no search with this id");
  }
  RAPPORT_RETURN_IF_ERROR(CheckArticleExists(connection_, org, article, "article_id"));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement click, connection_.Prepare(kClickSql));
  click->BindText(1, org.str());
  click->BindText(2, id.str());
  click->BindText(3, article.str());
  click->BindInt64(4, position);
  return click->Run();
}

core::Result<std::int64_t> SqliteSearchLog::DeleteBefore(const OrganisationId& org,
                                                         core::TimePoint cutoff) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement remove, connection_.Prepare(kDeleteBeforeSql));
  remove->BindText(1, org.str());
  remove->BindInt64(2, ToMicros(cutoff));
  RAPPORT_ASSIGN_OR_RETURN(const int deleted, CountRows(*remove));
  return deleted;
}

}  // namespace rapport::store::sqlite::internal
