#include "rapport/store/sqlite/internal/sessions.h"

#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

constexpr std::string_view kGetByHashSql =
    "SELECT token_hash, org_id, user_id, created_at, last_seen_at, expires_at, remote_address "
    "FROM sessions WHERE token_hash = ?1";
constexpr std::string_view kUserExistsSql = "SELECT 1 FROM users WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kInsertSql =
    "INSERT INTO sessions (token_hash, org_id, user_id, created_at, last_seen_at, expires_at, "
    "remote_address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kTouchSql =
    "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1 RETURNING 1";
constexpr std::string_view kDeleteSql = "DELETE FROM sessions WHERE token_hash = ?1";
constexpr std::string_view kDeleteForUserSql =
    "DELETE FROM sessions WHERE org_id = ?1 AND user_id = ?2 RETURNING 1";
constexpr std::string_view kDeleteExpiredSql =
    "DELETE FROM sessions WHERE expires_at < ?1 RETURNING 1";

}  // namespace

core::Result<Session> SqliteSessions::GetByHash(std::string_view token_hash) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetByHashSql));
  statement->BindText(1, token_hash);
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound("no session with this token");
  return Session{
      .token_hash = statement->ColumnText(0),
      .org_id = IdColumn<OrganisationTag>(*statement, 1),
      .user_id = IdColumn<UserTag>(*statement, 2),
      .created_at = TimeColumn(*statement, 3),
      .last_seen_at = TimeColumn(*statement, 4),
      .expires_at = TimeColumn(*statement, 5),
      .remote_address = statement->ColumnText(6),
  };
}

core::Status SqliteSessions::Create(const Session& session) {
  if (session.token_hash.empty()) {
    return core::InvalidArgument("session token hash is empty", "token_hash");
  }
  RAPPORT_ASSIGN_OR_RETURN(
      const bool user_exists,
      RowExists(connection_, kUserExistsSql, session.org_id.str(), session.user_id.str()));
  if (!user_exists) return NotFoundField("the user is not a user of this organisation", "user_id");
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
  insert->BindText(1, session.token_hash);
  insert->BindText(2, session.org_id.str());
  insert->BindText(3, session.user_id.str());
  insert->BindInt64(4, ToMicros(session.created_at));
  insert->BindInt64(5, ToMicros(session.last_seen_at));
  insert->BindInt64(6, ToMicros(session.expires_at));
  insert->BindText(7, session.remote_address);
  return RunInsert(*insert, "a session with this token already exists");
}

core::Status SqliteSessions::Touch(std::string_view token_hash, core::TimePoint last_seen_at) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement touch, connection_.Prepare(kTouchSql));
  touch->BindText(1, token_hash);
  touch->BindInt64(2, ToMicros(last_seen_at));
  RAPPORT_ASSIGN_OR_RETURN(const int touched, CountRows(*touch));
  if (touched == 0) return core::NotFound("no session with this token");
  return core::Ok();
}

core::Status SqliteSessions::Delete(std::string_view token_hash) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement remove, connection_.Prepare(kDeleteSql));
  remove->BindText(1, token_hash);
  return remove->Run();
}

core::Result<int> SqliteSessions::DeleteForUser(const OrganisationId& org, const UserId& user) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement remove, connection_.Prepare(kDeleteForUserSql));
  remove->BindText(1, org.str());
  remove->BindText(2, user.str());
  return CountRows(*remove);
}

core::Result<int> SqliteSessions::DeleteExpired(core::TimePoint now) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement remove, connection_.Prepare(kDeleteExpiredSql));
  remove->BindInt64(1, ToMicros(now));
  return CountRows(*remove);
}

}  // namespace rapport::store::sqlite::internal
