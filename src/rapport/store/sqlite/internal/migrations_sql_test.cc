#include "rapport/store/sqlite/internal/migrations_sql.h"

#include <gtest/gtest.h>

#include "rapport/store/migrations.h"

namespace rapport::store::sqlite::internal {
namespace {

TEST(SqliteMigrations, CoverExactlyTheKnownMigrations) {
  for (const MigrationInfo& m : KnownMigrations()) {
    EXPECT_FALSE(MigrationSql(m.version).empty()) << "no SQLite text for migration " << m.version;
  }
  EXPECT_TRUE(MigrationSql(0).empty());
  EXPECT_TRUE(MigrationSql(LatestSchemaVersion() + 1).empty());
}

TEST(SqliteMigrations, NeverInsertRows) {
  for (const MigrationInfo& m : KnownMigrations()) {
    EXPECT_EQ(MigrationSql(m.version).find("INSERT"), std::string_view::npos) << m.version;
  }
}

TEST(SqliteMigrations, RefuseNewerSchema) {
  EXPECT_TRUE(CheckSchemaNotNewer(LatestSchemaVersion()).has_value());
  auto newer = CheckSchemaNotNewer(LatestSchemaVersion() + 1);
  ASSERT_FALSE(newer.has_value());
  EXPECT_EQ(newer.error().code(), core::ErrorCode::kUnavailable);
  EXPECT_NE(newer.error().message().find("newer"), std::string::npos);
}

}  // namespace
}  // namespace rapport::store::sqlite::internal
