#include "rapport/auth/crypto.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace rapport::auth {
namespace {

// The cheapest parameters libsodium accepts: the tests check behaviour, not cost.
constexpr PasswordHashParams kFast{.ops_limit = 1, .memory_bytes = 8 * 1024};

TEST(Crypto, InitialisesOnceAndAgain) {
  EXPECT_TRUE(InitCrypto());
  EXPECT_TRUE(InitCrypto());
}

TEST(Crypto, HashesVerifyOnlyTheirPassword) {
  const auto hash = HashPassword("correct horse battery staple", kFast);
  ASSERT_TRUE(hash) << hash.error().ToString();
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=8,t=1,p=1$")) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  // Salted: the same password hashes differently each time.
  EXPECT_NE(*HashPassword("correct horse battery staple", kFast), *hash);
}

TEST(Crypto, PasswordsMayContainAnyBytesIncludingNul) {
  const std::string password("with\0nul inside it", 18);
  const auto hash = HashPassword(password, kFast);
  ASSERT_TRUE(hash);
  EXPECT_TRUE(VerifyPassword(*hash, password));
  EXPECT_FALSE(VerifyPassword(*hash, "with"));
}

TEST(Crypto, MalformedHashesNeverVerify) {
  for (std::string_view bad :
       {std::string_view(), std::string_view("plain"), std::string_view("$argon2id$v=19$"),
        std::string_view("$argon2id$v=19$m=8,t=1,p=1$\0abc", 31)}) {
    EXPECT_FALSE(VerifyPassword(bad, "password")) << bad;
  }
  EXPECT_FALSE(VerifyPassword(std::string(4096, 'a'), "password"));
}

TEST(Crypto, NeedsRehashWhenParametersDiffer) {
  const auto hash = HashPassword("correct horse battery staple", kFast);
  ASSERT_TRUE(hash);
  EXPECT_FALSE(NeedsRehash(*hash, kFast));
  EXPECT_TRUE(NeedsRehash(*hash, {.ops_limit = 2, .memory_bytes = 8 * 1024}));
  EXPECT_TRUE(NeedsRehash(*hash, {.ops_limit = 1, .memory_bytes = 16 * 1024}));
  EXPECT_TRUE(NeedsRehash("", kFast));
  EXPECT_TRUE(NeedsRehash("$2b$10$bcrypt", kFast));
}

TEST(Crypto, DummyVerifyRunsWithoutAHash) { DummyVerify("anything", kFast); }

TEST(PasswordPolicy, CountsCharactersNotBytes) {
  EXPECT_TRUE(CheckPasswordPolicy("twelve chars"));
  EXPECT_FALSE(CheckPasswordPolicy("eleven char"));
  // 12 code points of two bytes each, and 11 of them (22 bytes: long enough in bytes).
  EXPECT_TRUE(CheckPasswordPolicy("éééééééééééé"));
  const auto short_accented = CheckPasswordPolicy("ééééééééééé");
  ASSERT_FALSE(short_accented);
  EXPECT_EQ(short_accented.error().code(), core::ErrorCode::kUnprocessable);
  EXPECT_EQ(short_accented.error().field(), "password");
}

TEST(PasswordPolicy, AllowsUpTo1024BytesAndNamesTheField) {
  EXPECT_TRUE(CheckPasswordPolicy(std::string(1024, 'x')));
  const auto too_long = CheckPasswordPolicy(std::string(1025, 'x'), "new_password");
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().field(), "new_password");
}

TEST(PasswordPolicy, RejectsInvalidUtf8) {
  for (std::string bad :
       {std::string("valid start \xff"), std::string("overlong \xc0\xaf....."),
        std::string("surrogate \xed\xa0\x80....."), std::string("truncated .....\xe2\x82")}) {
    const auto status = CheckPasswordPolicy(bad);
    ASSERT_FALSE(status) << bad;
    EXPECT_EQ(status.error().code(), core::ErrorCode::kUnprocessable);
  }
}

TEST(Secrets, AreUrlSafe256BitStringsWithTheirPrefix) {
  core::SeededRandom random(7);
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string secret = NewSecret(random, "rpt_");
    ASSERT_TRUE(secret.starts_with("rpt_"));
    ASSERT_EQ(secret.size(), 4u + 43u);
    for (char c : secret.substr(4)) {
      ASSERT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << secret;
    }
    seen.insert(secret);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Secrets, HashIsHexBlake2b256AndDeterministic) {
  // BLAKE2b-256 of the empty string (RFC 7693 parameters, 32-byte output).
  EXPECT_EQ(HashSecret(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(HashSecret("rps_abc"), HashSecret("rps_abc"));
  EXPECT_NE(HashSecret("rps_abc"), HashSecret("rps_abd"));
  EXPECT_EQ(HashSecret("rps_abc").size(), 64u);
}

TEST(Secrets, CsrfTokenIsStablePerSessionAndNotTheStoredHash) {
  const std::string a = CsrfTokenFor("rps_session-a");
  EXPECT_EQ(a, CsrfTokenFor("rps_session-a"));
  EXPECT_NE(a, CsrfTokenFor("rps_session-b"));
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, HashSecret("rps_session-a"));
}

TEST(Secrets, ConstantTimeEqualsComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

}  // namespace
}  // namespace rapport::auth
