#include "rapport/kb/html_to_markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace rapport::kb {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

HtmlDocument Convert(std::string_view html, const HtmlConversionOptions& options = {}) {
  auto document = ConvertHtml(html, options);
  EXPECT_TRUE(document.has_value()) << document.error().ToString();
  return document ? std::move(*document) : HtmlDocument{};
}

std::string Md(std::string_view html, const HtmlConversionOptions& options = {}) {
  return Convert(html, options).markdown;
}

// Keeps every link and image as written, to see what the converter passes.
HtmlConversionOptions KeepAll() {
  HtmlConversionOptions options;
  options.link = [](std::string_view href) { return std::string(href); };
  options.image = [](std::string_view src) { return std::string(src); };
  return options;
}

// Renders Markdown as the knowledge base does: cmark-gfm with its table, strikethrough and
// autolink extensions, raw HTML not allowed.
std::string RenderGfm(std::string_view markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* document = cmark_parser_finish(parser);
  char* html =
      cmark_render_html(document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
  std::string out(html);
  cmark_get_default_mem_allocator()->free(html);
  cmark_node_free(document);
  cmark_parser_free(parser);
  return out;
}

std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// The text a reader sees in cmark's HTML: tags removed (as spaces), its five escapes decoded,
// white space collapsed.
std::string VisibleText(std::string_view html) {
  std::string out;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<') {
      const std::size_t end = html.find('>', i);
      const std::string_view tag = html.substr(i, end - i + 1);
      // Inline tags do not separate words; block tags and <br> do.
      const bool inline_tag = tag.starts_with("<strong") || tag.starts_with("</strong") ||
                              tag.starts_with("<em") || tag.starts_with("</em") ||
                              tag.starts_with("<code") || tag.starts_with("</code") ||
                              tag.starts_with("<del") || tag.starts_with("</del") ||
                              tag.starts_with("<a ") || tag.starts_with("</a");
      if (!inline_tag) out.push_back(' ');
      i = end;
      continue;
    }
    if (html[i] == '&') {
      static const std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool decoded = false;
      for (const auto& [entity, c] : kEntities) {
        if (html.substr(i).starts_with(entity)) {
          out.push_back(c);
          i += entity.size() - 1;
          decoded = true;
          break;
        }
      }
      if (decoded) continue;
    }
    out.push_back(html[i]);
  }
  return Collapse(out);
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// --- The page.

TEST(ConvertHtml, ReadsTitleLanguageAndKeywords) {
  const HtmlDocument doc = Convert(R"html(<!DOCTYPE html><html lang="en-US"><head>
      <title>  Font
        settings </title>
      <meta name="Keywords" content="fonts, formats ,, fonts">
      <meta name="description" content="not, keywords">
    </head><body><p>Text</p>
      <meta itemprop="keywords" content="formats, typefaces">
    </body></html>)html");
  EXPECT_EQ(doc.title, "Font settings");
  EXPECT_EQ(doc.language, "en-US");
  EXPECT_THAT(doc.keywords, ElementsAre("fonts", "formats", "typefaces"));
  EXPECT_EQ(doc.markdown, "Text\n");
}

TEST(ConvertHtml, TitleFallsBackToTheFirstHeadingWhichIsNotRepeated) {
  const HtmlDocument doc = Convert("<body><h1> Getting <em>started</em></h1><p>Body</p></body>");
  EXPECT_EQ(doc.title, "Getting started");
  EXPECT_EQ(doc.markdown, "Body\n");
  EXPECT_THAT(doc.language, IsEmpty());
  EXPECT_THAT(doc.keywords, IsEmpty());
}

TEST(ConvertHtml, DropsTheLeadingH1OnlyWhenItIsTheTitle) {
  // The same text as <title>: shown separately, so left out.
  EXPECT_EQ(Md("<title>Fonts</title><a name='x'></a><h1 id='h'>Fonts</h1><p>a</p>"), "a\n");
  // A different text, or not first, or not an h1: kept.
  EXPECT_EQ(Md("<title>Fonts</title><h1>Other</h1><p>a</p>"), "# Other\n\na\n");
  EXPECT_EQ(Md("<title>Fonts</title><p>a</p><h1>Fonts</h1>"), "a\n\n# Fonts\n");
  const HtmlDocument h2 = Convert("<h2>Sub</h2><p>a</p>");
  EXPECT_EQ(h2.title, "Sub");
  EXPECT_EQ(h2.markdown, "## Sub\n\na\n");
}

TEST(ConvertHtml, ConvertsTheContentRoot) {
  const char* page = R"html(<body><header><h1>Site</h1></header><nav><a href="/">Home</a></nav>
      <main><p>main</p></main><div id="DisplayArea"><p>display</p></div>
      <article><p>article</p></article><footer>(c)</footer></body>)html";
  EXPECT_EQ(Md(page), "display\n");
  EXPECT_EQ(Md("<body><p>x</p><article><p>a</p></article><main><p>m</p></main></body>"), "m\n");
  EXPECT_EQ(Md("<body><p>x</p><article><p>a</p></article></body>"), "a\n");
  EXPECT_EQ(Md("<body><header>h</header><p>x</p><aside>side</aside></body>"), "x\n");
  EXPECT_EQ(Md("just text"), "just text\n");
}

TEST(ConvertHtml, LeavesOutScriptsFormsAndHiddenContent) {
  const std::string md = Md(R"html(<p>a<script>alert(1)</script><style>p{}</style>b</p>
      <noscript>enable js</noscript><template><p>t</p></template>
      <form><input value="v"><button>Go</button><select><option>o</option></select>
        <textarea>area</textarea></form>
      <iframe src="x">frame</iframe><object>obj</object><svg><text>vector</text></svg>
      <canvas>c</canvas><p hidden>secret</p><span hidden="true">also secret</span><p>c</p>)html");
  EXPECT_EQ(md, "ab\n\nc\n");
}

// --- Blocks.

TEST(ConvertHtml, WritesHeadingsAndParagraphs) {
  EXPECT_EQ(Md("<p>one</p><h2>Two</h2><div>three<div>four</div>five</div><h6>six</h6>"),
            "one\n\n## Two\n\nthree\n\nfour\n\nfive\n\n###### six\n");
  EXPECT_EQ(Md("<p>  lots   of\n\t white\r\nspace </p><p></p><div> </div><p>x</p>"),
            "lots of white space\n\nx\n");
  // A heading's closing #s are escaped; a heading holds one line.
  EXPECT_EQ(Md("<p>x</p><h2>C# #</h2><h3>a<br>b</h3><h4> </h4>"), "x\n\n## C# \\#\n\n### a b\n");
}

TEST(ConvertHtml, WritesHardLineBreaksOnlyBetweenText) {
  EXPECT_EQ(Md("<p><br>one<br>two<br><br>three <br> four<br></p>"),
            "one\\\ntwo\\\nthree\\\nfour\n");
  EXPECT_EQ(Md("<div>a</div><br><div>b</div>"), "a\n\nb\n");
  // After a break, a line starts: what would start a block there is escaped.
  EXPECT_EQ(Md("<p>a<br>- b<br># c<br>1. d<br>=== </p>"),
            "a\\\n\\- b\\\n\\# c\\\n1\\. d\\\n\\===\n");
}

TEST(ConvertHtml, WritesLists) {
  EXPECT_EQ(Md("<ul><li>one</li><li>two<ul><li>nested</li></ul></li><li></li></ul>"),
            "- one\n- two\n  - nested\n");
  EXPECT_EQ(Md("<ol start='9'><li>nine</li><li><p>ten</p><p>more</p></li></ol>"),
            "9. nine\n10. ten\n\n    more\n");
  EXPECT_EQ(Md("<ol start='3'><li>a<ol start='2'><li>b</li></ol></li></ol>"), "3. a\n\n   2. b\n");
  EXPECT_EQ(Md("<ol start='junk'><li>a</li></ol>"), "0. a\n");
  // Adjacent lists stay apart; a rule at the start of an item stays a rule.
  EXPECT_EQ(Md("<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol><ol><li>d</li></ol>"),
            "- a\n\n* b\n\n1. c\n\n1) d\n");
  EXPECT_EQ(Md("<ul><li><hr>x</li></ul>"), "- ___\n\n  x\n");
  // A list written directly inside a list belongs to the item before it.
  EXPECT_EQ(Md("<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>"), "- a\n  - b\n- c\n");
  EXPECT_EQ(Md("<li>loose item</li>"), "loose item\n");
}

TEST(ConvertHtml, WritesBlockquotes) {
  EXPECT_EQ(Md("<blockquote><p>a</p><p>b</p><blockquote>c</blockquote></blockquote>"),
            "> a\n>\n> b\n>\n> > c\n");
  EXPECT_EQ(Md("<blockquote> </blockquote><p>x</p>"), "x\n");
  EXPECT_EQ(Md("<ul><li><blockquote><pre>x\n\ny</pre></blockquote></li></ul>"),
            "- > ```\n  > x\n  >\n  > y\n  > ```\n");
}

TEST(ConvertHtml, WritesFencedCodeBlocks) {
  EXPECT_EQ(Md("<pre dir='auto'><code class='language-visual-basic line-numbers'>\n"
               "        Dim x\r\n        x = 1\n    </code></pre>"),
            "```visual-basic\n        Dim x\n        x = 1\n```\n");
  EXPECT_EQ(Md("<pre class='lang-c++'>a ``` b<br>&lt;tag&gt;</pre>"),
            "````c++\na ``` b\n<tag>\n````\n");
  EXPECT_EQ(Md("<pre>  \n\n</pre><pre><b>bold</b> *x*</pre>"), "```\nbold *x*\n```\n");
  EXPECT_EQ(Md("<pre class='language-x`y'>z</pre>"), "```xy\nz\n```\n");
}

TEST(ConvertHtml, WritesTables) {
  EXPECT_EQ(Md(R"html(<table border="1" class=""><tr><th>Name</th><th>Value</th></tr>
      <tr><td><p>a|b</p></td><td>=B6*0.15</td></tr><tr><td>only</td></tr></table>)html"),
            "| Name | Value |\n| --- | --- |\n| a\\|b | =B6\\*0.15 |\n| only |  |\n");
  // Without th the first row is the header anyway; thead/tbody/tfoot in order.
  EXPECT_EQ(Md("<table><thead><tr><td>h</td></tr></thead><tbody><tr><td>b<br>c</td></tr></tbody>"
               "<tfoot><tr><td>f</td></tr></tfoot></table>"),
            "| h |\n| --- |\n| b c |\n| f |\n");
  EXPECT_EQ(Md("<table><caption>Cap</caption><tr><td colspan='2'>wide</td><td>x</td></tr>"
               "<tr><td><code>a|b</code></td><td><table><tr><td>in</td><td>ner</td></tr></table>"
               "</td></tr></table>"),
            "Cap\n\n| wide |  | x |\n| --- | --- | --- |\n| `a\\|b` | in ner |  |\n");
  EXPECT_EQ(Md("<table><tr><td> </td></tr></table><p>x</p>"), "x\n");
}

TEST(ConvertHtml, WritesDefinitionListsAndRules) {
  EXPECT_EQ(Md("<dl><dt>Term</dt><dd>Meaning <i>here</i></dd><dt></dt></dl><hr><p>x</p>"),
            "**Term**\n\nMeaning *here*\n\n---\n\nx\n");
}

// --- Inline content.

TEST(ConvertHtml, WritesInlineFormatting) {
  EXPECT_EQ(Md("<p><b>bold</b> <strong>strong</strong> <i>it</i> <em>em</em> <s>gone</s></p>"),
            "**bold** **strong** *it* *em* ~~gone~~\n");
  EXPECT_EQ(Md("<p>a<b> spaced </b>b<em></em>c</p>"), "a **spaced** bc\n");
  EXPECT_EQ(Md("<p><b>a<b>b</b></b><b>c</b> <i>x</i><i>y</i></p>"), "**abc** *xy*\n");
  EXPECT_EQ(Md("<p><code>x</code> <kbd>Ctrl</kbd>+<samp>s</samp> <tt>a`b</tt> <code>`x</code></p>"),
            "`x` `Ctrl`+`s` ``a`b`` `` `x ``\n");
  EXPECT_EQ(Md("<p>call<code> f() </code>now</p>"), "call `f()` now\n");
  EXPECT_EQ(Md("<p>\xE2\x80\x9C<b>Save</b>\xE2\x80\x9D \xC2\xAB<i>x</i>\xC2\xBB</p>"),
            "\xE2\x80\x9C**Save**\xE2\x80\x9D \xC2\xAB*x*\xC2\xBB\n");
  // Emphasis that CommonMark would not read as such, or might pair differently (a run that
  // could both open and close, as inside a word), is left out, keeping the text.
  EXPECT_EQ(Md("<p>a<b>(b)</b> c<b>d.</b>e</p>"), "a(b) cd.e\n");
}

TEST(ConvertHtml, WritesLinksThroughThePolicy) {
  EXPECT_EQ(Md(R"html(<p><a href="https://example.com/a?b=1" title="t">site</a>
      <a href="mailto:x@example.com">mail</a> <a href="#part">here</a>
      <a href="other.html">rel</a> <a href="javascript:alert(1)">js</a>
      <a href="https://example.com/e"></a><a href="https://example.com/i"><img src="https://example.com/i.png" alt="pic"></a></p>)html"),
            "[site](https://example.com/a?b=1) [mail](mailto:x@example.com) [here](#part) rel "
            "js [![pic](https://example.com/i.png)](https://example.com/i)\n");
}

TEST(ConvertHtml, PassesHrefsJoinedWithTheBase) {
  std::vector<std::string> seen;
  HtmlConversionOptions options;
  options.link = [&](std::string_view href) -> std::optional<std::string> {
    seen.emplace_back(href);
    std::string scheme(href.substr(0, href.find(':')));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (scheme == "javascript") return std::nullopt;
    return "/kb/" + std::string(href);
  };
  options.image = [&](std::string_view src) -> std::optional<std::string> {
    seen.emplace_back(src);
    return std::nullopt;
  };
  const std::string md = Md(R"html(<head><base href="../../../../"></head><body><p>
      <a href=" en-US/text/shared/01/05020100.html ">Font</a>
      <a href="https://x.org/">abs</a> <a href="/root">root</a> <a href="#frag">frag</a>
      <a href="JavaScript:alert(1)">js</a> <img src="media/helpimg/note.svg" alt="note"></p></body>)html",
                            options);
  EXPECT_THAT(
      seen, ElementsAre("../../../../en-US/text/shared/01/05020100.html", "https://x.org/", "/root",
                        "#frag", "JavaScript:alert(1)", "../../../../media/helpimg/note.svg"));
  EXPECT_EQ(md,
            "[Font](/kb/../../../../en-US/text/shared/01/05020100.html) [abs](/kb/https://x.org/) "
            "[root](/kb//root) [frag](/kb/#frag) js note\n");
}

TEST(ConvertHtml, CallsThePolicyOncePerUrl) {
  int links = 0;
  int images = 0;
  HtmlConversionOptions options;
  options.link = [&](std::string_view href) -> std::optional<std::string> {
    ++links;
    return std::string(href);
  };
  options.image = [&](std::string_view) -> std::optional<std::string> {
    ++images;
    return std::nullopt;
  };
  // The emphasis inside a word is left out, which takes a second pass over the page.
  EXPECT_EQ(Md("<p><a href='a'>x</a> <a href='a'>y</a> <a href='b'></a> a<b>b</b>c "
               "<img src='i' alt='1'><img src='i' alt='2'></p>",
               options),
            "[x](a) [y](a) abc 12\n");
  EXPECT_EQ(links, 2);
  EXPECT_EQ(images, 1);
}

TEST(ConvertHtml, WritesDestinationsThatReadBackExactly) {
  EXPECT_EQ(
      Md(R"html(<p><a href="a b(c)&lt;d&gt;\e">x</a> <a href="f(g)">y</a> <a href="">z</a></p>)html",
         KeepAll()),
      "[x](<a b(c)\\<d\\>\\\\e>) [y](f\\(g\\)) [z]()\n");
  const std::string rendered = RenderGfm(Md(R"html(<p><a href="a b(c)">x</a></p>)html", KeepAll()));
  EXPECT_THAT(rendered, HasSubstr(R"html(href="a%20b(c)")html"));
}

TEST(ConvertHtml, WritesImagesThroughThePolicy) {
  EXPECT_EQ(
      Md(R"html(<p><img src="https://e.com/a.png" alt="A [b]"> <img src="media/x.png" alt="local">
      <img src="data:image/png;base64,AAAA" alt=""><img alt="no src"></p>)html"),
      "![A \\[b\\]](https://e.com/a.png) local no src\n");
  EXPECT_EQ(Md(R"html(<p><img src="media/x.png" alt="local"></p>)html", KeepAll()),
            "![local](media/x.png)\n");
}

TEST(ConvertHtml, EscapesTextSoItRendersLiterally) {
  EXPECT_EQ(Md("<p>*a* _b_ `c` [d](e) &lt;f&gt; \\ | ~g~ &amp;amp; &amp;#35; AT&amp;T now</p>"),
            "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f> \\\\ \\| \\~g\\~ \\&amp; \\&#35; AT&T now\n");
  // Bare URLs and addresses stay text: GFM would autolink them with the escapes showing.
  EXPECT_EQ(Md("<p>see https://e.com/a_b or www.e.com or me@e.com</p>"),
            "see https\\://e.com/a\\_b or www\\.e.com or me\\@e.com\n");
  EXPECT_EQ(Md("<p># not a heading</p><p>- not a list</p><p>+ no</p><p>2024. year</p>"
               "<p>&gt; no quote</p><p>-5 degrees</p>"),
            "\\# not a heading\n\n\\- not a list\n\n\\+ no\n\n2024\\. year\n\n\\> no quote\n\n"
            "-5 degrees\n");
  EXPECT_EQ(Md("<p>Wow!<a href='https://e.com'>link</a></p>"), "Wow\\![link](https://e.com)\n");
}

// Random text from the characters that matter to Markdown, in every context, must render as
// exactly that text.
TEST(ConvertHtml, GeneratedTextRendersLiterallyInEveryContext) {
  static const std::vector<std::string> kPieces = {"*",
                                                   "**",
                                                   "_",
                                                   "`",
                                                   "``",
                                                   "#",
                                                   "# ",
                                                   "-",
                                                   "- ",
                                                   "+ ",
                                                   "=",
                                                   "===",
                                                   ":",
                                                   ":-",
                                                   "1.",
                                                   "2)",
                                                   "[",
                                                   "]",
                                                   "(",
                                                   ")",
                                                   "![",
                                                   "!",
                                                   "<",
                                                   ">",
                                                   "> ",
                                                   "&",
                                                   "&amp;",
                                                   "&copy;",
                                                   "&#35;",
                                                   "|",
                                                   "~",
                                                   "~~",
                                                   "\\",
                                                   "\\*",
                                                   " ",
                                                   "  ",
                                                   "\n",
                                                   "a",
                                                   "b",
                                                   "x1",
                                                   "\xC3\xA9",
                                                   "\xC2\xA0",
                                                   "---",
                                                   "***",
                                                   "<b>",
                                                   "www.e.com",
                                                   "http://e.com/",
                                                   "{",
                                                   "}",
                                                   "\"",
                                                   "'",
                                                   "$",
                                                   "%",
                                                   "^",
                                                   "@",
                                                   ".",
                                                   ","};
  const std::vector<std::pair<std::string, std::string>> kContexts = {
      {"<p>", "</p>"},
      {"<p>x<br>", "</p>"},
      {"<p><b>", "</b></p>"},
      {"<p>a<i>", "</i>b</p>"},
      {"<p><s>", "</s></p>"},
      {"<p><a href='https://e.com/'>", "</a></p>"},
      {"<h2>", "</h2>"},
      {"<ul><li>", "</li></ul>"},
      {"<ol><li>", "</li></ol>"},
      {"<blockquote>", "</blockquote>"},
      {"<table><tr><th>h</th><td>", "</td><td>z</td></tr></table>"},
      {"<p><code>", "</code></p>"},
  };
  std::mt19937 random(42);
  auto uniform = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const int pieces = 1 + uniform(8);
    for (int i = 0; i < pieces; ++i)
      text += kPieces[static_cast<std::size_t>(uniform(static_cast<int>(kPieces.size())))];
    const auto& [open, close] = kContexts[static_cast<std::size_t>(round) % kContexts.size()];
    const std::string html = open + EscapeHtml(text) + close;
    const std::string markdown = Md(html);
    const std::string rendered = RenderGfm(markdown);
    // What a browser shows of the HTML: the context's own text around the generated one.
    std::string before;
    std::string after;
    if (open.starts_with("<p>x")) before = "x ";
    if (open.starts_with("<p>a")) {
      before = "a";
      after = "b";
    }
    if (open.starts_with("<table")) {
      before = "h ";
      after = " z";
    }
    const std::string expected = Collapse(before + text + after);
    const std::string seen = VisibleText(rendered);
    EXPECT_EQ(seen, expected) << "html: " << html << "\nmarkdown: " << markdown
                              << "\nrendered: " << rendered;
    EXPECT_THAT(rendered, Not(HasSubstr("<b>"))) << markdown;
    if (::testing::Test::HasFailure()) break;
  }
}

// Random inline markup around random text: whatever emphasis CommonMark cannot take is left
// out, but the text a reader sees is always the HTML's.
TEST(ConvertHtml, GeneratedInlineMarkupRendersItsText) {
  static const std::vector<std::string> kTexts = {"a",
                                                  "b c",
                                                  " ",
                                                  ".",
                                                  "(x)",
                                                  "*",
                                                  "_",
                                                  "!",
                                                  "[",
                                                  "]",
                                                  "`",
                                                  "\\",
                                                  "1.",
                                                  "-",
                                                  "#",
                                                  "x_y",
                                                  "\xC3\xA9",
                                                  "\xC2\xA0",
                                                  "~",
                                                  "|",
                                                  "&lt;",
                                                  "&amp;",
                                                  "http://e.com",
                                                  "\xE2\x80\x9C",
                                                  "\xE2\x80\x94",
                                                  "\xC2\xAB",
                                                  "\xE3\x80\x81",
                                                  "\xE2\x80\x83"};
  static const std::vector<std::pair<std::string, std::string>> kElements = {
      {"<b>", "</b>"},
      {"<strong>", "</strong>"},
      {"<i>", "</i>"},
      {"<em>", "</em>"},
      {"<s>", "</s>"},
      {"<code>", "</code>"},
      {"<span>", "</span>"},
      {"<a href='https://e.com/'>", "</a>"},
      {"<a href='x.html'>", "</a>"}};
  std::mt19937 random(7);
  auto uniform = [&](std::size_t n) {
    return static_cast<std::size_t>(
        std::uniform_int_distribution<int>(0, static_cast<int>(n) - 1)(random));
  };
  for (int round = 0; round < 3000; ++round) {
    std::string html;
    std::string text;
    std::vector<std::string> open;  // closing tags, innermost last
    const int steps = 1 + static_cast<int>(uniform(12));
    for (int step = 0; step < steps; ++step) {
      const std::size_t choice = uniform(4);
      if (choice == 0 && open.size() < 4) {
        const auto& [start, end] = kElements[uniform(kElements.size())];
        // Code holds text only, and links do not nest.
        if (!open.empty() && open.back() == "</code>") continue;
        if (start.starts_with("<a") && std::find(open.begin(), open.end(), "</a>") != open.end()) {
          continue;
        }
        html += start;
        open.push_back(end);
      } else if (choice == 1 && !open.empty()) {
        html += open.back();
        open.pop_back();
      } else if (choice == 2 && uniform(4) == 0) {
        html += "<br>";
        text += " ";
      } else {
        const std::string& piece = kTexts[uniform(kTexts.size())];
        html += piece;
        text += piece == "&amp;" ? "&" : (piece == "&lt;" ? "<" : piece);
      }
    }
    while (!open.empty()) {
      html += open.back();
      open.pop_back();
    }
    const std::string markdown = Md("<p>" + html + "</p>");
    const std::string rendered = RenderGfm(markdown);
    EXPECT_EQ(VisibleText(rendered), Collapse(text))
        << "html: " << html << "\nmarkdown: " << markdown << "\nrendered: " << rendered;
    if (::testing::Test::HasFailure()) break;
  }
}

// --- Hostile and broken input.

TEST(ConvertHtml, NeverEmitsMarkupFromHostilePages) {
  const std::string md = Md(R"html(<p onclick="x()">Hi<img src="x" onerror="alert(1)" alt="">
      <a href="javascript:alert(1)">click</a><a href="vbscript:x">vb</a>
      <a href=" JAVASCRIPT:alert(1)">upper</a><a href="data:text/html,<script>">data</a>
      <script>document.write('<b>x</b>')</script><iframe src="javascript:1"></iframe></p>
      <p>&lt;script&gt;alert(1)&lt;/script&gt;</p>)html");
  EXPECT_EQ(md, "Hi clickvb upperdata\n\n\\<script>alert(1)\\</script>\n");
  EXPECT_THAT(RenderGfm(md), Not(HasSubstr("<script")));
}

TEST(ConvertHtml, RefusesInputOverTheLimit) {
  HtmlConversionOptions options;
  options.max_bytes = 100;
  const auto result = ConvertHtml(std::string(101, 'x'), options);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code(), core::ErrorCode::kTooLarge);
  EXPECT_TRUE(ConvertHtml(std::string(100, 'x'), options).has_value());
  const auto big = ConvertHtml(std::string((std::size_t{8} << 20) + 1, 'x'));
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().code(), core::ErrorCode::kTooLarge);
}

TEST(ConvertHtml, RefusesInputWithoutHtml) {
  for (std::string_view empty : {std::string_view(""), std::string_view(" \n\t ")}) {
    const auto result = ConvertHtml(empty);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code(), core::ErrorCode::kInvalidArgument);
  }
}

std::string Nested(std::string_view open, std::string_view close, int depth,
                   std::string_view inner) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += open;
  out += inner;
  for (int i = 0; i < depth; ++i) out += close;
  return out;
}

TEST(ConvertHtml, SurvivesDeepNesting) {
  struct Pattern {
    std::string open;
    std::string close;
    int levels;  // within libxml2's limit of 256 elements, beyond the walk's 64
  };
  for (const Pattern& p : std::vector<Pattern>{{"<div>", "</div>", 240},
                                               {"<blockquote>", "</blockquote>", 240},
                                               {"<ul><li>", "</li></ul>", 120},
                                               {"<ol><li><p>", "</p></li></ol>", 80},
                                               {"<b><i>", "</i></b>", 120},
                                               {"<table><tr><td>", "</td></tr></table>", 80},
                                               {"<a href='https://e.com'>", "</a>", 240},
                                               {"<span>", "</span>", 240}}) {
    const auto deep = ConvertHtml(Nested(p.open, p.close, p.levels, "deep text"));
    ASSERT_TRUE(deep.has_value()) << p.open;
    EXPECT_THAT(deep->markdown, HasSubstr("deep text")) << p.open;
    // libxml2 stops reading at its limit; what came before stays.
    const auto huge = ConvertHtml("<p>before</p>" + Nested(p.open, p.close, 100000, "x"));
    ASSERT_TRUE(huge.has_value()) << p.open;
    EXPECT_THAT(huge->markdown, HasSubstr("before")) << p.open;
    EXPECT_TRUE(ConvertHtml(Nested(p.open, "", 100000, "x")).has_value()) << p.open;
  }
  // Quote and list markers stop at 16 levels; the text stays.
  std::string sixteen;
  for (int i = 0; i < 16; ++i) sixteen += "> ";
  EXPECT_EQ(Md(Nested("<blockquote>", "</blockquote>", 40, "q")), sixteen + "q\n");
  const std::string lists = Md(Nested("<ul><li>", "</li></ul>", 40, "l"));
  std::string markers;
  for (int i = 0; i < 16; ++i) markers += "- ";
  EXPECT_EQ(lists, markers + "l\n");
}

TEST(ConvertHtml, RepairsMalformedHtml) {
  EXPECT_EQ(Md("<p>one<p>two <b>bold <i>both</b> italic</i></p></div></span>"),
            "one\n\ntwo **bold *both*** italic\n");
  EXPECT_EQ(Md("<ul><li>a<li>b</ul><table><tr><td>c<td>d</table>"),
            "- a\n- b\n\n| c | d |\n| --- | --- |\n");
  EXPECT_EQ(Md("<p>a<!-- comment -->b<?pi x?></p><p>unclosed <a href='https://e.com'>link"),
            "ab\n\nunclosed [link](https://e.com)\n");
  for (const char* junk : {"<<<>>><p attr='x>y</p>", "</p></p><p <p>>", "<![CDATA[<b>x</b>]]>",
                           "<p>a</b></i></a></li></ul></table>b", "<ta<ble><tr>x"}) {
    const auto result = ConvertHtml(junk);
    ASSERT_TRUE(result.has_value()) << junk;
    const std::string rendered = RenderGfm(result->markdown);
    EXPECT_THAT(rendered, Not(HasSubstr("<b>"))) << junk;
    EXPECT_THAT(rendered, Not(HasSubstr("<blockquote>"))) << junk;
  }
}

TEST(ConvertHtml, DecodesEntitiesAndCharsets) {
  EXPECT_EQ(Md("<p>&eacute;&nbsp;&#233;&#xE9; &copy; &amp;c &nosuch; &lt;</p>"),
            "\xC3\xA9\xC2\xA0\xC3\xA9\xC3\xA9 \xC2\xA9 &c \\&nosuch; \\<\n");
  // Latin-1 declared in a meta element, either way.
  EXPECT_EQ(Md("<html><head><meta charset=\"ISO-8859-1\"></head><body><p>Zo\xEB caf\xE9</p>"),
            "Zo\xC3\xAB caf\xC3\xA9\n");
  EXPECT_EQ(Md("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
               "<title>T\xEAte</title><p>\xE0 bient\xF4t</p>"),
            "\xC3\xA0 bient\xC3\xB4t\n");
  // Undeclared bytes that are not UTF-8 still give valid UTF-8.
  const HtmlDocument broken = Convert("<title>\xFF\xFE</title><p>ok \xC3\x28 \xED\xA0\x80</p>");
  for (const std::string& s : {broken.title, broken.markdown}) {
    const std::string rendered = RenderGfm(s);  // cmark validates and would replace bad bytes
    EXPECT_THAT(rendered, Not(HasSubstr("\xFF")));
  }
}

// --- LibreOffice help pages.

// The shape of a LibreOffice help page (written for this test, not copied).
constexpr const char* kHelpPage = R"html(<!DOCTYPE html>
<html lang="en-US" dir="ltr">
<head>
<base href="../../../../">
<noscript><meta http-equiv="refresh" content="0; URL=../../../../en-US/noscript.html"></noscript>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Paragraph Spacing </title>
<script type="text/javascript" src="help.js" defer></script>
</head>
<body>
<header id="TopLeftHeader"><a class="logo" href="en-US/text/shared/05/new_help.html"><p>Help</p></a>
<div class="dropdowns"><button type="button" onclick="setupModules('en-US');">Module</button><nav id="modules-nav"></nav></div></header>
<aside class="leftside"><div id="Index"><input id="search-bar" type="search"></div></aside>
<div id="DisplayArea" itemprop="softwareHelp" itemscope="true">
<a name="bm_id1"></a><meta itemprop="keywords" content="paragraphs, spacing">
<meta itemprop="keywords" content="spacing, paragraphs">
<a name="spacing"></a>
<h1 id="hd_id1" dir="auto">Paragraph Spacing</h1>
<p id="par_id1" class="paragraph" dir="auto"><span class="avis">Sets the space above a paragraph.</span></p>
<a name="howtoget"></a><div class="howtoget"><div><p class="howtogetheader" dir="auto">To access this command...</p></div>
<div class="howtogetbody"><div class="embedded"><p class="paragraph">Choose <span class="emph">Format - Paragraph</span>.</p>
<span class="switch"><span hidden="true" class="CALC"><p>Only in Calc.</p></span></span></div></div></div>
<br>
<div class="note">
<div class="noteicon" dir="auto"><img src="media/icon-themes/res/helpimg/note.svg" alt="note" style="width:40px;height:40px;"></div>
<div class="notetext"><p dir="auto">Values are in <a target="_top" href="en-US/text/shared/optionen/01040200.html">the unit</a> you set.</p></div>
</div>
<br>
<table border="1" class="" cellpadding="0" cellspacing="0">
<tr><th class="tableheadcell"><p class="tableheadintable">Key</p></th><th><p>Effect</p></th></tr>
<tr><td><p class="paragraphintable"><span class="keycode">Ctrl+1</span></p></td><td><p>Single spacing</p></td></tr>
</table>
<h2 id="hd_id2" dir="auto">Above paragraph</h2>
<ul itemprop="Unordered"><li><p class="listitem">Enter a value.</p></li><li><p class="listitem">Or none.</p></li></ul>
<pre dir="auto"><code class="language-visual-basic line-numbers">
    Sub Example
        MsgBox "Hi"
    End Sub
</code></pre>
<div class="relatedtopics"><p class="related"><a name="related"></a><span class="emph">Related Topics</span></p>
<div class="relatedbody"><p class="paragraph"><a target="_top" href="en-US/text/swriter/01/05030100.html">Indents</a></p></div></div>
</div>
<div id="DonationFrame"></div>
<footer><h3 class="bug">Help content debug info:</h3><p>This page is: <a href="https://opengrok.libreoffice.org/x">x</a></p></footer>
</body>
</html>
)html";

TEST(ConvertHtml, ConvertsALibreOfficeHelpPage) {
  std::vector<std::string> links;
  HtmlConversionOptions options;
  options.link = [&](std::string_view href) -> std::optional<std::string> {
    links.emplace_back(href);
    return std::string(href.substr(href.rfind('/') + 1));
  };
  options.image = [](std::string_view src) -> std::optional<std::string> {
    return "/attachments/" + std::string(src.substr(src.rfind('/') + 1));
  };
  const HtmlDocument doc = Convert(kHelpPage, options);
  EXPECT_EQ(doc.title, "Paragraph Spacing");
  EXPECT_EQ(doc.language, "en-US");
  EXPECT_THAT(doc.keywords, ElementsAre("paragraphs", "spacing"));
  EXPECT_THAT(links, ElementsAre("../../../../en-US/text/shared/optionen/01040200.html",
                                 "../../../../en-US/text/swriter/01/05030100.html"));
  EXPECT_EQ(doc.markdown,
            "Sets the space above a paragraph.\n"
            "\n"
            "To access this command...\n"
            "\n"
            "Choose Format - Paragraph.\n"
            "\n"
            "![note](/attachments/note.svg)\n"
            "\n"
            "Values are in [the unit](01040200.html) you set.\n"
            "\n"
            "| Key | Effect |\n"
            "| --- | --- |\n"
            "| Ctrl+1 | Single spacing |\n"
            "\n"
            "## Above paragraph\n"
            "\n"
            "- Enter a value.\n"
            "- Or none.\n"
            "\n"
            "```visual-basic\n"
            "    Sub Example\n"
            "        MsgBox \"Hi\"\n"
            "    End Sub\n"
            "```\n"
            "\n"
            "Related Topics\n"
            "\n"
            "[Indents](05030100.html)\n");
  // With the default policy, relative links and images keep their text only.
  EXPECT_THAT(Md(kHelpPage), HasSubstr("note\n\nValues are in the unit you set.\n"));
}

// Converts every LibreOffice help page when they are installed (see the task notes: the
// en-US help unpacked under /tmp/lohelp); skipped elsewhere.
TEST(ConvertHtml, ConvertsEveryInstalledLibreOfficeHelpPage) {
  const std::filesystem::path root = "/tmp/lohelp/x/usr/share/libreoffice/help/en-US/text";
  if (!std::filesystem::is_directory(root)) GTEST_SKIP() << root << " is absent";
  std::vector<std::pair<std::string, std::string>> pages;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".html") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    pages.emplace_back(entry.path().string(), content.str());
  }
  std::sort(pages.begin(), pages.end());
  ASSERT_FALSE(pages.empty());
  const HtmlConversionOptions options = KeepAll();
  std::vector<double> seconds;
  std::vector<std::string> first;
  for (int run = 0; run < 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::string> markdown;
    for (const auto& [path, html] : pages) {
      const auto doc = ConvertHtml(html, options);
      ASSERT_TRUE(doc.has_value()) << path << ": " << doc.error().ToString();
      // One page (shared/05/00000100.html) has an empty <title> and no heading at all.
      EXPECT_TRUE(!doc->title.empty() || html.find("<title></title>") != std::string::npos) << path;
      markdown.push_back(doc->markdown);
    }
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (run == 0) {
      first = std::move(markdown);
    } else {
      for (std::size_t i = 0; i < pages.size(); ++i) {
        EXPECT_EQ(markdown[i], first[i]) << pages[i].first << " converts differently";
      }
    }
  }
  std::sort(seconds.begin(), seconds.end());
  std::printf("converted %zu LibreOffice help pages: median %.3f s of 3 runs\n", pages.size(),
              seconds[1]);
}

}  // namespace
}  // namespace rapport::kb
