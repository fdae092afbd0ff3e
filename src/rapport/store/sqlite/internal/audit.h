#pragma once

// The audit log repository on a SQLite connection: appends and newest-first listing. The
// table refuses UPDATE and DELETE itself (triggers in migration 2).
// Thread-safety: as its connection; lives for one transaction.

#include "rapport/store/audit.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteAudit final : public AuditRepository {
 public:
  explicit SqliteAudit(Connection& connection) : connection_(connection) {}

  core::Result<Page<AuditEntry>> List(const OrganisationId& org, const AuditFilter& filter,
                                      const PageRequest& page) override;
  core::Result<AuditEntry> Append(const AuditEntry& entry) override;

 private:
  Connection& connection_;
};

}  // namespace rapport::store::sqlite::internal
