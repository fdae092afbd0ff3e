#pragma once

// A readable line diff between two revisions of an article, for the revision history.
//
// DiffLines computes a minimal edit script (Myers' O(ND) algorithm in linear space, after
// trimming the common prefix and suffix, with lines compared by interned ids). Minimal means
// the fewest inserted plus deleted lines; among equally short scripts, deletions come before
// insertions within each run of changes, as a reader expects. Because O(ND) degrades on
// revisions that share little, the search stops once the edit distance is known to exceed
// `max_edit_distance`, and the differing middle (what is left after trimming the common
// prefix and suffix) is then shown as deleted in full and inserted in full: still a correct
// script, only not a minimal one.
//
// Hunks groups a script for display like a unified diff: each change with up to `context`
// unchanged lines on either side, changes closer than 2 * context lines sharing one hunk.
//
// Thread-safety: pure functions and value types.

#include <string>
#include <string_view>
#include <vector>

namespace rapport::kb {

enum class DiffOp { kEqual, kInsert, kDelete };

struct DiffLine {
  DiffOp op = DiffOp::kEqual;
  std::string text;  // the line without its '\n'

  friend bool operator==(const DiffLine&, const DiffLine&) = default;
};

inline constexpr int kDefaultMaxEditDistance = 5000;

// The edit script turning `from` into `to`: kEqual and kDelete lines in order are `from`,
// kEqual and kInsert lines in order are `to`. Lines are split on '\n' only ("\r" stays part of
// the line, so a CRLF/LF change shows as changed lines); a final '\n' does not start another
// line, so "a\n" and "a" are both the single line "a", and "" has no lines.
std::vector<DiffLine> DiffLines(std::string_view from, std::string_view to,
                                int max_edit_distance = kDefaultMaxEditDistance);

struct DiffHunk {
  // 1-based number of the first line of the hunk in `from` and in `to`; when the hunk holds
  // no line of a side, the number the next line of that side has.
  int from_line = 0;
  int to_line = 0;
  int from_count = 0;  // kEqual + kDelete lines in the hunk
  int to_count = 0;    // kEqual + kInsert lines in the hunk
  std::vector<DiffLine> lines;

  friend bool operator==(const DiffHunk&, const DiffHunk&) = default;
};

// The changes of `script` (a DiffLines result) with `context` unchanged lines around them
// (negative counts as 0). No hunks when nothing changed.
std::vector<DiffHunk> Hunks(const std::vector<DiffLine>& script, int context = 3);

}  // namespace rapport::kb
