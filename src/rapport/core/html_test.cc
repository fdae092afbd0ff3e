#include "rapport/core/html.h"

#include <gtest/gtest.h>

namespace rapport::core {
namespace {

TEST(EscapeHtml, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(EscapeHtml("plain café 東京"), "plain café 東京");
}

TEST(EscapeHtml, ReplacesInvalidUtf8AndNul) {
  EXPECT_EQ(EscapeHtml("ok\xff\xc3"), "ok\uFFFD\uFFFD");
  EXPECT_EQ(EscapeHtml(std::string_view("a\0b", 3)), "a\uFFFDb");
  EXPECT_EQ(EscapeHtml("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");  // a surrogate
}

TEST(EscapeHtml, AppendsToWhatIsThere) {
  std::string out = "<b>";
  AppendEscapedHtml(out, "1 < 2");
  EXPECT_EQ(out, "<b>1 &lt; 2");
}

}  // namespace
}  // namespace rapport::core
