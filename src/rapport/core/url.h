#pragma once

// Building URLs from untrusted text (slugs, ids, file names) without letting the text change
// the URL's shape. Thread-safety: pure functions.

#include <string>
#include <string_view>

namespace rapport::core {

// `text` as one URL path segment: every byte outside the unreserved set of RFC 3986
// (A-Z a-z 0-9 - . _ ~) becomes %XX in upper-case hex, so "/", "?", "#" and "%" cannot end
// the segment or the path, and UTF-8 is encoded byte by byte ("a b/é" -> "a%20b%2F%C3%A9").
// A text of only "." or ".." stays as it is (and http::DecodePath refuses such a segment).
std::string EncodePathSegment(std::string_view text);

// `text` as the value of a query parameter ("?q=<value>"): the same encoding, which leaves
// no "&", "=", "#" or "+" to split or change the value.
inline std::string EncodeQueryComponent(std::string_view text) { return EncodePathSegment(text); }

}  // namespace rapport::core
