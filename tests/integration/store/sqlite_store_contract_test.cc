// Runs the store contract against the SQLite adapter, one temporary directory per test.

#include <sqlite3.h>

#include <fstream>

#include "rapport/core/testing/temp_dir.h"
#include "rapport/store/migrations.h"
#include "rapport/store/sqlite/sqlite_store.h"
#include "store_contract.h"

namespace rapport::store::testing {
namespace {

class SqliteHarness final : public StoreHarness {
 public:
  explicit SqliteHarness(const core::Clock& clock) : clock_(clock) {}

  core::Result<std::unique_ptr<Store>> Open() override {
    return sqlite::Open(sqlite::SqliteOptions{.path = path_}, clock_, nullptr);
  }

  void SimulateNewerSchema(int version) override {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db,
                                 "INSERT INTO schema_migrations (version, name, applied_at) "
                                 "VALUES (?1, 'from_the_future', 0)",
                                 -1, &stmt, nullptr),
              SQLITE_OK);
    sqlite3_bind_int(stmt, 1, version);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
    sqlite3_close_v2(db);
  }

  void CorruptDatabase() override {
    std::filesystem::remove(path_ + "-wal");
    std::filesystem::remove(path_ + "-shm");
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    for (int i = 0; i < 8192; ++i) out.put(static_cast<char>((i * 131) % 251));
  }

 private:
  const core::Clock& clock_;
  core::testing::TempDir dir_;
  std::string path_ = sqlite::DatabasePath(dir_.path()).string();
};

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
                         ::testing::Values(StoreContractParam{
                             "sqlite",
                             [](const core::Clock& clock) -> std::unique_ptr<StoreHarness> {
                               return std::make_unique<SqliteHarness>(clock);
                             }}),
                         StoreContractParamName);

}  // namespace
}  // namespace rapport::store::testing
