#include "rapport/store/sqlite/internal/connection.h"

#include <gtest/gtest.h>

namespace rapport::store::sqlite::internal {
namespace {

std::unique_ptr<Connection> OpenMemory(bool query_only = false) {
  auto connection =
      Connection::Open(":memory:", ConnectionOptions{.create = true, .query_only = query_only});
  EXPECT_TRUE(connection.has_value()) << connection.error().ToString();
  return std::move(*connection);
}

TEST(Connection, CachesStatementsBySqlText) {
  auto db = OpenMemory();
  ASSERT_TRUE(db->Exec("CREATE TABLE t (v INTEGER)", "create").has_value());
  for (int i = 0; i < 3; ++i) {
    auto insert = db->Prepare("INSERT INTO t (v) VALUES (?1)");
    ASSERT_TRUE(insert.has_value());
    (*insert)->BindInt64(1, i);
    ASSERT_TRUE((*insert)->Run().has_value());
  }
  EXPECT_EQ(db->cached_statement_count(), 1u);
  auto count = db->QueryInt64("SELECT count(*) FROM t");
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(*count, 3);
}

TEST(Connection, PreparesAFreshStatementWhenTheCachedOneIsInUse) {
  auto db = OpenMemory();
  ASSERT_TRUE(
      db->Exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2);", "seed").has_value());
  constexpr std::string_view kSql = "SELECT v FROM t ORDER BY v";
  auto outer = db->Prepare(kSql);
  ASSERT_TRUE(outer.has_value());
  ASSERT_TRUE(*(*outer)->Step());
  auto inner = db->Prepare(kSql);
  ASSERT_TRUE(inner.has_value());
  ASSERT_TRUE(*(*inner)->Step());
  EXPECT_EQ((*inner)->ColumnInt64(0), 1);
  ASSERT_TRUE(*(*outer)->Step());
  EXPECT_EQ((*outer)->ColumnInt64(0), 2);  // the outer cursor was not disturbed
}

TEST(Connection, BindsValuesAsDataNeverAsSql) {
  auto db = OpenMemory();
  ASSERT_TRUE(db->Exec("CREATE TABLE t (s TEXT)", "create").has_value());
  const std::string hostile = "x'); DROP TABLE t; --";
  auto insert = db->Prepare("INSERT INTO t (s) VALUES (?1)");
  ASSERT_TRUE(insert.has_value());
  (*insert)->BindText(1, hostile);
  ASSERT_TRUE((*insert)->Run().has_value());
  auto select = db->Prepare("SELECT s FROM t");
  ASSERT_TRUE(select.has_value());
  ASSERT_TRUE(*(*select)->Step());
  EXPECT_EQ((*select)->ColumnText(0), hostile);
}

TEST(Connection, ReportsBadBindIndexAtStep) {
  auto db = OpenMemory();
  auto select = db->Prepare("SELECT ?1");
  ASSERT_TRUE(select.has_value());
  (*select)->BindInt64(7, 1);
  auto step = (*select)->Step();
  ASSERT_FALSE(step.has_value());
  EXPECT_NE(step.error().message().find("bind parameter 7"), std::string::npos);
}

TEST(Connection, RefusesSeveralStatementsInOnePrepare) {
  auto db = OpenMemory();
  auto prepared = db->Prepare("SELECT 1; SELECT 2");
  ASSERT_FALSE(prepared.has_value());
  EXPECT_EQ(prepared.error().code(), core::ErrorCode::kInternal);
  EXPECT_TRUE(db->Prepare("SELECT 1;").has_value());
}

TEST(Connection, ReportsSqlErrorsAsValues) {
  auto db = OpenMemory();
  auto prepared = db->Prepare("SELECT * FROM missing_table");
  ASSERT_FALSE(prepared.has_value());
  EXPECT_NE(prepared.error().message().find("missing_table"), std::string::npos);
}

TEST(Connection, QueryOnlyConnectionRefusesWrites) {
  auto db = OpenMemory(/*query_only=*/true);
  auto status = db->Exec("CREATE TABLE t (v INTEGER)", "create");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kUnavailable);
}

TEST(Connection, UniqueViolationIsConflict) {
  auto db = OpenMemory();
  ASSERT_TRUE(
      db->Exec("CREATE TABLE t (v INTEGER UNIQUE); INSERT INTO t VALUES (1);", "seed").has_value());
  auto insert = db->Prepare("INSERT INTO t (v) VALUES (1)");
  ASSERT_TRUE(insert.has_value());
  auto status = (*insert)->Run();
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kConflict);
}

TEST(Connection, TracksTransactionState) {
  auto db = OpenMemory();
  EXPECT_FALSE(db->InTransaction());
  ASSERT_TRUE(db->Exec("BEGIN", "begin").has_value());
  EXPECT_TRUE(db->InTransaction());
  ASSERT_TRUE(db->Exec("COMMIT", "commit").has_value());
  EXPECT_FALSE(db->InTransaction());
}

}  // namespace
}  // namespace rapport::store::sqlite::internal
