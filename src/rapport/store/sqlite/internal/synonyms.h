#pragma once

// Synonym groups on a SQLite connection: one search_synonyms row per group, its words as a
// JSON array text and its place (creation order) in `position`. Serves read transactions (as
// a SynonymReader, on a query_only connection) and write transactions.
// Thread-safety: as its connection; lives for one transaction.

#include "rapport/store/search.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteSynonyms final : public SynonymRepository {
 public:
  explicit SqliteSynonyms(Connection& connection) : connection_(connection) {}

  core::Result<std::vector<SynonymGroup>> ListAll(const OrganisationId& org) override;
  core::Result<SynonymGroup> Create(const OrganisationId& org, const SynonymGroup& group) override;
  core::Result<SynonymGroup> Update(const OrganisationId& org, const SynonymGroup& group) override;
  core::Status Delete(const OrganisationId& org, const SynonymGroupId& id) override;

 private:
  Connection& connection_;
};

}  // namespace rapport::store::sqlite::internal
