#pragma once

// URL slugs for articles and categories, and GitHub-style anchors for headings.
//
// A slug keeps what a reader recognises and turns the rest into single hyphens:
//   - ASCII letters are lower-cased and ASCII digits kept;
//   - non-ASCII characters are kept exactly as written, as whole UTF-8 code points ("Café au
//     lait" -> "café-au-lait", "日本語" stays); there is no case folding beyond ASCII and no
//     Unicode normalisation;
//   - every run of anything else becomes one '-': ASCII spaces, punctuation, symbols and
//     control characters, and the common non-ASCII spaces, punctuation and symbols (C1
//     controls, Latin-1 punctuation and signs, × and ÷, the blocks U+2000..U+2BFF (general
//     punctuation, currency, arrows, maths, box drawing, dingbats), supplemental and CJK
//     punctuation, full-width ASCII punctuation, specials such as U+FFFD, private-use
//     characters, and emoji (U+1F000..U+1FAFF), which are therefore dropped);
//   - invisible format characters (soft hyphen, zero-width space and joiners, bidi controls,
//     variation selectors, tag characters, byte-order mark) and invalid UTF-8 bytes are
//     dropped without a hyphen;
//   - there is never a leading, trailing or doubled '-', and the result is cut to at most
//     `max_bytes` on a code-point boundary.
// Punctuation of other scripts (e.g. the Arabic comma) is kept: the tables above cover the
// characters titles actually contain, not all of Unicode.
//
// Thread-safety: pure functions; an AnchorSet is a value used by one thread at a time.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace rapport::kb {

// The longest slug IsValidSlug accepts (a custom slug may be longer than a generated one).
inline constexpr std::size_t kMaxSlugBytes = 200;
// The length Slugify cuts generated slugs to by default.
inline constexpr std::size_t kDefaultSlugBytes = 80;

// The slug of `text` as described above. May be empty (nothing slug-worthy in `text`, or
// `max_bytes` == 0): the caller decides the fallback.
std::string Slugify(std::string_view text, std::size_t max_bytes = kDefaultSlugBytes);

// True when `slug` is non-empty, at most kMaxSlugBytes long and exactly of the shape Slugify
// produces: Slugify(slug, kMaxSlugBytes) == slug. So no '/', '.', '%', upper-case ASCII,
// whitespace, control characters or invalid UTF-8, and no leading, trailing or doubled '-'.
bool IsValidSlug(std::string_view slug);

// Anchors for the headings of one document, as GitHub makes them: the slug of the heading
// text; "section" when that slug is empty; a "-1", "-2", ... suffix when the anchor is taken
// already (by an earlier heading or by an earlier suffixed anchor).
class AnchorSet {
 public:
  // The anchor for the next heading, whose plain text is `heading_text`; never empty, never
  // returned before by this set.
  std::string Add(std::string_view heading_text);

 private:
  std::unordered_set<std::string> taken_;
  // The next suffix to try for a base anchor, so that many equal headings stay linear.
  std::unordered_map<std::string, int> next_suffix_;
};

}  // namespace rapport::kb
