#pragma once

// The search settings repository on a SQLite connection: one search_settings row per
// organisation that saved settings, the defaults of SearchSettings for the others. Serves read
// transactions (as a SearchSettingsReader, on a query_only connection) and write transactions.
// Thread-safety: as its connection; lives for one transaction.

#include "rapport/store/search.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteSearchSettings final : public SearchSettingsRepository {
 public:
  explicit SqliteSearchSettings(Connection& connection) : connection_(connection) {}

  core::Result<SearchSettings> Get(const OrganisationId& org) override;
  core::Status Put(const OrganisationId& org, const SearchSettings& settings) override;

 private:
  Connection& connection_;
};

}  // namespace rapport::store::sqlite::internal
