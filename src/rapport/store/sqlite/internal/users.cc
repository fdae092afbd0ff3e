#include "rapport/store/sqlite/internal/users.h"

#include <fmt/format.h>

#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

#define RAPPORT_USER_COLUMNS                                                        \
  "id, org_id, email, name, role, person_id, password_hash, disabled, created_at, " \
  "password_changed_at"

constexpr std::string_view kGetSql =
    "SELECT " RAPPORT_USER_COLUMNS " FROM users WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kGetByEmailSql =
    "SELECT " RAPPORT_USER_COLUMNS " FROM users WHERE email = ?1";
constexpr std::string_view kListAllSql =
    "SELECT " RAPPORT_USER_COLUMNS " FROM users WHERE org_id = ?1 ORDER BY email";
constexpr std::string_view kEmailOwnerSql = "SELECT org_id, id FROM users WHERE email = ?1";
constexpr std::string_view kPersonExistsSql = "SELECT 1 FROM people WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kInsertSql =
    "INSERT INTO users (" RAPPORT_USER_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr std::string_view kUpdateSql =
    "UPDATE users SET email = ?3, name = ?4, role = ?5, person_id = ?6, password_hash = ?7, "
    "disabled = ?8, password_changed_at = ?10 WHERE id = ?1 AND org_id = ?2";

#undef RAPPORT_USER_COLUMNS

User ReadRow(const Statement& row) {
  return User{
      .id = IdColumn<UserTag>(row, 0),
      .org_id = IdColumn<OrganisationTag>(row, 1),
      .email = row.ColumnText(2),
      .name = row.ColumnText(3),
      .role = row.ColumnText(4),
      .person_id = OptionalIdColumn<PersonTag>(row, 5),
      .password_hash = row.ColumnText(6),
      .disabled = row.ColumnInt64(7) != 0,
      .created_at = TimeColumn(row, 8),
      .password_changed_at = TimeColumn(row, 9),
  };
}

// Binds the columns in RAPPORT_USER_COLUMNS' order as ?1..?10 (kUpdateSql leaves ?9,
// created_at, unused).
void BindUser(Statement& statement, const User& user) {
  statement.BindText(1, user.id.str());
  statement.BindText(2, user.org_id.str());
  statement.BindText(3, user.email);
  statement.BindText(4, user.name);
  statement.BindText(5, user.role);
  BindOptionalId(statement, 6, user.person_id);
  statement.BindText(7, user.password_hash);
  statement.BindInt64(8, user.disabled ? 1 : 0);
  statement.BindInt64(9, ToMicros(user.created_at));
  statement.BindInt64(10, ToMicros(user.password_changed_at));
}

core::Error EmailTaken(std::string_view email) {
  return core::Error(core::ErrorCode::kConflict,
                     fmt::format("e-mail '{}' is already taken", email));
}

}  // namespace

core::Result<User> SqliteUsers::Get(const OrganisationId& org, const UserId& id) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound("no user with this id");
  return ReadRow(*statement);
}

core::Result<User> SqliteUsers::GetByEmail(std::string_view email) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetByEmailSql));
  statement->BindText(1, email);
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound("no user with this e-mail");
  return ReadRow(*statement);
}

core::Result<std::vector<User>> SqliteUsers::ListAll(const OrganisationId& org) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kListAllSql));
  statement->BindText(1, org.str());
  std::vector<User> users;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) return users;
    users.push_back(ReadRow(*statement));
  }
}

core::Status SqliteUsers::CheckWritable(const User& user) {
  {
    // Writes are serialised, so this check cannot race; the unique index stays as backstop.
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement owner, connection_.Prepare(kEmailOwnerSql));
    owner->BindText(1, user.email);
    RAPPORT_ASSIGN_OR_RETURN(const bool row, owner->Step());
    if (row &&
        (owner->ColumnText(0) != user.org_id.str() || owner->ColumnText(1) != user.id.str())) {
      return std::unexpected(EmailTaken(user.email));
    }
  }
  if (user.person_id.has_value()) {
    RAPPORT_ASSIGN_OR_RETURN(
        const bool exists,
        RowExists(connection_, kPersonExistsSql, user.org_id.str(), user.person_id->str()));
    if (!exists) {
      return NotFoundField("the person is not a person of this organisation", "person_id");
    }
  }
  return core::Ok();
}

core::Result<User> SqliteUsers::Create(const User& user) {
  if (user.id.empty()) return core::InvalidArgument("user id is empty", "id");
  if (user.org_id.empty()) return core::InvalidArgument("organisation id is empty", "org_id");
  RAPPORT_RETURN_IF_ERROR(CheckWritable(user));
  User stored = user;
  stored.created_at = clock_.Now();
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
  BindUser(*insert, stored);
  RAPPORT_RETURN_IF_ERROR(RunInsert(*insert, "a user with this id or e-mail already exists"));
  return stored;
}

core::Result<User> SqliteUsers::Update(const User& user) {
  RAPPORT_ASSIGN_OR_RETURN(const User before, Get(user.org_id, user.id));
  RAPPORT_RETURN_IF_ERROR(CheckWritable(user));
  User stored = user;
  stored.created_at = before.created_at;
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement update, connection_.Prepare(kUpdateSql));
  BindUser(*update, stored);
  auto status = update->Run();
  if (!status && status.error().code() == core::ErrorCode::kConflict) {
    return std::unexpected(EmailTaken(user.email));
  }
  RAPPORT_RETURN_IF_ERROR(status);
  return stored;
}

}  // namespace rapport::store::sqlite::internal
