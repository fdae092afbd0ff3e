#pragma once

// The sign-in sessions repository on a SQLite connection. Serves read transactions (as a
// SessionReader, on a query_only connection) and write transactions.
// Thread-safety: as its connection; lives for one transaction.

#include "rapport/store/access.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteSessions final : public SessionRepository {
 public:
  explicit SqliteSessions(Connection& connection) : connection_(connection) {}

  core::Result<Session> GetByHash(std::string_view token_hash) override;
  core::Status Create(const Session& session) override;
  core::Status Touch(std::string_view token_hash, core::TimePoint last_seen_at) override;
  core::Status Delete(std::string_view token_hash) override;
  core::Result<int> DeleteForUser(const OrganisationId& org, const UserId& user) override;
  core::Result<int> DeleteExpired(core::TimePoint now) override;

 private:
  Connection& connection_;
};

}  // namespace rapport::store::sqlite::internal
