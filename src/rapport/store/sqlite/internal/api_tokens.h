#pragma once

// The API tokens repository on a SQLite connection. Serves read transactions (as an
// ApiTokenReader, on a query_only connection) and write transactions.
// Thread-safety: as its connection; lives for one transaction.

#include "rapport/core/clock.h"
#include "rapport/store/access.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteApiTokens final : public ApiTokenRepository {
 public:
  SqliteApiTokens(Connection& connection, const core::Clock& clock)
      : connection_(connection), clock_(clock) {}

  core::Result<ApiToken> GetByHash(std::string_view token_hash) override;
  core::Result<ApiToken> Get(const OrganisationId& org, const ApiTokenId& id) override;
  core::Result<std::vector<ApiToken>> List(const OrganisationId& org,
                                           const std::optional<UserId>& user) override;
  core::Result<ApiToken> Create(const ApiToken& token) override;
  core::Status MarkUsed(const OrganisationId& org, const ApiTokenId& id,
                        core::TimePoint at) override;
  core::Result<ApiToken> Revoke(const OrganisationId& org, const ApiTokenId& id,
                                core::TimePoint at) override;

 private:
  Connection& connection_;
  const core::Clock& clock_;
};

}  // namespace rapport::store::sqlite::internal
