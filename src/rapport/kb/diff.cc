#include "rapport/kb/diff.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <optional>
#include <unordered_map>
#include <utility>

namespace rapport::kb {
namespace {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    if (newline == std::string_view::npos) {
      lines.push_back(text);
      break;
    }
    lines.push_back(text.substr(0, newline));
    text.remove_prefix(newline + 1);
  }
  return lines;
}

// One step of the script; `index` is a line of `from` (kEqual, kDelete) or of `to` (kInsert).
struct Edit {
  DiffOp op;
  int index;
};

struct Split {
  int x;  // lines of `a` before the split
  int y;  // lines of `b` before the split
};

// Myers' linear-space refinement: the middle snake of the optimal path splits the problem in
// two halves of about half the edit distance each, solved recursively. Lines are compared as
// interned ids. The bisection follows the formulation of Neil Fraser's diff-match-patch.
class Differ {
 public:
  // `a` and `b` hold line ids in [0, distinct).
  Differ(std::vector<int> a, std::vector<int> b, int distinct)
      : a_(std::move(a)), b_(std::move(b)), distinct_(distinct) {}

  // The script for the whole of a_ → b_. When the edit distance exceeds `max_edit_distance`
  // the middle left after trimming the common prefix and suffix is replaced wholesale.
  std::vector<Edit> Run(int max_edit_distance) {
    Diff(0, Size(a_), 0, Size(b_), max_edit_distance);
    return std::move(edits_);
  }

 private:
  static int Size(const std::vector<int>& v) { return static_cast<int>(v.size()); }

  void Emit(DiffOp op, int begin, int end) {
    for (int i = begin; i < end; ++i) edits_.push_back({op, i});
  }

  // Appends the script of a_[a0, a1) → b_[b0, b1). `cap` bounds the edit distance searched
  // for; beyond it the differing middle is deleted and inserted in full.
  void Diff(int a0, int a1, int b0, int b1, int cap) {
    while (a0 < a1 && b0 < b1 && a_[a0] == b_[b0]) {
      edits_.push_back({DiffOp::kEqual, a0});
      ++a0;
      ++b0;
    }
    int suffix = 0;
    while (a1 - suffix > a0 && b1 - suffix > b0 && a_[a1 - suffix - 1] == b_[b1 - suffix - 1]) {
      ++suffix;
    }
    a1 -= suffix;
    b1 -= suffix;

    std::optional<Split> split;
    if (a0 < a1 && b0 < b1 && !CertainlyBeyond(a0, a1, b0, b1, cap)) {
      split = Bisect(a0, a1, b0, b1, cap);
    }
    if (split) {
      constexpr int kUncapped = std::numeric_limits<int>::max();
      Diff(a0, split->x, b0, split->y, kUncapped);
      Diff(split->x, a1, split->y, b1, kUncapped);
    } else {
      Emit(DiffOp::kDelete, a0, a1);
      Emit(DiffOp::kInsert, b0, b1);
    }
    Emit(DiffOp::kEqual, a1, a1 + suffix);
  }

  // Whether the edit distance of a_[a0, a1) → b_[b0, b1) surely exceeds `cap`, by a cheap
  // bound: the LCS is at most the lines the two sides have in common, counted as multisets,
  // so D = n + m - 2 * LCS is at least n + m - 2 * common. Saves the O(cap^2) search on
  // revisions that share (almost) nothing.
  bool CertainlyBeyond(int a0, int a1, int b0, int b1, int cap) const {
    const long long n = a1 - a0;
    const long long m = b1 - b0;
    if (n + m <= cap) return false;
    if (std::abs(n - m) > cap) return true;
    std::vector<int> count(static_cast<std::size_t>(distinct_), 0);
    for (int i = a0; i < a1; ++i) ++count[static_cast<std::size_t>(a_[i])];
    long long common = 0;
    for (int j = b0; j < b1; ++j) {
      int& left = count[static_cast<std::size_t>(b_[j])];
      if (left > 0) {
        --left;
        ++common;
      }
    }
    return n + m - 2 * common > cap;
  }

  // The middle snake of a_[a0, a1) → b_[b0, b1), as the point after it; std::nullopt when the
  // edit distance exceeds `cap`. REQUIRES: both ranges non-empty, their first lines differ and
  // their last lines differ (so every split makes progress).
  std::optional<Split> Bisect(int a0, int a1, int b0, int b1, int cap) const {
    const int n = a1 - a0;
    const int m = b1 - b0;
    // A path of edit distance D meets its reverse at step ceil(D / 2) of each search.
    const long long max_steps = std::min<long long>((static_cast<long long>(n) + m + 1) / 2,
                                                    (static_cast<long long>(cap) + 1) / 2) +
                                1;
    const int steps = static_cast<int>(max_steps);
    const int offset = steps;
    const int length = 2 * steps + 2;
    std::vector<int> forward(length, -1);
    std::vector<int> reverse(length, -1);
    forward[offset + 1] = 0;
    reverse[offset + 1] = 0;
    const int delta = n - m;
    // With an odd delta the paths meet during a forward step, else during a reverse step.
    const bool front = delta % 2 != 0;
    // Diagonals that ran off the grid are skipped from then on.
    int k1_start = 0;
    int k1_end = 0;
    int k2_start = 0;
    int k2_end = 0;
    const auto a_at = [&](int x) { return a_[a0 + x]; };
    const auto b_at = [&](int y) { return b_[b0 + y]; };
    for (int d = 0; d < steps; ++d) {
      for (int k1 = -d + k1_start; k1 <= d - k1_end; k1 += 2) {
        const int k1_offset = offset + k1;
        int x1 = k1 == -d || (k1 != d && forward[k1_offset - 1] < forward[k1_offset + 1])
                     ? forward[k1_offset + 1]
                     : forward[k1_offset - 1] + 1;
        int y1 = x1 - k1;
        while (x1 < n && y1 < m && a_at(x1) == b_at(y1)) {
          ++x1;
          ++y1;
        }
        forward[k1_offset] = x1;
        if (x1 > n) {
          k1_end += 2;
        } else if (y1 > m) {
          k1_start += 2;
        } else if (front) {
          const int k2_offset = offset + delta - k1;
          if (k2_offset >= 0 && k2_offset < length && reverse[k2_offset] != -1 &&
              x1 >= n - reverse[k2_offset]) {
            if (2 * d - 1 > cap) return std::nullopt;
            return Split{a0 + x1, b0 + y1};
          }
        }
      }
      for (int k2 = -d + k2_start; k2 <= d - k2_end; k2 += 2) {
        const int k2_offset = offset + k2;
        int x2 = k2 == -d || (k2 != d && reverse[k2_offset - 1] < reverse[k2_offset + 1])
                     ? reverse[k2_offset + 1]
                     : reverse[k2_offset - 1] + 1;
        int y2 = x2 - k2;
        while (x2 < n && y2 < m && a_at(n - x2 - 1) == b_at(m - y2 - 1)) {
          ++x2;
          ++y2;
        }
        reverse[k2_offset] = x2;
        if (x2 > n) {
          k2_end += 2;
        } else if (y2 > m) {
          k2_start += 2;
        } else if (!front) {
          const int k1_offset = offset + delta - k2;
          if (k1_offset >= 0 && k1_offset < length && forward[k1_offset] != -1) {
            const int x1 = forward[k1_offset];
            const int y1 = x1 - (k1_offset - offset);
            if (x1 >= n - x2) {
              if (2 * d > cap) return std::nullopt;
              return Split{a0 + x1, b0 + y1};
            }
          }
        }
      }
    }
    return std::nullopt;  // only reached when the search was capped
  }

  std::vector<int> a_;
  std::vector<int> b_;
  int distinct_;
  std::vector<Edit> edits_;
};

// Within each run of changes, deletions first (stable, so each side keeps its order).
void DeletionsFirst(std::vector<Edit>& edits) {
  auto it = edits.begin();
  while (it != edits.end()) {
    const auto is_change = [](const Edit& e) { return e.op != DiffOp::kEqual; };
    auto run_begin = std::find_if(it, edits.end(), is_change);
    auto run_end = std::find_if_not(run_begin, edits.end(), is_change);
    // A stable partition by hand (std::stable_partition's temporary buffer is deprecated).
    std::vector<Edit> run;
    run.reserve(static_cast<std::size_t>(run_end - run_begin));
    std::copy_if(run_begin, run_end, std::back_inserter(run),
                 [](const Edit& e) { return e.op == DiffOp::kDelete; });
    std::copy_if(run_begin, run_end, std::back_inserter(run),
                 [](const Edit& e) { return e.op != DiffOp::kDelete; });
    std::copy(run.begin(), run.end(), run_begin);
    it = run_end;
  }
}

}  // namespace

std::vector<DiffLine> DiffLines(std::string_view from, std::string_view to, int max_edit_distance) {
  const std::vector<std::string_view> from_lines = SplitLines(from);
  const std::vector<std::string_view> to_lines = SplitLines(to);
  std::unordered_map<std::string_view, int> ids;
  const auto intern = [&ids](const std::vector<std::string_view>& lines) {
    std::vector<int> out;
    out.reserve(lines.size());
    for (const std::string_view line : lines) {
      out.push_back(ids.try_emplace(line, static_cast<int>(ids.size())).first->second);
    }
    return out;
  };
  std::vector<int> a = intern(from_lines);
  std::vector<int> b = intern(to_lines);

  std::vector<Edit> edits = Differ(std::move(a), std::move(b), static_cast<int>(ids.size()))
                                .Run(std::max(max_edit_distance, 0));
  DeletionsFirst(edits);

  std::vector<DiffLine> script;
  script.reserve(edits.size());
  for (const Edit& e : edits) {
    const auto index = static_cast<std::size_t>(e.index);
    const std::string_view text = e.op == DiffOp::kInsert ? to_lines[index] : from_lines[index];
    script.push_back({e.op, std::string(text)});
  }
  return script;
}

std::vector<DiffHunk> Hunks(const std::vector<DiffLine>& script, int context) {
  const std::size_t around = static_cast<std::size_t>(std::max(context, 0));
  const std::size_t n = script.size();
  const auto is_change = [&](std::size_t i) { return script[i].op != DiffOp::kEqual; };
  const auto next_change = [&](std::size_t i) {
    while (i < n && !is_change(i)) ++i;
    return i;
  };

  std::vector<DiffHunk> hunks;
  // Lines of each side before `scanned`.
  std::size_t scanned = 0;
  int from_before = 0;
  int to_before = 0;
  const auto count = [&](std::size_t i, int& from_lines, int& to_lines) {
    if (script[i].op != DiffOp::kInsert) ++from_lines;
    if (script[i].op != DiffOp::kDelete) ++to_lines;
  };

  for (std::size_t change = next_change(0); change < n;) {
    // The last change of this hunk: later changes join while the unchanged gap before them
    // is at most two contexts (their contexts would touch).
    std::size_t last = change;
    for (std::size_t next = next_change(last + 1); next < n && next - last - 1 <= 2 * around;
         next = next_change(last + 1)) {
      last = next;
      while (last + 1 < n && is_change(last + 1)) ++last;
    }
    const std::size_t begin = change > around ? change - around : 0;
    const std::size_t end = std::min(n, last + 1 + around);

    for (; scanned < begin; ++scanned) count(scanned, from_before, to_before);
    DiffHunk hunk;
    hunk.from_line = from_before + 1;
    hunk.to_line = to_before + 1;
    hunk.lines.assign(script.begin() + static_cast<std::ptrdiff_t>(begin),
                      script.begin() + static_cast<std::ptrdiff_t>(end));
    for (; scanned < end; ++scanned) count(scanned, hunk.from_count, hunk.to_count);
    from_before += hunk.from_count;
    to_before += hunk.to_count;
    hunks.push_back(std::move(hunk));
    change = next_change(end);
  }
  return hunks;
}

}  // namespace rapport::kb
