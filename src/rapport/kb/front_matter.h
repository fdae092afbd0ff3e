#pragma once

// YAML front matter, as Jekyll, Hugo, Obsidian and Docusaurus write it at the top of Markdown
// files, read through a documented safe subset of YAML and written so that it reads back
// exactly.
//
// A file has front matter only when its first line (after an optional UTF-8 byte-order mark)
// is exactly `---`, trailing spaces allowed; the front matter ends at the next line that is
// `---` or `...` (again with optional trailing spaces), and the body is everything after that
// line. Without front matter the whole text (less the byte-order mark) is the body. Lines may
// end in LF or CRLF.
//
// Inside, each line is blank, a comment (`# ...`), a top-level `key: value`, or a list item
// (`- item`) under a key whose value is empty:
//
//   title: Resetting your password       plain scalar: trimmed; " #" starts a comment
//   summary: 'It''s easy'                single-quoted: '' is a quote
//   note: "line\nbreak \u00e9"          double-quoted: \" \\ \/ \n \t \r \0 \xXX \uXXXX
//                                        (surrogate pairs combine) \UXXXXXXXX
//   tags: [accounts, "a, b", 'c']        flow list on one line; [] is an empty list
//   aliases:                             block list: every item at the same indentation
//     - old-name
//     - "another"
//   draft:                               nothing: the empty string
//
// Keys are [A-Za-z0-9_-]+, case-sensitive, unique, and start in the first column. Values are
// text: `true`, `90` or `2024-01-31` come back as written, and the importer interprets them.
// Everything else YAML can say is an error naming its line, never a silent misreading:
// anchors (&), aliases (*), tags (!), nested maps, nested lists, flow maps, multi-line block
// scalars (| and >), plain or quoted values continued on the next line, directives, tabs used
// for indentation, and reserved indicators (@ `). Limits: 64 KiB of front matter, 200 keys,
// 1000 items in a list. Bytes are not checked for UTF-8 validity: the importer validates text.
//
// Thread-safety: pure functions and value types.

#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace rapport::kb {

// A scalar or a list of scalars; both are text.
using FrontMatterValue = std::variant<std::string, std::vector<std::string>>;

struct FrontMatter {
  // In file order; keys are unique.
  std::vector<std::pair<std::string, FrontMatterValue>> fields;

  // The value of `key`, or nullptr. The pointer is valid while `fields` is not changed.
  const FrontMatterValue* Find(std::string_view key) const;

  friend bool operator==(const FrontMatter&, const FrontMatter&) = default;
};

struct MarkdownFile {
  FrontMatter front_matter;
  std::string body;
  int body_line = 1;  // 1-based line of the file on which the body starts
};

struct FrontMatterError {
  int line = 0;  // 1-based line of the file
  std::string message;

  // "line 3: anchors (&) are not supported"
  std::string ToString() const;
};

inline constexpr std::size_t kMaxFrontMatterBytes = 64 * 1024;
inline constexpr std::size_t kMaxFrontMatterKeys = 200;
inline constexpr std::size_t kMaxFrontMatterListItems = 1000;

// Splits `text` into its front matter and its body.
std::expected<MarkdownFile, FrontMatterError> ParseMarkdownFile(std::string_view text);

// `---`, one line per field, `---`, then `body`. Strings are written plain when that reads
// back the same and double-quoted otherwise; lists are written as flow lists. With no fields,
// `body` alone, unless it would read as front matter (or lose a byte-order mark), in which case
// an empty `---`/`---` block goes first.
// ParseMarkdownFile(WriteMarkdownFile(fm, body)) gives back exactly `fm` and `body`.
// REQUIRES: keys are [A-Za-z0-9_-]+ and unique, and the limits above hold.
std::string WriteMarkdownFile(const FrontMatter& front_matter, std::string_view body);

}  // namespace rapport::kb
