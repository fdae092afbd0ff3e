#include "rapport/store/sqlite/internal/search_changes.h"

#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

constexpr std::string_view kAfterSql =
    "SELECT seq, org_id, article_id FROM search_changes WHERE seq > ?1 ORDER BY seq LIMIT ?2";
// sqlite_sequence keeps the newest seq AUTOINCREMENT handed out, even once its row is trimmed;
// it has no row for the table until the first change.
constexpr std::string_view kLatestSql =
    "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'search_changes'), 0)";
constexpr std::string_view kTrimSql = "DELETE FROM search_changes WHERE seq <= ?1";

}  // namespace

core::Result<std::vector<ArticleChange>> SqliteSearchChanges::After(std::int64_t seq, int limit) {
  if (limit < 1 || limit > kMaxChangeBatch) {
    return core::InvalidArgument("limit must be between 1 and the maximum batch", "limit");
  }
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kAfterSql));
  statement->BindInt64(1, seq);
  statement->BindInt64(2, limit);
  std::vector<ArticleChange> changes;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) return changes;
    changes.push_back(ArticleChange{.seq = statement->ColumnInt64(0),
                                    .org = IdColumn<OrganisationTag>(*statement, 1),
                                    .article = IdColumn<ArticleTag>(*statement, 2)});
  }
}

core::Result<std::int64_t> SqliteSearchChanges::Latest() {
  return connection_.QueryInt64(kLatestSql);
}

core::Status SqliteSearchChanges::TrimThrough(std::int64_t seq) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement trim, connection_.Prepare(kTrimSql));
  trim->BindInt64(1, seq);
  return trim->Run();
}

}  // namespace rapport::store::sqlite::internal
