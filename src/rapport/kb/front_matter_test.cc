#include "rapport/kb/front_matter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace rapport::kb {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::VariantWith;
using List = std::vector<std::string>;

MarkdownFile Parse(std::string_view text) {
  auto file = ParseMarkdownFile(text);
  EXPECT_TRUE(file.has_value()) << file.error().ToString();
  return file ? std::move(*file) : MarkdownFile{};
}

FrontMatterError ErrorOf(std::string_view text) {
  auto file = ParseMarkdownFile(text);
  EXPECT_FALSE(file.has_value()) << "parsed: " << text;
  return file ? FrontMatterError{} : file.error();
}

// The value of the only field of `---\n<line>\n---\n`.
FrontMatterValue ValueOf(std::string_view line) {
  const MarkdownFile file = Parse("---\n" + std::string(line) + "\n---\n");
  EXPECT_EQ(file.front_matter.fields.size(), 1U) << line;
  return file.front_matter.fields.empty() ? FrontMatterValue{} : file.front_matter.fields[0].second;
}

std::string StringOf(std::string_view line) {
  const FrontMatterValue value = ValueOf(line);
  EXPECT_TRUE(std::holds_alternative<std::string>(value)) << line;
  return std::holds_alternative<std::string>(value) ? std::get<std::string>(value) : "";
}

TEST(ParseMarkdownFile, WithoutFrontMatterTheWholeTextIsTheBody) {
  for (const char* text : {"", "# Title\n\nBody\n", "---x\ntitle: x\n", "----\na: b\n----\n",
                           "text\n---\na: b\n---\n", " ---\na: b\n---\n"}) {
    const MarkdownFile file = Parse(text);
    EXPECT_THAT(file.front_matter.fields, IsEmpty()) << text;
    EXPECT_EQ(file.body, text);
    EXPECT_EQ(file.body_line, 1);
  }
}

TEST(ParseMarkdownFile, DropsTheByteOrderMark) {
  EXPECT_EQ(Parse("\xEF\xBB\xBF# Hi\n").body, "# Hi\n");
  const MarkdownFile file = Parse("\xEF\xBB\xBF---\ntitle: Hi\n---\nBody\n");
  EXPECT_THAT(file.front_matter.fields, ElementsAre(Pair("title", VariantWith<std::string>("Hi"))));
  EXPECT_EQ(file.body, "Body\n");
}

TEST(ParseMarkdownFile, ReadsEveryForm) {
  const MarkdownFile file = Parse(
      "---\n"
      "title: Resetting your password   # shown in the list\n"
      "summary: 'It''s easy'\n"
      "note: \"line\\nbreak \\u00e9\"\n"
      "tags: [accounts, \"a, b\", 'c']\n"
      "# a comment\n"
      "\n"
      "aliases:\n"
      "  - old-name\n"
      "  - \"another\"\n"
      "draft:\n"
      "weight: 90\n"
      "published: true\n"
      "---\n"
      "# Body\n");
  EXPECT_THAT(file.front_matter.fields,
              ElementsAre(Pair("title", VariantWith<std::string>("Resetting your password")),
                          Pair("summary", VariantWith<std::string>("It's easy")),
                          Pair("note", VariantWith<std::string>("line\nbreak \xC3\xA9")),
                          Pair("tags", VariantWith<List>(ElementsAre("accounts", "a, b", "c"))),
                          Pair("aliases", VariantWith<List>(ElementsAre("old-name", "another"))),
                          Pair("draft", VariantWith<std::string>("")),
                          Pair("weight", VariantWith<std::string>("90")),
                          Pair("published", VariantWith<std::string>("true"))));
  EXPECT_EQ(file.body, "# Body\n");
  EXPECT_EQ(file.body_line, 15);
}

TEST(ParseMarkdownFile, PlainScalarsAreTrimmedAndStopAtComments) {
  EXPECT_EQ(StringOf("a:    spaced out   "), "spaced out");
  EXPECT_EQ(StringOf("a: C# and F#"), "C# and F#");
  EXPECT_EQ(StringOf("a: value #comment"), "value");
  EXPECT_EQ(StringOf("a: value\t# comment"), "value");
  EXPECT_EQ(StringOf("a: # only a comment"), "");
  EXPECT_EQ(StringOf("a: http://example.com/x?y=1#frag"), "http://example.com/x?y=1#frag");
  EXPECT_EQ(StringOf("a: 2024-01-31T10:00:00Z"), "2024-01-31T10:00:00Z");
  EXPECT_EQ(StringOf("a: -5"), "-5");
  EXPECT_EQ(StringOf("a: ---"), "---");
  EXPECT_EQ(StringOf("a: a [b] {c}, d"), "a [b] {c}, d");
  EXPECT_EQ(StringOf("a: null"), "null");
  EXPECT_EQ(StringOf("a: ~"), "~");
  EXPECT_EQ(StringOf("a:"), "");
  EXPECT_EQ(StringOf("a:\t\tx"), "x");
}

TEST(ParseMarkdownFile, SingleQuotedDoublesItsQuotes) {
  EXPECT_EQ(StringOf("a: ''"), "");
  EXPECT_EQ(StringOf("a: ''''"), "'");
  EXPECT_EQ(StringOf("a: 'no \\escapes \\n # here: really'"), "no \\escapes \\n # here: really");
  EXPECT_EQ(StringOf("a: '  kept  '  # comment"), "  kept  ");
}

TEST(ParseMarkdownFile, DoubleQuotedReadsEscapes) {
  EXPECT_EQ(StringOf(R"(a: "q\" b\\ s\/ n\n t\t r\r")"), "q\" b\\ s/ n\n t\t r\r");
  EXPECT_EQ(StringOf(R"(a: "\x41\u00e9\u20AC\U0001F600")"),
            "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  EXPECT_EQ(StringOf(R"(a: "\uD83D\uDE00")"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(StringOf(R"(a: "nul\0")"), std::string("nul\0", 4));
  EXPECT_EQ(StringOf(R"(a: "it's # not a comment")"), "it's # not a comment");
  EXPECT_EQ(StringOf(R"(a: "")"), "");
}

TEST(ParseMarkdownFile, ReadsFlowLists) {
  EXPECT_THAT(ValueOf("a: []"), VariantWith<List>(IsEmpty()));
  EXPECT_THAT(ValueOf("a: [ ]  # none"), VariantWith<List>(IsEmpty()));
  EXPECT_THAT(ValueOf("a: [x]"), VariantWith<List>(ElementsAre("x")));
  EXPECT_THAT(ValueOf("a: [x, y,]"), VariantWith<List>(ElementsAre("x", "y")));
  EXPECT_THAT(ValueOf("a: [ two words , 'it''s' ,\"\\u00e9\"]"),
              VariantWith<List>(ElementsAre("two words", "it's", "\xC3\xA9")));
  EXPECT_THAT(ValueOf("a: [C#, x#y]"), VariantWith<List>(ElementsAre("C#", "x#y")));
}

TEST(ParseMarkdownFile, ReadsBlockLists) {
  const MarkdownFile file = Parse(
      "---\n"
      "flush:\n"
      "- one\n"
      "-   two   # comment\n"
      "-\n"
      "indented: # a comment before the items\n"
      "    - 'a: b'\n"
      "\n"
      "    # between items\n"
      "    - \"[quoted]\"\n"
      "after: x\n"
      "---\n");
  EXPECT_THAT(file.front_matter.fields,
              ElementsAre(Pair("flush", VariantWith<List>(ElementsAre("one", "two", ""))),
                          Pair("indented", VariantWith<List>(ElementsAre("a: b", "[quoted]"))),
                          Pair("after", VariantWith<std::string>("x"))));
}

TEST(ParseMarkdownFile, ReportsTheBodyLineAndKeepsTheBodyExactly) {
  const MarkdownFile file = Parse("---\r\ntitle: x\r\n---  \r\n\r\n---\r\nbody\r\n");
  EXPECT_THAT(file.front_matter.fields, ElementsAre(Pair("title", VariantWith<std::string>("x"))));
  EXPECT_EQ(file.body, "\r\n---\r\nbody\r\n");
  EXPECT_EQ(file.body_line, 4);

  const MarkdownFile dots = Parse("---\na: b\n...\nrest");
  EXPECT_EQ(dots.body, "rest");
  EXPECT_EQ(dots.body_line, 4);

  const MarkdownFile empty = Parse("---\n---");
  EXPECT_THAT(empty.front_matter.fields, IsEmpty());
  EXPECT_EQ(empty.body, "");
  EXPECT_EQ(empty.body_line, 3);
}

TEST(ParseMarkdownFile, FindLooksUpKeysCaseSensitively) {
  const MarkdownFile file = Parse("---\nTitle: a\ntitle: b\n---\n");
  ASSERT_NE(file.front_matter.Find("title"), nullptr);
  EXPECT_EQ(std::get<std::string>(*file.front_matter.Find("title")), "b");
  EXPECT_EQ(std::get<std::string>(*file.front_matter.Find("Title")), "a");
  EXPECT_EQ(file.front_matter.Find("TITLE"), nullptr);
}

struct ErrorCase {
  const char* text;
  int line;
  const char* message;
};

TEST(ParseMarkdownFile, RejectsWhatItDoesNotSupportNamingTheLine) {
  const ErrorCase cases[] = {
      {"---\ntitle: x\n", 1, "never closed"},
      {"---\n", 1, "never closed"},
      {"---\na: 1\nb: 2\na: 3\n---\n", 4, "duplicate key `a`"},
      {"---\na: &anchor x\n---\n", 2, "anchors"},
      {"---\na: *alias\n---\n", 2, "aliases"},
      {"---\na: !!str x\n---\n", 2, "tags"},
      {"---\na: |\n  text\n---\n", 2, "block values"},
      {"---\na: >-\n  text\n---\n", 2, "block values"},
      {"---\na:\n  b: c\n---\n", 3, "nested maps"},
      {"---\na: b: c\n---\n", 2, "nested maps"},
      {"---\na: b:\n---\n", 2, "nested maps"},
      {"---\na: {b: c}\n---\n", 2, "nested maps"},
      {"---\na: x\n  continued\n---\n", 3, "continued on the next line"},
      {"---\na: - x\n---\n", 2, "nested lists"},
      {"---\na:\n- - x\n---\n", 3, "nested lists"},
      {"---\na:\n- [x]\n---\n", 3, "nested lists"},
      {"---\na: [[x]]\n---\n", 2, "nested lists"},
      {"---\na: [x, {y: 1}]\n---\n", 2, "nested maps"},
      {"---\na: [x\n---\n", 2, "not closed"},
      {"---\na: [x,, y]\n---\n", 2, "empty item"},
      {"---\na: [x] y\n---\n", 2, "unexpected text"},
      {"---\na: [x y: z]\n---\n", 2, "nested maps"},
      {"---\na: [x]#c\n---\n", 2, "unexpected text"},
      {"---\na: \"open\n---\n", 2, "not closed"},
      {"---\na: 'open\n---\n", 2, "not closed"},
      {"---\na: \"x\" y\n---\n", 2, "unexpected text"},
      {"---\na: \"\\q\"\n---\n", 2, "unsupported escape"},
      {"---\na: \"\\u12\"\n---\n", 2, "hex digits"},
      {"---\na: \"\\uD800\"\n---\n", 2, "surrogate"},
      {"---\na: \"\\uD800\\u0041\"\n---\n", 2, "surrogate"},
      {"---\na: \"\\U00110000\"\n---\n", 2, "U+10FFFF"},
      {"---\n--- x\n---\n", 2, "more than one YAML document"},
      {"---\n%YAML 1.2\n---\n", 2, "directives"},
      {"---\n? complex\n---\n", 2, "complex keys"},
      {"---\n\"quoted\": x\n---\n", 2, "quoted keys"},
      {"---\nmy key: x\n---\n", 2, "expected `key: value`"},
      {"---\nkey:value\n---\n", 2, "space after `:`"},
      {"---\njust text\n---\n", 2, "expected `key: value`"},
      {"---\n- orphan\n---\n", 2, "without a key"},
      {"---\na: x\n- y\n---\n", 3, "already has a value"},
      {"---\na:\n  - x\n    - y\n---\n", 4, "line up"},
      {"---\na:\n\t- x\n---\n", 3, "tabs"},
      {"---\na: @x\n---\n", 2, "cannot start with `@`"},
      {"---\na: `x`\n---\n", 2, "cannot start with"},
      {"---\na: ,x\n---\n", 2, "cannot start with"},
      {"---\na: : x\n---\n", 2, "cannot start with `: `"},
  };
  for (const ErrorCase& c : cases) {
    const FrontMatterError e = ErrorOf(c.text);
    EXPECT_EQ(e.line, c.line) << c.text << " -> " << e.ToString();
    EXPECT_THAT(e.message, HasSubstr(c.message)) << c.text;
  }
}

TEST(ParseMarkdownFile, ErrorsPrintTheirLine) {
  EXPECT_EQ(ErrorOf("---\na: &x y\n---\n").ToString(), "line 2: anchors (&) are not supported");
}

TEST(ParseMarkdownFile, EnforcesLimits) {
  std::string keys = "---\n";
  for (std::size_t i = 0; i < kMaxFrontMatterKeys; ++i) keys += "k" + std::to_string(i) + ": v\n";
  EXPECT_TRUE(ParseMarkdownFile(keys + "---\n").has_value());
  const FrontMatterError too_many = ErrorOf(keys + "extra: v\n---\n");
  EXPECT_EQ(too_many.line, static_cast<int>(kMaxFrontMatterKeys) + 2);
  EXPECT_THAT(too_many.message, HasSubstr("more than 200 keys"));

  std::string items = "---\nlist:\n";
  for (std::size_t i = 0; i < kMaxFrontMatterListItems; ++i) items += "- x\n";
  EXPECT_TRUE(ParseMarkdownFile(items + "---\n").has_value());
  EXPECT_THAT(ErrorOf(items + "- x\n---\n").message, HasSubstr("more than 1000 items"));
  std::string flow = "---\nlist: [x";
  for (std::size_t i = 0; i < kMaxFrontMatterListItems; ++i) flow += ", x";
  EXPECT_THAT(ErrorOf(flow + "]\n---\n").message, HasSubstr("more than 1000 items"));

  const std::string big = "---\na: \"" + std::string(kMaxFrontMatterBytes, 'x') + "\"\n---\n";
  const FrontMatterError large = ErrorOf(big);
  EXPECT_EQ(large.line, 2);
  EXPECT_THAT(large.message, HasSubstr("longer than 64 KiB"));
  // Without a closing line, the search stops at the limit too.
  EXPECT_THAT(ErrorOf("---\n" + std::string(kMaxFrontMatterBytes + 1, '\n')).message,
              HasSubstr("longer than 64 KiB"));
}

FrontMatter Fields(std::vector<std::pair<std::string, FrontMatterValue>> fields) {
  return FrontMatter{.fields = std::move(fields)};
}

TEST(WriteMarkdownFile, WritesPlainWhenItReadsBackAndQuotesOtherwise) {
  const FrontMatter fm = Fields({
      {"title", std::string("Resetting your password")},
      {"weight", std::string("90")},
      {"empty", std::string("")},
      {"colon", std::string("Note: read this")},
      {"hash", std::string("a #b")},
      {"csharp", std::string("C#")},
      {"spaces", std::string(" padded ")},
      {"quote", std::string("\"q\" \\ 'single'")},
      {"lines", std::string("one\ntwo\r\x01")},
      {"dash", std::string("- item")},
      {"unicode", std::string("caf\xC3\xA9")},
      {"tags", List{"a", "b, c", "[x]", "", "x:y"}},
      {"none", List{}},
  });
  EXPECT_EQ(WriteMarkdownFile(fm, "Body\n"),
            "---\n"
            "title: Resetting your password\n"
            "weight: 90\n"
            "empty: \"\"\n"
            "colon: \"Note: read this\"\n"
            "hash: \"a #b\"\n"
            "csharp: C#\n"
            "spaces: \" padded \"\n"
            "quote: \"\\\"q\\\" \\\\ 'single'\"\n"
            "lines: \"one\\ntwo\\r\\x01\"\n"
            "dash: \"- item\"\n"
            "unicode: caf\xC3\xA9\n"
            "tags: [a, \"b, c\", \"[x]\", \"\", x:y]\n"
            "none: []\n"
            "---\n"
            "Body\n");
}

TEST(WriteMarkdownFile, WithoutFieldsWritesTheBodyAloneWhenThatIsSafe) {
  EXPECT_EQ(WriteMarkdownFile({}, "# Title\n"), "# Title\n");
  EXPECT_EQ(WriteMarkdownFile({}, "---\nnot: front matter\n---\n"),
            "---\n---\n---\nnot: front matter\n---\n");
  EXPECT_EQ(WriteMarkdownFile({}, "\xEF\xBB\xBFtext"), "---\n---\n\xEF\xBB\xBFtext");
}

// Random strings built from pieces that matter to YAML and to the file structure.
class Generator {
 public:
  explicit Generator(std::uint32_t seed) : random_(seed) {}

  std::string Text(int max_pieces) {
    static const std::vector<std::string> kPieces = {"a",
                                                     "Z",
                                                     "0",
                                                     "42",
                                                     " ",
                                                     "  ",
                                                     "\t",
                                                     "\n",
                                                     "\r",
                                                     "\r\n",
                                                     ":",
                                                     ": ",
                                                     "#",
                                                     " #",
                                                     "-",
                                                     "- ",
                                                     "?",
                                                     "'",
                                                     "''",
                                                     "\"",
                                                     "\\",
                                                     "\\n",
                                                     "[",
                                                     "]",
                                                     "{",
                                                     "}",
                                                     ",",
                                                     "&",
                                                     "*",
                                                     "!",
                                                     "|",
                                                     ">",
                                                     "%",
                                                     "@",
                                                     "`",
                                                     "~",
                                                     "...",
                                                     "---",
                                                     "true",
                                                     "null",
                                                     "\xC3\xA9",
                                                     "\xE6\x97\xA5\xE6\x9C\xAC",
                                                     "\xF0\x9F\x98\x80",
                                                     std::string(1, '\0'),
                                                     "\x7F",
                                                     "\x01",
                                                     "\xEF\xBB\xBF",
                                                     "\xFF",
                                                     "\\u00e9"};
    std::string out;
    const int pieces = Uniform(0, max_pieces);
    for (int i = 0; i < pieces; ++i) {
      out += kPieces[static_cast<std::size_t>(Uniform(0, static_cast<int>(kPieces.size()) - 1))];
    }
    return out;
  }

  std::string Key() {
    static constexpr std::string_view kChars =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
    std::string key;
    const int length = Uniform(1, 8);
    for (int i = 0; i < length; ++i) {
      key.push_back(
          kChars[static_cast<std::size_t>(Uniform(0, static_cast<int>(kChars.size()) - 1))]);
    }
    return key;
  }

  std::string Body() {
    static const std::vector<std::string> kLines = {
        "---\n", "...\n", "--- \n", "\r\n", "\n", "# Title\n", "text", "\xEF\xBB\xBF", "a: b\n"};
    std::string body;
    const int lines = Uniform(0, 5);
    for (int i = 0; i < lines; ++i) {
      body += kLines[static_cast<std::size_t>(Uniform(0, static_cast<int>(kLines.size()) - 1))];
    }
    return body;
  }

  int Uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }

 private:
  std::mt19937 random_;
};

TEST(WriteMarkdownFile, RoundTripsGeneratedFiles) {
  Generator gen(20240131);
  for (int round = 0; round < 3000; ++round) {
    FrontMatter fm;
    const int fields = gen.Uniform(0, 6);
    for (int f = 0; f < fields; ++f) {
      std::string key = gen.Key();
      if (fm.Find(key) != nullptr) continue;
      if (gen.Uniform(0, 2) == 0) {
        List items;
        const int count = gen.Uniform(0, 4);
        for (int i = 0; i < count; ++i) items.push_back(gen.Text(6));
        fm.fields.emplace_back(std::move(key), std::move(items));
      } else {
        fm.fields.emplace_back(std::move(key), gen.Text(8));
      }
    }
    const std::string body = gen.Body();
    const std::string written = WriteMarkdownFile(fm, body);
    const auto read = ParseMarkdownFile(written);
    ASSERT_TRUE(read.has_value()) << read.error().ToString() << "\n" << written;
    EXPECT_EQ(read->front_matter, fm) << written;
    EXPECT_EQ(read->body, body) << written;
  }
}

}  // namespace
}  // namespace rapport::kb
