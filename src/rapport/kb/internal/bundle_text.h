#pragma once

// Small text helpers of the bundle import and export. Thread-safety: pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/store/kb.h"

namespace rapport::kb {

// "a/b/c" -> {"a", "b", "c"}. Empty parts are dropped unless `keep_empty`.
std::vector<std::string_view> SplitPath(std::string_view path, bool keep_empty = false);
// The folder part of a bundle path: "a/b/c.md" -> "a/b"; "c.md" -> "".
std::string_view DirName(std::string_view path);
// The last part: "a/b/c.md" -> "c.md".
std::string_view BaseName(std::string_view path);
// The extension, lower-cased, without the dot: "a/B.HTML" -> "html"; "" when none.
std::string Extension(std::string_view path);

bool IsValidUtf8(std::string_view text);
std::string_view TrimAscii(std::string_view text);
std::string ToLowerAscii(std::string_view text);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// "2026-11-22T10:00:00Z", with optional fractional seconds (up to microseconds) and an
// optional "+hh:mm" / "-hh:mm" offset instead of "Z"; also a bare date "2026-11-22".
std::optional<core::TimePoint> ParseIsoTime(std::string_view text);

// A language tag in the simple shape "ll" / "lll", optionally "-rr" (2-8 letters or digits),
// lower-cased; nullopt otherwise. "en-US" -> "en-us".
std::optional<std::string> NormaliseLanguageTag(std::string_view text);

std::string_view StatusText(store::ArticleStatus status);  // "draft", "in_review", ...
std::optional<store::ArticleStatus> ParseStatusText(std::string_view text);
std::string_view VisibilityText(store::Visibility visibility);  // "internal", ...
std::optional<store::Visibility> ParseVisibilityText(std::string_view text);

// A folder name as a category name: '-' and '_' become spaces, runs of spaces collapse and
// the first letter is upper-cased ("getting-started" -> "Getting started").
std::string FolderDisplayName(std::string_view folder);

}  // namespace rapport::kb
