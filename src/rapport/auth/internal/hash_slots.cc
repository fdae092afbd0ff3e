#include "rapport/auth/internal/hash_slots.h"

namespace rapport::auth::internal {

HashSlots::Slot::~Slot() {
  if (owner_ != nullptr) owner_->Release();
}

HashSlots::HashSlots(int slots, std::chrono::milliseconds max_wait)
    : slots_(slots), max_wait_(max_wait) {}

core::Result<HashSlots::Slot> HashSlots::Acquire() {
  const auto deadline = std::chrono::steady_clock::now() + max_wait_;
  core::MutexLock lock(mu_);
  while (in_use_ >= slots_) {
    if (!freed_.WaitUntil(mu_, deadline) && in_use_ >= slots_) {
      return std::unexpected(core::Error(core::ErrorCode::kUnavailable,
                                         "too many sign-ins at once; try again in a moment")
                                 .WithRetryAfter(std::chrono::seconds(1)));
    }
  }
  ++in_use_;
  return Slot(this);
}

int HashSlots::in_use() const {
  core::MutexLock lock(mu_);
  return in_use_;
}

void HashSlots::Release() {
  {
    core::MutexLock lock(mu_);
    --in_use_;
  }
  freed_.NotifyOne();
}

}  // namespace rapport::auth::internal
