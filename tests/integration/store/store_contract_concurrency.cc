// Concurrent part of the store contract: snapshot isolation of readers and many writers.

#include <atomic>
#include <future>
#include <latch>
#include <thread>
#include <vector>

#include "store_contract.h"

namespace rapport::store::testing {
namespace {

using core::ErrorCode;

core::Result<std::size_t> CountIn(ReadTx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(auto page, tx.organisations().List({.limit = kMaxPageLimit}));
  return page.items.size();
}

TEST_P(StoreContractTest, ReaderDoesNotSeeUncommittedWrite) {
  auto store = OpenMigrated();
  ASSERT_NE(store, nullptr);
  const OrganisationId id = ids_.New<OrganisationTag>();
  std::promise<void> written;
  std::promise<void> checked;
  std::thread writer([&] {
    auto status = store->Write([&](WriteTx& tx) -> core::Status {
      RAPPORT_RETURN_IF_ERROR(tx.organisations().Create(MakeNewOrganisation(id, "acme")));
      written.set_value();
      checked.get_future().wait();  // hold the transaction open while the reader looks
      return core::Ok();
    });
    EXPECT_TRUE(status.has_value());
  });
  written.get_future().wait();
  auto during = GetOrganisation(*store, id);
  EXPECT_FALSE(during.has_value());
  checked.set_value();
  writer.join();
  EXPECT_TRUE(GetOrganisation(*store, id).has_value());
}

TEST_P(StoreContractTest, ReaderKeepsOneSnapshotWhileAWriterCommits) {
  auto store = OpenMigrated();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(CreateOrganisation(*store, MakeNewOrganisation(ids_.New<OrganisationTag>(), "one")));
  const NewOrganisation second = MakeNewOrganisation(ids_.New<OrganisationTag>(), "two");
  std::size_t before = 0;
  std::size_t after = 0;
  bool saw_second = true;
  auto status = store->Read([&](ReadTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(before, CountIn(tx));
    // Commit a write from another thread while this snapshot is open.
    auto committed =
        std::async(std::launch::async, [&] { return CreateOrganisation(*store, second); });
    if (!committed.get()) return core::Internal("concurrent write failed");
    RAPPORT_ASSIGN_OR_RETURN(after, CountIn(tx));
    saw_second = tx.organisations().Get(second.id).has_value();
    return core::Ok();
  });
  ASSERT_TRUE(status.has_value()) << status.error().ToString();
  EXPECT_EQ(before, 1u);
  EXPECT_EQ(after, 1u);
  EXPECT_FALSE(saw_second);
  auto all = ListAllOrganisations(*store, 10);
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), 2u);  // a new read sees the commit
}

TEST_P(StoreContractTest, ManyConcurrentWritersAllSucceed) {
  auto store = OpenMigrated();
  ASSERT_NE(store, nullptr);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  // SeededRandom is not thread-safe: draw every id up front.
  std::vector<NewOrganisation> orgs;
  for (int i = 0; i < kThreads * kPerThread; ++i) {
    orgs.push_back(MakeNewOrganisation(ids_.New<OrganisationTag>(), "org-" + std::to_string(i)));
  }
  std::atomic<int> failures{0};
  std::atomic<bool> counts_went_down{false};
  std::latch start(kThreads + 2);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = t * kPerThread; i < (t + 1) * kPerThread; ++i) {
        if (!CreateOrganisation(*store, orgs[static_cast<std::size_t>(i)])) failures++;
      }
    });
  }
  // Readers run alongside and must only ever see the count grow.
  for (int r = 0; r < 2; ++r) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      std::size_t last = 0;
      for (int i = 0; i < 50; ++i) {
        auto count = ReadValue<std::size_t>(*store, CountIn);
        if (!count) {
          failures++;
          continue;
        }
        if (*count < last) counts_went_down = true;
        last = *count;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_FALSE(counts_went_down.load());
  auto all = ListAllOrganisations(*store, 64);
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), orgs.size());
}

}  // namespace
}  // namespace rapport::store::testing
