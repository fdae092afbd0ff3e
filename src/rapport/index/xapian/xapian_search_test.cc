// The query language on a real index: words, phrases, exclusions, prefixes, stemming, CJK,
// accents, typo correction, partial fill, synonyms, snippets.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rapport/index/xapian/internal/index_fixture.h"
#include "rapport/index/xapian/xapian_index.h"

namespace rapport::index {
namespace {

using ::rapport::index::testing::Ask;
using ::rapport::index::testing::Doc;
using ::rapport::index::testing::Ids;
using ::rapport::index::testing::IndexTest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

using XapianSearch = IndexTest;

TEST_F(XapianSearch, AllWordsMatchesComeFirst) {
  Index({Doc("both", "Printer setup", "Configure the office network printer"),
         Doc("one", "Printer troubleshooting", "Paper jams")});
  const Results results = Find("printer network");
  ASSERT_THAT(Ids(results), ElementsAre("both", "one"));
  EXPECT_TRUE(results.partial);
  EXPECT_EQ(results.total, 2);
}

TEST_F(XapianSearch, NoPartialFillWhenEnoughFullMatches) {
  Index({Doc("both", "Printer setup", "network printer"), Doc("one", "Printer jams")});
  Query query = Ask("printer network");
  query.limit = 1;
  const Results results = Find(query);
  EXPECT_THAT(Ids(results), ElementsAre("both"));
  EXPECT_FALSE(results.partial);
  // The partial matches still count, so the next page reaches them.
  EXPECT_EQ(results.total, 2);
  query.offset = 1;
  const Results next = Find(query);
  EXPECT_THAT(Ids(next), ElementsAre("one"));
  EXPECT_TRUE(next.partial);
}

TEST_F(XapianSearch, PartialFillRespectsOffset) {
  Index({Doc("both", "Printer network"), Doc("one", "Printer jams"), Doc("two", "Network")});
  Query query = Ask("printer network");
  query.offset = 1;
  query.limit = 5;
  const Results results = Find(query);
  EXPECT_THAT(Ids(results), UnorderedElementsAre("one", "two"));
  EXPECT_TRUE(results.partial);
  EXPECT_EQ(results.total, 3);
}

TEST_F(XapianSearch, TitleWordsOutrankBodyWords) {
  Index({Doc("body", "Office guide", "the printer is on the second floor"),
         Doc("title", "Printer", "the device on the second floor")});
  EXPECT_THAT(Ids(Find("printer")), ElementsAre("title", "body"));
}

TEST_F(XapianSearch, PhraseNeedsAdjacentWordsInOrder) {
  Index({Doc("phrase", "Guide", "reset the password now"),
         Doc("apart", "Guide", "password: please reset it")});
  EXPECT_THAT(Ids(Find("\"reset the password\"")), ElementsAre("phrase"));
  EXPECT_THAT(Ids(Find("reset password")), UnorderedElementsAre("phrase", "apart"));
}

TEST_F(XapianSearch, ExclusionRemovesWordsAndPhrases) {
  Index({Doc("mac", "Printer on mac"), Doc("win", "Printer on windows laptop")});
  EXPECT_THAT(Ids(Find("printer -windows")), ElementsAre("mac"));
  EXPECT_THAT(Ids(Find("printer -\"windows laptop\"")), ElementsAre("mac"));
}

TEST_F(XapianSearch, LastWordIsAPrefixUnlessDisabledOrFollowedBySpace) {
  Index({Doc("a1", "Configuration of the printer")});
  Query query = Ask("printer configur");
  query.prefix_last = true;
  EXPECT_THAT(Ids(Find(query)), ElementsAre("a1"));
  query.min_results = 0;  // no typo correction to "printer"
  query.text = "printe";
  EXPECT_THAT(Ids(Find(query)), ElementsAre("a1"));
  query.text = "printe ";
  EXPECT_THAT(Find(query).hits, IsEmpty());
  query.text = "printe";
  query.prefix_last = false;
  EXPECT_THAT(Find(query).hits, IsEmpty());
}

TEST_F(XapianSearch, StemsFollowTheLanguage) {
  Document english = Doc("en", "Connecting printers");
  Document german = Doc("de", "Häuser und Gärten");
  german.language = "de";
  Document french = Doc("fr", "Les imprimantes connectées");
  french.language = "fr";
  Index({english, german, french});
  // Stems may coincide across languages ("connect"), so only the order is certain.
  EXPECT_EQ(Find("connected printer").hits.at(0).id, "en");
  Query query = Ask("haus");
  query.language = "de";
  EXPECT_THAT(Ids(Find(query)), ElementsAre("de"));
  query = Ask("imprimante connectée");
  query.language = "fr";
  EXPECT_EQ(Find(query).hits.at(0).id, "fr");
}

TEST_F(XapianSearch, StopWordsAreDroppedOutsidePhrases) {
  Index({Doc("a1", "How to reset a password"), Doc("a2", "To be or not to be")});
  // "how" and "to" would otherwise make the full matches fewer.
  const Results results = Find("how to reset the password");
  EXPECT_THAT(Ids(results), ElementsAre("a1"));
  EXPECT_FALSE(results.partial);
  // Only stop words: they are all kept.
  const Results stop_only = Find("to be or not");
  EXPECT_EQ(stop_only.hits.at(0).id, "a2");
  EXPECT_EQ(stop_only.total - (stop_only.partial ? 1 : 0), 1);
  EXPECT_THAT(Ids(Find("\"to be or not to be\"")), ElementsAre("a2"));
}

TEST_F(XapianSearch, CjkTextMatchesByBigrams) {
  Index({Doc("ja", "東京都の天気", "今日は晴れです"), Doc("zh", "北京大学", "中文"),
         Doc("ko", "비밀번호 재설정")});
  EXPECT_THAT(Ids(Find("東京")), ElementsAre("ja"));
  EXPECT_THAT(Ids(Find("京都")), ElementsAre("ja"));
  EXPECT_THAT(Ids(Find("北京大学")), ElementsAre("zh"));
  EXPECT_THAT(Ids(Find("비밀번호")), ElementsAre("ko"));
  EXPECT_THAT(Ids(Find("文")), IsEmpty());  // a lone character is a unigram: only "中文" bigram
}

TEST_F(XapianSearch, MatchingIgnoresCaseAndAccents) {
  Index({Doc("a1", "Café Résumé"), Doc("a2", "NAIVE approach")});
  EXPECT_THAT(Ids(Find("cafe resume")), ElementsAre("a1"));
  EXPECT_THAT(Ids(Find("CAFÉ")), ElementsAre("a1"));
  EXPECT_THAT(Ids(Find("naïve")), ElementsAre("a2"));
}

TEST_F(XapianSearch, UnknownWordIsCorrectedAndSuggested) {
  Index({Doc("a1", "Reset your password"), Doc("a2", "Printer setup")});
  const Results results = Find("pasword");
  EXPECT_EQ(results.did_you_mean, "password");
  EXPECT_TRUE(results.corrected);
  EXPECT_THAT(Ids(results), ElementsAre("a1"));
}

TEST_F(XapianSearch, CorrectionKeepsTheRestOfTheText) {
  Index({Doc("a1", "Reset your password")});
  const Results results = Find("Reset pasword!");
  EXPECT_EQ(results.did_you_mean, "Reset password!");
  EXPECT_TRUE(results.corrected);
  EXPECT_THAT(Ids(results), ElementsAre("a1"));
}

TEST_F(XapianSearch, CleanQueryIsNotCorrected) {
  Index({Doc("a1", "Printer setup"), Doc("a2", "Printers setup"), Doc("a3", "Painter")});
  const Results results = Find("printer");
  EXPECT_EQ(results.did_you_mean, "");
  EXPECT_FALSE(results.corrected);
}

TEST_F(XapianSearch, UnknownWordIsSuggestedButNotUsedWhenResultsSuffice) {
  Index({Doc("a1", "Printer setup"), Doc("a2", "Printer password reset")});
  Query query = Ask("printer pasword");
  query.min_results = 0;  // the partial match of "printer" suffices
  const Results kept = Find(query);
  EXPECT_EQ(kept.did_you_mean, "printer password");
  EXPECT_FALSE(kept.corrected);
  EXPECT_TRUE(kept.partial);
  // With the default min_results (1) the typed text has no full match: use the correction.
  const Results corrected = Find("printer pasword");
  EXPECT_TRUE(corrected.corrected);
  EXPECT_EQ(Ids(corrected).at(0), "a2");
}

TEST_F(XapianSearch, NoSuggestionThatFindsNothing) {
  Index({Doc("a1", "Printer setup"), Doc("a2", "Password reset")});
  const Results results = Find("printer pasword");
  EXPECT_EQ(results.did_you_mean, "");  // "printer password" has no full match either
  EXPECT_FALSE(results.corrected);
}

TEST_F(XapianSearch, EditDistanceDependsOnWordLength) {
  Index({Doc("a1", "Cats and configuration")});
  EXPECT_EQ(Find("cts").did_you_mean, "");                        // 3 letters: never
  EXPECT_EQ(Find("catz").did_you_mean, "cats");                   // 4: distance 1
  EXPECT_EQ(Find("cxtz").did_you_mean, "");                       // 4: not distance 2
  EXPECT_EQ(Find("cunfigurashon").did_you_mean, "");              // distance 3
  EXPECT_EQ(Find("confguratoin").did_you_mean, "configuration");  // 12: distance 2
}

TEST_F(XapianSearch, CorrectionPrefersTheMostFrequentClosestWord) {
  Index({Doc("a1", "laptop"), Doc("a2", "laptop"), Doc("a3", "lapdog")});
  EXPECT_EQ(Find("laptog").did_you_mean, "laptop");
}

TEST_F(XapianSearch, SynonymsExpandWordsAndPhrases) {
  Index({Doc("a1", "Sign in problems"), Doc("a2", "Login problems"), Doc("a3", "Laptop")});
  Query query = Ask("login");
  query.synonyms = {{"login", "sign in", "Log-on"}, {"notebook", "laptop"}};
  EXPECT_THAT(Ids(Find(query)), UnorderedElementsAre("a1", "a2"));
  query.text = "sign in";
  EXPECT_THAT(Ids(Find(query)), UnorderedElementsAre("a1", "a2"));
  query.text = "NOTEBOOK";
  EXPECT_THAT(Ids(Find(query)), ElementsAre("a3"));
}

TEST_F(XapianSearch, SnippetMarksMatchesAroundTheBestRegion) {
  std::string body(300, 'x');
  body = "Intro text. " + std::string(40, ' ') + body +
         " To reset the password open settings and choose reset.";
  Index({Doc("a1", "Password reset", body)});
  Query query = Ask("reset password");
  query.snippet_length = 60;
  const Hit hit = Find(query).hits.at(0);
  EXPECT_THAT(hit.snippet, HasSubstr("<mark>reset</mark> the <mark>password</mark>"));
  EXPECT_TRUE(hit.snippet.starts_with("\u2026")) << hit.snippet;
  EXPECT_EQ(hit.title_html, "<mark>Password</mark> <mark>reset</mark>");
}

TEST_F(XapianSearch, SnippetFallsBackToSummaryAndMarksStems) {
  Document doc = Doc("a1", "Guide", "Nothing relevant here");
  doc.summary = "Connecting printers quickly";
  Index({doc});
  const Hit hit = Find("connect").hits.at(0);
  EXPECT_EQ(hit.snippet, "<mark>Connecting</mark> printers quickly");
}

TEST_F(XapianSearch, SnippetAndTitleEscapeHostileText) {
  Index({Doc("a1", "<script>alert(\"x\")</script> & 'printer'",
             "<img src=x onerror=alert(1)> printer \xff\xfe broken")});
  const Hit hit = Find("printer").hits.at(0);
  EXPECT_THAT(hit.snippet, Not(HasSubstr("<img")));
  EXPECT_THAT(hit.snippet, HasSubstr("&lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_THAT(hit.snippet, HasSubstr("<mark>printer</mark> \uFFFD\uFFFD broken"));
  EXPECT_EQ(
      hit.title_html,
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;<mark>printer</mark>&#39;");
}

}  // namespace
}  // namespace rapport::index
