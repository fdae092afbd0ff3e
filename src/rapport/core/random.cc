#include "rapport/core/random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace rapport::core {
namespace {

std::uint64_t SplitMix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t Random::NextU64() {
  std::uint64_t v = 0;
  Fill(std::as_writable_bytes(std::span(&v, 1)));
  return v;
}

std::uint64_t Random::Uniform(std::uint64_t bound) {
  // Rejection sampling removes the modulo bias.
  const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % bound);
  std::uint64_t v = NextU64();
  while (v >= limit) v = NextU64();
  return v % bound;
}

void SystemRandom::Fill(std::span<std::byte> out) {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      // Without a working CSPRNG no secret can be made safely; stopping is the only safe choice.
      std::abort();
    }
    done += static_cast<std::size_t>(n);
  }
}

SeededRandom::SeededRandom(std::uint64_t seed) {
  for (auto& s : state_) s = SplitMix64(seed);
}

std::uint64_t SeededRandom::Next() {
  const std::uint64_t result = Rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = Rotl(state_[3], 45);
  return result;
}

void SeededRandom::Fill(std::span<std::byte> out) {
  std::size_t i = 0;
  while (i < out.size()) {
    const std::uint64_t v = Next();
    const std::size_t n = std::min(sizeof v, out.size() - i);
    std::memcpy(out.data() + i, &v, n);
    i += n;
  }
}

}  // namespace rapport::core
