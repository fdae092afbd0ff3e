#include "rapport/store/sqlite/internal/revisions.h"

#include <fmt/format.h>

#include <string>
#include <utility>

#include "rapport/store/sqlite/internal/articles.h"
#include "rapport/store/sqlite/internal/codec.h"
#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

#define RAPPORT_REVISION_COLUMNS \
  "article_id, number, title, summary, body, tags, author_id, note, created_at"

constexpr std::string_view kInsertRevisionSql =
    "INSERT INTO kb_revisions (org_id, " RAPPORT_REVISION_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr std::string_view kRevisionsSql =
    "SELECT " RAPPORT_REVISION_COLUMNS
    " FROM kb_revisions WHERE org_id = ?1 AND article_id = ?2 ORDER BY number DESC";
constexpr std::string_view kGetRevisionSql =
    "SELECT " RAPPORT_REVISION_COLUMNS
    " FROM kb_revisions WHERE org_id = ?1 AND article_id = ?2 AND number = ?3";
constexpr std::string_view kHeadSql =
    "SELECT head_revision FROM kb_articles WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kMoveHeadSql =
    "UPDATE kb_articles SET head_revision = ?3, head_title = ?4, updated_at = ?5 "
    "WHERE org_id = ?1 AND id = ?2";

#undef RAPPORT_REVISION_COLUMNS

core::Result<Revision> ReadRevision(const Statement& row) {
  RAPPORT_ASSIGN_OR_RETURN(std::vector<std::string> tags, DecodeStringList(row.ColumnText(5)));
  return Revision{
      .article_id = IdColumn<ArticleTag>(row, 0),
      .number = static_cast<int>(row.ColumnInt64(1)),
      .content = {.title = row.ColumnText(2),
                  .summary = row.ColumnText(3),
                  .body = row.ColumnText(4),
                  .tags = std::move(tags)},
      .author_id = OptionalIdColumn<UserTag>(row, 6),
      .note = row.ColumnText(7),
      .created_at = TimeColumn(row, 8),
  };
}

}  // namespace

core::Result<std::vector<Revision>> ListRevisions(Connection& connection, const OrganisationId& org,
                                                  const ArticleId& id) {
  RAPPORT_RETURN_IF_ERROR(CheckArticleExists(connection, org, id, {}));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(kRevisionsSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  std::vector<Revision> revisions;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) return revisions;
    RAPPORT_ASSIGN_OR_RETURN(Revision revision, ReadRevision(*statement));
    revisions.push_back(std::move(revision));
  }
}

core::Result<Revision> GetRevision(Connection& connection, const OrganisationId& org,
                                   const ArticleId& id, int number) {
  RAPPORT_RETURN_IF_ERROR(CheckArticleExists(connection, org, id, {}));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(kGetRevisionSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  statement->BindInt64(3, number);
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) {
    return NotFoundField(fmt::format("the article has no revision {}", number), "revision");
  }
  return ReadRevision(*statement);
}

core::Result<Revision> InsertRevision(Connection& connection, const core::Clock& clock,
                                      const OrganisationId& org, const ArticleId& id, int number,
                                      const Revision& revision) {
  RAPPORT_RETURN_IF_ERROR(CheckUserExists(connection, org, revision.author_id, "author_id"));
  Revision stored = revision;
  stored.article_id = id;
  stored.number = number;
  stored.created_at = clock.Now();
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection.Prepare(kInsertRevisionSql));
  insert->BindText(1, org.str());
  insert->BindText(2, stored.article_id.str());
  insert->BindInt64(3, stored.number);
  insert->BindText(4, stored.content.title);
  insert->BindText(5, stored.content.summary);
  insert->BindText(6, stored.content.body);
  insert->BindText(7, EncodeStringList(stored.content.tags));
  BindOptionalId(*insert, 8, stored.author_id);
  insert->BindText(9, stored.note);
  insert->BindInt64(10, ToMicros(stored.created_at));
  RAPPORT_RETURN_IF_ERROR(RunInsert(*insert, "the revision already exists"));
  return stored;
}

core::Result<Revision> AppendRevision(Connection& connection, const core::Clock& clock,
                                      const OrganisationId& org, const ArticleId& id,
                                      const Revision& revision) {
  int head = 0;
  {
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(kHeadSql));
    statement->BindText(1, org.str());
    statement->BindText(2, id.str());
    RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
    if (!found) return core::NotFound("no article with this id");
    head = static_cast<int>(statement->ColumnInt64(0));
  }
  RAPPORT_ASSIGN_OR_RETURN(Revision stored,
                           InsertRevision(connection, clock, org, id, head + 1, revision));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement move, connection.Prepare(kMoveHeadSql));
  move->BindText(1, org.str());
  move->BindText(2, id.str());
  move->BindInt64(3, stored.number);
  move->BindText(4, stored.content.title);
  move->BindInt64(5, ToMicros(stored.created_at));
  RAPPORT_RETURN_IF_ERROR(move->Run());
  return stored;
}

}  // namespace rapport::store::sqlite::internal
