#include "rapport/auth/internal/text.h"

#include <gtest/gtest.h>

#include <string>

namespace rapport::auth::internal {
namespace {

TEST(Text, CountsCodePointsAndRejectsInvalidUtf8) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("é€😀"), 3u);
  EXPECT_FALSE(CountCodePoints("\x80"));
  EXPECT_FALSE(CountCodePoints("\xc0\x80"));          // overlong NUL
  EXPECT_FALSE(CountCodePoints("\xe0\x80\xaf"));      // overlong '/'
  EXPECT_FALSE(CountCodePoints("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(CountCodePoints("\xf4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_FALSE(CountCodePoints("\xf8\x88\x80\x80\x80"));
  EXPECT_FALSE(CountCodePoints("\xe2\x82"));  // truncated
}

TEST(Text, NormalisesEmailsByTrimmingAndLowerCasingAscii) {
  EXPECT_EQ(NormaliseEmail("  Ada@Example.COM\t"), "ada@example.com");
  EXPECT_EQ(NormaliseEmail("ÉLODIE@example.com"), "Élodie@example.com");
}

TEST(Text, ValidatesEmails) {
  for (std::string_view good : {"a@b.co", "first.last+tag@sub.example.org", "x@[::1].y"}) {
    EXPECT_TRUE(ValidateEmail(good, "email")) << good;
  }
  for (std::string_view bad : {"", "plain", "@example.com", "ada@", "ada@localhost", "a b@c.d",
                               "ada@.com", "ada@example.", "tab\t@x.y"}) {
    const auto status = ValidateEmail(bad, "email");
    ASSERT_FALSE(status) << bad;
    EXPECT_EQ(status.error().field(), "email");
  }
  EXPECT_FALSE(ValidateEmail(std::string(250, 'a') + "@b.co", "email"));
}

TEST(Text, NormalisesNames) {
  EXPECT_EQ(*NormaliseName("  Ada Lovelace ", "name"), "Ada Lovelace");
  EXPECT_FALSE(NormaliseName("   ", "name"));
  EXPECT_FALSE(NormaliseName("bell\a", "name"));
  EXPECT_FALSE(NormaliseName(std::string(201, 'x'), "name"));
  EXPECT_TRUE(NormaliseName(std::string(200, 'x'), "name"));
  const auto bad = NormaliseName("\xff", "user.name");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field(), "user.name");
  EXPECT_EQ(bad.error().code(), core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace rapport::auth::internal
