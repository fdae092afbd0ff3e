#include "rapport/auth/throttle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace rapport::auth {
namespace {

std::chrono::seconds CeilSeconds(core::TimePoint::duration d) {
  const auto s = std::chrono::ceil<std::chrono::seconds>(d);
  return std::max(s, std::chrono::seconds(1));
}

}  // namespace

LoginThrottle::LoginThrottle(const core::Clock& clock, ThrottleOptions options)
    : clock_(clock),
      options_(options),
      accounts_(options.failures_per_account, options.max_keys),
      addresses_(options.failures_per_address, options.max_keys) {}

std::string LoginThrottle::AddressKey(std::string_view address) {
  std::array<unsigned char, 16> bytes{};
  std::string text(address);
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) return text;
  // An IPv4-mapped address is one IPv4 client: keep it whole.
  constexpr std::array<unsigned char, 12> kMappedPrefix = {0, 0, 0, 0, 0,    0,
                                                           0, 0, 0, 0, 0xFF, 0xFF};
  if (std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), bytes.begin())) return text;
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  std::array<char, INET6_ADDRSTRLEN> out{};
  if (inet_ntop(AF_INET6, bytes.data(), out.data(), out.size()) == nullptr) return text;
  return std::string(out.data()) + "/64";
}

core::Status LoginThrottle::Admit(std::string_view account, std::string_view address) {
  const core::TimePoint now = clock_.Now();
  const std::string account_key(account);
  const std::string address_key = address.empty() ? std::string() : AddressKey(address);
  core::MutexLock lock(mu_);
  std::chrono::seconds wait{0};
  if (!account_key.empty()) {
    wait = std::max(wait, accounts_.WaitFor(account_key, now, options_.window));
  }
  if (!address_key.empty()) {
    wait = std::max(wait, addresses_.WaitFor(address_key, now, options_.window));
  }
  if (wait.count() > 0) {
    return core::ResourceExhausted("too many failed sign-in attempts; try again later", wait);
  }
  if (!account_key.empty()) accounts_.Record(account_key, now);
  if (!address_key.empty()) addresses_.Record(address_key, now);
  return core::Ok();
}

void LoginThrottle::Succeeded(std::string_view account, std::string_view address) {
  const std::string account_key(account);
  const std::string address_key = address.empty() ? std::string() : AddressKey(address);
  core::MutexLock lock(mu_);
  if (!account_key.empty()) accounts_.Clear(account_key);
  if (!address_key.empty()) addresses_.TakeBackOne(address_key);
}

std::size_t LoginThrottle::tracked_keys() const {
  core::MutexLock lock(mu_);
  return accounts_.size() + addresses_.size();
}

std::chrono::seconds LoginThrottle::Table::WaitFor(const std::string& key, core::TimePoint now,
                                                   std::chrono::seconds window) {
  const auto found = index_.find(key);
  if (found == index_.end()) return std::chrono::seconds(0);
  auto& failures = found->second->failures;
  while (!failures.empty() && failures.front() + window <= now) failures.pop_front();
  if (failures.empty()) {
    lru_.erase(found->second);
    index_.erase(found);
    return std::chrono::seconds(0);
  }
  if (failures.size() < static_cast<std::size_t>(limit_)) return std::chrono::seconds(0);
  // The oldest counted failure leaves the window first; then one more attempt is allowed.
  return CeilSeconds(failures.front() + window - now);
}

void LoginThrottle::Table::Record(const std::string& key, core::TimePoint now) {
  auto found = index_.find(key);
  if (found == index_.end()) {
    if (index_.size() >= max_keys_) {
      index_.erase(lru_.back().key);
      lru_.pop_back();
    }
    lru_.push_front(Entry{key, {}});
    found = index_.emplace(key, lru_.begin()).first;
  } else {
    lru_.splice(lru_.begin(), lru_, found->second);
  }
  auto& failures = found->second->failures;
  failures.push_back(now);
  while (failures.size() > static_cast<std::size_t>(limit_)) failures.pop_front();
}

void LoginThrottle::Table::TakeBackOne(const std::string& key) {
  const auto found = index_.find(key);
  if (found == index_.end()) return;
  auto& failures = found->second->failures;
  if (!failures.empty()) failures.pop_back();
  if (failures.empty()) {
    lru_.erase(found->second);
    index_.erase(found);
  }
}

void LoginThrottle::Table::Clear(const std::string& key) {
  const auto found = index_.find(key);
  if (found == index_.end()) return;
  lru_.erase(found->second);
  index_.erase(found);
}

}  // namespace rapport::auth
