#pragma once

// The teams repository on a SQLite connection; serves read transactions (as a TeamReader, on a
// query_only connection) and write transactions. Thread-safety: as its connection; lives for
// one transaction.

#include "rapport/core/clock.h"
#include "rapport/store/directory.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteTeams final : public TeamRepository {
 public:
  SqliteTeams(Connection& connection, const core::Clock& clock)
      : connection_(connection), clock_(clock) {}

  core::Result<Team> Get(const OrganisationId& org, const TeamId& id) override;
  core::Result<std::vector<Team>> ListAll(const OrganisationId& org) override;
  core::Result<Team> Create(const OrganisationId& org, const NewTeam& team) override;

 private:
  Connection& connection_;
  const core::Clock& clock_;
};

}  // namespace rapport::store::sqlite::internal
