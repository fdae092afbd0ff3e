#include "rapport/core/thread_annotations.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace rapport::core {
namespace {

// Annotated like production code, so the clang builds also check the test's own locking.
class Counter {
 public:
  void Increment() RAPPORT_EXCLUDES(mu_) {
    MutexLock lock(mu_);
    // A read-modify-write split in two, so unsynchronised increments would lose updates.
    const long seen = value_;
    value_ = seen + 1;
  }
  long Value() RAPPORT_EXCLUDES(mu_) {
    MutexLock lock(mu_);
    return value_;
  }

 private:
  Mutex mu_;
  long value_ RAPPORT_GUARDED_BY(mu_) = 0;
};

TEST(MutexLock, ExcludesConcurrentIncrements) {
  constexpr int kThreads = 4;
  constexpr int kIncrements = 10'000;
  Counter counter;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&counter] {
      for (int j = 0; j < kIncrements; ++j) counter.Increment();
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(counter.Value(), kThreads * kIncrements);
}

// The analysis follows TryLock only when its result decides a branch directly.
bool TryLockAndRelease(Mutex& mu) RAPPORT_EXCLUDES(mu) {
  if (!mu.TryLock()) return false;
  mu.AssertHeld();
  mu.Unlock();
  return true;
}

TEST(Mutex, TryLockSucceedsWhenFree) {
  Mutex mu;
  EXPECT_TRUE(TryLockAndRelease(mu));
  // Released again, so a second attempt succeeds too.
  EXPECT_TRUE(TryLockAndRelease(mu));
}

TEST(Mutex, TryLockFailsWhileAnotherThreadHoldsIt) {
  Mutex mu;
  bool acquired_while_held = true;
  {
    MutexLock lock(mu);
    // TryLock by the holding thread is undefined for std::mutex; ask from another one.
    std::thread([&] { acquired_while_held = TryLockAndRelease(mu); }).join();
  }
  bool acquired_after_release = false;
  std::thread([&] { acquired_after_release = TryLockAndRelease(mu); }).join();
  EXPECT_FALSE(acquired_while_held);
  EXPECT_TRUE(acquired_after_release);
}

class Mailbox {
 public:
  void Put(int v) RAPPORT_EXCLUDES(mu_) {
    {
      MutexLock lock(mu_);
      value_ = v;
      full_ = true;
    }
    cv_.NotifyOne();
  }
  int Take() RAPPORT_EXCLUDES(mu_) {
    MutexLock lock(mu_);
    while (!full_) cv_.Wait(mu_);
    full_ = false;
    return value_;
  }
  // Returns whether a value arrived before `timeout`.
  bool WaitFull(std::chrono::milliseconds timeout) RAPPORT_EXCLUDES(mu_) {
    MutexLock lock(mu_);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!full_) {
      if (!cv_.WaitUntil(mu_, deadline)) return full_;
    }
    return true;
  }

 private:
  Mutex mu_;
  CondVar cv_;
  int value_ RAPPORT_GUARDED_BY(mu_) = 0;
  bool full_ RAPPORT_GUARDED_BY(mu_) = false;
};

TEST(CondVar, WaitReturnsOnceNotifiedWithTheMutexHeld) {
  Mailbox mailbox;
  std::thread producer([&mailbox] { mailbox.Put(42); });
  EXPECT_EQ(mailbox.Take(), 42);
  producer.join();
}

TEST(CondVar, WaitUntilGivesUpAtTheDeadline) {
  Mailbox mailbox;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(mailbox.WaitFull(std::chrono::milliseconds(20)));
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(20));
  // The mutex was handed back: it can be taken again.
  mailbox.Put(7);
  EXPECT_TRUE(mailbox.WaitFull(std::chrono::milliseconds(0)));
  EXPECT_EQ(mailbox.Take(), 7);
}

}  // namespace
}  // namespace rapport::core
