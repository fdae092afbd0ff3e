// SQLite-specific behaviour of the store adapter. The behaviour every adapter shares is in the
// contract suite (tests/integration/store).

#include "rapport/store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <thread>
#include <utility>
#include <vector>

#include "rapport/core/id.h"
#include "rapport/core/random.h"
#include "rapport/core/testing/temp_dir.h"

namespace rapport::store::sqlite {
namespace {

using core::ErrorCode;

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> OpenStore(int busy_timeout_ms = 5000,
                                   core::MetricsRegistry* metrics = nullptr) {
    auto store =
        Open(SqliteOptions{.path = path_, .busy_timeout_ms = busy_timeout_ms}, clock_, metrics);
    EXPECT_TRUE(store.has_value()) << store.error().ToString();
    if (!store) return nullptr;
    EXPECT_TRUE((*store)->Migrate().has_value());
    return std::move(*store);
  }

  core::Status CreateOrg(Store& store, std::string slug) {
    const OrganisationId id = ids_.New<OrganisationTag>();
    return store.Write([&](WriteTx& tx) -> core::Status {
      RAPPORT_RETURN_IF_ERROR(
          tx.organisations().Create({.id = id, .slug = slug, .name = slug, .time_zone = "UTC"}));
      return core::Ok();
    });
  }

  // Runs `sql` on a separate raw connection to the database file, as a bug or a tool
  // outside the store would, and returns SQLite's result code and message.
  std::pair<int, std::string> ExecRaw(const std::string& sql) {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &message);
    std::string text = message != nullptr ? message : "";
    sqlite3_free(message);
    sqlite3_close_v2(raw);
    return {rc, text};
  }

  core::testing::TempDir dir_;
  std::string path_ = DatabasePath(dir_.path()).string();
  core::FakeClock clock_{core::TimePoint(std::chrono::seconds(1'800'000'000))};
  core::SeededRandom random_{42};
  core::IdGenerator ids_{clock_, random_};
};

TEST_F(SqliteStoreTest, DatabaseLivesInDataDir) {
  EXPECT_EQ(DatabasePath("/var/lib/rapport"), "/var/lib/rapport/rapport.db");
}

TEST_F(SqliteStoreTest, CreatesDatabaseFileReadableByOwnerOnly) {
  auto store = OpenStore();
  struct stat info {};
  ASSERT_EQ(::stat(path_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(SqliteStoreTest, UsesWriteAheadLog) {
  auto store = OpenStore();
  ASSERT_TRUE(CreateOrg(*store, "acme").has_value());
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close_v2(raw);
}

TEST_F(SqliteStoreTest, RejectsBadOptions) {
  auto no_path = Open(SqliteOptions{}, clock_, nullptr);
  ASSERT_FALSE(no_path.has_value());
  EXPECT_EQ(no_path.error().code(), ErrorCode::kInvalidArgument);
  auto no_readers = Open(SqliteOptions{.path = path_, .reader_pool_size = 0}, clock_, nullptr);
  ASSERT_FALSE(no_readers.has_value());
  EXPECT_EQ(no_readers.error().field(), "reader_pool_size");
}

TEST_F(SqliteStoreTest, MissingDirectoryIsUnavailableWithThePath) {
  const std::string path = (dir_.path() / "absent" / "rapport.db").string();
  auto store = Open(SqliteOptions{.path = path}, clock_, nullptr);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(store.error().message().find(path), std::string::npos);
}

TEST_F(SqliteStoreTest, GarbageFileIsReportedAsNotADatabaseWithItsPath) {
  {
    std::ofstream out(path_, std::ios::binary);
    out << std::string(4096, 'x');
  }
  auto store = Open(SqliteOptions{.path = path_}, clock_, nullptr);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code(), ErrorCode::kInternal);
  EXPECT_NE(store.error().message().find(path_), std::string::npos) << store.error().message();
  EXPECT_NE(store.error().message().find("not a SQLite database"), std::string::npos)
      << store.error().message();
}

TEST_F(SqliteStoreTest, RecordsReadAndWriteDurations) {
  core::MetricsRegistry metrics;
  auto store = OpenStore(5000, &metrics);
  ASSERT_TRUE(CreateOrg(*store, "acme").has_value());
  ASSERT_TRUE(store->Read([](ReadTx&) { return core::Ok(); }).has_value());
  const std::string text = metrics.RenderPrometheus();
  EXPECT_NE(text.find("rapport_store_operation_duration_seconds_count{op=\"write\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("rapport_store_operation_duration_seconds_count{op=\"read\"} 1"),
            std::string::npos)
      << text;
}

TEST_F(SqliteStoreTest, WriteLockedByAnotherProcessBeyondTimeoutIsUnavailable) {
  auto store = OpenStore(/*busy_timeout_ms=*/50);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &other, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto status = CreateOrg(*store, "acme");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(status.error().message().find("locked"), std::string::npos);
  ASSERT_EQ(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close_v2(other);
  EXPECT_TRUE(CreateOrg(*store, "acme").has_value());  // and the store recovers
}

TEST_F(SqliteStoreTest, TwoStoresOnOneFileWaitForEachOther) {
  // Stands in for two processes: each store has its own writer, so they contend through
  // SQLite's file locks, and busy_timeout with BEGIN IMMEDIATE must absorb the contention.
  auto first = OpenStore();
  auto second = OpenStore();
  constexpr int kPerStore = 40;
  std::vector<std::string> slugs;
  for (int i = 0; i < 2 * kPerStore; ++i) slugs.push_back("org-" + std::to_string(i));
  std::vector<OrganisationId> ids;
  for (int i = 0; i < 2 * kPerStore; ++i) ids.push_back(ids_.New<OrganisationTag>());
  std::atomic<int> failures{0};
  auto run = [&](Store& store, int offset) {
    for (int i = offset; i < offset + kPerStore; ++i) {
      auto status = store.Write([&](WriteTx& tx) -> core::Status {
        RAPPORT_RETURN_IF_ERROR(tx.organisations().Create(
            {.id = ids[i], .slug = slugs[i], .name = "n", .time_zone = "UTC"}));
        return core::Ok();
      });
      if (!status) failures.fetch_add(1);
    }
  };
  std::thread a(run, std::ref(*first), 0);
  std::thread b(run, std::ref(*second), kPerStore);
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
  auto page = ReadValue<Page<Organisation>>(
      *first, [](ReadTx& tx) { return tx.organisations().List({.limit = kMaxPageLimit}); });
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->items.size(), static_cast<std::size_t>(2 * kPerStore));
}

TEST_F(SqliteStoreTest, NestedWriteOnTheSameThreadFailsInsteadOfDeadlocking) {
  auto store = OpenStore();
  auto status =
      store->Write([&](WriteTx&) { return store->Write([](WriteTx&) { return core::Ok(); }); });
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), ErrorCode::kInternal);
}

TEST_F(SqliteStoreTest, ReadTransactionCannotWrite) {
  auto store = OpenStore();
  // A ReadTx offers no writes; forcing one through a downcast is still refused by SQLite.
  auto status = store->Read([](ReadTx& tx) -> core::Status {
    auto& repo = static_cast<OrganisationRepository&>(tx.organisations());
    RAPPORT_RETURN_IF_ERROR(
        repo.Create({.id = OrganisationId::FromTrusted("01arz3ndektsv4rrffq69g5fav"),
                     .slug = "x",
                     .name = "x",
                     .time_zone = "UTC"}));
    return core::Ok();
  });
  EXPECT_FALSE(status.has_value());
}

TEST_F(SqliteStoreTest, AuditLogRefusesUpdateAndDeleteInTheDatabase) {
  auto store = OpenStore();
  const OrganisationId org = ids_.New<OrganisationTag>();
  ASSERT_TRUE(store
                  ->Write([&](WriteTx& tx) -> core::Status {
                    RAPPORT_RETURN_IF_ERROR(tx.organisations().Create(
                        {.id = org, .slug = "acme", .name = "Acme", .time_zone = "UTC"}));
                    AuditEntry entry;
                    entry.org_id = org;
                    entry.at = clock_.Now();
                    entry.action = "auth.login";
                    RAPPORT_RETURN_IF_ERROR(tx.audit().Append(entry));
                    return core::Ok();
                  })
                  .has_value());
  for (const char* sql : {"UPDATE audit_log SET action = 'auth.logout'", "DELETE FROM audit_log",
                          "UPDATE audit_log SET seq = seq + 100"}) {
    const auto [rc, message] = ExecRaw(sql);
    EXPECT_EQ(rc, SQLITE_CONSTRAINT) << sql;
    EXPECT_NE(message.find("audit log is append-only"), std::string::npos) << message;
  }
  auto page = ReadValue<Page<AuditEntry>>(
      *store, [&](ReadTx& tx) { return tx.audit().List(org, {}, {.limit = 10}); });
  ASSERT_TRUE(page.has_value()) << page.error().ToString();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].action, "auth.login");
}

TEST_F(SqliteStoreTest, PeopleAreListedByNameIgnoringAsciiCaseAcrossPages) {
  auto store = OpenStore();
  const OrganisationId org = ids_.New<OrganisationTag>();
  const std::vector<std::string> names = {"bob", "Alice", "carol", "Bea", "alan"};
  ASSERT_TRUE(store
                  ->Write([&](WriteTx& tx) -> core::Status {
                    RAPPORT_RETURN_IF_ERROR(tx.organisations().Create(
                        {.id = org, .slug = "acme", .name = "Acme", .time_zone = "UTC"}));
                    for (std::size_t i = 0; i < names.size(); ++i) {
                      Person person;
                      person.id = ids_.New<PersonTag>();
                      person.employee_id = "E" + std::to_string(i);
                      person.name = names[i];
                      RAPPORT_RETURN_IF_ERROR(tx.people().Create(org, person, "2025-01-01"));
                    }
                    return core::Ok();
                  })
                  .has_value());
  std::vector<std::string> listed;
  PageRequest request{.limit = 1};
  do {
    auto page = ReadValue<Page<Person>>(
        *store, [&](ReadTx& tx) { return tx.people().List(org, {}, request); });
    ASSERT_TRUE(page.has_value()) << page.error().ToString();
    for (const Person& person : page->items) listed.push_back(person.name);
    request.cursor = page->next_cursor;
  } while (!request.cursor.empty());
  EXPECT_EQ(listed, (std::vector<std::string>{"alan", "Alice", "Bea", "bob", "carol"}));
}

TEST_F(SqliteStoreTest, StoredAttributesAreADeterministicJsonObject) {
  auto store = OpenStore();
  const OrganisationId org = ids_.New<OrganisationTag>();
  const PersonId id = ids_.New<PersonTag>();
  ASSERT_TRUE(store
                  ->Write([&](WriteTx& tx) -> core::Status {
                    RAPPORT_RETURN_IF_ERROR(tx.organisations().Create(
                        {.id = org, .slug = "acme", .name = "Acme", .time_zone = "UTC"}));
                    Person person;
                    person.id = id;
                    person.employee_id = "E1";
                    person.attributes = {{"zone", "EU"}, {"cost_centre", "CC \"104\""}};
                    RAPPORT_RETURN_IF_ERROR(tx.people().Create(org, person, "2025-01-01"));
                    return core::Ok();
                  })
                  .has_value());
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT attributes, json_valid(attributes) FROM people", -1,
                               &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)),
               R"({"cost_centre":"CC \"104\"","zone":"EU"})");
  EXPECT_EQ(sqlite3_column_int(stmt, 1), 1);
  sqlite3_finalize(stmt);
  sqlite3_close_v2(raw);
}

}  // namespace
}  // namespace rapport::store::sqlite
