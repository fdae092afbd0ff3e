#include "rapport/index/xapian/internal/snippet.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rapport/core/html.h"

namespace rapport::index::xapian::internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

MatchSpec Spec(std::string_view words, std::string prefix = {}) {
  MatchSpec spec;
  for (const Token& token : Tokenise(words)) {
    spec.terms.insert(token.term);
    if (!token.cjk) spec.words.push_back(token);
  }
  spec.prefix = std::move(prefix);
  return spec;
}

TEST(Snippet, EscapesHtmlAndReplacesInvalidUtf8) {
  StemmerCache stemmers;
  EXPECT_EQ(
      MakeSnippet("<a href=\"x\">'&'</a> printer\xff", "", "en", Spec("printer"), 200, stemmers),
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; <mark>printer</mark>\uFFFD");
}

TEST(Snippet, ShortTextIsWholeWithMarks) {
  StemmerCache stemmers;
  EXPECT_EQ(MakeSnippet("Reset the password.", "", "en", Spec("password"), 200, stemmers),
            "Reset the <mark>password</mark>.");
}

TEST(Snippet, MarksStemsAccentsAndPrefixes) {
  StemmerCache stemmers;
  EXPECT_EQ(MakeSnippet("Connecting to Café printers", "", "en", Spec("connect cafe", "print"), 200,
                        stemmers),
            "<mark>Connecting</mark> to <mark>Café</mark> <mark>printers</mark>");
}

TEST(Snippet, CutsLongTextAtWordsWithEllipses) {
  StemmerCache stemmers;
  std::string body;
  for (int i = 0; i < 50; ++i) body += "filler ";
  body += "the printer is here ";
  for (int i = 0; i < 50; ++i) body += "filler ";
  const std::string snippet = MakeSnippet(body, "", "en", Spec("printer"), 40, stemmers);
  EXPECT_TRUE(snippet.starts_with("\u2026")) << snippet;
  EXPECT_TRUE(snippet.ends_with("\u2026")) << snippet;
  EXPECT_THAT(snippet, HasSubstr("<mark>printer</mark>"));
  EXPECT_LT(snippet.size(), 80U);
}

TEST(Snippet, PrefersTheRegionWithMoreDistinctWords) {
  StemmerCache stemmers;
  std::string body = "printer. ";
  for (int i = 0; i < 40; ++i) body += "filler ";
  body += "printer network together. ";
  for (int i = 0; i < 40; ++i) body += "filler ";
  const std::string snippet = MakeSnippet(body, "", "en", Spec("printer network"), 40, stemmers);
  EXPECT_THAT(snippet, HasSubstr("<mark>printer</mark> <mark>network</mark>"));
}

TEST(Snippet, NeverSplitsMultibyteCharacters) {
  StemmerCache stemmers;
  std::string body;
  for (int i = 0; i < 100; ++i) body += "é東";
  body += " printer ";
  for (int i = 0; i < 100; ++i) body += "ü語";
  const std::string snippet = MakeSnippet(body, "", "en", Spec("printer"), 30, stemmers);
  // A split character would be invalid UTF-8, which EscapeHtml replaces.
  EXPECT_THAT(core::EscapeHtml(snippet), Not(HasSubstr("\uFFFD")));
  EXPECT_THAT(snippet, HasSubstr("<mark>printer</mark>"));
}

TEST(Snippet, MarksCjkBigramsInTitles) {
  StemmerCache stemmers;
  EXPECT_EQ(MarkTitle("東京の<b>", "ja", Spec("東京"), stemmers), "<mark>東京</mark>の&lt;b&gt;");
}

}  // namespace
}  // namespace rapport::index::xapian::internal
