#pragma once

// Thread-safety annotations for clang's -Wthread-safety analysis, and the mutex types that
// carry them.
//
// The macros expand to clang's capability attributes under clang and to nothing under other
// compilers, so GCC builds are unaffected while the clang builds (tsan, fuzz) check at
// compile time that every RAPPORT_GUARDED_BY member is touched only with its mutex held:
//
//   class Queue {
//    public:
//     void Push(int v) RAPPORT_EXCLUDES(mu_) {
//       core::MutexLock lock(mu_);
//       items_.push_back(v);
//       cv_.NotifyOne();
//     }
//     int Pop() RAPPORT_EXCLUDES(mu_) {
//       core::MutexLock lock(mu_);
//       while (items_.empty()) cv_.Wait(mu_);
//       return TakeFront();
//     }
//
//    private:
//     int TakeFront() RAPPORT_REQUIRES(mu_);  // callers hold mu_
//
//     core::Mutex mu_;
//     core::CondVar cv_;
//     std::deque<int> items_ RAPPORT_GUARDED_BY(mu_);
//   };
//
// std::mutex and std::lock_guard carry no annotations in libstdc++, which is why the code
// locks through core::Mutex and core::MutexLock instead. Condition waits go through
// core::CondVar, which takes the core::Mutex the caller holds; predicates are written as an
// explicit `while (!ready) cv.Wait(mu);` loop so the analysis sees every guarded read.
//
// The analysis does not look inside constructors and destructors, nor across executors: state
// confined to an Asio strand is documented with an "on <strand>" comment instead.

#include <chrono>
#include <condition_variable>
#include <mutex>

#if defined(__clang__)
#define RAPPORT_THREAD_ANNOTATION_(x) __attribute__((x))
#else
#define RAPPORT_THREAD_ANNOTATION_(x)
#endif

// On a class: its objects are capabilities (mutex-like); `name` appears in diagnostics.
#define RAPPORT_CAPABILITY(name) RAPPORT_THREAD_ANNOTATION_(capability(name))
// On a class: an RAII object that acquires a capability in its constructor and releases it in
// its destructor.
#define RAPPORT_SCOPED_CAPABILITY RAPPORT_THREAD_ANNOTATION_(scoped_lockable)

// On a data member: reading or writing it requires holding `x`.
#define RAPPORT_GUARDED_BY(x) RAPPORT_THREAD_ANNOTATION_(guarded_by(x))
// On a pointer (raw or smart) member: dereferencing it requires holding `x`; the pointer
// itself is unguarded.
#define RAPPORT_PT_GUARDED_BY(x) RAPPORT_THREAD_ANNOTATION_(pt_guarded_by(x))

// On a mutex member: the lock order. Documentation only under -Wthread-safety (checked by
// -Wthread-safety-beta, which Rapport does not enable).
#define RAPPORT_ACQUIRED_BEFORE(...) RAPPORT_THREAD_ANNOTATION_(acquired_before(__VA_ARGS__))
#define RAPPORT_ACQUIRED_AFTER(...) RAPPORT_THREAD_ANNOTATION_(acquired_after(__VA_ARGS__))

// On a function: the caller must hold the capabilities (exclusively / shared) on entry, and
// still holds them on return.
#define RAPPORT_REQUIRES(...) RAPPORT_THREAD_ANNOTATION_(requires_capability(__VA_ARGS__))
#define RAPPORT_REQUIRES_SHARED(...) \
  RAPPORT_THREAD_ANNOTATION_(requires_shared_capability(__VA_ARGS__))

// On a function: it acquires / releases the capabilities (the object itself when none are
// named, for member functions of a capability or scoped-capability class).
#define RAPPORT_ACQUIRE(...) RAPPORT_THREAD_ANNOTATION_(acquire_capability(__VA_ARGS__))
#define RAPPORT_ACQUIRE_SHARED(...) \
  RAPPORT_THREAD_ANNOTATION_(acquire_shared_capability(__VA_ARGS__))
#define RAPPORT_RELEASE(...) RAPPORT_THREAD_ANNOTATION_(release_capability(__VA_ARGS__))
#define RAPPORT_RELEASE_SHARED(...) \
  RAPPORT_THREAD_ANNOTATION_(release_shared_capability(__VA_ARGS__))
#define RAPPORT_RELEASE_GENERIC(...) \
  RAPPORT_THREAD_ANNOTATION_(release_generic_capability(__VA_ARGS__))

// On a function: it tries to acquire the capabilities and returns `result` when it did.
#define RAPPORT_TRY_ACQUIRE(...) RAPPORT_THREAD_ANNOTATION_(try_acquire_capability(__VA_ARGS__))
#define RAPPORT_TRY_ACQUIRE_SHARED(...) \
  RAPPORT_THREAD_ANNOTATION_(try_acquire_shared_capability(__VA_ARGS__))

// On a function: the caller must not hold the capabilities (the function acquires them; a
// caller holding one would deadlock).
#define RAPPORT_EXCLUDES(...) RAPPORT_THREAD_ANNOTATION_(locks_excluded(__VA_ARGS__))

// On a function: it checks at run time that the capability is held; the analysis assumes it
// is from then on.
#define RAPPORT_ASSERT_CAPABILITY(x) RAPPORT_THREAD_ANNOTATION_(assert_capability(x))

// On a function: it returns a reference to the capability `x`.
#define RAPPORT_RETURN_CAPABILITY(x) RAPPORT_THREAD_ANNOTATION_(lock_returned(x))

// On a function: the analysis skips its body. Each use says why the analysis cannot follow it.
#define RAPPORT_NO_THREAD_SAFETY_ANALYSIS RAPPORT_THREAD_ANNOTATION_(no_thread_safety_analysis)

namespace rapport::core {

class CondVar;

// A non-recursive exclusive mutex (std::mutex) the analysis can reason about.
class RAPPORT_CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock() RAPPORT_ACQUIRE() { mu_.lock(); }
  void Unlock() RAPPORT_RELEASE() { mu_.unlock(); }
  // Returns whether the mutex was acquired. Must not be called by the thread holding it.
  [[nodiscard]] bool TryLock() RAPPORT_TRY_ACQUIRE(true) { return mu_.try_lock(); }

  // Tells the analysis the calling thread holds the mutex, for code it cannot follow (e.g. a
  // callback run under the lock). std::mutex does not know its owner, so nothing is checked
  // at run time.
  void AssertHeld() const RAPPORT_ASSERT_CAPABILITY(this) {}

 private:
  friend class CondVar;

  std::mutex mu_;
};

// Holds a Mutex for the lifetime of the object.
class RAPPORT_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) RAPPORT_ACQUIRE(mu) : mu_(mu) { mu_.Lock(); }
  ~MutexLock() RAPPORT_RELEASE() { mu_.Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

// A condition variable waited on with a held core::Mutex; std::condition_variable underneath,
// on the Mutex's own std::mutex. Waits may wake spuriously: re-check the condition in a loop.
class CondVar {
 public:
  CondVar() = default;
  CondVar(const CondVar&) = delete;
  CondVar& operator=(const CondVar&) = delete;

  // Atomically releases `mu` and blocks until notified (or a spurious wake-up); holds `mu`
  // again on return.
  void Wait(Mutex& mu) RAPPORT_REQUIRES(mu) {
    Borrowed lock(mu);
    cv_.wait(lock.native);
  }

  // As Wait, but gives up at `deadline`: returns false when it returned because the deadline
  // passed, true otherwise.
  template <typename Clock, typename Duration>
  bool WaitUntil(Mutex& mu, const std::chrono::time_point<Clock, Duration>& deadline)
      RAPPORT_REQUIRES(mu) {
    Borrowed lock(mu);
    return cv_.wait_until(lock.native, deadline) == std::cv_status::no_timeout;
  }

  void NotifyOne() noexcept { cv_.notify_one(); }
  void NotifyAll() noexcept { cv_.notify_all(); }

 private:
  // Lends the caller's already-held std::mutex to std::condition_variable as a unique_lock,
  // and takes it back on every exit (also by exception) so the unique_lock never unlocks what
  // the caller's MutexLock owns. The standard guarantees the mutex is held again when a wait
  // returns or throws.
  struct Borrowed {
    explicit Borrowed(Mutex& mu) : native(mu.mu_, std::adopt_lock) {}
    ~Borrowed() { native.release(); }
    Borrowed(const Borrowed&) = delete;
    Borrowed& operator=(const Borrowed&) = delete;

    std::unique_lock<std::mutex> native;
  };

  std::condition_variable cv_;
};

}  // namespace rapport::core
