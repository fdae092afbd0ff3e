#pragma once

// The organisations repository on a SQLite connection. The same class serves read
// transactions (reached only as an OrganisationReader, on a query_only connection) and write
// transactions. Thread-safety: as its connection; lives for one transaction.

#include "rapport/core/clock.h"
#include "rapport/store/organisation.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteOrganisations final : public OrganisationRepository {
 public:
  SqliteOrganisations(Connection& connection, const core::Clock& clock)
      : connection_(connection), clock_(clock) {}

  core::Result<Organisation> Get(const OrganisationId& id) override;
  core::Result<Organisation> GetBySlug(std::string_view slug) override;
  core::Result<Page<Organisation>> List(const PageRequest& page) override;
  core::Result<Organisation> Create(const NewOrganisation& org) override;
  core::Result<Organisation> Update(const Organisation& org) override;

 private:
  Connection& connection_;
  const core::Clock& clock_;
};

}  // namespace rapport::store::sqlite::internal
