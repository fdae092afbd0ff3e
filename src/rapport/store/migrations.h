#pragma once

// The list of schema migrations every adapter implements. A migration is identified by its
// number (1, 2, 3, ... with no gaps) and a short snake_case name; each adapter holds the SQL
// of every migration in its own dialect and records applied ones in
// `schema_migrations(version, name, applied_at)`. Adding a migration means appending here and
// adding its SQL to every adapter (a test in each adapter checks they agree). Migrations never
// insert rows: the application creates the default organisation at first start.
//
// A database whose schema version is greater than LatestSchemaVersion() was written by a newer
// binary; adapters refuse to open it rather than risk misreading it.
//
// Thread-safety: immutable data.

#include <span>
#include <string_view>

namespace rapport::store {

struct MigrationInfo {
  int version;
  std::string_view name;
};

// All migrations, in increasing version order starting at 1.
std::span<const MigrationInfo> KnownMigrations();

// The version of the last known migration.
int LatestSchemaVersion();

}  // namespace rapport::store
