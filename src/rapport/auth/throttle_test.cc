#include "rapport/auth/throttle.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace rapport::auth {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class ThrottleTest : public ::testing::Test {
 protected:
  core::FakeClock clock_{core::TimePoint(std::chrono::seconds(1'800'000'000))};
};

ThrottleOptions Small() {
  return {
      .failures_per_account = 3, .failures_per_address = 5, .window = minutes(15), .max_keys = 100};
}

TEST_F(ThrottleTest, RefusesTheAccountAfterItsLimitUntilTheWindowFrees) {
  LoginThrottle throttle(clock_, Small());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(throttle.Admit("ada@example.com", "10.0.0.1")) << i;
    clock_.Advance(seconds(10));
  }
  const auto refused = throttle.Admit("ada@example.com", "10.0.0.2");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kResourceExhausted);
  // The first failure was 30 s ago, so it leaves the 15-minute window in 14.5 minutes.
  EXPECT_EQ(refused.error().retry_after(), minutes(15) - seconds(30));
  // Other accounts are unaffected.
  EXPECT_TRUE(throttle.Admit("bob@example.com", "10.0.0.3"));

  clock_.Advance(minutes(15) - seconds(30));
  EXPECT_TRUE(throttle.Admit("ada@example.com", "10.0.0.2"));  // one slot freed
  EXPECT_FALSE(throttle.Admit("ada@example.com", "10.0.0.2"));
}

TEST_F(ThrottleTest, RefusesTheAddressAcrossAccounts) {
  LoginThrottle throttle(clock_, Small());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(throttle.Admit("user" + std::to_string(i) + "@example.com", "192.0.2.7"));
  }
  const auto refused = throttle.Admit("fresh@example.com", "192.0.2.7");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().retry_after(), minutes(15));
  EXPECT_TRUE(throttle.Admit("fresh@example.com", "192.0.2.8"));
}

TEST_F(ThrottleTest, SuccessClearsTheAccountAndTakesBackTheAddressCount) {
  LoginThrottle throttle(clock_, Small());
  ASSERT_TRUE(throttle.Admit("ada@example.com", "10.0.0.1"));
  ASSERT_TRUE(throttle.Admit("ada@example.com", "10.0.0.1"));
  ASSERT_TRUE(throttle.Admit("ada@example.com", "10.0.0.1"));
  ASSERT_FALSE(throttle.Admit("ada@example.com", "10.0.0.9"));
  // Suppose the third attempt had succeeded:
  throttle.Succeeded("ada@example.com", "10.0.0.1");
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(throttle.Admit("ada@example.com", "10.0.0.9"));

  // Successful sign-ins from one address (an office behind NAT) never add up.
  LoginThrottle office(clock_, Small());
  for (int i = 0; i < 50; ++i) {
    const std::string user = "u" + std::to_string(i) + "@example.com";
    ASSERT_TRUE(office.Admit(user, "203.0.113.1")) << i;
    office.Succeeded(user, "203.0.113.1");
  }
}

TEST_F(ThrottleTest, RefusedAttemptsAreNotCounted) {
  LoginThrottle throttle(clock_, Small());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(throttle.Admit("ada@example.com", "10.0.0.1"));
  for (int i = 0; i < 100; ++i) ASSERT_FALSE(throttle.Admit("ada@example.com", "10.0.0.1"));
  clock_.Advance(minutes(15));
  EXPECT_TRUE(throttle.Admit("ada@example.com", "10.0.0.1"));
}

TEST_F(ThrottleTest, EmptyKeysAreNotTracked) {
  LoginThrottle throttle(clock_, Small());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(throttle.Admit("", "10.0.0.1"));
  EXPECT_FALSE(throttle.Admit("", "10.0.0.1"));
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(throttle.Admit("", ""));
}

TEST_F(ThrottleTest, MemoryIsBoundedByEvictingTheLeastRecentKeys) {
  LoginThrottle throttle(clock_, {.failures_per_account = 1,
                                  .failures_per_address = 1000,
                                  .window = minutes(15),
                                  .max_keys = 10});
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(throttle.Admit("user" + std::to_string(i) + "@example.com", "10.0.0.1"));
  }
  EXPECT_LE(throttle.tracked_keys(), 11u);
  // The most recent account is still remembered; the oldest has been forgotten.
  EXPECT_FALSE(throttle.Admit("user999@example.com", "10.0.0.2"));
  EXPECT_TRUE(throttle.Admit("user0@example.com", "10.0.0.2"));
}

TEST_F(ThrottleTest, ExpiredKeysAreDroppedWhenSeenAgain) {
  LoginThrottle throttle(clock_, Small());
  ASSERT_TRUE(throttle.Admit("ada@example.com", "10.0.0.1"));
  EXPECT_EQ(throttle.tracked_keys(), 2u);
  clock_.Advance(minutes(16));
  ASSERT_TRUE(throttle.Admit("ada@example.com", "10.0.0.1"));
  EXPECT_EQ(throttle.tracked_keys(), 2u);
}

TEST(ThrottleAddressKey, GroupsIpv6ByItsSlash64) {
  EXPECT_EQ(LoginThrottle::AddressKey("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(LoginThrottle::AddressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(LoginThrottle::AddressKey("2001:db8:1:2::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(LoginThrottle::AddressKey("::ffff:192.0.2.1"), "::ffff:192.0.2.1");
  EXPECT_EQ(LoginThrottle::AddressKey("not an address"), "not an address");
}

TEST_F(ThrottleTest, ConcurrentAttemptsNeverExceedTheLimit) {
  LoginThrottle throttle(clock_, {.failures_per_account = 5,
                                  .failures_per_address = 1000,
                                  .window = minutes(15),
                                  .max_keys = 100});
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (throttle.Admit("ada@example.com", "10.0.0.1")) ++admitted;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(admitted.load(), 5);
}

}  // namespace
}  // namespace rapport::auth
