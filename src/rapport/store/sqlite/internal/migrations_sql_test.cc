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

// The SQL of a migration without its trigger bodies, which may insert (search_changes).
std::string WithoutTriggers(std::string_view sql) {
  std::string out;
  while (true) {
    const std::size_t start = sql.find("CREATE TRIGGER");
    out += sql.substr(0, start);
    if (start == std::string_view::npos) return out;
    const std::size_t end = sql.find("END;", start);
    if (end == std::string_view::npos) return out;
    sql.remove_prefix(end + std::string_view("END;").size());
  }
}

TEST(SqliteMigrations, NeverInsertRows) {
  for (const MigrationInfo& m : KnownMigrations()) {
    EXPECT_EQ(WithoutTriggers(MigrationSql(m.version)).find("INSERT"), std::string::npos)
        << m.version;
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

// The triggers, not the repositories, fill search_changes: plain SQL reaches it too.
TEST(SqliteMigrations, SearchChangesFollowArticleAndFeedbackRowsWhateverWritesThem) {
  auto db = Connection::Open(":memory:", ConnectionOptions{.create = true});
  ASSERT_TRUE(db.has_value()) << db.error().ToString();
  const core::FakeClock clock(core::TimePoint(std::chrono::seconds(1'800'000'000)));
  ASSERT_TRUE(ApplyMigrations(**db, clock).has_value());
  const auto changes = [&] {
    auto count = (*db)->QueryInt64("SELECT count(*) FROM search_changes");
    return count.has_value() ? *count : -1;
  };
  const auto exec = [&](std::string_view sql) {
    auto status = (*db)->Exec(sql, "test");
    ASSERT_TRUE(status.has_value()) << sql << ": " << status.error().ToString();
  };
  exec("INSERT INTO organisations VALUES ('o', 'o', 'O', 'UTC', 0)");
  EXPECT_EQ(changes(), 0);
  exec(
      "INSERT INTO kb_articles (org_id, id, translation_group, language, slug, visibility, "
      "roles, status, verify_interval_days, verified_at, head_revision, published_revision, "
      "head_title, live_title, created_at, updated_at, published_at) VALUES ('o', 'a', 'a', "
      "'en', 's', 'internal', '[]', 'draft', 90, 0, 1, 0, 'T', '', 0, 0, 0)");
  EXPECT_EQ(changes(), 1);
  // Revisions and view counts are not followed (see migration 4).
  exec("INSERT INTO kb_revisions VALUES ('o', 'a', 1, 'T', '', 'B', '[]', NULL, '', 0)");
  exec("INSERT INTO kb_article_views VALUES ('o', 'a', '2026-01-01', 1, 0)");
  EXPECT_EQ(changes(), 1);
  exec("UPDATE kb_articles SET slug = 't'");
  EXPECT_EQ(changes(), 2);
  exec("INSERT INTO kb_feedback VALUES ('o', 'f', 'a', 0, 'none', '', 1, NULL, 1, 0, NULL, 0, 0)");
  EXPECT_EQ(changes(), 3);
  exec("UPDATE kb_feedback SET resolved = 1");
  EXPECT_EQ(changes(), 4);
  exec("DELETE FROM kb_feedback");
  EXPECT_EQ(changes(), 5);
  exec("DELETE FROM kb_article_views; DELETE FROM kb_revisions; DELETE FROM kb_articles");
  EXPECT_EQ(changes(), 6);
  auto named = (*db)->QueryInt64(
      "SELECT count(*) FROM search_changes WHERE org_id = 'o' AND article_id = 'a'");
  ASSERT_TRUE(named.has_value());
  EXPECT_EQ(*named, 6);
}

}  // namespace
}  // namespace rapport::store::sqlite::internal
