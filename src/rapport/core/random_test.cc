#include "rapport/core/random.h"

#include <gtest/gtest.h>

#include <array>
#include <set>

namespace rapport::core {
namespace {

TEST(SeededRandom, SameSeedGivesSameSequence) {
  SeededRandom a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) {
    const auto va = a.NextU64();
    EXPECT_EQ(va, b.NextU64());
    EXPECT_NE(va, c.NextU64());
  }
}

TEST(SeededRandom, UniformStaysInRangeAndCoversIt) {
  SeededRandom r(7);
  std::array<int, 6> seen{};
  for (int i = 0; i < 6000; ++i) {
    const auto v = r.Uniform(6);
    ASSERT_LT(v, 6u);
    ++seen[v];
  }
  for (int n : seen) EXPECT_GT(n, 800);  // expected 1000 each; 800 is > 6 sigma away
}

TEST(SystemRandom, FillsOddSizedBuffersWithDistinctValues) {
  SystemRandom r;
  std::set<std::uint64_t> values;
  for (int i = 0; i < 64; ++i) values.insert(r.NextU64());
  EXPECT_EQ(values.size(), 64u);
  std::array<std::byte, 13> buf{};
  r.Fill(buf);
  int zeros = 0;
  for (auto b : buf) zeros += b == std::byte{0};
  EXPECT_LT(zeros, 13);
}

}  // namespace
}  // namespace rapport::core
