#pragma once

// Injectable wall clock. Production code takes a `const Clock&` in its constructor; tests pass
// a FakeClock. Thread-safety: SystemClock is stateless; FakeClock is safe for concurrent use.

#include <atomic>
#include <chrono>
#include <string>

namespace rapport::core {

using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_us_(start.time_since_epoch().count()) {}
  TimePoint Now() const override;
  void Advance(std::chrono::microseconds by) { now_us_ += by.count(); }
  void Set(TimePoint t) { now_us_ = t.time_since_epoch().count(); }

 private:
  std::atomic<std::int64_t> now_us_;
};

// ISO-8601 UTC with millisecond precision: "2026-11-22T10:34:12.123Z".
std::string FormatIso8601(TimePoint t);

}  // namespace rapport::core
