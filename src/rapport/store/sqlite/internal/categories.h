#pragma once

// The knowledge-base categories repository (categories and their sections) on a SQLite
// connection; serves read transactions (as a CategoryReader, on a query_only connection) and
// write transactions. Thread-safety: as its connection; lives for one transaction.

#include "rapport/core/clock.h"
#include "rapport/store/kb.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteCategories final : public CategoryRepository {
 public:
  SqliteCategories(Connection& connection, const core::Clock& clock)
      : connection_(connection), clock_(clock) {}

  core::Result<Category> Get(const OrganisationId& org, const CategoryId& id) override;
  core::Result<std::vector<Category>> ListAll(const OrganisationId& org) override;
  core::Result<Category> Create(const OrganisationId& org, const Category& category) override;
  core::Result<Category> Update(const OrganisationId& org, const Category& category) override;
  core::Status Delete(const OrganisationId& org, const CategoryId& id) override;

 private:
  // The checks Create and Update share: a parent of this organisation, and a slug and a name
  // that no sibling other than the category itself has.
  core::Status CheckWritable(const OrganisationId& org, const Category& category);

  Connection& connection_;
  const core::Clock& clock_;
};

}  // namespace rapport::store::sqlite::internal
