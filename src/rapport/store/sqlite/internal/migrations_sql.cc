#include "rapport/store/sqlite/internal/migrations_sql.h"

#include <fmt/format.h>

#include "rapport/store/migrations.h"

namespace rapport::store::sqlite::internal {
namespace {

constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT;

CREATE TABLE organisations (
  id         TEXT    PRIMARY KEY NOT NULL,
  slug       TEXT    NOT NULL UNIQUE,
  name       TEXT    NOT NULL,
  time_zone  TEXT    NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
)sql";

// Index = version - 1.
constexpr std::string_view kMigrationSql[] = {kMigration1};

constexpr std::string_view kHasMigrationsTableSql =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'";
constexpr std::string_view kMaxVersionSql =
    "SELECT coalesce(max(version), 0) FROM schema_migrations";
constexpr std::string_view kRecordMigrationSql =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)";

core::Status ApplyOne(Connection& writer, const MigrationInfo& migration,
                      const core::Clock& clock) {
  RAPPORT_ASSIGN_OR_RETURN(const int current, ReadSchemaVersion(writer));
  RAPPORT_RETURN_IF_ERROR(CheckSchemaNotNewer(current));
  if (current >= migration.version) return core::Ok();  // another process was quicker
  if (current != migration.version - 1) {
    return core::Internal(fmt::format("schema version {} cannot be followed by migration {}",
                                      current, migration.version));
  }
  const std::string_view sql = MigrationSql(migration.version);
  if (sql.empty()) {
    return core::Internal(fmt::format("no SQLite text for migration {}", migration.version));
  }
  RAPPORT_RETURN_IF_ERROR(writer.Exec(sql, "run migration"));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement record, writer.Prepare(kRecordMigrationSql));
  record->BindInt64(1, migration.version);
  record->BindText(2, migration.name);
  record->BindInt64(3, clock.Now().time_since_epoch().count());
  return record->Run();
}

}  // namespace

std::string_view MigrationSql(int version) {
  if (version < 1 || version > static_cast<int>(std::size(kMigrationSql))) return {};
  return kMigrationSql[version - 1];
}

core::Result<int> ReadSchemaVersion(Connection& connection) {
  RAPPORT_ASSIGN_OR_RETURN(const std::int64_t has_table,
                           connection.QueryInt64(kHasMigrationsTableSql));
  if (has_table == 0) return 0;
  RAPPORT_ASSIGN_OR_RETURN(const std::int64_t version, connection.QueryInt64(kMaxVersionSql));
  return static_cast<int>(version);
}

core::Status CheckSchemaNotNewer(int version) {
  if (version > LatestSchemaVersion()) {
    return core::Unavailable(fmt::format(
        "database schema version {} is newer than this binary supports ({}); run a newer "
        "rapport or restore a backup made by this version",
        version, LatestSchemaVersion()));
  }
  return core::Ok();
}

core::Status ApplyMigrations(Connection& writer, const core::Clock& clock) {
  for (const MigrationInfo& migration : KnownMigrations()) {
    RAPPORT_RETURN_IF_ERROR(writer.Exec("BEGIN IMMEDIATE", "begin migration"));
    core::Status status = ApplyOne(writer, migration, clock);
    if (status) status = writer.Exec("COMMIT", "commit migration");
    if (!status) {
      if (writer.InTransaction()) (void)writer.Exec("ROLLBACK", "roll back migration");
      return core::MakeError(status.error().code(),
                             fmt::format("migration {} ({}): {}", migration.version, migration.name,
                                         status.error().message()));
    }
  }
  return core::Ok();
}

}  // namespace rapport::store::sqlite::internal
