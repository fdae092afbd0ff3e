#include "rapport/store/sqlite/internal/statement.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include "rapport/store/sqlite/internal/error.h"

namespace rapport::store::sqlite::internal {

core::Result<std::unique_ptr<Statement>> Statement::Prepare(sqlite3* db, std::string_view sql,
                                                            bool persistent) {
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    persistent ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, &tail);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return std::unexpected(SqliteError(db, rc, "prepare statement"));
  }
  if (stmt == nullptr) return core::Internal("sqlite: prepare statement: empty SQL");
  // One statement per Prepare: trailing SQL would be silently ignored, so refuse it.
  const std::string_view rest = sql.substr(static_cast<std::size_t>(tail - sql.data()));
  if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    sqlite3_finalize(stmt);
    return core::Internal("sqlite: prepare statement: more than one statement in the SQL");
  }
  return std::unique_ptr<Statement>(new Statement(db, stmt));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::NoteBind(int rc, int index) {
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) {
    bind_error_ = rc;
    bind_error_index_ = index;
  }
}

void Statement::BindText(int index, std::string_view value) {
  // SQLITE_TRANSIENT: SQLite copies the bytes, so `value` need not outlive the statement.
  NoteBind(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      index);
}

void Statement::BindInt64(int index, std::int64_t value) {
  NoteBind(sqlite3_bind_int64(stmt_, index, value), index);
}

void Statement::BindNull(int index) { NoteBind(sqlite3_bind_null(stmt_, index), index); }

core::Result<bool> Statement::Step() {
  if (bind_error_ != SQLITE_OK) {
    return std::unexpected(
        SqliteError(bind_error_, fmt::format("bind parameter {}", bind_error_index_)));
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return std::unexpected(SqliteError(db_, rc, "execute statement"));
}

core::Status Statement::Run() {
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, Step());
    if (!row) return core::Ok();
  }
}

std::int64_t Statement::ColumnInt64(int index) const { return sqlite3_column_int64(stmt_, index); }

std::string Statement::ColumnText(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  if (text == nullptr) return {};
  const int size = sqlite3_column_bytes(stmt_, index);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

bool Statement::ColumnIsNull(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

void Statement::Reset() {
  // sqlite3_reset repeats the last step's error, which was already reported by Step().
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = SQLITE_OK;
  bind_error_index_ = 0;
}

}  // namespace rapport::store::sqlite::internal
