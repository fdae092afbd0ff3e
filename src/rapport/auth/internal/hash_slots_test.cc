#include "rapport/auth/internal/hash_slots.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace rapport::auth::internal {
namespace {

using std::chrono::milliseconds;

TEST(HashSlots, GivesBackSlotsWhenTheyGoOutOfScope) {
  HashSlots slots(2, milliseconds(10));
  {
    auto a = slots.Acquire();
    auto b = slots.Acquire();
    ASSERT_TRUE(a && b);
    EXPECT_EQ(slots.in_use(), 2);
  }
  EXPECT_EQ(slots.in_use(), 0);
}

TEST(HashSlots, AnswersUnavailableWithRetryAfterWhenNoSlotFreesInTime) {
  HashSlots slots(1, milliseconds(20));
  auto held = slots.Acquire();
  ASSERT_TRUE(held);
  const auto start = std::chrono::steady_clock::now();
  const auto refused = slots.Acquire();
  ASSERT_FALSE(refused);
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(20));
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kUnavailable);
  EXPECT_EQ(refused.error().retry_after(), std::chrono::seconds(1));
}

TEST(HashSlots, NeverLetsMoreThanTheLimitInAtOnce) {
  HashSlots slots(2, milliseconds(5000));
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto slot = slots.Acquire();
        ASSERT_TRUE(slot);
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        --inside;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(most.load(), 2);
  EXPECT_EQ(slots.in_use(), 0);
}

}  // namespace
}  // namespace rapport::auth::internal
