#pragma once

// The SQLite adapter of the store port: the zero-setup default, one file `<data_dir>/rapport.db`.
//
// Layout: one writer connection guarded by a mutex (SQLite allows one writer at a time, so
// serialising in-process is cheaper than spinning on locks) and a pool of query_only reader
// connections handed out to Read(). WAL mode lets readers run alongside the writer, each on
// its own snapshot. Write transactions start with BEGIN IMMEDIATE so a second process waits
// for the write lock up front (busy_timeout) instead of failing mid-transaction.
//
// Durability: synchronous=FULL. In WAL mode NORMAL fsyncs only at checkpoints, so a commit
// that was acknowledged can vanish on power loss or a kernel crash; FULL fsyncs the WAL on
// every commit, so an acknowledged write survives kill -9 and power loss. The cost is one
// fsync per write transaction, which is why callers batch writes into transactions.
//
// Open() does not migrate; the caller runs Migrate() (at start-up or `rapport migrate`).
// Thread-safety: the returned Store is safe for concurrent use (see store/store.h).

#include <filesystem>
#include <memory>
#include <string>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/metrics.h"
#include "rapport/store/store.h"

namespace rapport::store::sqlite {

inline constexpr std::string_view kDatabaseFileName = "rapport.db";

// `<data_dir>/rapport.db`.
std::filesystem::path DatabasePath(const std::filesystem::path& data_dir);

struct SqliteOptions {
  std::string path;            // the database file; created (mode 0600) when missing
  int reader_pool_size = 4;    // REQUIRES: >= 1
  int busy_timeout_ms = 5000;  // how long to wait for locks held by other processes
};

// Opens (creating if needed) the database and its connections. Fails with InvalidArgument for
// bad options, Unavailable when the file cannot be opened or its schema is newer than this
// binary, Internal when the file is not a SQLite database. `metrics` may be null; otherwise
// the histogram rapport_store_operation_duration_seconds{op="read"|"write"} records the
// duration of each Read/Write, including the wait for a connection. `clock` and `metrics`
// must outlive the store.
core::Result<std::unique_ptr<Store>> Open(const SqliteOptions& options, const core::Clock& clock,
                                          core::MetricsRegistry* metrics);

}  // namespace rapport::store::sqlite
