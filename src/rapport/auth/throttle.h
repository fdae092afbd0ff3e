#pragma once

// Limits password guessing. LoginThrottle counts failed attempts in a sliding window under two
// keys, the account (the normalised e-mail, whether or not such an account exists, so the
// answer reveals nothing) and the client address (IPv6 addresses by their /64, which one
// client usually holds whole). Past the limit of either key, attempts are refused with
// ResourceExhausted and a Retry-After until the oldest counted failure leaves the window.
//
// Admit() counts the attempt as a failure before the password is even checked, so concurrent
// guesses cannot slip past the limit between check and record; Succeeded() then takes it back
// (and clears the account's failures, so a user who finally types the right password starts
// afresh). Memory is bounded: at most `max_keys` keys per table, evicting the least recently
// touched; each key keeps at most its limit of timestamps.
//
// Thread-safety: safe for concurrent use (one mutex; every operation is O(1) amortised).

#include <chrono>
#include <cstddef>
#include <deque>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/thread_annotations.h"

namespace rapport::auth {

struct ThrottleOptions {
  int failures_per_account = 5;
  int failures_per_address = 20;
  std::chrono::seconds window = std::chrono::minutes(15);
  std::size_t max_keys = 50'000;  // per table; ~200 bytes each
};

class LoginThrottle {
 public:
  // REQUIRES: both limits >= 1, window > 0, max_keys >= 1. `clock` outlives the throttle.
  LoginThrottle(const core::Clock& clock, ThrottleOptions options);

  // Ok, with the attempt counted as a failure under both keys, when neither key is over its
  // limit; ResourceExhausted with the wait otherwise (nothing is counted then). An empty key
  // is not tracked (e.g. no account for a link redemption).
  core::Status Admit(std::string_view account, std::string_view address) RAPPORT_EXCLUDES(mu_);

  // The attempt admitted for these keys succeeded: forget the account's failures and take
  // back the one counted for the address.
  void Succeeded(std::string_view account, std::string_view address) RAPPORT_EXCLUDES(mu_);

  // Keys currently tracked, accounts plus addresses (for tests and metrics).
  std::size_t tracked_keys() const RAPPORT_EXCLUDES(mu_);

  // The key under which `address` is counted: IPv4 and unparseable text as given, IPv6 as its
  // /64 prefix ("2001:db8:1:2::/64").
  static std::string AddressKey(std::string_view address);

 private:
  // Failures of one key, oldest first, only those inside the window; an LRU list of keys
  // allows evicting the least recently touched one in O(1).
  struct Entry {
    std::string key;
    std::deque<core::TimePoint> failures;
  };
  class Table {
   public:
    Table(int limit, std::size_t max_keys) : limit_(limit), max_keys_(max_keys) {}
    // Seconds to wait before `key` may try again; zero when it may now.
    std::chrono::seconds WaitFor(const std::string& key, core::TimePoint now,
                                 std::chrono::seconds window);
    void Record(const std::string& key, core::TimePoint now);
    void TakeBackOne(const std::string& key);
    void Clear(const std::string& key);
    std::size_t size() const { return index_.size(); }

   private:
    int limit_;
    std::size_t max_keys_;
    std::list<Entry> lru_;  // most recently touched first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  };

  const core::Clock& clock_;
  const ThrottleOptions options_;
  mutable core::Mutex mu_;
  Table accounts_ RAPPORT_GUARDED_BY(mu_);
  Table addresses_ RAPPORT_GUARDED_BY(mu_);
};

}  // namespace rapport::auth
