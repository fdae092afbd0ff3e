#include "rapport/core/url.h"

#include <gtest/gtest.h>

#include <string>

namespace rapport::core {
namespace {

TEST(EncodePathSegment, KeepsUnreservedCharacters) {
  EXPECT_EQ(EncodePathSegment("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(EncodePathSegment("refunds-fast"), "refunds-fast");
  EXPECT_EQ(EncodePathSegment(""), "");
}

TEST(EncodePathSegment, EncodesWhatCouldChangeTheUrlsShape) {
  EXPECT_EQ(EncodePathSegment("a/b"), "a%2Fb");
  EXPECT_EQ(EncodePathSegment("q?x=1#top"), "q%3Fx%3D1%23top");
  EXPECT_EQ(EncodePathSegment("100% sure+"), "100%25%20sure%2B");
  EXPECT_EQ(EncodePathSegment("\\\"<>'&"), "%5C%22%3C%3E%27%26");
}

TEST(EncodePathSegment, LeavesDotSegmentsAsTheyAre) {
  EXPECT_EQ(EncodePathSegment("."), ".");
  EXPECT_EQ(EncodePathSegment(".."), "..");
}

TEST(EncodePathSegment, EncodesEveryByteOfUtf8AndControlCharactersInUpperCaseHex) {
  EXPECT_EQ(EncodePathSegment("é.png"), "%C3%A9.png");
  EXPECT_EQ(EncodePathSegment(std::string("nul\0del\x7f\xff", 9)), "nul%00del%7F%FF");
  EXPECT_EQ(EncodePathSegment("\r\n\t"), "%0D%0A%09");
}

}  // namespace
}  // namespace rapport::core
