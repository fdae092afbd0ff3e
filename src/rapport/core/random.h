#pragma once

// Injectable source of randomness. SystemRandom draws from the kernel CSPRNG (getrandom) and
// is what every secret (ids, tokens) uses; SeededRandom is deterministic for tests and demo
// data and must never produce secrets. Thread-safety: SystemRandom is safe for concurrent use;
// SeededRandom is not.

#include <cstddef>
#include <cstdint>
#include <span>

namespace rapport::core {

class Random {
 public:
  virtual ~Random() = default;
  virtual void Fill(std::span<std::byte> out) = 0;
  std::uint64_t NextU64();
  // Uniform in [0, bound). REQUIRES: bound > 0.
  std::uint64_t Uniform(std::uint64_t bound);
};

class SystemRandom final : public Random {
 public:
  void Fill(std::span<std::byte> out) override;
};

// xoshiro256** seeded through splitmix64 (Blackman & Vigna).
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(std::uint64_t seed);
  void Fill(std::span<std::byte> out) override;

 private:
  std::uint64_t Next();
  std::uint64_t state_[4];
};

}  // namespace rapport::core
