#include "rapport/http/internal/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>

namespace rapport::http::internal {
namespace {

constexpr std::chrono::seconds kGenerousWait{30};

TEST(WorkerPool, RunsSubmittedTasks) {
  WorkerPool pool(2, 16);
  std::atomic<int> done{0};
  std::promise<void> all;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(pool.TrySubmit([&] {
      if (++done == 10) all.set_value();
    }));
  }
  ASSERT_EQ(all.get_future().wait_for(kGenerousWait), std::future_status::ready);
  EXPECT_EQ(done.load(), 10);
}

TEST(WorkerPool, RefusesWhenQueueIsFull) {
  WorkerPool pool(1, 2);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.set_value();
    released.wait();
  }));
  ASSERT_EQ(started.get_future().wait_for(kGenerousWait), std::future_status::ready);
  // The only worker is busy: two tasks fit in the queue, the third does not.
  EXPECT_TRUE(pool.TrySubmit([] {}));
  EXPECT_TRUE(pool.TrySubmit([] {}));
  EXPECT_FALSE(pool.TrySubmit([] {}));
  EXPECT_EQ(pool.queued(), 2u);
  release.set_value();
  pool.Stop();
  EXPECT_EQ(pool.queued(), 0u);
}

TEST(WorkerPool, StopRunsQueuedTasksThenRefuses) {
  WorkerPool pool(1, 8);
  std::atomic<int> done{0};
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(pool.TrySubmit([&] { ++done; }));
  pool.Stop();
  EXPECT_EQ(done.load(), 5);
  EXPECT_FALSE(pool.TrySubmit([] {}));
  pool.Stop();  // idempotent
}

TEST(WorkerPool, SurvivesThrowingTask) {
  WorkerPool pool(1, 8);
  ASSERT_TRUE(pool.TrySubmit([] { throw std::runtime_error("boom"); }));
  std::promise<void> after;
  ASSERT_TRUE(pool.TrySubmit([&] { after.set_value(); }));
  EXPECT_EQ(after.get_future().wait_for(kGenerousWait), std::future_status::ready);
}

}  // namespace
}  // namespace rapport::http::internal
