#pragma once

// Maps SQLite result codes to semantic core errors. The mapping is what callers may rely on:
//   unique / primary-key constraint          -> Conflict
//   other constraints (foreign key, check)   -> Unprocessable
//   busy or locked after the busy timeout    -> Unavailable (retry later)
//   disk full, I/O, cannot open, read-only   -> Unavailable (the environment, not the request)
//   corrupt file or not a database           -> Internal
//   anything else                            -> Internal
// Thread-safety: pure functions.

#include <string_view>

#include "rapport/core/error.h"

struct sqlite3;

namespace rapport::store::sqlite::internal {

core::ErrorCode ErrorCodeForSqlite(int result_code);

// `context` says what we were doing ("begin write transaction"); `detail` is SQLite's own
// message (sqlite3_errmsg) or empty.
core::Error SqliteError(int result_code, std::string_view context, std::string_view detail = {});

// As above with the detail taken from `db` (which may be null).
core::Error SqliteError(sqlite3* db, int result_code, std::string_view context);

}  // namespace rapport::store::sqlite::internal
