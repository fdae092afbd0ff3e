#include "rapport/kb/diff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "rapport/core/random.h"

namespace rapport::kb {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

DiffLine Eq(std::string text) { return {DiffOp::kEqual, std::move(text)}; }
DiffLine Ins(std::string text) { return {DiffOp::kInsert, std::move(text)}; }
DiffLine Del(std::string text) { return {DiffOp::kDelete, std::move(text)}; }

// Each line followed by '\n', so the text splits back into exactly these lines.
std::string Join(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

std::vector<std::string> Numbered(int count, std::string_view prefix = "line ") {
  std::vector<std::string> lines;
  for (int i = 1; i <= count; ++i) lines.push_back(std::string(prefix) + std::to_string(i));
  return lines;
}

// The lines of one side of a script: `from` without inserts, `to` without deletes.
std::vector<std::string> Side(const std::vector<DiffLine>& script, DiffOp skipped) {
  std::vector<std::string> lines;
  for (const DiffLine& line : script) {
    if (line.op != skipped) lines.push_back(line.text);
  }
  return lines;
}
std::vector<std::string> FromSide(const std::vector<DiffLine>& s) {
  return Side(s, DiffOp::kInsert);
}
std::vector<std::string> ToSide(const std::vector<DiffLine>& s) { return Side(s, DiffOp::kDelete); }

int EditCount(const std::vector<DiffLine>& script) {
  return static_cast<int>(std::ranges::count_if(
      script, [](const DiffLine& line) { return line.op != DiffOp::kEqual; }));
}

// "=-+" notation of a script's operations.
std::string Ops(const std::vector<DiffLine>& script) {
  std::string ops;
  for (const DiffLine& line : script) {
    ops.push_back(line.op == DiffOp::kEqual ? '=' : line.op == DiffOp::kDelete ? '-' : '+');
  }
  return ops;
}

// Reference: the fewest inserts plus deletes, n + m - 2 * LCS, by the O(NM) dynamic program.
int MinimalEdits(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      lcs[i][j] =
          a[i - 1] == b[j - 1] ? lcs[i - 1][j - 1] + 1 : std::max(lcs[i - 1][j], lcs[i][j - 1]);
    }
  }
  return static_cast<int>(a.size() + b.size()) - 2 * lcs[a.size()][b.size()];
}

bool DeletionsPrecedeInsertions(const std::vector<DiffLine>& script) {
  const std::string ops = Ops(script);
  return ops.find("+-") == std::string::npos;
}

TEST(DiffLines, IdenticalTextsAreAllEqual) {
  EXPECT_THAT(DiffLines("a\nb\n", "a\nb\n"), ElementsAre(Eq("a"), Eq("b")));
  EXPECT_THAT(DiffLines("", ""), IsEmpty());
}

TEST(DiffLines, EmptySidesAreAllInsertedOrDeleted) {
  EXPECT_THAT(DiffLines("", "a\nb\n"), ElementsAre(Ins("a"), Ins("b")));
  EXPECT_THAT(DiffLines("a\nb", ""), ElementsAre(Del("a"), Del("b")));
}

TEST(DiffLines, FinalNewlineDoesNotMakeAnotherLine) {
  EXPECT_THAT(DiffLines("a\n", "a"), ElementsAre(Eq("a")));
  EXPECT_THAT(DiffLines("a\n\n", "a\n"), ElementsAre(Eq("a"), Del("")));
  EXPECT_THAT(DiffLines("\n", ""), ElementsAre(Del("")));
}

TEST(DiffLines, PureInsertAndDelete) {
  EXPECT_THAT(DiffLines("a\nc\n", "a\nb\nc\n"), ElementsAre(Eq("a"), Ins("b"), Eq("c")));
  EXPECT_THAT(DiffLines("a\nb\nc\n", "a\nc\n"), ElementsAre(Eq("a"), Del("b"), Eq("c")));
  EXPECT_THAT(DiffLines("b\n", "a\nb\nc\n"), ElementsAre(Ins("a"), Eq("b"), Ins("c")));
}

TEST(DiffLines, PutsDeletionsBeforeInsertionsInAChange) {
  EXPECT_THAT(DiffLines("a\nx\ny\nb\n", "a\np\nq\nb\n"),
              ElementsAre(Eq("a"), Del("x"), Del("y"), Ins("p"), Ins("q"), Eq("b")));
  EXPECT_EQ(Ops(DiffLines("x\n", "y\n")), "-+");
}

TEST(DiffLines, FindsTheMinimalScriptOfMyersExample) {
  // "ABCABBA" → "CBABAC", the example of Myers (1986), has edit distance 5.
  const std::vector<std::string> a = {"A", "B", "C", "A", "B", "B", "A"};
  const std::vector<std::string> b = {"C", "B", "A", "B", "A", "C"};
  const std::vector<DiffLine> script = DiffLines(Join(a), Join(b));
  EXPECT_EQ(EditCount(script), 5);
  EXPECT_EQ(FromSide(script), a);
  EXPECT_EQ(ToSide(script), b);
}

TEST(DiffLines, KeepsCarriageReturnsAsPartOfTheLine) {
  EXPECT_THAT(DiffLines("a\r\nb\r\n", "a\nb\n"),
              ElementsAre(Del("a\r"), Del("b\r"), Ins("a"), Ins("b")));
  EXPECT_THAT(DiffLines("a\r\nb\r\n", "a\r\nc\r\n"),
              ElementsAre(Eq("a\r"), Del("b\r"), Ins("c\r")));
}

TEST(DiffLines, IsMinimalAndCorrectOnRandomInputs) {
  core::SeededRandom random(20240601);
  // Few distinct lines, so that there are many common subsequences to choose from.
  const std::vector<std::string> alphabet = {"a", "b", "c", "", "a "};
  const auto random_lines = [&] {
    std::vector<std::string> lines(random.Uniform(16));
    for (std::string& line : lines) line = alphabet[random.Uniform(alphabet.size())];
    return lines;
  };
  for (int round = 0; round < 500; ++round) {
    const std::vector<std::string> a = random_lines();
    const std::vector<std::string> b = random_lines();
    SCOPED_TRACE(testing::PrintToString(a) + " -> " + testing::PrintToString(b));
    const std::vector<DiffLine> script = DiffLines(Join(a), Join(b));
    ASSERT_EQ(FromSide(script), a);
    ASSERT_EQ(ToSide(script), b);
    ASSERT_EQ(EditCount(script), MinimalEdits(a, b));
    ASSERT_TRUE(DeletionsPrecedeInsertions(script)) << Ops(script);
  }
}

// Lines 1..100 with every odd-numbered one rewritten: edit distance 100.
struct EveryOtherLineChanged {
  std::vector<std::string> from = Numbered(100);
  std::vector<std::string> to = [this] {
    std::vector<std::string> lines = from;
    for (std::size_t i = 0; i < lines.size(); i += 2) lines[i] = "changed " + lines[i];
    return lines;
  }();
};

TEST(DiffLines, FallsBackToReplacingTheMiddleBeyondTheCap) {
  const EveryOtherLineChanged texts;
  ASSERT_EQ(MinimalEdits(texts.from, texts.to), 100);

  const std::vector<DiffLine> minimal = DiffLines(Join(texts.from), Join(texts.to), 100);
  EXPECT_EQ(EditCount(minimal), 100);

  // One below: lines 1..99 (the middle between the unchanged suffix "line 100" and the empty
  // common prefix) are deleted, then inserted.
  const std::vector<DiffLine> capped = DiffLines(Join(texts.from), Join(texts.to), 99);
  EXPECT_EQ(Ops(capped), std::string(99, '-') + std::string(99, '+') + "=");
  EXPECT_EQ(FromSide(capped), texts.from);
  EXPECT_EQ(ToSide(capped), texts.to);
}

TEST(DiffLines, CapAppliesToOddEditDistancesToo) {
  EveryOtherLineChanged texts;
  texts.to.insert(texts.to.begin() + 50, "brand new");
  ASSERT_EQ(MinimalEdits(texts.from, texts.to), 101);
  EXPECT_EQ(EditCount(DiffLines(Join(texts.from), Join(texts.to), 101)), 101);
  EXPECT_EQ(EditCount(DiffLines(Join(texts.from), Join(texts.to), 100)), 99 + 100);
}

TEST(DiffLines, ZeroCapStillTrimsCommonPrefixAndSuffix) {
  EXPECT_THAT(DiffLines("a\nb\nc\nd\n", "a\nx\nc\nd\n", 0),
              ElementsAre(Eq("a"), Del("b"), Ins("x"), Eq("c"), Eq("d")));
  EXPECT_THAT(DiffLines("a\nb\nc\nd\n", "a\nx\nc\ny\n", 0),
              ElementsAre(Eq("a"), Del("b"), Del("c"), Del("d"), Ins("x"), Ins("c"), Ins("y")));
  EXPECT_EQ(Ops(DiffLines("a\n", "a\n", 0)), "=");
}

TEST(DiffLines, HandlesLargeRevisionsWithFewChanges) {
  const std::vector<std::string> from = Numbered(10'000);
  std::vector<std::string> to = from;
  // Changes spread over the whole text, so trimming prefix and suffix does not remove them.
  for (std::size_t i = 17; i < to.size(); i += 997) to[i] = "edited " + to[i];
  to.erase(to.begin() + 5'000);
  to.insert(to.begin() + 9'000, "inserted");
  const std::vector<DiffLine> script = DiffLines(Join(from), Join(to));
  EXPECT_EQ(FromSide(script), from);
  EXPECT_EQ(ToSide(script), to);
  EXPECT_EQ(EditCount(script), 2 * 11 + 1 + 1);
}

TEST(DiffLines, LargeUnrelatedRevisionsStopAtTheCap) {
  const std::vector<std::string> from = Numbered(10'000, "old ");
  const std::vector<std::string> to = Numbered(10'000, "new ");
  const std::vector<DiffLine> script = DiffLines(Join(from), Join(to));
  EXPECT_EQ(Ops(script), std::string(10'000, '-') + std::string(10'000, '+'));
}

TEST(DiffLines, HandlesModeratelyDifferentRevisionsMinimally) {
  const std::vector<std::string> from = Numbered(2'000);
  std::vector<std::string> to = from;
  for (std::size_t i = 0; i < to.size(); i += 10) to[i] = "edited " + to[i];
  const std::vector<DiffLine> script = DiffLines(Join(from), Join(to));
  EXPECT_EQ(EditCount(script), 400);
  EXPECT_EQ(ToSide(script), to);
}

// Hunks -------------------------------------------------------------------------------------

// The lines of `side` the hunk says it covers equal the hunk's own lines of that side.
void ExpectConsistent(const DiffHunk& hunk, const std::vector<std::string>& from,
                      const std::vector<std::string>& to) {
  const auto slice = [](const std::vector<std::string>& lines, int first, int count) {
    return std::vector<std::string>(lines.begin() + first - 1, lines.begin() + first - 1 + count);
  };
  EXPECT_EQ(FromSide(hunk.lines), slice(from, hunk.from_line, hunk.from_count));
  EXPECT_EQ(ToSide(hunk.lines), slice(to, hunk.to_line, hunk.to_count));
}

TEST(Hunks, NoChangesNoHunks) {
  EXPECT_THAT(Hunks(DiffLines("a\nb\n", "a\nb\n")), IsEmpty());
  EXPECT_THAT(Hunks({}), IsEmpty());
}

TEST(Hunks, SurroundsAChangeWithContext) {
  const std::vector<std::string> from = Numbered(20, "l");
  std::vector<std::string> to = from;
  to[10] = "X";
  const std::vector<DiffHunk> hunks = Hunks(DiffLines(Join(from), Join(to)));
  ASSERT_EQ(hunks.size(), 1U);
  EXPECT_EQ(hunks[0].from_line, 8);
  EXPECT_EQ(hunks[0].to_line, 8);
  EXPECT_EQ(hunks[0].from_count, 7);
  EXPECT_EQ(hunks[0].to_count, 7);
  EXPECT_THAT(hunks[0].lines, ElementsAre(Eq("l8"), Eq("l9"), Eq("l10"), Del("l11"), Ins("X"),
                                          Eq("l12"), Eq("l13"), Eq("l14")));
}

TEST(Hunks, MergesChangesWhoseContextsTouch) {
  const std::vector<std::string> from = Numbered(30, "l");
  std::vector<std::string> close = from;
  close[4] = "X";   // l5
  close[11] = "Y";  // l12: six unchanged lines between
  EXPECT_EQ(Hunks(DiffLines(Join(from), Join(close))).size(), 1U);

  std::vector<std::string> apart = from;
  apart[4] = "X";   // l5
  apart[12] = "Y";  // l13: seven unchanged lines between
  const std::vector<DiffHunk> hunks = Hunks(DiffLines(Join(from), Join(apart)));
  ASSERT_EQ(hunks.size(), 2U);
  EXPECT_EQ(hunks[0].from_line, 2);
  EXPECT_EQ(hunks[0].from_count, 7);  // l2..l8
  EXPECT_EQ(hunks[1].from_line, 10);
  EXPECT_EQ(hunks[1].from_count, 7);  // l10..l16
  for (const DiffHunk& hunk : hunks) ExpectConsistent(hunk, from, apart);
}

TEST(Hunks, ClipsContextAtTheEdges) {
  const std::vector<std::string> from = Numbered(5, "l");
  std::vector<std::string> to = from;
  to.front() = "first";
  to.back() = "last";
  const std::vector<DiffHunk> hunks = Hunks(DiffLines(Join(from), Join(to)), 1);
  ASSERT_EQ(hunks.size(), 2U);
  EXPECT_THAT(hunks[0].lines, ElementsAre(Del("l1"), Ins("first"), Eq("l2")));
  EXPECT_EQ(hunks[0].from_line, 1);
  EXPECT_THAT(hunks[1].lines, ElementsAre(Eq("l4"), Del("l5"), Ins("last")));
  EXPECT_EQ(hunks[1].from_line, 4);
}

TEST(Hunks, ZeroOrNegativeContextShowsOnlyChanges) {
  const std::vector<DiffLine> script = DiffLines("a\nb\nc\n", "a\nx\nc\n");
  for (const int context : {0, -3}) {
    const std::vector<DiffHunk> hunks = Hunks(script, context);
    ASSERT_EQ(hunks.size(), 1U);
    EXPECT_THAT(hunks[0].lines, ElementsAre(Del("b"), Ins("x")));
    EXPECT_EQ(hunks[0].from_line, 2);
    EXPECT_EQ(hunks[0].to_line, 2);
  }
}

TEST(Hunks, NumbersLinesOfEachSide) {
  const std::vector<DiffHunk> into_empty = Hunks(DiffLines("", "a\nb\n"));
  ASSERT_EQ(into_empty.size(), 1U);
  EXPECT_EQ(into_empty[0].from_line, 1);
  EXPECT_EQ(into_empty[0].from_count, 0);
  EXPECT_EQ(into_empty[0].to_line, 1);
  EXPECT_EQ(into_empty[0].to_count, 2);

  const std::vector<std::string> from = Numbered(30, "l");
  std::vector<std::string> to = from;
  to.insert(to.begin() + 2, "new");  // after l2
  to[20] = "changed";                // l20, now the 21st line
  const std::vector<DiffHunk> hunks = Hunks(DiffLines(Join(from), Join(to)));
  ASSERT_EQ(hunks.size(), 2U);
  EXPECT_EQ(hunks[1].from_line, 17);
  EXPECT_EQ(hunks[1].to_line, 18);
  for (const DiffHunk& hunk : hunks) ExpectConsistent(hunk, from, to);
}

TEST(Hunks, CoverEveryChangeOnRandomInputs) {
  core::SeededRandom random(7);
  const std::vector<std::string> alphabet = {"a", "b", "c", "d", "e", "f"};
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> a(random.Uniform(40));
    for (std::string& line : a) line = alphabet[random.Uniform(alphabet.size())];
    std::vector<std::string> b = a;
    for (int edits = static_cast<int>(random.Uniform(4)); edits > 0 && !b.empty(); --edits) {
      b[random.Uniform(b.size())] = "z";
    }
    const std::vector<DiffLine> script = DiffLines(Join(a), Join(b));
    const auto context = static_cast<int>(random.Uniform(4));
    const std::vector<DiffHunk> hunks = Hunks(script, context);
    int changes = 0;
    for (const DiffHunk& hunk : hunks) {
      ExpectConsistent(hunk, a, b);
      changes += EditCount(hunk.lines);
    }
    EXPECT_EQ(changes, EditCount(script));
  }
}

}  // namespace
}  // namespace rapport::kb
