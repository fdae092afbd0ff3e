#include "rapport/store/sqlite/internal/user_links.h"

#include "rapport/store/sqlite/internal/codec.h"
#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

constexpr std::string_view kGetByHashSql =
    "SELECT token_hash, org_id, user_id, purpose, created_by, created_at, expires_at, used_at "
    "FROM user_links WHERE token_hash = ?1";
constexpr std::string_view kUserExistsSql = "SELECT 1 FROM users WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kInsertSql =
    "INSERT INTO user_links (token_hash, org_id, user_id, purpose, created_by, created_at, "
    "expires_at, used_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
// The `used_at IS NULL` condition is what makes a link single-use: of two redemptions, only
// the first changes the row (writes are serialised, and the condition is re-evaluated).
constexpr std::string_view kMarkUsedSql =
    "UPDATE user_links SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL RETURNING 1";
constexpr std::string_view kExistsSql = "SELECT 1 FROM user_links WHERE token_hash = ?1";

}  // namespace

core::Status SqliteUserLinks::Create(const UserLink& link) {
  if (link.token_hash.empty()) return core::InvalidArgument("link hash is empty", "token_hash");
  RAPPORT_ASSIGN_OR_RETURN(
      const bool user_exists,
      RowExists(connection_, kUserExistsSql, link.org_id.str(), link.user_id.str()));
  if (!user_exists) return NotFoundField("the user is not a user of this organisation", "user_id");
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
  insert->BindText(1, link.token_hash);
  insert->BindText(2, link.org_id.str());
  insert->BindText(3, link.user_id.str());
  insert->BindText(4, LinkPurposeName(link.purpose));
  insert->BindText(5, link.created_by.str());
  insert->BindInt64(6, ToMicros(link.created_at));
  insert->BindInt64(7, ToMicros(link.expires_at));
  BindOptionalTime(*insert, 8, link.used_at);
  return RunInsert(*insert, "a link with this token already exists");
}

core::Result<UserLink> SqliteUserLinks::GetByHash(std::string_view token_hash) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetByHashSql));
  statement->BindText(1, token_hash);
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound("no link with this token");
  RAPPORT_ASSIGN_OR_RETURN(const LinkPurpose purpose, ParseLinkPurpose(statement->ColumnText(3)));
  return UserLink{
      .token_hash = statement->ColumnText(0),
      .org_id = IdColumn<OrganisationTag>(*statement, 1),
      .user_id = IdColumn<UserTag>(*statement, 2),
      .purpose = purpose,
      .created_by = IdColumn<UserTag>(*statement, 4),
      .created_at = TimeColumn(*statement, 5),
      .expires_at = TimeColumn(*statement, 6),
      .used_at = OptionalTimeColumn(*statement, 7),
  };
}

core::Status SqliteUserLinks::MarkUsed(std::string_view token_hash, core::TimePoint at) {
  {
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement mark, connection_.Prepare(kMarkUsedSql));
    mark->BindText(1, token_hash);
    mark->BindInt64(2, ToMicros(at));
    RAPPORT_ASSIGN_OR_RETURN(const int marked, CountRows(*mark));
    if (marked == 1) return core::Ok();
  }
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement exists, connection_.Prepare(kExistsSql));
  exists->BindText(1, token_hash);
  RAPPORT_ASSIGN_OR_RETURN(const bool found, exists->Step());
  if (!found) return core::NotFound("no link with this token");
  return core::Conflict("this link has already been used");
}

}  // namespace rapport::store::sqlite::internal
