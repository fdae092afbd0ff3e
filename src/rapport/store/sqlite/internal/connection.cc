#include "rapport/store/sqlite/internal/connection.h"

#include <sqlite3.h>

#include "rapport/store/sqlite/internal/error.h"

namespace rapport::store::sqlite::internal {

ScopedStatement::ScopedStatement(ScopedStatement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      owned_(std::move(other.owned_)) {}

ScopedStatement::~ScopedStatement() {
  if (statement_ == nullptr) return;
  statement_->Reset();
  if (in_use_ != nullptr) *in_use_ = false;
}

core::Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path,
                                                           const ConnectionOptions& options) {
  // NOMUTEX: the store never shares a connection between threads at the same time.
  // EXRESCODE: extended result codes, so a unique violation is told from other constraints.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (options.create) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    core::Error error = SqliteError(db, rc, "open " + path);
    sqlite3_close_v2(db);  // a handle is returned even on failure; closing null is a no-op
    return std::unexpected(std::move(error));
  }
  auto connection = std::unique_ptr<Connection>(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  const int busy_rc = sqlite3_busy_timeout(db, options.busy_timeout_ms);
  if (busy_rc != SQLITE_OK) return std::unexpected(SqliteError(db, busy_rc, "set busy timeout"));
  if (options.query_only) {
    RAPPORT_RETURN_IF_ERROR(connection->Exec("PRAGMA query_only = ON", "set query_only"));
  }
  return connection;
}

Connection::~Connection() {
  cache_.clear();  // statements must be finalized before the connection closes
  sqlite3_close_v2(db_);
}

core::Status Connection::Exec(std::string_view sql, std::string_view context) {
  const std::string text(sql);  // sqlite3_exec wants a NUL-terminated string
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return core::Ok();
  core::Error error = SqliteError(rc, context, message != nullptr ? message : "");
  sqlite3_free(message);
  return std::unexpected(std::move(error));
}

core::Result<ScopedStatement> Connection::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    RAPPORT_ASSIGN_OR_RETURN(auto statement, Statement::Prepare(db_, sql, /*persistent=*/true));
    it = cache_.emplace(std::string(sql), CacheEntry{std::move(statement), false}).first;
  } else if (it->second.in_use) {
    RAPPORT_ASSIGN_OR_RETURN(auto statement, Statement::Prepare(db_, sql, /*persistent=*/false));
    return ScopedStatement(std::move(statement));
  }
  it->second.in_use = true;
  return ScopedStatement(it->second.statement.get(), &it->second.in_use);
}

core::Result<std::int64_t> Connection::QueryInt64(std::string_view sql) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, Prepare(sql));
  RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
  if (!row) return core::Internal("sqlite: single-value query returned no row");
  return statement->ColumnInt64(0);
}

bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace rapport::store::sqlite::internal
