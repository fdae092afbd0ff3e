#include "rapport/core/error.h"

#include <gtest/gtest.h>

namespace rapport::core {
namespace {

Result<int> ParsePositive(int v) {
  if (v <= 0) return InvalidArgument("must be positive", "v");
  return v;
}

Result<int> Doubled(int v) {
  RAPPORT_ASSIGN_OR_RETURN(const int x, ParsePositive(v));
  return 2 * x;
}

Status Check(int v) {
  RAPPORT_RETURN_IF_ERROR(ParsePositive(v));
  return Ok();
}

TEST(Error, PropagationMacrosReturnTheFirstError) {
  EXPECT_EQ(Doubled(4).value(), 8);
  const auto bad = Doubled(-1);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().field(), "v");
  EXPECT_TRUE(Check(1).has_value());
  EXPECT_EQ(Check(0).error().message(), "must be positive");
}

TEST(Error, NamesAreStableSnakeCase) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kNotFound), "not_found");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kResourceExhausted), "rate_limited");
  EXPECT_EQ(Error(ErrorCode::kConflict, "taken", "slug").ToString(),
            "conflict: taken (field: slug)");
}

}  // namespace
}  // namespace rapport::core
