#include "rapport/store/sqlite/internal/migrations_sql.h"

#include <gtest/gtest.h>

#include "rapport/core/clock.h"
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

TEST(SqliteMigrations, KnowledgeBaseRevisionsRefuseUpdatesButNotDeletes) {
  auto db = Connection::Open(":memory:", ConnectionOptions{.create = true});
  ASSERT_TRUE(db.has_value()) << db.error().ToString();
  const core::FakeClock clock(core::TimePoint(std::chrono::seconds(1'800'000'000)));
  ASSERT_TRUE(ApplyMigrations(**db, clock).has_value());
  ASSERT_TRUE((*db)
                  ->Exec("INSERT INTO organisations VALUES ('o', 'o', 'O', 'UTC', 0);"
                         "INSERT INTO kb_articles (org_id, id, translation_group, language, slug, "
                         "visibility, roles, status, verify_interval_days, verified_at, "
                         "head_revision, published_revision, head_title, live_title, created_at, "
                         "updated_at, published_at) VALUES ('o', 'a', 'a', 'en', 's', 'internal', "
                         "'[]', 'draft', 90, 0, 1, 0, 'T', '', 0, 0, 0);"
                         "INSERT INTO kb_revisions VALUES ('o', 'a', 1, 'T', '', 'B', '[]', NULL, "
                         "'', 0);",
                         "seed")
                  .has_value());
  auto update = (*db)->Exec("UPDATE kb_revisions SET body = 'changed'", "update");
  ASSERT_FALSE(update.has_value());
  EXPECT_NE(update.error().message().find("immutable"), std::string::npos)
      << update.error().ToString();
  EXPECT_TRUE((*db)->Exec("DELETE FROM kb_revisions", "delete").has_value());
}

}  // namespace
}  // namespace rapport::store::sqlite::internal
