#include "rapport/store/pagination.h"

#include <gtest/gtest.h>

namespace rapport::store {
namespace {

TEST(Cursor, RoundTripsAnyKey) {
  for (std::string key : {std::string("01arz3ndektsv4rrffq69g5fav"), std::string("a"),
                          std::string("\x00\xff\x7f", 3)}) {
    const std::string cursor = EncodeCursor(key);
    auto decoded = DecodeCursor(cursor);
    ASSERT_TRUE(decoded.has_value()) << decoded.error().ToString();
    EXPECT_EQ(*decoded, key);
  }
}

TEST(Cursor, EmptyCursorMeansFirstPage) {
  auto decoded = DecodeCursor("");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, "");
}

TEST(Cursor, RejectsForeignOrDamagedCursors) {
  for (std::string_view bad :
       {"zz", "c1", "c1a", "c1zz", "C16162", "6162", "c16162 ", "c1' OR 1=1 --"}) {
    auto decoded = DecodeCursor(bad);
    ASSERT_FALSE(decoded.has_value()) << bad;
    EXPECT_EQ(decoded.error().code(), core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(decoded.error().field(), "cursor");
  }
}

TEST(Cursor, RejectsOverlongCursors) {
  EXPECT_FALSE(DecodeCursor(EncodeCursor(std::string(1000, 'a'))).has_value());
}

TEST(PageLimit, AcceptsOnlyOneToMax) {
  EXPECT_TRUE(ValidatePageLimit(1).has_value());
  EXPECT_TRUE(ValidatePageLimit(kMaxPageLimit).has_value());
  EXPECT_FALSE(ValidatePageLimit(0).has_value());
  EXPECT_FALSE(ValidatePageLimit(-5).has_value());
  auto too_big = ValidatePageLimit(kMaxPageLimit + 1);
  ASSERT_FALSE(too_big.has_value());
  EXPECT_EQ(too_big.error().field(), "limit");
}

}  // namespace
}  // namespace rapport::store
