#pragma once

// The knowledge-base settings repository on a SQLite connection: one row per organisation
// that saved settings, the defaults of KbSettings for the others. Serves read transactions
// (as a KbSettingsReader, on a query_only connection) and write transactions.
// Thread-safety: as its connection; lives for one transaction.

#include "rapport/store/kb.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteKbSettings final : public KbSettingsRepository {
 public:
  explicit SqliteKbSettings(Connection& connection) : connection_(connection) {}

  core::Result<KbSettings> Get(const OrganisationId& org) override;
  core::Status Put(const OrganisationId& org, const KbSettings& settings) override;

 private:
  Connection& connection_;
};

}  // namespace rapport::store::sqlite::internal
