#include "rapport/store/sqlite/internal/error.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace rapport::store::sqlite::internal {
namespace {

using core::ErrorCode;

TEST(SqliteErrorMapping, UniqueAndPrimaryKeyViolationsAreConflicts) {
  EXPECT_EQ(ErrorCodeForSqlite(SQLITE_CONSTRAINT_UNIQUE), ErrorCode::kConflict);
  EXPECT_EQ(ErrorCodeForSqlite(SQLITE_CONSTRAINT_PRIMARYKEY), ErrorCode::kConflict);
}

TEST(SqliteErrorMapping, OtherConstraintsAreUnprocessable) {
  EXPECT_EQ(ErrorCodeForSqlite(SQLITE_CONSTRAINT_FOREIGNKEY), ErrorCode::kUnprocessable);
  EXPECT_EQ(ErrorCodeForSqlite(SQLITE_CONSTRAINT_NOTNULL), ErrorCode::kUnprocessable);
}

TEST(SqliteErrorMapping, EnvironmentFailuresAreUnavailable) {
  for (int rc : {SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED, SQLITE_FULL, SQLITE_IOERR,
                 SQLITE_IOERR_FSYNC, SQLITE_CANTOPEN, SQLITE_READONLY}) {
    EXPECT_EQ(ErrorCodeForSqlite(rc), ErrorCode::kUnavailable) << rc;
  }
}

TEST(SqliteErrorMapping, CorruptionAndBugsAreInternal) {
  EXPECT_EQ(ErrorCodeForSqlite(SQLITE_CORRUPT), ErrorCode::kInternal);
  EXPECT_EQ(ErrorCodeForSqlite(SQLITE_NOTADB), ErrorCode::kInternal);
  EXPECT_EQ(ErrorCodeForSqlite(SQLITE_ERROR), ErrorCode::kInternal);
  EXPECT_EQ(ErrorCodeForSqlite(SQLITE_MISUSE), ErrorCode::kInternal);
}

TEST(SqliteErrorMapping, MessageSaysWhatWeDidAndWhy) {
  const core::Error error = SqliteError(SQLITE_FULL, "commit write transaction", "disk I/O");
  EXPECT_EQ(error.code(), ErrorCode::kUnavailable);
  EXPECT_NE(error.message().find("commit write transaction"), std::string::npos);
  EXPECT_NE(error.message().find("disk is full"), std::string::npos);
  EXPECT_NE(error.message().find("disk I/O"), std::string::npos);
}

}  // namespace
}  // namespace rapport::store::sqlite::internal
