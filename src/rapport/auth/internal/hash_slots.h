#pragma once

// A counting semaphore that bounds how many argon2 computations run at once. Each costs tens
// of milliseconds of CPU and tens of MiB of memory, so without a bound a burst of sign-ins
// would exhaust memory and occupy every worker thread; with it, the burst queues here for at
// most `max_wait` and is then answered Unavailable with a Retry-After.
//
// Waiting uses the steady clock, not core::Clock: it is about real elapsed time.
// Thread-safety: safe for concurrent use.

#include <chrono>

#include "rapport/core/error.h"
#include "rapport/core/thread_annotations.h"

namespace rapport::auth::internal {

class HashSlots {
 public:
  // A held slot, given back when destroyed.
  class Slot {
   public:
    Slot(Slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot();

   private:
    friend class HashSlots;
    explicit Slot(HashSlots* owner) : owner_(owner) {}
    HashSlots* owner_;
  };

  // REQUIRES: slots >= 1.
  HashSlots(int slots, std::chrono::milliseconds max_wait);

  // A slot, waiting up to `max_wait` for one; Unavailable (retry after a second) when none
  // freed up in time.
  core::Result<Slot> Acquire() RAPPORT_EXCLUDES(mu_);

  int in_use() const RAPPORT_EXCLUDES(mu_);

 private:
  void Release() RAPPORT_EXCLUDES(mu_);

  const int slots_;
  const std::chrono::milliseconds max_wait_;
  mutable core::Mutex mu_;
  core::CondVar freed_;
  int in_use_ RAPPORT_GUARDED_BY(mu_) = 0;
};

}  // namespace rapport::auth::internal
