#pragma once

// Links between the files of a bundle: resolving a written link to a bundle path, finding the
// link destinations of Markdown, and the placeholders that stand for ids until the import
// plan has chosen them. Thread-safety: pure functions and immutable values.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/kb/bundle.h"

namespace rapport::kb {

struct BundleLink {
  std::string path;      // a normalised bundle path ("guide/other.md")
  std::string fragment;  // without the '#'; empty when none

  friend bool operator==(const BundleLink&, const BundleLink&) = default;
};

// True when `href` starts with a URL scheme ("https:", "mailto:", "article:"); sets `scheme`
// to it, lower-cased, without the colon.
bool HasUrlScheme(std::string_view href, std::string* scheme = nullptr);

// Resolves `href` as written in the file `from` (for HTML, already prefixed with the page's
// <base href>) to the bundle path it names: relative to `from`'s folder, or to the bundle root
// when it starts with '/'; percent-escapes decoded, "?query" dropped, "#fragment" kept apart.
// nullopt for URLs with a scheme or a host ("//host/x"), bare "#fragment" references and paths
// that climb out of the bundle.
std::optional<BundleLink> ResolveBundleLink(std::string_view from, std::string_view href);

// Calls `rewrite` with each link destination of `markdown` (inline links and images, and
// reference definitions), outside fenced code blocks and code spans; `image` is true for
// "![alt](dest)". When it returns a value, that value replaces the destination (written
// without angle brackets, so it must hold no spaces or parentheses).
using DestinationRewriter =
    std::function<std::optional<std::string>(std::string_view destination, bool image)>;
std::string RewriteMarkdownDestinations(std::string_view markdown,
                                        const DestinationRewriter& rewrite);

// Placeholders "<prefix><n>x" stand for the id of link target n until it is known. The prefix
// is chosen so that it occurs in no file of the bundle, so every occurrence in a converted body
// is one of ours.
class Placeholders {
 public:
  explicit Placeholders(const std::vector<BundleFile>& files);

  std::string Make(std::size_t index) const;
  // `text` with every placeholder replaced by `resolve(index)`.
  std::string Substitute(std::string_view text,
                         const std::function<std::string(std::size_t)>& resolve) const;
  const std::string& prefix() const { return prefix_; }

 private:
  std::string prefix_;
};

}  // namespace rapport::kb
