#include "rapport/kb/slug.h"

#include <gtest/gtest.h>

#include <string>

namespace rapport::kb {
namespace {

TEST(Slugify, LowerCasesAsciiAndJoinsWordsWithSingleHyphens) {
  EXPECT_EQ(Slugify("Hello World"), "hello-world");
  EXPECT_EQ(Slugify("  Leading and trailing  "), "leading-and-trailing");
  EXPECT_EQ(Slugify("a -- b"), "a-b");
  EXPECT_EQ(Slugify("C++ & C#: a guide!"), "c-c-a-guide");
  EXPECT_EQ(Slugify("Version 2.0.1"), "version-2-0-1");
  EXPECT_EQ(Slugify("snake_case/path.html?x=1%20"), "snake-case-path-html-x-1-20");
  EXPECT_EQ(Slugify("already-a-slug"), "already-a-slug");
}

TEST(Slugify, TurnsControlCharactersIntoSeparators) {
  EXPECT_EQ(Slugify("a\tb\nc\x01"
                    "d\x7F"
                    "e"),
            "a-b-c-d-e");
  EXPECT_EQ(Slugify(std::string("a\0b", 3)), "a-b");
}

TEST(Slugify, KeepsNonAsciiLettersAsWritten) {
  EXPECT_EQ(Slugify("Café au lait"), "café-au-lait");
  EXPECT_EQ(Slugify("Straße"), "straße");
  EXPECT_EQ(Slugify("Привет, мир"), "Привет-мир");  // no case folding beyond ASCII
  EXPECT_EQ(Slugify("ÜBER uns"), "Über-uns");
  EXPECT_EQ(Slugify("日本語のガイド"), "日本語のガイド");
  EXPECT_EQ(Slugify("Ελληνικά"), "Ελληνικά");
  EXPECT_EQ(Slugify("µ-law and º"), "µ-law-and-º");  // µ and º are letters
  // Decomposed accents (NFD) stay decomposed: there is no normalisation.
  EXPECT_EQ(Slugify("Cafe\xCC\x81"), "cafe\xCC\x81");
}

TEST(Slugify, TurnsNonAsciiSpacesPunctuationAndSymbolsIntoSeparators) {
  EXPECT_EQ(Slugify("Don’t panic"), "don-t-panic");
  EXPECT_EQ(Slugify("A — B … C"), "a-b-c");
  EXPECT_EQ(Slugify("«Quote» ¿Qué?"), "quote-qué");
  EXPECT_EQ(Slugify("Price: 5 € × 2"), "price-5-2");
  EXPECT_EQ(Slugify("a\u00A0b\u2003c\u3000d"), "a-b-c-d");
  EXPECT_EQ(Slugify("日本語、テスト。"), "日本語-テスト");
  EXPECT_EQ(Slugify("ｆｕｌｌ！ｗｉｄｔｈ"), "ｆｕｌｌ-ｗｉｄｔｈ");
  EXPECT_EQ(Slugify("©2024 ACME™"), "2024-acme");
  EXPECT_EQ(Slugify("a\xEF\xBF\xBD"
                    "b"),
            "a-b");  // U+FFFD
}

TEST(Slugify, DropsEmoji) {
  EXPECT_EQ(Slugify("Release 🎉 party"), "release-party");
  EXPECT_EQ(Slugify("🚀Launch"), "launch");
  EXPECT_EQ(Slugify("Thumbs👍🏽up"), "thumbs-up");
  EXPECT_EQ(Slugify("I ❤️ NY"), "i-ny");               // dingbat + variation selector
  EXPECT_EQ(Slugify("Family 👨\u200D👩\u200D👧"), "family");  // zero-width joiner sequence
  EXPECT_EQ(Slugify("Flag 🇫🇷"), "flag");                   // regional indicators
}

TEST(Slugify, DropsInvisibleFormatCharactersWithoutASeparator) {
  EXPECT_EQ(Slugify("soft\u00ADhyphen"), "softhyphen");
  EXPECT_EQ(Slugify("zero\u200Bwidth"), "zerowidth");
  EXPECT_EQ(Slugify("\u202Eevil\u202C"), "evil");    // bidi override
  EXPECT_EQ(Slugify("\xEF\xBB\xBFtitle"), "title");  // byte-order mark
}

TEST(Slugify, DropsInvalidUtf8Bytes) {
  EXPECT_EQ(Slugify("a\xFF"
                    "b"),
            "ab");
  EXPECT_EQ(Slugify("Caf\xE9 au lait"), "caf-au-lait");  // Latin-1
  EXPECT_EQ(Slugify("caf\xC3"), "caf");                  // truncated
  EXPECT_EQ(Slugify("\xC0\xAF"
                    "x"),
            "x");  // overlong '/'
  EXPECT_EQ(Slugify("\xED\xA0\x80"
                    "x"),
            "x");  // surrogate
  EXPECT_EQ(Slugify("\xF4\x90\x80\x80"
                    "x"),
            "x");  // above U+10FFFF
}

TEST(Slugify, IsEmptyWhenNothingIsLeft) {
  EXPECT_EQ(Slugify(""), "");
  EXPECT_EQ(Slugify("!!!"), "");
  EXPECT_EQ(Slugify("   "), "");
  EXPECT_EQ(Slugify("🎉🎉"), "");
  EXPECT_EQ(Slugify("anything", 0), "");
}

TEST(Slugify, CutsAtMaxBytesOnACodePointBoundary) {
  EXPECT_EQ(Slugify("abc def", 5), "abc-d");
  EXPECT_EQ(Slugify("abc def", 4), "abc");  // never a trailing hyphen
  EXPECT_EQ(Slugify("abc def", 3), "abc");
  EXPECT_EQ(Slugify("ééé", 5), "éé");
  EXPECT_EQ(Slugify("aé", 2), "a");
  EXPECT_EQ(Slugify("日本語", 8), "日本");

  std::string long_title;
  for (int i = 0; i < 40; ++i) long_title += "Word" + std::to_string(i) + " ";
  const std::string slug = Slugify(long_title);
  EXPECT_LE(slug.size(), kDefaultSlugBytes);
  EXPECT_TRUE(slug.starts_with("word0-word1-word2"));
  EXPECT_FALSE(slug.ends_with("-"));
  EXPECT_TRUE(IsValidSlug(slug));

  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "é";
  EXPECT_EQ(Slugify(accents).size(), kDefaultSlugBytes);  // 40 whole code points
  EXPECT_EQ(Slugify(accents, 81).size(), 80U);
}

TEST(Slugify, HandlesHugeInputs) {
  const std::string huge(1 << 20, '!');
  EXPECT_EQ(Slugify(huge), "");
  const std::string words(1 << 20, 'a');
  EXPECT_EQ(Slugify(words).size(), kDefaultSlugBytes);
}

TEST(IsValidSlug, AcceptsWhatSlugifyProduces) {
  for (const char* slug :
       {"hello-world", "café-au-lait", "a", "2024", "日本語", "Привет-мир", "version-2-0-1"}) {
    EXPECT_TRUE(IsValidSlug(slug)) << slug;
  }
  for (const char* title : {"Hello World", "Café au lait", "C++ & C#", "Don’t panic 🎉", "Caf\xE9",
                            "ÜBER uns", "a\u00ADb"}) {
    const std::string slug = Slugify(title);
    EXPECT_TRUE(IsValidSlug(slug)) << title << " -> " << slug;
  }
}

TEST(IsValidSlug, RejectsEverythingElse) {
  for (const char* slug : {"",    "Hello", "a--b",     "-a",       "a-",       "-",       "a/b",
                           "a.b", "a%20b", "a b",      "a\tb",     "a_b",      "caf\xC3", "a\xFF",
                           "..",  "👍",     "a\u00ADb", "a\u00A0b", "a\u200Bb", "?x",      "a#b"}) {
    EXPECT_FALSE(IsValidSlug(slug)) << slug;
  }
}

TEST(IsValidSlug, AllowsAtMost200Bytes) {
  EXPECT_TRUE(IsValidSlug(std::string(kMaxSlugBytes, 'a')));
  EXPECT_FALSE(IsValidSlug(std::string(kMaxSlugBytes + 1, 'a')));
}

TEST(AnchorSet, UsesTheSlugOfTheHeading) {
  AnchorSet anchors;
  EXPECT_EQ(anchors.Add("Getting started"), "getting-started");
  EXPECT_EQ(anchors.Add("Café au lait"), "café-au-lait");
  EXPECT_EQ(anchors.Add("What's new?"), "what-s-new");
}

TEST(AnchorSet, NumbersDuplicates) {
  AnchorSet anchors;
  EXPECT_EQ(anchors.Add("Intro"), "intro");
  EXPECT_EQ(anchors.Add("Intro"), "intro-1");
  EXPECT_EQ(anchors.Add("intro!"), "intro-2");
  // A heading whose own slug is a taken suffixed anchor gets a suffix of its own.
  EXPECT_EQ(anchors.Add("Intro 1"), "intro-1-1");
  EXPECT_EQ(anchors.Add("Intro"), "intro-3");
}

TEST(AnchorSet, SkipsSuffixesTakenByEarlierHeadings) {
  AnchorSet anchors;
  EXPECT_EQ(anchors.Add("a"), "a");
  EXPECT_EQ(anchors.Add("a 1"), "a-1");
  EXPECT_EQ(anchors.Add("a"), "a-2");
}

TEST(AnchorSet, CallsEmptyHeadingsSection) {
  AnchorSet anchors;
  EXPECT_EQ(anchors.Add(""), "section");
  EXPECT_EQ(anchors.Add("!!!"), "section-1");
  EXPECT_EQ(anchors.Add("🎉"), "section-2");
  EXPECT_EQ(anchors.Add("Section"), "section-3");
}

TEST(AnchorSet, StaysFastWithManyEqualHeadings) {
  AnchorSet anchors;
  std::string last;
  for (int i = 0; i < 20'000; ++i) last = anchors.Add("Same");
  EXPECT_EQ(last, "same-19999");
}

}  // namespace
}  // namespace rapport::kb
