#include "rapport/index/xapian/internal/query_parse.h"

#include <gtest/gtest.h>

namespace rapport::index::xapian::internal {
namespace {

TEST(QueryParse, SplitsWordsPhrasesAndExclusions) {
  const ParsedQuery parsed = ParseQuery("reset \"the password\" -mac -\"old guide\" x-y").value();
  ASSERT_EQ(parsed.clauses.size(), 5U);
  EXPECT_TRUE(parsed.clauses[0].IsPlainWord());
  EXPECT_TRUE(parsed.clauses[1].quoted);
  EXPECT_EQ(parsed.clauses[1].tokens.size(), 2U);
  EXPECT_TRUE(parsed.clauses[2].negated);
  EXPECT_TRUE(parsed.clauses[3].negated && parsed.clauses[3].quoted);
  EXPECT_FALSE(parsed.clauses[4].IsPlainWord());  // two tokens: a phrase
  EXPECT_TRUE(parsed.clauses[4].last);
  EXPECT_FALSE(parsed.ends_with_space);
}

TEST(QueryParse, KeepsSpansIntoTheText) {
  const ParsedQuery parsed = ParseQuery("  hello -wörld").value();
  EXPECT_EQ(parsed.clauses[0].tokens[0].begin, 2U);
  EXPECT_EQ(parsed.clauses[1].tokens[0].begin, 9U);
  EXPECT_EQ(parsed.clauses[1].tokens[0].term, "world");
}

TEST(QueryParse, ToleratesStrayQuotesAndDashes) {
  EXPECT_EQ(ParseQuery("\"unclosed phrase").value().clauses.size(), 1U);
  EXPECT_EQ(ParseQuery("- -- \"\" \"").value().clauses.size(), 0U);
  EXPECT_TRUE(ParseQuery("word ").value().ends_with_space);
}

TEST(QueryParse, RejectsTooLongTextButReadsManyWords) {
  EXPECT_EQ(ParseQuery(std::string(kMaxQueryBytes, 'a')).value().clauses.size(), 0U);  // >64
  EXPECT_EQ(ParseQuery(std::string(kMaxQueryBytes + 1, 'a')).error().field(), "q");
  std::string words;
  for (std::size_t i = 0; i <= kMaxQueryClauses; ++i) words += "w ";
  EXPECT_EQ(ParseQuery(words).value().clauses.size(), kMaxQueryClauses + 1);
}

TEST(QueryParse, CapsTokensPerClause) {
  const ParsedQuery parsed = ParseQuery(std::string(60 * 3, 'a')
                                            .replace(0, 180,
                                                     [] {
                                                       std::string cjk;
                                                       for (int i = 0; i < 60; ++i) cjk += "東";
                                                       return cjk;
                                                     }()))
                                 .value();
  EXPECT_EQ(parsed.clauses[0].tokens.size(), kMaxClauseTokens);
}

}  // namespace
}  // namespace rapport::index::xapian::internal
