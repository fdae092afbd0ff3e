#pragma once

// RAII wrapper of one sqlite3 connection with a prepared-statement cache keyed by SQL text.
// Prepare() hands out a ScopedStatement that resets the statement when it goes out of scope,
// so no statement keeps a read transaction open by accident. If a cached statement is still in
// use (a query issued while iterating another with the same SQL), a fresh uncached one is
// prepared instead.
// Thread-safety: none. A Connection is used by one thread at a time; the store guarantees it
// (writer mutex, reader pool), which is why connections are opened with SQLITE_OPEN_NOMUTEX.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "rapport/core/error.h"
#include "rapport/store/sqlite/internal/statement.h"

struct sqlite3;

namespace rapport::store::sqlite::internal {

class ScopedStatement {
 public:
  ScopedStatement(Statement* cached, bool* in_use) : statement_(cached), in_use_(in_use) {}
  explicit ScopedStatement(std::unique_ptr<Statement> owned)
      : statement_(owned.get()), owned_(std::move(owned)) {}
  ScopedStatement(ScopedStatement&& other) noexcept;
  ScopedStatement& operator=(ScopedStatement&&) = delete;
  ScopedStatement(const ScopedStatement&) = delete;
  ScopedStatement& operator=(const ScopedStatement&) = delete;
  ~ScopedStatement();

  Statement* operator->() const { return statement_; }
  Statement& operator*() const { return *statement_; }

 private:
  Statement* statement_;
  bool* in_use_ = nullptr;  // cached statements: the cache's busy flag
  std::unique_ptr<Statement> owned_;
};

struct ConnectionOptions {
  bool create = false;      // create the file when missing
  bool query_only = false;  // refuse writes on this connection (reader pool)
  int busy_timeout_ms = 5000;
};

class Connection {
 public:
  static core::Result<std::unique_ptr<Connection>> Open(const std::string& path,
                                                        const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs trusted SQL without parameters (pragmas, BEGIN/COMMIT, migration scripts); may hold
  // several statements. Never pass text derived from input: use Prepare() and bind.
  core::Status Exec(std::string_view sql, std::string_view context);

  // A cached prepared statement for `sql` (exactly one statement), reset and unbound.
  core::Result<ScopedStatement> Prepare(std::string_view sql);

  // Runs a single-value query (one row, one column) and returns it as an integer.
  core::Result<std::int64_t> QueryInt64(std::string_view sql);

  // True between BEGIN and COMMIT/ROLLBACK.
  bool InTransaction() const;

  std::size_t cached_statement_count() const { return cache_.size(); }

 private:
  struct CacheEntry {
    std::unique_ptr<Statement> statement;
    bool in_use = false;
  };
  // Lets the cache be searched with a string_view, without building a std::string.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const {
      return std::hash<std::string_view>{}(sql);
    }
  };
  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  std::unordered_map<std::string, CacheEntry, SqlHash, std::equal_to<>> cache_;
};

}  // namespace rapport::store::sqlite::internal
