#include "rapport/kb/fields.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rapport::kb {
namespace {

TEST(KbFields, ChecksTitlesSummariesAndBodies) {
  EXPECT_EQ(*CheckTitle("  Reset a password \n"), "Reset a password");
  EXPECT_FALSE(CheckTitle("   "));
  EXPECT_TRUE(CheckTitle(std::string(kMaxTitleBytes, 'x')));
  EXPECT_FALSE(CheckTitle(std::string(kMaxTitleBytes + 1, 'x')));
  EXPECT_FALSE(CheckTitle("bell\a"));
  EXPECT_EQ(CheckTitle("").error().field(), "title");
  EXPECT_EQ(*CheckSummary(" Two lines\nand a\ttab "), "Two lines\nand a\ttab");
  EXPECT_EQ(*CheckSummary(""), "");
  EXPECT_FALSE(CheckSummary(std::string(kMaxSummaryBytes + 1, 'x')));
  EXPECT_EQ(CheckSummary("bell\a").error().field(), "summary");
  EXPECT_TRUE(CheckBody("# Title\n\n\tindented\r\n"));
  EXPECT_EQ(CheckBody(std::string(kMaxBodyBytes + 1, 'x')).error().code(),
            core::ErrorCode::kTooLarge);
  EXPECT_FALSE(CheckBody(std::string("nul\0byte", 8)));
}

TEST(KbFields, FindsControlCharactersExceptTheAllowedOnes) {
  EXPECT_FALSE(HasControlCharacter("plain text, caf\xC3\xA9"));
  EXPECT_TRUE(HasControlCharacter("tab\there"));
  EXPECT_TRUE(HasControlCharacter("del\x7F"));
  EXPECT_FALSE(HasControlCharacter("tab\there", "\t"));
  EXPECT_TRUE(HasControlCharacter("line\nfeed\a", "\n"));
}

TEST(KbFields, NormalisesTags) {
  EXPECT_EQ(NormaliseTag("  VPN\t"), "vpn");
  EXPECT_EQ(NormaliseTag(" \n "), "");
  EXPECT_EQ(*NormaliseTags({"VPN", " vpn ", "Remote"}),
            (std::vector<std::string>{"vpn", "remote"}));
  EXPECT_FALSE(NormaliseTags({""}));
  EXPECT_FALSE(NormaliseTags({"a,b"}));
  EXPECT_FALSE(NormaliseTags({std::string(kMaxTagBytes + 1, 'x')}));
  EXPECT_FALSE(NormaliseTags(std::vector<std::string>(kMaxTags + 1, "same")));
  EXPECT_EQ(NormaliseTags({"bell\a"}).error().field(), "tags");
}

TEST(KbFields, NormalisesLanguages) {
  EXPECT_EQ(*NormaliseLanguage("pt_BR"), "pt-br");
  EXPECT_EQ(*NormaliseLanguage("EN"), "en");
  EXPECT_EQ(*NormaliseLanguage(" zh-Hant "), "zh-hant");
  for (const char* bad : {"", "e", "english", "en-", "en-x", "12", "en us", "<script>"}) {
    EXPECT_FALSE(NormaliseLanguage(bad)) << bad;
  }
}

TEST(KbFields, AcceptLanguageGivesPreferenceOrderWithBaseLanguages) {
  EXPECT_EQ(ParseAcceptLanguage("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"),
            (std::vector<std::string>{"fr-ch", "fr", "en", "de"}));
  EXPECT_EQ(ParseAcceptLanguage("en;q=0.2, de"), (std::vector<std::string>{"de", "en"}));
  EXPECT_EQ(ParseAcceptLanguage("es;q=0, it"), (std::vector<std::string>{"it"}));
  EXPECT_TRUE(ParseAcceptLanguage(",,;;garbage=1").empty());
  EXPECT_LE(ParseAcceptLanguage(std::string(10000, 'a') + ",en").size(), 10U);
}

TEST(KbFields, VerificationIntervalsAreBounded) {
  EXPECT_TRUE(CheckInterval(kMinVerifyIntervalDays));
  EXPECT_TRUE(CheckInterval(kMaxVerifyIntervalDays));
  EXPECT_FALSE(CheckInterval(kMinVerifyIntervalDays - 1));
  EXPECT_EQ(CheckInterval(kMaxVerifyIntervalDays + 1).error().field(), "verify_interval_days");
}

}  // namespace
}  // namespace rapport::kb
