#pragma once

// The people repository on a SQLite connection, including the placement history (see
// memberships.h). Serves read transactions (as a PersonReader, on a query_only connection)
// and write transactions. Thread-safety: as its connection; lives for one transaction.

#include "rapport/core/clock.h"
#include "rapport/store/directory.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqlitePeople final : public PersonRepository {
 public:
  SqlitePeople(Connection& connection, const core::Clock& clock)
      : connection_(connection), clock_(clock) {}

  core::Result<Person> Get(const OrganisationId& org, const PersonId& id) override;
  core::Result<Person> GetByEmployeeId(const OrganisationId& org,
                                       std::string_view employee_id) override;
  core::Result<Page<Person>> List(const OrganisationId& org, const PersonFilter& filter,
                                  const PageRequest& page) override;
  core::Result<std::vector<Person>> ListAll(const OrganisationId& org) override;
  core::Result<std::vector<Membership>> History(const OrganisationId& org,
                                                const PersonId& id) override;
  core::Result<Person> Create(const OrganisationId& org, const Person& person,
                              const DateText& effective) override;
  core::Result<Person> Update(const OrganisationId& org, const Person& person,
                              const DateText& effective) override;

 private:
  // The checks Create and Update share: the effective date's shape, a free employee id and
  // references to a team and a manager of this organisation.
  core::Status CheckWritable(const OrganisationId& org, const Person& person,
                             const DateText& effective);

  Connection& connection_;
  const core::Clock& clock_;
};

}  // namespace rapport::store::sqlite::internal
