#include "rapport/kb/markdown.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace rapport::kb {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

std::string Repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

RenderedMarkdown Render(std::string_view markdown, const LinkTargets& targets = {}) {
  auto rendered = RenderMarkdown(markdown, targets);
  EXPECT_TRUE(rendered.has_value()) << rendered.error().ToString();
  return rendered ? std::move(*rendered) : RenderedMarkdown{};
}

std::string Html(std::string_view markdown, const LinkTargets& targets = {}) {
  return Render(markdown, targets).html;
}

core::Error RenderError(std::string_view markdown, const MarkdownLimits& limits = {}) {
  auto rendered = RenderMarkdown(markdown, {}, limits);
  EXPECT_FALSE(rendered.has_value());
  return rendered ? core::Error(core::ErrorCode::kInternal, "rendered") : rendered.error();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

// Decodes the character references a browser would decode in an attribute value.
std::string DecodeEntities(std::string_view s) {
  static const std::map<std::string, std::string, std::less<>> kNamed = {
      {"amp", "&"},   {"lt", "<"},     {"gt", ">"},       {"quot", "\""}, {"apos", "'"},
      {"colon", ":"}, {"tab", "\t"},   {"newline", "\n"}, {"sol", "/"},   {"lpar", "("},
      {"rpar", ")"},  {"period", "."}, {"num", "#"}};
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::size_t semicolon = s.find(';', i);
    if (s[i] != '&' || semicolon == std::string_view::npos || semicolon - i > 10) {
      out += s[i];
      continue;
    }
    const std::string_view ref = s.substr(i + 1, semicolon - i - 1);
    if (ref.starts_with('#')) {
      const bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
      const unsigned long code =
          std::stoul(std::string(ref.substr(hex ? 2 : 1)), nullptr, hex ? 16 : 10);
      out += code < 0x80 ? static_cast<char>(code) : '?';
    } else if (auto it = kNamed.find(Lower(ref)); it != kNamed.end()) {
      out += it->second;
    } else {
      out += s.substr(i, semicolon - i + 1);
    }
    i = semicolon;
  }
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Attributes a browser follows as URLs; script text in any other (id, title, class) is inert.
bool IsUrlAttribute(std::string_view name) {
  for (const std::string_view url : {"href", "src", "action", "formaction", "data", "srcset",
                                     "poster", "background", "xlink:href"}) {
    if (name == url) return true;
  }
  return false;
}

// Fails the test when the attribute `name`="`value`" could run script.
void ExpectHarmlessAttribute(std::string_view tag, const std::string& name,
                             std::string_view value) {
  EXPECT_FALSE(name.starts_with("on")) << "event handler in " << tag;
  EXPECT_NE(name, "style") << tag;
  if (!IsUrlAttribute(name)) return;
  std::string url = Lower(DecodeEntities(value));
  std::erase_if(url, [](unsigned char c) { return c <= 0x20 || c == 0x7F; });
  if (url.starts_with('#')) return;  // a fragment runs nothing
  EXPECT_EQ(url.find("javascript:"), std::string::npos) << tag;
  EXPECT_EQ(url.find("vbscript:"), std::string::npos) << tag;
  EXPECT_FALSE(url.starts_with("data:")) << tag;
}

// Fails the test when `html` holds anything that could run script in a browser. Reads the
// tags as a browser would (names, then attributes with quoted or bare values), without
// std::regex, which is slow and recursive on long inputs.
void ExpectNoScript(std::string_view html) {
  const std::string lower = Lower(html);
  for (const char* tag : {"<script", "<iframe", "<svg", "<style", "<object", "<embed", "<math",
                          "<form", "<base", "<meta", "<link", "<textarea", "<xmp"}) {
    EXPECT_EQ(lower.find(tag), std::string::npos) << tag << " in " << html.substr(0, 2000);
  }
  for (std::size_t open = html.find('<'); open != std::string_view::npos;
       open = html.find('<', open + 1)) {
    if (html.substr(open).starts_with("<!--")) {
      const std::size_t end = html.find("-->", open);
      ASSERT_NE(end, std::string_view::npos);
      open = end;
      continue;
    }
    std::size_t pos = open + 1;
    if (pos < html.size() && html[pos] == '/') ++pos;
    while (pos < html.size() && std::isalnum(static_cast<unsigned char>(html[pos]))) ++pos;
    while (true) {
      while (pos < html.size() && (IsSpace(html[pos]) || html[pos] == '/')) ++pos;
      ASSERT_LT(pos, html.size()) << "unterminated tag";
      if (html[pos] == '>') break;
      const std::size_t name_start = pos;
      while (pos < html.size() && !IsSpace(html[pos]) && html[pos] != '=' && html[pos] != '>' &&
             html[pos] != '/') {
        ++pos;
      }
      const std::string name = Lower(html.substr(name_start, pos - name_start));
      std::string_view value;
      if (pos < html.size() && html[pos] == '=') {
        ++pos;
        if (pos < html.size() && (html[pos] == '"' || html[pos] == '\'')) {
          const std::size_t close = html.find(html[pos], pos + 1);
          ASSERT_NE(close, std::string_view::npos) << "unterminated attribute value";
          value = html.substr(pos + 1, close - pos - 1);
          pos = close + 1;
        } else {
          const std::size_t value_start = pos;
          while (pos < html.size() && !IsSpace(html[pos]) && html[pos] != '>') ++pos;
          value = html.substr(value_start, pos - value_start);
        }
      }
      ExpectHarmlessAttribute(html.substr(open, pos - open), name, value);
    }
    open = pos;
  }
}

// --- GitHub-flavoured rendering ---

TEST(RenderMarkdown, RendersCommonMark) {
  EXPECT_EQ(Html("Hello *world*, **bold** and `a < b`"),
            "<p>Hello <em>world</em>, <strong>bold</strong> and <code>a &lt; b</code></p>\n");
  EXPECT_EQ(Html("> quoted\n\n1. one\n2. two\n\n---"),
            "<blockquote>\n<p>quoted</p>\n</blockquote>\n<ol>\n<li>one</li>\n<li>two</li>\n"
            "</ol>\n<hr />\n");
  EXPECT_EQ(Html(""), "");
}

TEST(RenderMarkdown, RendersTablesWithAlignment) {
  const std::string html = Html("| Name | Count |\n|:-----|------:|\n| a \\| b | 2 |\n");
  EXPECT_THAT(html, HasSubstr("<table>"));
  EXPECT_THAT(html, HasSubstr("<th align=\"left\">Name</th>"));
  EXPECT_THAT(html, HasSubstr("<th align=\"right\">Count</th>"));
  EXPECT_THAT(html, HasSubstr("<td align=\"left\">a | b</td>"));
  EXPECT_THAT(html, HasSubstr("<td align=\"right\">2</td>"));
}

TEST(RenderMarkdown, RendersTaskListsAsDisabledCheckboxes) {
  const std::string html = Html("- [ ] to do\n- [x] done\n");
  EXPECT_THAT(html, HasSubstr("<li><input type=\"checkbox\" disabled=\"\" /> to do</li>"));
  EXPECT_THAT(html,
              HasSubstr("<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</li>"));
}

TEST(RenderMarkdown, RendersFencedCodeWithALanguageClass) {
  EXPECT_EQ(Html("```cpp\nint x = 1 < 2;\n```\n"),
            "<pre><code class=\"language-cpp\">int x = 1 &lt; 2;\n</code></pre>\n");
  EXPECT_EQ(Html("```\"><script>\nx\n```\n"),
            "<pre><code class=\"language-&quot;&gt;&lt;script&gt;\">x\n</code></pre>\n");
}

TEST(RenderMarkdown, RendersStrikethrough) {
  EXPECT_EQ(Html("~~old~~ and ~gone~"), "<p><del>old</del> and <del>gone</del></p>\n");
}

TEST(RenderMarkdown, RendersAutolinks) {
  const std::string html =
      Html("See www.example.com, https://example.org/a?b=1&c=2 and a@b.example");
  EXPECT_THAT(html, HasSubstr("<a href=\"http://www.example.com\">www.example.com</a>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"https://example.org/a?b=1&amp;c=2\">"));
  EXPECT_THAT(html, HasSubstr("<a href=\"mailto:a@b.example\">a@b.example</a>"));
  EXPECT_THAT(Html("<https://example.com>"),
              HasSubstr("<a href=\"https://example.com\">https://example.com</a>"));
}

TEST(RenderMarkdown, RendersFootnotes) {
  const std::string html = Html("Text[^1].\n\n[^1]: The note.\n");
  EXPECT_THAT(html, HasSubstr("<a href=\"#fn-1\" id=\"fnref-1\""));
  EXPECT_THAT(html, HasSubstr("<li id=\"fn-1\">"));
  EXPECT_THAT(html, HasSubstr("The note."));
}

TEST(RenderMarkdown, KeepsExternalAndRelativeLinks) {
  EXPECT_EQ(Html("[a](https://example.com/x \"Title\") [b](/kb/x) [c](#part) [d](../y.png) "
                 "[e](mailto:a@b.example) [f](HTTP://EXAMPLE.COM) [g](<a b.pdf>) [h]()"),
            "<p><a href=\"https://example.com/x\" title=\"Title\">a</a> <a href=\"/kb/x\">b</a> "
            "<a href=\"#part\">c</a> <a href=\"../y.png\">d</a> "
            "<a href=\"mailto:a@b.example\">e</a> <a href=\"HTTP://EXAMPLE.COM\">f</a> "
            "<a href=\"a%20b.pdf\">g</a> <a href=\"\">h</a></p>\n");
  EXPECT_EQ(Html("![logo](https://example.com/l.png)"),
            "<p><img src=\"https://example.com/l.png\" alt=\"logo\" /></p>\n");
}

TEST(RenderMarkdown, ReplacesInvalidUtf8AndNulBytes) {
  EXPECT_EQ(Html("caf\xC3\xA9 \xFF"), "<p>café \xEF\xBF\xBD</p>\n");
  EXPECT_EQ(Html(std::string("a\0b", 3)),
            "<p>a\xEF\xBF\xBD"
            "b</p>\n");
}

// --- headings ---

TEST(RenderMarkdown, GivesHeadingsUniqueAnchors) {
  const RenderedMarkdown r = Render(
      "# Intro\n\n## Set *up* `fast`\n\nIntro\n=====\n\n### Café au lait\n\n## !!!\n\n## 🎉\n");
  EXPECT_THAT(
      r.headings,
      ElementsAre(Heading{2, "Intro", "intro"}, Heading{3, "Set up fast", "set-up-fast"},
                  Heading{2, "Intro", "intro-1"}, Heading{4, "Café au lait", "café-au-lait"},
                  Heading{3, "!!!", "section"}, Heading{3, "🎉", "section-1"}));
  EXPECT_THAT(r.html, HasSubstr("<h2 id=\"intro\">Intro</h2>"));
  EXPECT_THAT(r.html, HasSubstr("<h3 id=\"set-up-fast\">Set <em>up</em> <code>fast</code></h3>"));
  EXPECT_THAT(r.html, HasSubstr("<h2 id=\"intro-1\">Intro</h2>"));
  EXPECT_THAT(r.html, HasSubstr("<h4 id=\"café-au-lait\">Café au lait</h4>"));
  EXPECT_THAT(r.html, HasSubstr("<h3 id=\"section-1\">🎉</h3>"));
}

// The page shows the article's title as its <h1>; a body never adds a second one.
TEST(RenderMarkdown, RendersHeadingsOneLevelDown) {
  const RenderedMarkdown r = Render("# One\n\n#### Four\n\n##### Five\n\n###### Six\n");
  EXPECT_THAT(r.html, Not(HasSubstr("<h1")));
  EXPECT_THAT(r.html, HasSubstr("<h2 id=\"one\">One</h2>"));
  EXPECT_THAT(r.html, HasSubstr("<h5 id=\"four\">Four</h5>"));
  EXPECT_THAT(r.html, HasSubstr("<h6 id=\"five\">Five</h6>"));
  EXPECT_THAT(r.html, HasSubstr("<h6 id=\"six\">Six</h6>"));
  EXPECT_THAT(r.headings, ElementsAre(Field(&Heading::level, 2), Field(&Heading::level, 5),
                                      Field(&Heading::level, 6), Field(&Heading::level, 6)));
}

TEST(RenderMarkdown, HeadingTextComesFromLinksImagesAndCode) {
  const RenderedMarkdown r =
      Render("## See [the guide](https://x.example) and ![icon](i.png) `v2`\n");
  ASSERT_EQ(r.headings.size(), 1U);
  EXPECT_EQ(r.headings[0].text, "See the guide and icon v2");
  EXPECT_EQ(r.headings[0].anchor, "see-the-guide-and-icon-v2");
}

TEST(RenderMarkdown, AnchorsOnlyRealHeadings) {
  const RenderedMarkdown r =
      Render("`<h1>` and \\<h2> and <h2>raw</h2>\n\n    <h3>code</h3>\n\n# Real\n");
  ASSERT_EQ(r.headings.size(), 1U);
  EXPECT_THAT(r.html, HasSubstr("<h2 id=\"real\">Real</h2>"));
  EXPECT_THAT(r.html, HasSubstr("<code>&lt;h1&gt;</code>"));
  EXPECT_THAT(r.html, Not(HasSubstr("<h2>")));
  EXPECT_THAT(r.html, Not(HasSubstr("<h3")));
}

TEST(RenderMarkdown, FindsHeadingsInQuotesListsAndFootnotesInOutputOrder) {
  const RenderedMarkdown r =
      Render("> # Quoted\n\n- ## Listed\n\nText[^n].\n\n[^n]: Note\n\n    # In note\n\n# Last\n");
  std::vector<std::string> anchors;
  for (const Heading& h : r.headings) anchors.push_back(h.anchor);
  EXPECT_THAT(anchors, ElementsAre("quoted", "listed", "last", "in-note"));
  std::size_t pos = 0;
  for (const std::string& anchor : anchors) {
    const std::size_t at = r.html.find("id=\"" + anchor + "\"");
    ASSERT_NE(at, std::string::npos) << anchor;
    EXPECT_GT(at, pos) << anchor;
    pos = at;
  }
}

// --- internal links ---

LinkTargets Targets() {
  LinkTargets targets;
  targets.article = [](std::string_view id) -> std::optional<std::string> {
    if (id == "A1" || id == "A2") return "/knowledge/articles/" + Lower(id);
    return std::nullopt;
  };
  targets.attachment = [](std::string_view id) -> std::optional<std::string> {
    if (id == "F1") return "/api/v1/attachments/f1";
    return std::nullopt;
  };
  return targets;
}

TEST(RenderMarkdown, ResolvesArticleAndAttachmentLinks) {
  const RenderedMarkdown r = Render(
      "[guide](article:A1) ![diagram](attachment:F1 \"Fig\") [setup](article:A1#set-up) "
      "[again](ARTICLE:A2)",
      Targets());
  EXPECT_EQ(r.html,
            "<p><a href=\"/knowledge/articles/a1\">guide</a> "
            "<img src=\"/api/v1/attachments/f1\" alt=\"diagram\" title=\"Fig\" /> "
            "<a href=\"/knowledge/articles/a1#set-up\">setup</a> "
            "<a href=\"/knowledge/articles/a2\">again</a></p>\n");
  EXPECT_THAT(r.article_links, ElementsAre("A1", "A2"));
  EXPECT_THAT(r.attachment_links, ElementsAre("F1"));
}

TEST(RenderMarkdown, RendersUnresolvedLinksAsTheirText) {
  const RenderedMarkdown r = Render(
      "[**gone** text](article:missing) ![a *b*](attachment:nope) [empty](article:) "
      "[frag](article:#x)",
      Targets());
  EXPECT_EQ(r.html, "<p><strong>gone</strong> text a <em>b</em> empty frag</p>\n");
  EXPECT_THAT(r.article_links, ElementsAre("missing"));  // empty ids are no reference
  EXPECT_THAT(r.attachment_links, ElementsAre("nope"));
}

TEST(RenderMarkdown, ReportsIdsEvenWithoutResolvers) {
  const RenderedMarkdown r =
      Render("[a](article:A1) [b](article:A1#x) [c](article:B) ![d](attachment:F1)");
  EXPECT_EQ(r.html, "<p>a b c d</p>\n");
  EXPECT_THAT(r.article_links, ElementsAre("A1", "B"));
  EXPECT_THAT(r.attachment_links, ElementsAre("F1"));
}

TEST(RenderMarkdown, ResolvesReferenceDefinitionsAndAutolinks) {
  const RenderedMarkdown r = Render("[ref][r] and <article:A2>\n\n[r]: article:A1\n", Targets());
  EXPECT_EQ(r.html,
            "<p><a href=\"/knowledge/articles/a1\">ref</a> and "
            "<a href=\"/knowledge/articles/a2\">article:A2</a></p>\n");
  EXPECT_THAT(r.article_links, ElementsAre("A1", "A2"));
}

TEST(RenderMarkdown, RewritesImagesInsideLinksAndLinksInsideImages) {
  EXPECT_EQ(Html("[![logo](attachment:F1)](article:A1)", Targets()),
            "<p><a href=\"/knowledge/articles/a1\"><img src=\"/api/v1/attachments/f1\" "
            "alt=\"logo\" /></a></p>\n");
  EXPECT_EQ(Html("[![logo](attachment:X)](article:X)", Targets()), "<p>logo</p>\n");
  EXPECT_EQ(Html("![see [x](article:X) now](attachment:Y)", Targets()), "<p>see x now</p>\n");
  EXPECT_EQ(Html("![see [x](article:A1)](attachment:F1)", Targets()),
            "<p><img src=\"/api/v1/attachments/f1\" alt=\"see x\" /></p>\n");
}

TEST(RenderMarkdown, ChecksResolvedUrlsLikeWrittenOnes) {
  LinkTargets targets;
  targets.article = [](std::string_view) -> std::optional<std::string> {
    return "javascript:alert(1)";
  };
  EXPECT_EQ(Html("[x](article:A1)", targets), "<p>x</p>\n");
}

TEST(RenderMarkdown, ResolversSeeTheIdWithoutTheFragment) {
  std::vector<std::string> seen;
  LinkTargets targets;
  targets.article = [&](std::string_view id) -> std::optional<std::string> {
    seen.emplace_back(id);
    return "/a";
  };
  Render("[x](article:A1#part) [y](article:A2)", targets);
  EXPECT_THAT(seen, UnorderedElementsAre("A1", "A2"));
}

TEST(FindReferences, ListsIdsWithoutRendering) {
  const auto refs = FindReferences(
      "[a](article:A1) ![b](attachment:F1) [c](article:A1#x) [d](article:A2)\n\n"
      "[unused]: article:NEVER\n\n`[code](article:CODE)`");
  ASSERT_TRUE(refs.has_value()) << refs.error().ToString();
  EXPECT_THAT(refs->article_links, ElementsAre("A1", "A2"));
  EXPECT_THAT(refs->attachment_links, ElementsAre("F1"));
  const auto none = FindReferences("plain [link](https://x.example)");
  ASSERT_TRUE(none.has_value());
  EXPECT_THAT(none->article_links, IsEmpty());
  EXPECT_THAT(none->attachment_links, IsEmpty());
}

TEST(FindReferences, AppliesTheLimits) {
  const auto refs = FindReferences(Repeat("a", 11), {.max_bytes = 10, .max_nesting = 64});
  ASSERT_FALSE(refs.has_value());
  EXPECT_EQ(refs.error().code(), core::ErrorCode::kTooLarge);
}

// --- safety ---

struct Hostile {
  const char* name;
  std::string markdown;
  std::string visible;  // text that must still show
};

void PrintTo(const Hostile& h, std::ostream* os) { *os << h.name; }

class HostileInput : public ::testing::TestWithParam<Hostile> {};

TEST_P(HostileInput, RendersTheTextButNoScript) {
  const auto rendered = RenderMarkdown(GetParam().markdown, Targets());
  ASSERT_TRUE(rendered.has_value()) << rendered.error().ToString();
  ExpectNoScript(rendered->html);
  EXPECT_THAT(rendered->html, HasSubstr(GetParam().visible));
}

INSTANTIATE_TEST_SUITE_P(
    RenderMarkdown, HostileInput,
    ::testing::Values(
        Hostile{"script_block", "<script>alert(1)</script>\n\nafter", "after"},
        Hostile{"script_inline", "before <script>alert(1)</script> after", "after"},
        Hostile{"img_onerror", "<img src=x onerror=alert(1)> hi", "hi"},
        Hostile{"a_javascript", "<a href=\"javascript:alert(1)\">click</a>", "click"},
        Hostile{"svg_onload", "<svg onload=alert(1)>x</svg>", "x"},
        Hostile{"iframe", "<iframe src=\"https://evil.example\"></iframe>\n\nok", "ok"},
        Hostile{"style", "<style>body{display:none}</style>\n\nshown", "shown"},
        Hostile{"comment", "<!-- <script>alert(1)</script> -->\n\nvisible", "visible"},
        Hostile{"event_attribute", "text <b onmouseover=alert(1)>bold</b>", "bold"},
        Hostile{"object", "<object data=\"x.swf\"></object>\n\nok", "ok"},
        Hostile{"md_link", "[x](javascript:alert(1))", "x"},
        Hostile{"md_image", "![pic](javascript:alert(1))", "pic"},
        Hostile{"mixed_case", "[x](JaVaScRiPt:alert(1))", "x"},
        Hostile{"leading_space", "[x]( javascript:alert(1))", "x"},
        Hostile{"tab_inside", "[x](<java\tscript:alert(1)>)", "x"},
        Hostile{"tab_entity", "[x](java&#x09;script:alert(1))", "x"},
        Hostile{"tab_named", "[x](&Tab;javascript:alert(1))", "x"},
        Hostile{"newline_entity", "[x](javascript&NewLine;:alert(1))", "x"},
        Hostile{"colon_entity", "[x](javascript&colon;alert(1))", "x"},
        Hostile{"decimal_entities", "[x](&#106;avascript&#58;alert(1))", "x"},
        Hostile{"hex_entities",
                "[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;"
                "&#x3A;alert(1))",
                "x"},
        Hostile{"percent_scheme", "[x](%6Aavascript:alert(1))", "x"},
        Hostile{"percent_colon", "[x](javascript%3Aalert(1))", "x"},
        Hostile{"control_prefix", "[x](<\x01javascript:alert(1)>)", "x"},
        Hostile{"nul_prefix", "[x](<&#0;javascript:alert(1)>)", "x"},
        Hostile{"backslash", "[x](java\\script:alert(1))", "x"},
        Hostile{"vbscript", "[x](vbscript:msgbox(1))", "x"},
        Hostile{"livescript", "[x](livescript:alert(1))", "x"},
        Hostile{"data_html", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "x"},
        Hostile{"data_svg", "![x](data:image/svg+xml;base64,PHN2Zz4=)", "x"},
        Hostile{"data_png", "![png](data:image/png;base64,iVBORw0KGgo=)", "png"},
        Hostile{"file", "[x](file:///etc/passwd)", "x"},
        Hostile{"autolink", "<javascript:alert(1)>", "javascript:alert(1)"},
        Hostile{"autolink_vbscript", "<VBSCRIPT:msgbox(1)>", "VBSCRIPT:msgbox(1)"},
        Hostile{"reference", "[x]\n\n[x]: javascript:alert(1)", "x"},
        Hostile{"reference_title", "[x]\n\n[x]: /ok \"a\\\" onmouseover=\\\"alert(1)\"", "x"},
        Hostile{"title_quote", "[x](/ok \"a\\\" onclick=alert(1) x\")", "x"},
        Hostile{"table", "| a |\n|---|\n| <script>alert(1)</script> **b** |", "<strong>b</strong>"},
        Hostile{"table_link", "| a |\n|---|\n| [c](javascript:alert(1)) |", "c"},
        Hostile{"task_list", "- [ ] <img src=x onerror=alert(1)> task", "task"},
        Hostile{"footnote_label", "x[^javascript:alert(1)]\n\n[^javascript:alert(1)]: n", "n"},
        Hostile{"code_info", "```js\" onload=\"alert(1)\n1\n```", "1"},
        Hostile{"heading", "# <script>alert(1)</script> title", "title"},
        Hostile{"article_scheme_in_autolink", "<article:x\"onmouseover=alert(1)>", "article"},
        Hostile{"html_block_types",
                "<div onclick=alert(1)>\n\n*em*\n\n</div>\n\n<textarea>\n\n<xmp><script>", "em"},
        Hostile{"entity_tag", "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;"}),
    [](const ::testing::TestParamInfo<Hostile>& param) { return std::string(param.param.name); });

TEST(RenderMarkdown, TreatsWwwAutolinksAsHttp) {
  // "javascript:" here is part of an http URL (host "www.javascript"), which runs nothing.
  EXPECT_EQ(Html("www.javascript:alert(1)"),
            "<p><a href=\"http://www.javascript:alert(1)\">www.javascript:alert(1)</a></p>\n");
}

TEST(RenderMarkdown, DropsLinksWithUnknownSchemes) {
  EXPECT_EQ(Html("[a](ftp://x.example/f) [b](tel:123) [c](foo:bar) [d](//x.example/y)"),
            "<p>a b c <a href=\"//x.example/y\">d</a></p>\n");
}

// --- limits ---

TEST(RenderMarkdown, RejectsTextOverTheSizeLimit) {
  const MarkdownLimits limits{.max_bytes = 100, .max_nesting = 64};
  EXPECT_TRUE(RenderMarkdown(Repeat("a", 100), {}, limits).has_value());
  const core::Error error = RenderError(Repeat("a", 101), limits);
  EXPECT_EQ(error.code(), core::ErrorCode::kTooLarge);
  EXPECT_EQ(error.field(), "body");

  const std::string just_under = Repeat("Some words in a paragraph.\n\n", (1 << 20) / 28);
  ASSERT_LE(just_under.size(), std::size_t{1} << 20U);
  EXPECT_TRUE(RenderMarkdown(just_under).has_value());
  EXPECT_EQ(RenderError(std::string((1 << 20) + 1, 'a')).code(), core::ErrorCode::kTooLarge);
}

TEST(RenderMarkdown, RejectsNestingBeyondTheLimit) {
  const MarkdownLimits limits{.max_bytes = 1 << 20, .max_nesting = 8};
  EXPECT_TRUE(RenderMarkdown(Repeat(">", 8) + " x", {}, limits).has_value());
  const core::Error error = RenderError(Repeat(">", 9) + " x", limits);
  EXPECT_EQ(error.code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(error.field(), "body");
  EXPECT_THAT(error.message(), HasSubstr("nested more than 8 levels"));

  std::string lists;
  for (int i = 0; i < 9; ++i) lists += std::string(2 * i, ' ') + "- item\n";
  EXPECT_EQ(RenderError(lists, limits).code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(RenderError(Repeat("*a **a ", 5) + "b" + Repeat(" a** a*", 5), limits).code(),
            core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(RenderError(Repeat("![", 9) + "a" + Repeat("](b)", 9), limits).code(),
            core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(RenderError(Repeat("~a ", 3) + Repeat("*a ", 3) + "[" + Repeat("**a ", 3) + "x" +
                            Repeat(" a**", 3) + "](u)" + Repeat(" a*", 3) + Repeat(" a~", 3),
                        limits)
                .code(),
            core::ErrorCode::kInvalidArgument);
}

// Inputs that are slow or recursive in naive parsers: each either renders or is refused with
// a nesting error, in well under a second (the bound leaves room for loaded machines).
TEST(RenderMarkdown, HandlesPathologicalInputsQuickly) {
  struct Case {
    const char* name;
    std::string markdown;
  };
  std::string nested_lists;
  for (int i = 0; i < 3'000; ++i) nested_lists += std::string(2 * (i % 100), ' ') + "- a\n";
  std::string backticks;
  for (int i = 1; i < 300; ++i) backticks += "e" + std::string(i, '`');
  const std::vector<Case> cases = {
      {"quotes", Repeat(">", 100'000)},
      {"spaced quotes", Repeat("> ", 50'000) + "a"},
      {"dash lists", Repeat("- ", 10'000) + "a"},
      {"indented lists", nested_lists},
      {"brackets", Repeat("[", 100'000)},
      {"nested brackets", Repeat("[", 50'000) + "a" + Repeat("]", 50'000)},
      {"stars", Repeat("*", 100'000)},
      {"stars with text", Repeat("*", 100'000) + "a"},
      {"nested emphasis", Repeat("*a **a ", 5'000) + "b" + Repeat(" a** a*", 5'000)},
      {"emphasis openers", Repeat("_a ", 30'000)},
      {"emphasis closers", Repeat("a_ ", 30'000)},
      {"mismatched emphasis", Repeat("*a_ ", 30'000)},
      {"link openers", Repeat("[a", 30'000)},
      {"link closers", Repeat("a]", 30'000)},
      {"unclosed links", Repeat("[a](<b", 20'000)},
      {"bracket parens", Repeat("[ (](", 20'000)},
      {"image links", Repeat(Repeat("![[]()", 250) + "\n\n", 20)},
      {"html comments", "</" + Repeat("<!--", 30'000)},
      {"backticks", backticks},
      {"tildes", Repeat("~a ", 30'000)},
      {"table rows", "a|b\n-|-\n" + Repeat("|x|y|\n", 10'000)},
      {"table pipes", "a|b\n-|-\n" + Repeat(Repeat("|", 256) + "\n", 100)},
      {"footnotes", Repeat("[^a]", 10'000) + "\n\n[^a]: x\n"},
      {"references", Repeat("[x]: /u\n", 10'000) + Repeat("[x] ", 10'000)},
      {"autolinks", Repeat("www.a.example a@b.example ", 5'000)},
      {"entities", Repeat("&#", 50'000)},
      {"nul bytes", std::string(100'000, '\0')},
  };

  for (const Case& c : cases) {
    const auto start = std::chrono::steady_clock::now();
    const auto rendered = RenderMarkdown(c.markdown);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::seconds(5)) << c.name;
    if (rendered) {
      ExpectNoScript(rendered->html);
    } else {
      EXPECT_EQ(rendered.error().code(), core::ErrorCode::kInvalidArgument) << c.name;
      EXPECT_THAT(rendered.error().message(), HasSubstr("nested")) << c.name;
    }
  }
}

TEST(RenderMarkdown, RefusesTableRowsWithTooManyCells) {
  EXPECT_TRUE(RenderMarkdown("a|b\n-|-\n" + Repeat("|", kMaxPipesPerLine)).has_value());
  const core::Error error = RenderError("a|b\n-|-\n" + Repeat("|", kMaxPipesPerLine + 1));
  EXPECT_EQ(error.code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(error.field(), "body");
  EXPECT_THAT(error.message(), HasSubstr("line 3"));
}

TEST(RenderMarkdown, RefusesParagraphsWithTooManyImageOpeners) {
  const std::string many = Repeat("![", kMaxImageOpenersPerParagraph);
  EXPECT_TRUE(RenderMarkdown(many + "\n\n" + many).has_value());
  EXPECT_TRUE(RenderMarkdown(many + "\r\n \r\n" + many).has_value());
  const core::Error error = RenderError(many + "\n" + "![");
  EXPECT_EQ(error.code(), core::ErrorCode::kInvalidArgument);
  EXPECT_THAT(error.message(), HasSubstr("line 2"));
}

// --- plain text ---

TEST(MarkdownToPlainText, KeepsTheVisibleTextOnly) {
  const auto text = MarkdownToPlainText(
      "# Title\n\nSome *emphasis*,  `code`\nand a [link](https://x.example).\n\n"
      "- one\n- [x] two\n\n| a | b |\n|---|---|\n| c | d |\n\n```\nblock   code\n```\n\n"
      "![alt text](x.png) <b>raw</b>\n\n<div>html block</div>\n\n> quote\n\n---\n\nend");
  ASSERT_TRUE(text.has_value()) << text.error().ToString();
  EXPECT_EQ(*text,
            "Title Some emphasis, code and a link. one two a b c d block code alt text raw quote "
            "end");
}

TEST(MarkdownToPlainText, IsEmptyForAnEmptyDocument) {
  EXPECT_EQ(MarkdownToPlainText("").value_or("x"), "");
  EXPECT_EQ(MarkdownToPlainText("  \n\n<!-- c -->\n").value_or("x"), "");
}

TEST(MarkdownToPlainText, AppliesTheLimits) {
  const auto too_big = MarkdownToPlainText("abc", {.max_bytes = 2, .max_nesting = 64});
  ASSERT_FALSE(too_big.has_value());
  EXPECT_EQ(too_big.error().code(), core::ErrorCode::kTooLarge);
  const auto too_deep = MarkdownToPlainText(Repeat(">", 100'000));
  ASSERT_FALSE(too_deep.has_value());
  EXPECT_EQ(too_deep.error().code(), core::ErrorCode::kInvalidArgument);
}

// --- threads ---

TEST(RenderMarkdown, GivesTheSameResultOnManyThreads) {
  // Strikethrough and autolinks depend on state cmark-gfm shares between parsers.
  const std::string markdown =
      Repeat("Text ~~gone~~ see www.example.com and ~x~ [a](article:A1)\n\n", 30);
  const std::string expected = Html(markdown, Targets());
  ASSERT_THAT(expected, HasSubstr("<del>gone</del>"));
  std::vector<int> mismatches(8, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 30; ++i) {
        auto rendered = RenderMarkdown(markdown, Targets());
        if (!rendered || rendered->html != expected) ++mismatches[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(mismatches, ::testing::Each(0));
}

}  // namespace
}  // namespace rapport::kb
