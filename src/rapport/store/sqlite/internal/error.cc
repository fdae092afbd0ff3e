#include "rapport/store/sqlite/internal/error.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace rapport::store::sqlite::internal {

core::ErrorCode ErrorCodeForSqlite(int result_code) {
  switch (result_code & 0xff) {  // the primary code; extended codes refine it
    case SQLITE_CONSTRAINT:
      if (result_code == SQLITE_CONSTRAINT_UNIQUE || result_code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return core::ErrorCode::kConflict;
      }
      return core::ErrorCode::kUnprocessable;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
    case SQLITE_NOLFS:
    case SQLITE_PERM:
    case SQLITE_NOMEM:
    case SQLITE_INTERRUPT:
      return core::ErrorCode::kUnavailable;
    default:
      return core::ErrorCode::kInternal;
  }
}

namespace {

std::string_view Explanation(int result_code) {
  switch (result_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "the database stayed locked by another connection beyond the busy timeout";
    case SQLITE_FULL:
      return "the disk is full";
    case SQLITE_IOERR:
      return "an I/O error occurred";
    case SQLITE_CANTOPEN:
      return "the database file cannot be opened (check the path and permissions)";
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return "the database file is not writable";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "the database file is corrupt or is not a SQLite database";
    default:
      return {};
  }
}

}  // namespace

core::Error SqliteError(int result_code, std::string_view context, std::string_view detail) {
  std::string message = fmt::format("sqlite: {}", context);
  if (const std::string_view why = Explanation(result_code); !why.empty()) {
    message += fmt::format(": {}", why);
  }
  if (!detail.empty()) message += fmt::format(": {}", detail);
  message += fmt::format(" ({}, code {})", sqlite3_errstr(result_code), result_code);
  return core::Error(ErrorCodeForSqlite(result_code), std::move(message));
}

core::Error SqliteError(sqlite3* db, int result_code, std::string_view context) {
  return SqliteError(result_code, context, db != nullptr ? sqlite3_errmsg(db) : "");
}

}  // namespace rapport::store::sqlite::internal
