#pragma once

// The user accounts repository on a SQLite connection. Serves read transactions (as a
// UserReader, on a query_only connection) and write transactions.
// Thread-safety: as its connection; lives for one transaction.

#include "rapport/core/clock.h"
#include "rapport/store/access.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteUsers final : public UserRepository {
 public:
  SqliteUsers(Connection& connection, const core::Clock& clock)
      : connection_(connection), clock_(clock) {}

  core::Result<User> Get(const OrganisationId& org, const UserId& id) override;
  core::Result<User> GetByEmail(std::string_view email) override;
  core::Result<std::vector<User>> ListAll(const OrganisationId& org) override;
  core::Result<User> Create(const User& user) override;
  core::Result<User> Update(const User& user) override;

 private:
  // Conflict when another user has the e-mail; NotFound (field "person_id") when the person
  // is not one of the user's organisation.
  core::Status CheckWritable(const User& user);

  Connection& connection_;
  const core::Clock& clock_;
};

}  // namespace rapport::store::sqlite::internal
