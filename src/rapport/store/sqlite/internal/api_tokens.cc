#include "rapport/store/sqlite/internal/api_tokens.h"

#include "rapport/store/sqlite/internal/codec.h"
#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

#define RAPPORT_TOKEN_COLUMNS                                                             \
  "id, org_id, user_id, name, token_hash, scopes, created_at, last_used_at, expires_at, " \
  "revoked_at"

constexpr std::string_view kGetByHashSql =
    "SELECT " RAPPORT_TOKEN_COLUMNS " FROM api_tokens WHERE token_hash = ?1";
constexpr std::string_view kGetSql =
    "SELECT " RAPPORT_TOKEN_COLUMNS " FROM api_tokens WHERE org_id = ?1 AND id = ?2";
// Newest first; id breaks ties between tokens created in the same microsecond.
constexpr std::string_view kListSql =
    "SELECT " RAPPORT_TOKEN_COLUMNS
    " FROM api_tokens WHERE org_id = ?1 ORDER BY created_at DESC, id DESC";
constexpr std::string_view kListForUserSql =
    "SELECT " RAPPORT_TOKEN_COLUMNS
    " FROM api_tokens WHERE org_id = ?1 AND user_id = ?2 ORDER BY created_at DESC, id DESC";
constexpr std::string_view kUserExistsSql = "SELECT 1 FROM users WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kInsertSql = "INSERT INTO api_tokens (" RAPPORT_TOKEN_COLUMNS
                                        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr std::string_view kMarkUsedSql =
    "UPDATE api_tokens SET last_used_at = ?3 WHERE org_id = ?1 AND id = ?2 RETURNING 1";
// coalesce keeps the first revocation time.
constexpr std::string_view kRevokeSql =
    "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?3) WHERE org_id = ?1 AND id = ?2 "
    "RETURNING " RAPPORT_TOKEN_COLUMNS;

#undef RAPPORT_TOKEN_COLUMNS

ApiToken ReadRow(const Statement& row) {
  return ApiToken{
      .id = IdColumn<ApiTokenTag>(row, 0),
      .org_id = IdColumn<OrganisationTag>(row, 1),
      .user_id = IdColumn<UserTag>(row, 2),
      .name = row.ColumnText(3),
      .token_hash = row.ColumnText(4),
      .scopes = DecodeScopes(row.ColumnText(5)),
      .created_at = TimeColumn(row, 6),
      .last_used_at = OptionalTimeColumn(row, 7),
      .expires_at = OptionalTimeColumn(row, 8),
      .revoked_at = OptionalTimeColumn(row, 9),
  };
}

// Steps a statement that returns at most one token, found by id.
core::Result<ApiToken> ReadOne(Statement& statement) {
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement.Step());
  if (!found) return core::NotFound("no API token with this id");
  return ReadRow(statement);
}

}  // namespace

core::Result<ApiToken> SqliteApiTokens::GetByHash(std::string_view token_hash) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetByHashSql));
  statement->BindText(1, token_hash);
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound("no API token with this hash");
  return ReadRow(*statement);
}

core::Result<ApiToken> SqliteApiTokens::Get(const OrganisationId& org, const ApiTokenId& id) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  return ReadOne(*statement);
}

core::Result<std::vector<ApiToken>> SqliteApiTokens::List(const OrganisationId& org,
                                                          const std::optional<UserId>& user) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement,
                           connection_.Prepare(user.has_value() ? kListForUserSql : kListSql));
  statement->BindText(1, org.str());
  if (user.has_value()) statement->BindText(2, user->str());
  std::vector<ApiToken> tokens;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) return tokens;
    tokens.push_back(ReadRow(*statement));
  }
}

core::Result<ApiToken> SqliteApiTokens::Create(const ApiToken& token) {
  if (token.id.empty()) return core::InvalidArgument("API token id is empty", "id");
  if (token.token_hash.empty()) {
    return core::InvalidArgument("API token hash is empty", "token_hash");
  }
  RAPPORT_ASSIGN_OR_RETURN(const std::string scopes, EncodeScopes(token.scopes));
  RAPPORT_ASSIGN_OR_RETURN(
      const bool user_exists,
      RowExists(connection_, kUserExistsSql, token.org_id.str(), token.user_id.str()));
  if (!user_exists) return NotFoundField("the user is not a user of this organisation", "user_id");
  ApiToken stored = token;
  stored.created_at = clock_.Now();
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
  insert->BindText(1, stored.id.str());
  insert->BindText(2, stored.org_id.str());
  insert->BindText(3, stored.user_id.str());
  insert->BindText(4, stored.name);
  insert->BindText(5, stored.token_hash);
  insert->BindText(6, scopes);
  insert->BindInt64(7, ToMicros(stored.created_at));
  BindOptionalTime(*insert, 8, stored.last_used_at);
  BindOptionalTime(*insert, 9, stored.expires_at);
  BindOptionalTime(*insert, 10, stored.revoked_at);
  RAPPORT_RETURN_IF_ERROR(RunInsert(*insert, "an API token with this id or hash already exists"));
  return stored;
}

core::Status SqliteApiTokens::MarkUsed(const OrganisationId& org, const ApiTokenId& id,
                                       core::TimePoint at) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement mark, connection_.Prepare(kMarkUsedSql));
  mark->BindText(1, org.str());
  mark->BindText(2, id.str());
  mark->BindInt64(3, ToMicros(at));
  RAPPORT_ASSIGN_OR_RETURN(const int marked, CountRows(*mark));
  if (marked == 0) return core::NotFound("no API token with this id");
  return core::Ok();
}

core::Result<ApiToken> SqliteApiTokens::Revoke(const OrganisationId& org, const ApiTokenId& id,
                                               core::TimePoint at) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement revoke, connection_.Prepare(kRevokeSql));
  revoke->BindText(1, org.str());
  revoke->BindText(2, id.str());
  revoke->BindInt64(3, ToMicros(at));
  return ReadOne(*revoke);
}

}  // namespace rapport::store::sqlite::internal
