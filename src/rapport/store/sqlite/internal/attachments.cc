#include "rapport/store/sqlite/internal/attachments.h"

#include "rapport/store/sqlite/internal/articles.h"
#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

#define RAPPORT_ATTACHMENT_COLUMNS \
  "id, article_id, filename, content_type, size, sha256, uploaded_by, created_at"

constexpr std::string_view kGetSql =
    "SELECT " RAPPORT_ATTACHMENT_COLUMNS " FROM kb_attachments WHERE org_id = ?1 AND id = ?2";
// Oldest first; id breaks ties between uploads of the same microsecond.
constexpr std::string_view kListForArticleSql =
    "SELECT " RAPPORT_ATTACHMENT_COLUMNS
    " FROM kb_attachments WHERE org_id = ?1 AND article_id = ?2 ORDER BY created_at, id";
constexpr std::string_view kListAllSql =
    "SELECT " RAPPORT_ATTACHMENT_COLUMNS
    " FROM kb_attachments WHERE org_id = ?1 ORDER BY created_at, id";
// Every organisation's rows: the file on disk is shared by equal contents.
constexpr std::string_view kContentInUseSql =
    "SELECT 1 FROM kb_attachments WHERE sha256 = ?1 LIMIT 1";
constexpr std::string_view kExistsSql =
    "SELECT 1 FROM kb_attachments WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kInsertSql =
    "INSERT INTO kb_attachments (org_id, " RAPPORT_ATTACHMENT_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr std::string_view kAttachSql =
    "UPDATE kb_attachments SET article_id = ?3 WHERE org_id = ?1 AND id = ?2 RETURNING 1";
constexpr std::string_view kDeleteSql =
    "DELETE FROM kb_attachments WHERE org_id = ?1 AND id = ?2 RETURNING 1";

#undef RAPPORT_ATTACHMENT_COLUMNS

Attachment ReadRow(const Statement& row) {
  return Attachment{
      .id = IdColumn<AttachmentTag>(row, 0),
      .article_id = OptionalIdColumn<ArticleTag>(row, 1),
      .filename = row.ColumnText(2),
      .content_type = row.ColumnText(3),
      .size = row.ColumnInt64(4),
      .sha256 = row.ColumnText(5),
      .uploaded_by = OptionalIdColumn<UserTag>(row, 6),
      .created_at = TimeColumn(row, 7),
  };
}

// Steps a statement selecting RAPPORT_ATTACHMENT_COLUMNS to completion.
core::Result<std::vector<Attachment>> ReadAll(Statement& statement) {
  std::vector<Attachment> attachments;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement.Step());
    if (!row) return attachments;
    attachments.push_back(ReadRow(statement));
  }
}

}  // namespace

core::Result<Attachment> SqliteAttachments::Get(const OrganisationId& org, const AttachmentId& id) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound("no attachment with this id");
  return ReadRow(*statement);
}

core::Result<std::vector<Attachment>> SqliteAttachments::ListForArticle(const OrganisationId& org,
                                                                        const ArticleId& id) {
  RAPPORT_RETURN_IF_ERROR(CheckArticleExists(connection_, org, id, {}));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kListForArticleSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  return ReadAll(*statement);
}

core::Result<std::vector<Attachment>> SqliteAttachments::ListAll(const OrganisationId& org) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kListAllSql));
  statement->BindText(1, org.str());
  return ReadAll(*statement);
}

core::Result<bool> SqliteAttachments::ContentInUse(std::string_view sha256) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kContentInUseSql));
  statement->BindText(1, sha256);
  return statement->Step();
}

core::Result<Attachment> SqliteAttachments::Create(const OrganisationId& org,
                                                   const Attachment& attachment) {
  if (attachment.id.empty()) return core::InvalidArgument("attachment id is empty", "id");
  {
    RAPPORT_ASSIGN_OR_RETURN(const bool taken,
                             RowExists(connection_, kExistsSql, org.str(), attachment.id.str()));
    if (taken) {
      return core::MakeError(core::ErrorCode::kConflict,
                             "an attachment with this id already exists", "id");
    }
  }
  if (attachment.article_id.has_value()) {
    RAPPORT_RETURN_IF_ERROR(
        CheckArticleExists(connection_, org, *attachment.article_id, "article_id"));
  }
  RAPPORT_RETURN_IF_ERROR(CheckUserExists(connection_, org, attachment.uploaded_by, "uploaded_by"));
  Attachment stored = attachment;
  stored.created_at = clock_.Now();
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
  insert->BindText(1, org.str());
  insert->BindText(2, stored.id.str());
  BindOptionalId(*insert, 3, stored.article_id);
  insert->BindText(4, stored.filename);
  insert->BindText(5, stored.content_type);
  insert->BindInt64(6, stored.size);
  insert->BindText(7, stored.sha256);
  BindOptionalId(*insert, 8, stored.uploaded_by);
  insert->BindInt64(9, ToMicros(stored.created_at));
  RAPPORT_RETURN_IF_ERROR(RunInsert(*insert, "an attachment with this id already exists"));
  return stored;
}

core::Result<Attachment> SqliteAttachments::AttachTo(const OrganisationId& org,
                                                     const AttachmentId& id,
                                                     const ArticleId& article) {
  RAPPORT_RETURN_IF_ERROR(CheckArticleExists(connection_, org, article, "article_id"));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement update, connection_.Prepare(kAttachSql));
  update->BindText(1, org.str());
  update->BindText(2, id.str());
  update->BindText(3, article.str());
  RAPPORT_ASSIGN_OR_RETURN(const int updated, CountRows(*update));
  if (updated == 0) return core::NotFound("no attachment with this id");
  return Get(org, id);
}

core::Status SqliteAttachments::Delete(const OrganisationId& org, const AttachmentId& id) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement remove, connection_.Prepare(kDeleteSql));
  remove->BindText(1, org.str());
  remove->BindText(2, id.str());
  RAPPORT_ASSIGN_OR_RETURN(const int deleted, CountRows(*remove));
  if (deleted == 0) return core::NotFound("no attachment with this id");
  return core::Ok();
}

}  // namespace rapport::store::sqlite::internal
