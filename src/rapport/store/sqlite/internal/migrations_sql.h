#pragma once

// SQLite text of every migration in store/migrations.h, and the code that applies them.
// Conventions of the SQLite schema: STRICT tables; ids are TEXT (26-character opaque ids);
// times are INTEGER microseconds since the Unix epoch, UTC; every tenant table has
// `org_id TEXT NOT NULL REFERENCES organisations(id)`.
// Thread-safety: the caller holds the writer connection exclusively.

#include <string_view>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

// The SQL of migration `version`, or empty when this adapter does not know it.
std::string_view MigrationSql(int version);

// The newest migration recorded in the database; 0 when none (no schema_migrations table).
core::Result<int> ReadSchemaVersion(Connection& connection);

// Unavailable when `version` is newer than this binary knows.
core::Status CheckSchemaNotNewer(int version);

// Applies every pending migration, each in its own BEGIN IMMEDIATE transaction that re-reads
// the version first, so concurrent migrators (other processes) apply each migration once.
core::Status ApplyMigrations(Connection& writer, const core::Clock& clock);

}  // namespace rapport::store::sqlite::internal
