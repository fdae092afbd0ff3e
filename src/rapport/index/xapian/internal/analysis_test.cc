#include "rapport/index/xapian/internal/analysis.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rapport::index::xapian::internal {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Terms(std::string_view text) {
  std::vector<std::string> terms;
  for (const Token& token : Tokenise(text)) terms.push_back(token.term);
  return terms;
}

TEST(Analysis, FoldsCaseAndAccents) {
  EXPECT_THAT(Terms("Éclair CAFÉ naïve Straße Œuvre Łódź"),
              ElementsAre("eclair", "cafe", "naive", "strasse", "oeuvre", "lodz"));
  EXPECT_THAT(Terms("cafe\u0301"), ElementsAre("cafe"));  // decomposed accent
  EXPECT_THAT(Terms("Привет"), ElementsAre("привет"));
}

TEST(Analysis, SplitsOnPunctuationAndKeepsSpans) {
  const std::vector<Token> tokens = Tokenise("e-mail, don't");
  ASSERT_EQ(tokens.size(), 4U);
  EXPECT_EQ(tokens[0].term, "e");
  EXPECT_EQ(tokens[1].term, "mail");
  EXPECT_EQ(tokens[1].begin, 2U);
  EXPECT_EQ(tokens[1].end, 6U);
  EXPECT_EQ(tokens[3].term, "t");
}

TEST(Analysis, CjkRunsBecomeOverlappingBigrams) {
  EXPECT_THAT(Terms("東京都"), ElementsAre("東京", "京都"));
  EXPECT_THAT(Terms("東"), ElementsAre("東"));
  EXPECT_THAT(Terms("abc東京def"), ElementsAre("abc", "東京", "def"));
  EXPECT_THAT(Terms("ひらがな"), ElementsAre("ひら", "らが", "がな"));
  EXPECT_THAT(Terms("한국어"), ElementsAre("한국", "국어"));
  EXPECT_TRUE(Tokenise("東京")[0].cjk);
}

TEST(Analysis, InvalidUtf8SeparatesWords) {
  EXPECT_THAT(Terms("abc\xff"
                    "def\xc3"),
              ElementsAre("abc", "def"));
  EXPECT_THAT(Terms("\xe6\x9d"), IsEmpty());
}

TEST(Analysis, DropsOverlongTerms) {
  EXPECT_THAT(Terms(std::string(65, 'a') + " ok"), ElementsAre("ok"));
}

TEST(Analysis, MapsLanguagesToStemmers) {
  EXPECT_EQ(StemmerName("en"), "english");
  EXPECT_EQ(StemmerName("pt-br"), "portuguese");
  EXPECT_EQ(StemmerName("nb"), "norwegian");
  EXPECT_EQ(StemmerName("zh"), "");
  EXPECT_EQ(StemmerName(""), "");
}

TEST(Analysis, StemsInTheLanguageThenFolds) {
  StemmerCache stemmers;
  EXPECT_EQ(stemmers.Stem("en", Tokenise("connections")[0]), "connect");
  EXPECT_EQ(stemmers.Stem("de", Tokenise("Häuser")[0]), "haus");
  EXPECT_EQ(stemmers.Stem("xx", Tokenise("Connections")[0]), "connections");
  EXPECT_EQ(stemmers.Stem("en", Tokenise("東京")[0]), "東京");
}

TEST(Analysis, RemembersStemsAndStaysRightWhenTheCacheStartsOver) {
  StemmerCache stemmers;
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(stemmers.Stem("en", Tokenise("Running")[0]), "run");
    EXPECT_EQ(stemmers.Stem("de", Tokenise("Häuser")[0]), "haus");
  }
  Xapian::Stem english("english");
  for (std::size_t i = 0; i <= StemmerCache::kMaxCachedStems; ++i) {
    const std::string word = "reading" + std::to_string(i) + "s";
    ASSERT_EQ(stemmers.Stem("en", Tokenise(word)[0]), english(word));
  }
  EXPECT_EQ(stemmers.Stem("en", Tokenise("connections")[0]), "connect");
}

TEST(Analysis, AsciiAndOtherScriptsMixInOneWord) {
  EXPECT_THAT(Terms("Naïve_X2 e\u0301t\u00C9"), ElementsAre("naive_x2", "ete"));
  EXPECT_THAT(Terms("a\tb\nC-d"), ElementsAre("a", "b", "c", "d"));
}

TEST(Analysis, StopWordsPerLanguage) {
  EXPECT_TRUE(IsStopWord("en", "the"));
  EXPECT_TRUE(IsStopWord("en", "yourself"));
  EXPECT_FALSE(IsStopWord("en", "printer"));
  EXPECT_TRUE(IsStopWord("de", "und"));
  EXPECT_TRUE(IsStopWord("fr", "les"));
  EXPECT_TRUE(IsStopWord("zh", "the"));  // English by default
}

}  // namespace
}  // namespace rapport::index::xapian::internal
