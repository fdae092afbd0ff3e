#pragma once

// RAII wrapper of a prepared sqlite3_stmt. Parameters are bound by 1-based index (all SQL is
// parameterised; values never become SQL text); a failed bind is remembered and reported by
// the next Step(), which keeps call sites linear. Columns are read by 0-based index.
// Thread-safety: none; a Statement belongs to one Connection, used by one thread at a time.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "rapport/core/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace rapport::store::sqlite::internal {

class Statement {
 public:
  // `persistent` hints that the statement will be reused many times (statement cache).
  static core::Result<std::unique_ptr<Statement>> Prepare(sqlite3* db, std::string_view sql,
                                                          bool persistent);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void BindText(int index, std::string_view value);
  void BindInt64(int index, std::int64_t value);
  void BindNull(int index);

  // Advances to the next row: true when a row is available, false when done.
  core::Result<bool> Step();
  // Steps to completion, for statements that return no rows.
  core::Status Run();

  std::int64_t ColumnInt64(int index) const;
  std::string ColumnText(int index) const;
  bool ColumnIsNull(int index) const;

  // Makes the statement ready for reuse: resets it and clears bindings and bind errors.
  void Reset();

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  void NoteBind(int rc, int index);

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int bind_error_ = 0;  // first failed bind since Reset(), SQLITE_OK (0) when none
  int bind_error_index_ = 0;
};

}  // namespace rapport::store::sqlite::internal
