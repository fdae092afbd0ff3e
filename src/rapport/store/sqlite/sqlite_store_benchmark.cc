// Organisation inserts through the store (transactions, statement cache, error mapping,
// metrics) against raw sqlite3 inserts with the same pragmas, in the same process, so the
// store's overhead is read off directly. Both commit durably (WAL, synchronous=FULL), so
// single-insert transactions mostly measure fsync; the batched variants show the CPU cost.
//
//   cmake --preset bench && cmake --build build/bench --target store_sqlite_benchmark
//   build/bench/src/rapport/store/sqlite/store_sqlite_benchmark

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <string>

#include "rapport/core/id.h"
#include "rapport/core/metrics.h"
#include "rapport/core/random.h"
#include "rapport/core/testing/temp_dir.h"
#include "rapport/store/sqlite/internal/migrations_sql.h"
#include "rapport/store/sqlite/sqlite_store.h"

namespace rapport::store::sqlite {
namespace {

core::FakeClock& Clock() {
  static core::FakeClock clock(core::TimePoint(std::chrono::seconds(1'800'000'000)));
  return clock;
}

void BM_StoreInsert(benchmark::State& state) {
  const int batch = static_cast<int>(state.range(0));
  core::testing::TempDir dir;
  core::MetricsRegistry metrics;
  auto store = Open(SqliteOptions{.path = DatabasePath(dir.path()).string()}, Clock(), &metrics);
  if (!store || !(*store)->Migrate()) {
    state.SkipWithError("cannot open store");
    return;
  }
  core::SeededRandom random(1);
  core::IdGenerator ids(Clock(), random);
  int n = 0;
  for (auto _ : state) {
    auto status = (*store)->Write([&](WriteTx& tx) -> core::Status {
      for (int i = 0; i < batch; ++i, ++n) {
        RAPPORT_RETURN_IF_ERROR(tx.organisations().Create({.id = ids.New<OrganisationTag>(),
                                                           .slug = "org-" + std::to_string(n),
                                                           .name = "Organisation",
                                                           .time_zone = "UTC"}));
      }
      return core::Ok();
    });
    if (!status) state.SkipWithError(status.error().ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations() * batch);
}

// The baseline: the same table, pragmas and rows, with one prepared statement and no checks.
void BM_RawSqliteInsert(benchmark::State& state) {
  const int batch = static_cast<int>(state.range(0));
  core::testing::TempDir dir;
  const std::string path = DatabasePath(dir.path()).string();
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", nullptr, nullptr, nullptr);
  const std::string schema(internal::MigrationSql(1));
  sqlite3_exec(db, schema.c_str(), nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO organisations (id, slug, name, time_zone, created_at) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)",
                     -1, &insert, nullptr);
  core::SeededRandom random(1);
  core::IdGenerator ids(Clock(), random);
  int n = 0;
  for (auto _ : state) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    for (int i = 0; i < batch; ++i, ++n) {
      const std::string id = ids.NewRaw();
      const std::string slug = "org-" + std::to_string(n);
      sqlite3_bind_text(insert, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 2, slug.data(), static_cast<int>(slug.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 3, "Organisation", -1, SQLITE_STATIC);
      sqlite3_bind_text(insert, 4, "UTC", -1, SQLITE_STATIC);
      sqlite3_bind_int64(insert, 5, Clock().Now().time_since_epoch().count());
      if (sqlite3_step(insert) != SQLITE_DONE) state.SkipWithError("insert failed");
      sqlite3_reset(insert);
    }
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      state.SkipWithError("commit failed");
    }
  }
  state.SetItemsProcessed(state.iterations() * batch);
  sqlite3_finalize(insert);
  sqlite3_close(db);
}

BENCHMARK(BM_StoreInsert)->Arg(1)->Arg(100);
BENCHMARK(BM_RawSqliteInsert)->Arg(1)->Arg(100);

}  // namespace
}  // namespace rapport::store::sqlite
